//! `ingest`: raw scraped pages → article records and the app's bundled data.
//!
//! ```text
//! ingest build [--raw data/raw] [--gazetteer data/vn-admin-2020.json]
//!              [--overrides data/overrides.toml] [--out generated/data] [--strict]
//! ingest --export records.json [--gazetteer F] [--overrides F] [--strict] <files or folders>…
//! ingest export --out records.json [--gazetteer F] [--overrides F] [--strict] <files or folders>…
//! ```
//!
//! A page that is not an article (empty, not UTF-8 text, only menus…) is named on stderr
//! as `rejected <file>: <reason>` and the others are still built and written.
//!
//! Exit status: 0 when at least one article was written (rejected pages do not change
//! it, unless `--strict`); 2 when no input became an article, or when `--strict` is given
//! and some page was rejected: nothing is written then; 1 for usage errors and unreadable
//! gazetteer, overrides or output.

use std::path::PathBuf;
use std::process::ExitCode;

use bantin_ingest::gazetteer::Gazetteer;
use bantin_ingest::locality::NameMatcher;
use bantin_ingest::overrides::Overrides;
use bantin_ingest::{build, collect_inputs, export_json, process_all, Context};

const USAGE: &str = "usage:
  ingest build [--raw DIR] [--gazetteer FILE] [--overrides FILE] [--out DIR] [--strict]
  ingest --export OUT.json [--gazetteer FILE] [--overrides FILE] [--strict] PATH...
  ingest export --out OUT.json [--gazetteer FILE] [--overrides FILE] [--strict] PATH...
--strict: any rejected page fails the run (exit 2) and nothing is written.";

#[derive(Default)]
struct Args {
    command: Option<String>,
    raw: Option<PathBuf>,
    gazetteer: Option<PathBuf>,
    overrides: Option<PathBuf>,
    out: Option<PathBuf>,
    export: Option<PathBuf>,
    strict: bool,
    paths: Vec<PathBuf>,
}

fn parse_args(mut it: impl Iterator<Item = String>) -> Result<Args, String> {
    let mut a = Args::default();
    while let Some(arg) = it.next() {
        let mut value = |name: &str| {
            it.next()
                .map(PathBuf::from)
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match arg.as_str() {
            "--raw" => a.raw = Some(value("--raw")?),
            "--gazetteer" => a.gazetteer = Some(value("--gazetteer")?),
            "--overrides" => a.overrides = Some(value("--overrides")?),
            "--out" | "-o" => a.out = Some(value("--out")?),
            "--export" => a.export = Some(value("--export")?),
            "--strict" => a.strict = true,
            "-h" | "--help" => return Err(String::new()),
            s if s.starts_with('-') && s.len() > 1 => return Err(format!("unknown option {s}")),
            s if a.command.is_none()
                && a.export.is_none()
                && a.paths.is_empty()
                && (s == "build" || s == "export") =>
            {
                a.command = Some(s.to_string())
            }
            s => a.paths.push(PathBuf::from(s)),
        }
    }
    Ok(a)
}

fn load_context(a: &Args) -> Result<(Gazetteer, Overrides), String> {
    let gpath = a
        .gazetteer
        .clone()
        .unwrap_or_else(|| PathBuf::from("data/vn-admin-2020.json"));
    let gtext = std::fs::read_to_string(&gpath).map_err(|e| format!("{}: {e}", gpath.display()))?;
    let g = Gazetteer::from_json(&gtext).map_err(|e| format!("{}: {e}", gpath.display()))?;
    // The default overrides file is optional; one named on the command line is not.
    let (opath, required) = match &a.overrides {
        Some(p) => (p.clone(), true),
        None => (PathBuf::from("data/overrides.toml"), false),
    };
    let overrides = match std::fs::read_to_string(&opath) {
        Ok(t) => Overrides::parse(&t, &g).map_err(|e| format!("{}: {e}", opath.display()))?,
        Err(_) if !required => Overrides::default(),
        Err(e) => return Err(format!("{}: {e}", opath.display())),
    };
    Ok((g, overrides))
}

/// Why a run failed: a usage or setup error (exit 1, with the usage text), or pages that
/// did not become articles (exit 2).
enum Failure {
    Usage(String),
    Rejected(String),
}

impl From<String> for Failure {
    fn from(e: String) -> Failure {
        Failure::Usage(e)
    }
}

impl From<&str> for Failure {
    fn from(e: &str) -> Failure {
        Failure::Usage(e.to_string())
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn run() -> Result<(), Failure> {
    let a = parse_args(std::env::args().skip(1))?;
    let (g, overrides) = load_context(&a)?;
    let matcher = NameMatcher::new(&g);
    let cx = Context {
        gazetteer: &g,
        matcher: &matcher,
        overrides: &overrides,
    };
    let (paths, export_to, build_to) = match (a.command.as_deref(), &a.export) {
        (None, Some(out)) => (a.paths.clone(), Some(out.clone()), None),
        (Some("export"), None) => (
            a.paths.clone(),
            Some(a.out.clone().ok_or("export needs --out FILE")?),
            None,
        ),
        (Some("build"), None) => {
            if !a.paths.is_empty() {
                return Err("build takes its inputs from --raw".into());
            }
            (
                vec![a.raw.clone().unwrap_or_else(|| PathBuf::from("data/raw"))],
                None,
                Some(
                    a.out
                        .clone()
                        .unwrap_or_else(|| PathBuf::from("generated/data")),
                ),
            )
        }
        _ => return Err(String::new().into()),
    };
    if paths.is_empty() {
        return Err("no input files".into());
    }
    for p in &paths {
        if !p.exists() {
            return Err(format!("{}: no such file or folder", p.display()).into());
        }
    }
    let files = collect_inputs(&paths)?;
    let outcome = process_all(&files, &cx);
    for r in &outcome.rejected {
        eprintln!("{r}");
    }
    for key in overrides.keys() {
        let used = outcome
            .records
            .iter()
            .any(|r| &r.source_file == key || &r.id == key);
        if !used {
            eprintln!("warning: override {key:?} matches no input");
        }
    }
    let read = plural(outcome.pages_read, "page", "pages");
    let rejected = plural(outcome.rejected.len(), "page", "pages");
    if outcome.records.is_empty() {
        return Err(Failure::Rejected(format!(
            "no article in {read} read ({rejected} rejected); nothing written"
        )));
    }
    if a.strict && !outcome.rejected.is_empty() {
        return Err(Failure::Rejected(format!(
            "{rejected} rejected and --strict given; nothing written"
        )));
    }
    let written_to = export_to.iter().chain(&build_to).next().cloned();
    if let Some(out) = export_to {
        if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        std::fs::write(&out, export_json(&outcome.records))
            .map_err(|e| format!("{}: {e}", out.display()))?;
    }
    if let Some(out) = build_to {
        let rendered = build::render(&outcome.records, &g);
        build::write(&out, &rendered).map_err(|e| format!("{}: {e}", out.display()))?;
    }
    eprintln!(
        "ingest: {read} read, {} written, {rejected} rejected; output in {}",
        plural(outcome.records.len(), "article", "articles"),
        written_to.unwrap_or_default().display()
    );
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Rejected(e)) => {
            eprintln!("ingest: {e}");
            ExitCode::from(2)
        }
        Err(Failure::Usage(e)) => {
            if !e.is_empty() {
                eprintln!("ingest: {e}");
            }
            eprintln!("{USAGE}");
            ExitCode::from(1)
        }
    }
}
