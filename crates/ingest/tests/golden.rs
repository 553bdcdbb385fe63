//! The five seed pages, exported through the real binary with an empty overrides file,
//! must give exactly the committed `tests/golden/records.json`; the key facts of each
//! seed are also asserted one by one, checked by hand against the raw text.
//!
//! `UPDATE_GOLDEN=1 cargo test -p bantin-ingest --test golden` rewrites the golden file
//! after an intended change. When that changes the file, the test fails on purpose, saying
//! so: a rewritten file proves nothing until its diff has been reviewed; run the tests
//! again without `UPDATE_GOLDEN` once it has. The per-seed tests below do not read the
//! golden file, so they check the export in update mode too.

use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::Value;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn export_seeds() -> String {
    // Tests run in parallel threads of one process: each export gets its own file.
    static RUNS: AtomicUsize = AtomicUsize::new(0);
    let run = RUNS.fetch_add(1, Ordering::Relaxed);
    let out = std::env::temp_dir().join(format!("bantin-golden-{}-{run}.json", std::process::id()));
    let o = Command::new(env!("CARGO_BIN_EXE_ingest"))
        .arg("--export")
        .arg(&out)
        .arg("--gazetteer")
        .arg(repo().join("data/vn-admin-2020.json"))
        .arg("--overrides")
        .arg(repo().join("data/overrides.toml"))
        .arg(repo().join("data/raw"))
        .output()
        .expect("ingest runs");
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        o.status.success(),
        "export of the seeds failed: {}\n{stderr}",
        o.status
    );
    assert!(
        !stderr.lines().any(|l| l.starts_with("rejected ")),
        "a seed page was rejected:\n{stderr}"
    );
    let json = std::fs::read_to_string(&out).unwrap();
    std::fs::remove_file(&out).ok();
    json
}

#[test]
fn export_matches_golden_file() {
    let json = export_seeds();
    let golden = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden/records.json");
    // Read before any rewrite, so the comparison is with the file as it was.
    let expected = std::fs::read_to_string(&golden).unwrap_or_default();
    if json != expected && std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&golden, &json).unwrap();
        panic!(
            "UPDATE_GOLDEN: tests/golden/records.json was rewritten with the new export. \
             Review its diff (git diff crates/ingest/tests/golden), then run the tests \
             again without UPDATE_GOLDEN"
        );
    }
    assert!(
        json == expected,
        "export differs from tests/golden/records.json; rerun with UPDATE_GOLDEN=1 and review the diff"
    );
}

#[test]
fn overrides_file_is_empty() {
    let text = std::fs::read_to_string(repo().join("data/overrides.toml")).unwrap();
    let table: toml::Table = toml::from_str(&text).unwrap();
    assert!(
        table.is_empty(),
        "the seeds must come out right without overrides"
    );
}

fn records() -> Vec<Value> {
    serde_json::from_str::<Value>(&export_seeds())
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

fn seed<'a>(all: &'a [Value], prefix: &str) -> &'a Value {
    all.iter()
        .find(|r| r["source_file"].as_str().unwrap().starts_with(prefix))
        .unwrap()
}

fn congresses(r: &Value) -> Vec<String> {
    r["congresses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            format!(
                "{} {} {} {}",
                c["tier"].as_str().unwrap(),
                c["unit"].as_str().unwrap(),
                c["ordinal"].as_str().unwrap(),
                c["role"].as_str().unwrap()
            )
        })
        .collect()
}

