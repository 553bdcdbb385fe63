//! The command line: bad inputs are named on stderr with their reason while the good ones
//! are still written (a non-zero exit only when nothing is an article, or with
//! `--strict`); `build` writes a deterministic data set; overrides apply and show in the
//! provenance.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("bantin-cli-{name}-{}", std::process::id()));
    std::fs::remove_dir_all(&dir).ok();
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn ingest(args: &[&dyn AsRef<std::ffi::OsStr>]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_ingest"));
    c.arg("--gazetteer")
        .arg(repo().join("data/vn-admin-2020.json"));
    for a in args {
        c.arg(a);
    }
    c.output().expect("ingest runs")
}

fn read_json(p: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()
}

const ARTICLE: &str = "Sáng 11/6, Ban Tuyên giáo Huyện ủy tổ chức hội nghị triển khai công tác tuyên truyền phục vụ Đại hội Đảng bộ huyện lần thứ XXV, nhiệm kỳ 2020 - 2025.\n\nCác đại biểu đã thảo luận sôi nổi, tích cực và góp nhiều ý kiến về kế hoạch tuyên truyền, trang trí phục vụ Đại hội trong thời gian tới.\n";

#[test]
fn bad_inputs_are_named_and_good_ones_are_written() {
    let dir = scratch("bad");
    let inputs = dir.join("in");
    std::fs::create_dir_all(&inputs).unwrap();
    std::fs::write(inputs.join("empty.txt"), "").unwrap();
    std::fs::write(
        inputs.join("garbage.txt"),
        [0x89, b'P', b'N', b'G', 0, 0, 0x1a, 0xff, 0xfe, 7, 1, 2],
    )
    .unwrap();
    std::fs::write(
        inputs.join("latin1.txt"),
        b"Th\xe0nh ph\xf4 H\xe0 T\xecnh t\xf4 ch\xfac h\xf4i ngh\xec",
    )
    .unwrap();
    std::fs::write(
        inputs.join("menu.txt"),
        "Trang chủ\nĐăng nhập\nThống kê: 1\n",
    )
    .unwrap();
    std::fs::write(inputs.join("plain.txt"), ARTICLE).unwrap();
    std::fs::write(
        inputs.join("page.html"),
        format!(
            "<html><head><style>p {{ color: red }}</style></head><body><h1>Huyện Đầm Hà triển khai tuyên truyền</h1><p>28/03/2020 | 18:57</p><p>{}</p><div>Hữu Việt</div></body></html>",
            ARTICLE.replace('\n', " ")
        ),
    )
    .unwrap();
    std::fs::copy(
        repo().join("data/raw/003_267ec1fad5aef6e3.txt"),
        inputs.join("003_267ec1fad5aef6e3.txt"),
    )
    .unwrap();
    let out = dir.join("records.json");
    let o = ingest(&[&"--export", &out, &inputs]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{stderr}");
    for (file, reason) in [
        ("empty.txt", "empty file"),
        ("garbage.txt", "binary"),
        ("latin1.txt", "not UTF-8"),
        ("menu.txt", "no article text"),
    ] {
        assert!(
            stderr
                .lines()
                .any(|l| l.starts_with("rejected ") && l.contains(file) && l.contains(reason)),
            "stderr lacks {file}: {reason}\n{stderr}"
        );
    }
    let records = read_json(&out);
    let names: Vec<&str> = records
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["source_file"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["003_267ec1fad5aef6e3.txt", "page.html", "plain.txt"]
    );

    let html = &records[1];
    assert_eq!(html["title"], "Huyện Đầm Hà triển khai tuyên truyền");
    assert_eq!(html["published"], "2020-03-28T18:57");
    assert_eq!(html["district"]["code"], "200");
    assert_eq!(html["author"], "Hữu Việt");
    let warnings: Vec<&str> = html["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w.as_str().unwrap())
        .collect();
    assert!(warnings.contains(&"HTML markup removed"), "{warnings:?}");
    for p in html["body"].as_array().unwrap() {
        assert!(!p.as_str().unwrap().contains('<'));
    }

    // No headline, no date, no place named: still an article, with warnings.
    let plain = &records[2];
    assert_eq!(plain["title_derived"], true);
    assert!(plain["published"].is_null());
    assert!(plain["province"].is_null());
    assert!(plain["district"].is_null());
    assert_eq!(plain["events"][0]["date"], "--06-11");
    let warnings: Vec<&str> = plain["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w.as_str().unwrap())
        .collect();
    assert!(warnings.contains(&"no publication date stated"));
    assert!(warnings.contains(&"locality not resolved"));
    assert!(plain["locality_note"]
        .as_str()
        .unwrap()
        .contains("never named"));
    std::fs::remove_dir_all(&dir).ok();
}

const SEED_IDS: [&str; 5] = [
    "000_cf8a7f83da6fb0c5",
    "001_c1af55e664871b1c",
    "002_83573f78451aeddc",
    "003_267ec1fad5aef6e3",
    "004_ee655f1bf30cb98e",
];

/// `in/`: the five seeds, `bad-utf8.txt` (Latin-1 bytes, first bad byte 0xe0 at offset 2)
/// and `empty.txt`.
fn seeds_with_two_bad_pages(dir: &Path) -> PathBuf {
    let inputs = dir.join("in");
    std::fs::create_dir_all(&inputs).unwrap();
    for id in SEED_IDS {
        let name = format!("{id}.txt");
        std::fs::copy(repo().join("data/raw").join(&name), inputs.join(&name)).unwrap();
    }
    std::fs::write(
        inputs.join("bad-utf8.txt"),
        b"Th\xe0nh ph\xf4 H\xe0 T\xecnh",
    )
    .unwrap();
    std::fs::write(inputs.join("empty.txt"), "").unwrap();
    inputs
}

fn assert_rejected_named(stderr: &str, inputs: &Path) {
    for (file, reason) in [
        ("bad-utf8.txt", "not UTF-8 text (byte 0xe0 at offset 2)"),
        ("empty.txt", "empty file"),
    ] {
        let line = format!("rejected {}: {reason}", inputs.join(file).display());
        assert!(
            stderr.lines().any(|l| l == line),
            "stderr lacks {line:?}\n{stderr}"
        );
    }
}

fn catalog_ids(out: &Path) -> Vec<String> {
    let catalog: bantin_core::Catalog =
        serde_json::from_str(&std::fs::read_to_string(out.join("catalog.json")).unwrap()).unwrap();
    catalog.articles.iter().map(|a| a.id.clone()).collect()
}

#[test]
fn a_bad_page_does_not_stop_the_build() {
    let dir = scratch("one-bad");
    let inputs = seeds_with_two_bad_pages(&dir);
    let out = dir.join("data");
    let o = ingest(&[&"build", &"--raw", &inputs, &"--out", &out]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{stderr}");
    assert_rejected_named(&stderr, &inputs);
    assert_eq!(catalog_ids(&out), SEED_IDS);
    for id in SEED_IDS {
        assert!(out.join(format!("articles/{id}.json")).is_file(), "{id}");
    }
    // The last line sums the run up.
    assert_eq!(
        stderr.lines().last().unwrap(),
        format!(
            "ingest: 7 pages read, 5 articles written, 2 pages rejected; output in {}",
            out.display()
        )
    );

    // The export, in both spellings, likewise.
    let records = dir.join("records.json");
    for args in [
        vec![
            &"--export" as &dyn AsRef<std::ffi::OsStr>,
            &records,
            &inputs,
        ],
        vec![&"export", &"--out", &records, &inputs],
    ] {
        std::fs::remove_file(&records).ok();
        let o = ingest(&args);
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(0), "{stderr}");
        assert_rejected_named(&stderr, &inputs);
        let ids: Vec<String> = read_json(&records)
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(ids, SEED_IDS);
        assert!(stderr
            .lines()
            .last()
            .unwrap()
            .starts_with("ingest: 7 pages read, 5 articles written, 2 pages rejected; output in"));
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn strict_fails_on_a_rejected_page_and_writes_nothing() {
    let dir = scratch("strict");
    let inputs = seeds_with_two_bad_pages(&dir);
    let out = dir.join("data");
    let o = ingest(&[&"build", &"--strict", &"--raw", &inputs, &"--out", &out]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{stderr}");
    assert_rejected_named(&stderr, &inputs);
    assert!(stderr.contains("--strict"), "{stderr}");
    assert!(!out.exists(), "a strict run that fails writes nothing");

    // An earlier data set is left as it was.
    std::fs::create_dir_all(out.join("articles")).unwrap();
    std::fs::write(out.join("articles/old.json"), "{}").unwrap();
    let o = ingest(&[&"build", &"--raw", &inputs, &"--out", &out, &"--strict"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(out.join("articles/old.json").is_file());
    assert!(!out.join("catalog.json").exists());

    let records = dir.join("records.json");
    let o = ingest(&[&"--strict", &"--export", &records, &inputs]);
    assert_eq!(o.status.code(), Some(2));
    assert_rejected_named(&String::from_utf8_lossy(&o.stderr), &inputs);
    assert!(!records.exists());

    // Without a rejected page, --strict changes nothing.
    let o = ingest(&[&"--strict", &"--export", &records, &repo().join("data/raw")]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(read_json(&records).as_array().unwrap().len(), 5);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn only_bad_pages_fail_the_run_and_write_nothing() {
    let dir = scratch("all-bad");
    let inputs = seeds_with_two_bad_pages(&dir);
    for id in SEED_IDS {
        std::fs::remove_file(inputs.join(format!("{id}.txt"))).unwrap();
    }
    let out = dir.join("data");
    let o = ingest(&[&"build", &"--raw", &inputs, &"--out", &out]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{stderr}");
    assert_rejected_named(&stderr, &inputs);
    assert!(stderr.contains("no article"), "{stderr}");
    assert!(!out.exists());
    let records = dir.join("records.json");
    let o = ingest(&[&"--export", &records, &inputs]);
    assert_eq!(o.status.code(), Some(2));
    assert_rejected_named(&String::from_utf8_lossy(&o.stderr), &inputs);
    assert!(!records.exists());

    // A folder with no page at all has no article either.
    let none = dir.join("none");
    std::fs::create_dir_all(&none).unwrap();
    let o = ingest(&[&"build", &"--raw", &none, &"--out", &out]);
    assert_eq!(o.status.code(), Some(2));
    assert!(!out.exists());
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn export_subcommand_equals_export_flag() {
    let dir = scratch("forms");
    let a = dir.join("a.json");
    let b = dir.join("b.json");
    let raw = repo().join("data/raw");
    assert!(ingest(&[&"--export", &a, &raw]).status.success());
    assert!(ingest(&[&"export", &"--out", &b, &raw]).status.success());
    assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn missing_input_and_bad_usage_exit_with_1() {
    let o = ingest(&[&"--export", &"/dev/null", &"/no/such/path"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("/no/such/path"));
    let o = ingest(&[&"frobnicate"]);
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn build_writes_a_deterministic_data_set() {
    let dir = scratch("build");
    let raw = repo().join("data/raw");
    let empty = dir.join("empty.toml");
    std::fs::write(&empty, "").unwrap();
    let (one, two) = (dir.join("one"), dir.join("two"));
    for out in [&one, &two] {
        let o = ingest(&[
            &"build",
            &"--raw",
            &raw,
            &"--overrides",
            &empty,
            &"--out",
            out,
        ]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    let list = |d: &Path| {
        let mut files = Vec::new();
        for sub in ["", "articles", "search"] {
            for e in std::fs::read_dir(d.join(sub)).unwrap() {
                let p = e.unwrap().path();
                if p.is_file() {
                    files.push(p.strip_prefix(d).unwrap().to_path_buf());
                }
            }
        }
        files.sort();
        files
    };
    assert_eq!(list(&one), list(&two));
    for f in list(&one) {
        assert_eq!(
            std::fs::read(one.join(&f)).unwrap(),
            std::fs::read(two.join(&f)).unwrap(),
            "{f:?}"
        );
    }
    let catalog_text = std::fs::read_to_string(one.join("catalog.json")).unwrap();
    assert!(!catalog_text.contains("\n  "), "app files are compact");
    let catalog: bantin_core::Catalog = serde_json::from_str(&catalog_text).unwrap();
    assert_eq!(catalog.schema, bantin_core::CATALOG_SCHEMA);
    assert_eq!(catalog.version.len(), 12);
    assert!(catalog.version.chars().all(|c| c.is_ascii_hexdigit()));
    let ids: Vec<&str> = catalog.articles.iter().map(|a| a.id.as_str()).collect();
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted);
    assert_eq!(ids.len(), 5);
    let provinces: Vec<&str> = catalog.provinces.iter().map(|p| p.code.as_str()).collect();
    assert_eq!(provinces, ["01", "22", "30", "42"]);
    let ha_tinh = catalog.province("42").unwrap();
    let districts: Vec<&str> = ha_tinh.districts.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(districts, ["436", "437"]);
    assert!(catalog.province("30").unwrap().districts.is_empty());
    for a in &catalog.articles {
        assert!(a.excerpt.chars().count() <= 201);
        let body: bantin_core::ArticleBody = serde_json::from_str(
            &std::fs::read_to_string(one.join(format!("articles/{}.json", a.id))).unwrap(),
        )
        .unwrap();
        assert_eq!(body.id, a.id);
        assert_eq!(
            a.body_chars as usize,
            body.body.iter().map(|p| p.chars().count()).sum::<usize>()
        );
        assert!(body
            .body
            .join(" ")
            .starts_with(a.excerpt.trim_end_matches('…')));
    }
    assert!(one.join("search/d.json").is_file());
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn an_override_applies_and_is_recorded() {
    let dir = scratch("override");
    let overrides = dir.join("overrides.toml");
    std::fs::write(
        &overrides,
        "[\"002_83573f78451aeddc.txt\"]\npublished = \"2020-02-21\"\nauthor = \"Nguyễn Thị Hường\"\n\n[000_cf8a7f83da6fb0c5]\ntitle = \"Thành phố Hà Tĩnh chuẩn bị tuyên truyền Đại hội\"\n",
    )
    .unwrap();
    let out = dir.join("records.json");
    let raw = repo().join("data/raw");
    let o = ingest(&[&"--overrides", &overrides, &"--export", &out, &raw]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let records = read_json(&out);
    let r2 = &records[2];
    assert_eq!(r2["published"], "2020-02-21");
    assert_eq!(r2["provenance"]["published"], "override");
    assert_eq!(r2["provenance"]["author"], "override");
    let r0 = &records[0];
    assert_eq!(
        r0["title"],
        "Thành phố Hà Tĩnh chuẩn bị tuyên truyền Đại hội"
    );
    assert_eq!(r0["title_derived"], false);
    assert_eq!(r0["provenance"]["title"], "override");
    assert_eq!(records[1]["provenance"]["published"], "extracted");
    assert_eq!(records[4]["provenance"]["title"], "extracted");

    std::fs::write(&overrides, "[x]\npublished = \"2020-13\"\n").unwrap();
    let o = ingest(&[&"--overrides", &overrides, &"--export", &out, &raw]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("overrides.toml"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_title_loses_its_bidi_controls_and_keeps_its_emoji_sequences() {
    let dir = scratch("bidi");
    let inputs = dir.join("in");
    std::fs::create_dir_all(&inputs).unwrap();
    // Man, ZWJ, woman, ZWJ, girl: one family emoji. U+202E would display the words after
    // it reversed; U+202C ends the override.
    let family = "\u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467}";
    std::fs::write(
        inputs.join("bidi.txt"),
        format!(
            "Gia đình {family} cùng đón \u{202e}Đại hội\u{202c} Đảng bộ huyện\n28/03/2020 | 18:57\n{ARTICLE}"
        ),
    )
    .unwrap();
    let out = dir.join("records.json");
    let o = ingest(&[&"--export", &out, &inputs]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let records = read_json(&out);
    let r = &records[0];
    assert_eq!(r["title_derived"], false);
    assert_eq!(
        r["title"],
        format!("Gia đình {family} cùng đón Đại hội Đảng bộ huyện")
    );
    let all = serde_json::to_string(r).unwrap();
    assert!(
        !all.contains('\u{202e}') && !all.contains('\u{202c}'),
        "{all}"
    );
    std::fs::remove_dir_all(&dir).ok();
}
