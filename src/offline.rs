//! "Save for offline": fetches the bodies of the articles in the current list (the service
//! worker keeps what passes through it), after showing how much that will download.

use bantin_core::display::byte_size;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::app::use_ctx;
use crate::data::fetch_body;
use crate::list::Results;

/// Bytes one body file takes on the wire, estimated from its character count: Vietnamese
/// text is about 1.3 bytes a character in UTF-8 and compresses about 3:1.
fn estimated_bytes(body_chars: u32) -> u64 {
    (u64::from(body_chars) * 13 / 10 + 120) / 3
}

#[derive(Clone, Copy, PartialEq)]
enum Progress {
    Idle,
    Running { done: usize, total: usize },
    Finished { saved: usize, failed: usize },
}

#[component]
pub fn SaveOffline(results: Memo<Results>) -> impl IntoView {
    let ctx = use_ctx();
    let data = ctx.data.clone();
    let progress = RwSignal::new(Progress::Idle);
    let size = {
        let data = data.clone();
        Memo::new(move |_| {
            results.with(|r| {
                let bytes: u64 = r
                    .ids
                    .iter()
                    .map(|&i| estimated_bytes(data.catalog.articles[i].body_chars))
                    .sum();
                (r.ids.len(), bytes)
            })
        })
    };
    let start = {
        let data = data.clone();
        move |_| {
            let ids: Vec<String> = results.with_untracked(|r| {
                r.ids
                    .iter()
                    .map(|&i| data.catalog.articles[i].id.clone())
                    .collect()
            });
            let total = ids.len();
            progress.set(Progress::Running { done: 0, total });
            spawn_local(async move {
                let mut failed = 0;
                for (n, id) in ids.iter().enumerate() {
                    if fetch_body(id).await.is_err() {
                        failed += 1;
                    }
                    progress.set(Progress::Running { done: n + 1, total });
                }
                progress.set(Progress::Finished {
                    saved: total - failed,
                    failed,
                });
            });
        }
    };
    let label = move || {
        let t = use_ctx().t();
        let lang = use_ctx().lang();
        let (n, bytes) = size.get();
        format!(
            "{} ({n} {} {})",
            t.save_offline,
            t.save_offline_size,
            byte_size(bytes, lang)
        )
    };
    let status = move || {
        let t = use_ctx().t();
        match progress.get() {
            Progress::Idle => None,
            Progress::Running { done, total } => Some(format!("{} {done}/{total}", t.saving)),
            Progress::Finished { saved, failed: 0 } => {
                Some(format!("{} {saved}.", t.save_offline_done))
            }
            Progress::Finished { saved, .. } => Some(format!("{} {saved}.", t.save_offline_failed)),
        }
    };
    view! {
        <div class="bt-save-offline">
            <button
                type="button"
                on:click=start
                disabled=move || matches!(progress.get(), Progress::Running { .. }) || size.get().0 == 0
            >
                {label}
            </button>
            <p class="bt-hint" role="status">{status}</p>
        </div>
    }
}
