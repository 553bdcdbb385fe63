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

/// A file that did not become an article, and why, in plain words.
#[derive(Debug, Clone, PartialEq)]
pub struct Rejection {
    pub path: PathBuf,
    pub reason: String,
}

impl std::fmt::Display for Rejection {
    /// `rejected data/raw/x.txt: empty file`
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "rejected {}: {}", self.path.display(), self.reason)
    }
}

/// The outcome of processing a set of files: the records, sorted by source file, and the
/// files that were not articles. One rejected file never stops the others.
pub struct Outcome {
    pub records: Vec<Record>,
    pub rejected: Vec<Rejection>,
    /// How many files were read, articles or not.
    pub pages_read: usize,
}

pub fn process_all(files: &[PathBuf], cx: &Context) -> Outcome {
    let mut records: Vec<Record> = Vec::new();
    let mut rejected = Vec::new();
    for f in files {
        let name = f
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| f.display().to_string());
        let result = std::fs::read(f)
            .map_err(|e| format!("cannot read: {e}"))
            .and_then(|bytes| process(&name, &bytes, cx));
        let reason = match result {
            Ok(r) => match records.iter().find(|o| o.id == r.id) {
                Some(other) => format!("id {:?} already used by {}", r.id, other.source_file),
                None => {
                    records.push(r);
                    continue;
                }
            },
            Err(reason) => reason,
        };
        rejected.push(Rejection {
            path: f.clone(),
            reason,
        });
    }
    records.sort_by(|a, b| a.source_file.cmp(&b.source_file));
    Outcome {
        records,
        rejected,
        pages_read: files.len(),
    }
}

/// The export: records as a pretty-printed JSON array, with a final newline.
pub fn export_json(records: &[Record]) -> String {
    let mut s = serde_json::to_string_pretty(records).expect("records serialise");
    s.push('\n');
    s
}