fn event_dates(r: &Value) -> Vec<&str> {
    r["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["date"].as_str().unwrap())
        .collect()
}

fn str_or_null(v: &Value) -> Option<&str> {
    v.as_str()
}

const FURNITURE: &[&str] = &[
    "Thống kê",
    "Online:",
    "Đánh giá",
    "lượt đánh giá",
    "Mã xác thực",
    "Bình chọn",
    "Theo bạn",
    "In trang",
    "Đầu trang",
    "Quay lại",
    "Các tin cùng Chuyên mục",
    "Liên kết website",
    "Bản đồ",
    "Tất cả chuyên mục",
    "Lượt xem",
    "GMT +7",
    "Nguồn Bài",
    "[links()]",
    "Ý kiến ()",
    " |",
];

#[test]
fn bodies_hold_no_furniture_title_or_stamp() {
    for r in records() {
        let title = r["title"].as_str().unwrap();
        let derived = r["title_derived"].as_bool().unwrap();
        let body: Vec<&str> = r["body"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p.as_str().unwrap())
            .collect();
        assert!(!body.is_empty());
        for p in &body {
            for f in FURNITURE {
                assert!(!p.contains(f), "{}: body has {f:?}: {p}", r["source_file"]);
            }
            if !derived {
                assert_ne!(*p, title, "{}: title repeated in body", r["source_file"]);
            }
            for stamp in [
                "6/15/2020",
                "28/03/2020",
                "26/03/2020",
                "26/9/2021",
                "02/11/2024",
            ] {
                assert!(!p.contains(stamp), "{}: stamp in body", r["source_file"]);
            }
        }
    }
}

#[test]
fn seed_000_thanh_pho_ha_tinh() {
    let all = records();
    let r = seed(&all, "000_");
    assert_eq!(r["id"], "000_cf8a7f83da6fb0c5");
    assert_eq!(r["title_derived"], true);
    assert_eq!(
        r["title"],
        "UBND thành phố Hà Tĩnh tổ chức buổi làm việc để soát xét chuẩn bị phục vụ tuyên truyền Đại hội Đảng các cấp và Đại hội Đảng bộ thành phố Hà Tĩnh lần thứ XXI"
    );
    // The page states no date; 17/1/2020 is the plan's date, not the article's.
    assert!(r["published"].is_null());
    // "Sáng ngày 06 tháng 2" takes 2020 from the plan of 17/1/2020 that precedes it.
    assert_eq!(event_dates(r), ["2020-02-06"]);
    assert_eq!(r["province"]["code"], "42");
    assert_eq!(r["district"]["code"], "436");
    assert_eq!(r["district"]["type"], "thành phố");
    assert_eq!(
        congresses(r),
        [
            "district Đảng bộ thành phố Hà Tĩnh XXI subject",
            "district Đảng bộ thành phố Hà Tĩnh XX previous"
        ]
    );
    assert_eq!(r["congresses"][0]["term"], "2020-2025");
    assert_eq!(r["congresses"][0]["locality"], "436");
    assert!(r["author"].is_null());
    assert!(r["source"]["site"].is_null());
    assert_eq!(r["provenance"]["title"], "derived");
    assert_eq!(r["body"].as_array().unwrap().len(), 4);
}

#[test]
fn seed_001_tinh_hai_duong() {
    let all = records();
    let r = seed(&all, "001_");
    assert_eq!(
        r["title"],
        "Họp Tiểu ban Tuyên truyền, phục vụ Đại hội Đảng bộ tỉnh lần thứ XVII, nhiệm kỳ 2020 - 2025"
    );
    assert_eq!(r["title_derived"], false);
    // "6/15/2020 8:01:46 AM" is month first; "chủ nhật, ngày 26/9/2021" is the today widget.
    assert_eq!(r["published"], "2020-06-15T08:01");
    assert_eq!(event_dates(r), ["2020-06-11"]);
    assert_eq!(r["province"]["code"], "30");
    assert!(
        r["district"].is_null(),
        "a provincial page, though it names thành phố Hải Dương"
    );
    assert_eq!(
        congresses(r),
        [
            "province Đảng bộ tỉnh Hải Dương XVII subject",
            "national Đảng Cộng sản Việt Nam XIII mentioned"
        ]
    );
    assert_eq!(r["congresses"][0]["term"], "2020-2025");
    assert!(r["author"].is_null());
    assert_eq!(r["source"]["site"], "haiduong.gov.vn");
    assert!(r["source"]["url"].is_null());
    assert_eq!(r["body"].as_array().unwrap().len(), 8);
}

#[test]
fn seed_002_thi_xa_hong_linh() {
    let all = records();
    let r = seed(&all, "002_");
    assert_eq!(r["title_derived"], true);
    assert_eq!(
        r["title"],
        "Ban Tuyên giáo Thị ủy tổ chức Hội nghị triển khai nhiệm vụ công tác tuyên truyền, khoa giáo năm 2020"
    );
    assert!(r["published"].is_null());
    // 30/01/2020 is the date of Kế hoạch số 14-KH/BTGThU, not an event.
    assert_eq!(event_dates(r), ["2020-02-20"]);
    // Named only in the footer ("Bản đồ thị xã Hồng Lĩnh"), backed by "Thị ủy".
    assert_eq!(r["district"]["code"], "437");
    assert_eq!(r["district"]["type"], "thị xã");
    assert_eq!(r["province"]["code"], "42");
    assert_eq!(r["provenance"]["province"], "derived");
    assert_eq!(
        congresses(r),
        [
            "district Đảng bộ thị xã Hồng Lĩnh VII subject",
            "national Đảng Cộng sản Việt Nam XIII mentioned",
            "province Đảng bộ tỉnh Hà Tĩnh XIX mentioned"
        ]
    );
    assert_eq!(str_or_null(&r["author"]), Some("Nguyễn Thị Hường"));
    assert_eq!(r["author_affiliation"], "BTG Thị ủy");
    assert_eq!(r["body"].as_array().unwrap().len(), 3);
}

#[test]
fn seed_003_huyen_dam_ha() {
    let all = records();
    let r = seed(&all, "003_");
    assert_eq!(
        r["title"],
        "Đầm Hà đảm bảo công tác tuyên truyền xuyên suốt"
    );
    assert_eq!(r["title_derived"], false);
    // Not "Thứ Bảy, 02/11/2024 06:25", the today widget above the headline.
    assert_eq!(r["published"], "2020-03-28T18:57");
    assert_eq!(event_dates(r), ["2019-09", "2019-12/2020-04-15"]);
    // Quảng Ninh is never named: Đầm Hà is a district name found in one province only.
    assert_eq!(r["province"]["code"], "22");
    assert_eq!(r["district"]["code"], "200");
    assert_eq!(r["district"]["type"], "huyện");
    assert_eq!(
        congresses(r),
        [
            "district Đảng bộ huyện Đầm Hà XXV subject",
            "national Đảng Cộng sản Việt Nam XIII mentioned",
            "province Đảng bộ tỉnh Quảng Ninh XV mentioned",
            "national Đảng Cộng sản Việt Nam XII previous",
            "province Đảng bộ tỉnh Quảng Ninh XIV previous",
            "district Đảng bộ huyện Đầm Hà XXIV previous"
        ]
    );
    let subject = &r["congresses"][0];
    assert_eq!(subject["term"], "2020-2025");
    // "sẽ diễn ra vào tháng 5 tới đây", published in March 2020.
    assert_eq!(subject["date"], "2020-05");
    assert_eq!(r["author"], "Hữu Việt");
    assert_eq!(r["body"].as_array().unwrap().len(), 6);
}

#[test]
fn seed_004_quan_hoan_kiem() {
    let all = records();
    let r = seed(&all, "004_");
    assert_eq!(
        r["title"],
        "Triển khai công tác công tác thông tin tuyên truyền phục vụ Đại hội Đảng bộ quận lần thứ XXVI, nhiệm kỳ 2020 - 2025"
    );
    assert_eq!(r["title_derived"], false);
    assert_eq!(r["published"], "2020-03-26T16:40");
    // 25/11/2019 dates kế hoạch số 133-KH/QU, not an event.
    assert_eq!(event_dates(r), ["2020-03-24"]);
    assert_eq!(r["province"]["code"], "01");
    assert_eq!(r["district"]["code"], "002");
    assert_eq!(r["district"]["type"], "quận");
    // The banner "Tiến tới … Đại hội XIII của Đảng" is furniture, so no national congress.
    assert_eq!(
        congresses(r),
        ["district Đảng bộ quận Hoàn Kiếm XXVI subject"]
    );
    assert_eq!(r["congresses"][0]["term"], "2020-2025");
    assert_eq!(r["author"], "Huyền Anh");
    assert_eq!(r["author_affiliation"], "Ban Tuyên giáo Quận ủy");
    // Two photo captions at the end repeat the text and are not paragraphs.
    assert_eq!(r["body"].as_array().unwrap().len(), 6);
}
