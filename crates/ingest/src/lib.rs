//! The ingest tool's library: turns raw scraped article pages into article records (the
//! export) and into the app's bundled data (catalog, lazily loaded bodies).

pub mod build;
pub mod congress;
pub mod dates;
pub mod events;
pub mod gazetteer;
pub mod locality;
pub mod overrides;
pub mod page;
pub mod record;
pub mod text;

use std::path::{Path, PathBuf};

pub use record::{process, Context, Record};

/// Files named on the command line, and the files inside named folders (recursively),
/// in a stable order. Hidden files are skipped inside folders.
pub fn collect_inputs(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            walk(p, &mut out).map_err(|e| format!("{}: {e}", p.display()))?;
        } else {
            out.push(p.clone());
        }
    }
    out.sort();
    out.dedup();
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let hidden = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        if path.is_dir() {
            walk(&path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}

/// The outcome of processing a set of files: the records, sorted by source file, and a
/// `<file>: <reason>` line for each file that was not an article.
pub struct Outcome {
    pub records: Vec<Record>,
    pub failures: Vec<String>,
}

pub fn process_all(files: &[PathBuf], cx: &Context) -> Outcome {
    let mut records: Vec<Record> = Vec::new();
    let mut failures = Vec::new();
    for f in files {
        let name = f
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| f.display().to_string());
        let result = std::fs::read(f)
            .map_err(|e| format!("cannot read: {e}"))
            .and_then(|bytes| process(&name, &bytes, cx));
        match result {
            Ok(r) => {
                if let Some(other) = records.iter().find(|o| o.id == r.id) {
                    failures.push(format!(
                        "{}: id {:?} already used by {}",
                        f.display(),
                        r.id,
                        other.source_file
                    ));
                } else {
                    records.push(r);
                }
            }
            Err(reason) => failures.push(format!("{}: {reason}", f.display())),
        }
    }
    records.sort_by(|a, b| a.source_file.cmp(&b.source_file));
    Outcome { records, failures }
}

/// The export: records as a pretty-printed JSON array, with a final newline.
pub fn export_json(records: &[Record]) -> String {
    let mut s = serde_json::to_string_pretty(records).expect("records serialise");
    s.push('\n');
    s
}
