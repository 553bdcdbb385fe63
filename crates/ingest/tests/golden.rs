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

fn events(r: &Value) -> Vec<(&str, &str)> {
    r["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["date"].as_str().unwrap(), e["what"].as_str().unwrap()))
        .collect()
}

fn strings(v: &Value) -> Vec<&str> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect()
}

/// The body's first and last paragraphs, as the raw page has them with runs of spaces
/// made one.
fn assert_body_ends(r: &Value, first: &str, last: &str) {
    let body = strings(&r["body"]);
    assert_eq!(body.first().copied(), Some(first), "first paragraph");
    assert_eq!(body.last().copied(), Some(last), "last paragraph");
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
    // From the lead to the deputy chairman's instructions; the footer (Đánh giá, Mã xác
    // thực, Văn bản mới ban hành…) is not the article.
    assert_body_ends(
        r,
        "TPHT- Sáng ngày 06 tháng 2, UBND thành phố Hà Tĩnh tổ chức buổi làm việc để soát xét chuẩn bị phục vụ tuyên truyền Đại hội Đảng các cấp và Đại hội Đảng bộ thành phố Hà Tĩnh lần thứ XXI và triển khai việc thực hiện các chỉ tiêu nhiệm vụ văn hóa xã hội, thông tin truyền thông năm 2020. Đồng chí Phạm Hùng Cường – Phó Chủ tịch UBND thành phố chủ trì buổi làm việc.",
        "Phát biểu tại buổi làm việc, đồng chí Phạm Hùng Cường – Phó Chủ tịch UBND thành phố Hà Tĩnh đề nghị các phòng ban đơn vị xây dựng khu chương trình kế hoạch, đầu việc, thời gian thực hiện và các đơn vị phối hợp để tập trung triển khai thực hiện. Xây dựng chuỗi kế hoạch hoạt động chào mừng Đại hội Đảng các cấp và giao cho các phòng ban đơn vị chủ động triển khai thực hiện; Phối hợp với các đơn vị tuyên truyền trên địa bàn như Báo Hà Tĩnh; Đài PT-TH Hà Tĩnh để phối hợp trong công tác tuyên truyền Đại hội Đảng các cấp và Đại hội Đảng bộ thành phố lần thứ XXI, nhiệm kỳ 2020- 2025.",
    );
    // What follows "Sáng ngày 06 tháng 2,", cut before " và triển khai…" to stay within
    // 160 characters.
    assert_eq!(
        events(r),
        [(
            "2020-02-06",
            "UBND thành phố Hà Tĩnh tổ chức buổi làm việc để soát xét chuẩn bị phục vụ tuyên truyền Đại hội Đảng các cấp và Đại hội Đảng bộ thành phố Hà Tĩnh lần thứ XXI"
        )]
    );
    // "thành phố Hà Tĩnh" is named again and again in the text.
    assert_eq!(r["locality_confidence"], "high");
    assert!(r["locality_note"].is_null());
    assert_eq!(
        strings(&r["warnings"]),
        [
            "no publication date stated",
            "no headline; title derived from the lead"
        ]
    );
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
    // The page's lead comes first (the text repeats it); the photo caption "Đồng chí
    // Nguyễn Quang Phúc, …" is left out; the last paragraph is the one before "Nguồn Bài".
    assert_body_ends(
        r,
        "Tại cuộc họp, Tiểu ban đã nghe các thành viên báo cáo nội dung các công việc đã triển khai và đề xuất kiến nghị các nội dung để thực hiện hiệu quả nhiệm vụ tuyên truyền, phục vụ cho Đại hội Đảng bộ tỉnh lần thứ XVII.",
        "Ngành Công an và quân đội, y tế và các thành viên khác của Tiểu ban tiếp tục thực hiện các công việc theo chức năng, nhiệm vụ được phân công.",
    );
    // "Sáng 11/6, …": the page's own words, "họp đánh công việc" included, cut before
    // " và triển khai nhiệm vụ thời gian tới".
    assert_eq!(
        events(r),
        [(
            "2020-06-11",
            "Tiểu ban tuyên truyền, phục vụ Đại hội Đảng bộ tỉnh lần thứ XVII, nhiệm kỳ 2020-2025 tổ chức họp đánh công việc đã thực hiện thời gian qua"
        )]
    );
    assert_eq!(r["locality_confidence"], "high");
    assert_eq!(
        r["locality_note"],
        "province-level page: thành phố Hải Dương is named but the text speaks for the province"
    );
    assert!(strings(&r["warnings"]).is_empty());
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
    // The caption "Đ.c Nguyễn Văn Hải - PBT TT Thị ủy nhấn mạnh …" between the first two
    // paragraphs is left out; the last paragraph ends with "./." before the byline.
    assert_body_ends(
        r,
        "Sáng ngày 20/02/2020, Ban Tuyên giáo Thị ủy tổ chức Hội nghị triển khai nhiệm vụ công tác tuyên truyền, khoa giáo năm 2020. Các đồng chí Nguyễn Văn Hải, Phó Bí thư Thường trực Thị ủy; Nguyễn Quang Vinh, UVBTV - Trưởng ban Tuyên giáo Thị ủy chủ trì hội nghị.",
        "Kết luận Hội nghị, đồng chí Nguyễn Văn Hải - Phó Bí thư Thường trực Thị ủy đã ghi nhận công tác khoa giáo,tuyên truyền các cấp, các ngành đã nghiêm túc, bám sát sự chỉ đạo của Ban Tuyên giáo Thị ủy, Thường trực Thị ủy; trách nhiệm, chủ động, tích cực tham mưu và triển khai thực hiện nhiệm vụ; Căn cứ Kế hoạch số 14-KH/BTGThU ngày 30/01/2020 của Ban Tuyên giáo Thị ủy về công tác Tuyên giáo năm 2020, nhấn mạnh những nhiệm vụ cần triển khai trong thời gian tới, đồng chí Phó Bí thư Thường trực Thị ủy đề nghị hệ thống Tuyên giáo từ thị xã đến cơ sở chú trọng quán triệt chuyên đề năm 2020 “ Tăng cường khối đại đoàn kết toàn dân tộc, xây dựng Đảng và hệ thống chính trị trong sạch, vững mạnh theo tư tưởng, đạo đức, phong cách Hồ Chí Minh” gắn với thực hiện Nghị quyết Trung ương 4 (khóa XII), chủ đề năm 2020 của tỉnh, tổ chức thành công Đại hội Đảng các cấp, quan tâm thực hiện các nhiệm vụ trọng tâm; tiếp tục phát huy kết quả đạt được, khắc phục những hạn chế, yếu kém; đặc biệt là phải đổi mới, nâng cao chất lượng công tác thông tin, tuyên truyền, nhất là các hoạt động thông tin, tuyên truyền về đại hội Đảng các cấp nhiệm kỳ 2020 - 2025, tiến tới Đại hội đại biểu lần thứ VII Đảng bộ thị xã, Đại hội đại biểu lần thứ XIX Đảng bộ tỉnh và Đại hội đại biểu toàn quốc lần thứ XIII của Đảng./.",
    );
    assert_eq!(
        events(r),
        [(
            "2020-02-20",
            "Ban Tuyên giáo Thị ủy tổ chức Hội nghị triển khai nhiệm vụ công tác tuyên truyền, khoa giáo năm 2020"
        )]
    );
    // Only the footer names the town; the text says "Thị ủy", "thị xã".
    assert_eq!(r["locality_confidence"], "medium");
    assert!(r["locality_note"].is_null());
    assert_eq!(
        strings(&r["warnings"]),
        [
            "no publication date stated",
            "no headline; title derived from the lead"
        ]
    );
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
    // Two photo captions ending with "|" are left out; the byline "Hữu Việt" follows
    // the last paragraph.
    assert_body_ends(
        r,
        "Quá trình chuẩn bị cho đại hội đảng các cấp, hoạt động thông tin, tuyên truyền đang được huyện Đầm Hà tập trung thực hiện, nhằm tạo không khí sôi nổi, đồng thuận, nâng cao nhận thức của các tầng lớp nhân dân về ý nghĩa của sự kiện chính trị quan trọng này.",
        "Công tác thông tin, tuyên truyền cũng được phân công rõ cho từng đơn vị. Cụ thể như: Phòng Văn hóa - Thông tin, Trung tâm Truyền thông - Văn hóa tăng cường đăng tải các thông tin trên Cổng thông tin điện tử thành phần, website, mở các chuyên trang, chuyên mục, tăng thời lượng phát sóng truyền thanh cơ sở; Cơ quan Khối MTTQ và các tổ chức chính trị - xã hội huyện phối hợp tuyên truyền, hướng dẫn việc treo cờ, băng rôn, khẩu hiệu tại các điểm trung tâm, tập trung đông dân cư, phát động các phong trào thi đua giữ gìn vệ sinh môi trường, chỉnh trang đô thị ngay từ khu dân cư... Các đầu mối công việc đều chỉ rõ người đứng đầu phụ trách, chịu trách nhiệm đôn đốc, kiểm tra để đảm bảo tiến độ chung.",
    );
    assert_eq!(
        events(r),
        [
            (
                "2019-09",
                "Tiểu ban Tuyên truyền - Khánh tiết do đồng chí Phó Bí thư Thường trực Huyện ủy làm Trưởng Tiểu ban đã ban hành kế hoạch, phân công rõ từng đầu mối công việc"
            ),
            (
                "2019-12/2020-04-15",
                "được xác định là giai đoạn thực hiện tuyên truyền trước Đại hội Đảng bộ huyện lần thứ XXV"
            )
        ]
    );
    assert_eq!(r["locality_confidence"], "high");
    assert!(r["locality_note"].is_null());
    assert!(strings(&r["warnings"]).is_empty());
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
    assert_body_ends(
        r,
        "Chiều ngày 24/3/2020, đồng chí Bùi Hoàng Phan – Phó Bí thư Thường trực Quận ủy chủ trì Hội nghị triển khai công tác thông tin tuyên truyền phục vụ Đại hội Đảng bộ quận lần thứ XXVI, nhiệm kỳ 2020 - 2025.",
        "Kết luận tại buổi họp, đồng chí Bùi Hoàng Phan – Phó Bí thư Thường trực Quận ủy khẳng định: Đại hội Đảng bộ quận lần thứ XXVI là đợt sinh hoạt chính trị sâu rộng trong toàn Đảng, toàn quân, toàn dân. Do vậy, việc tổ chức Đại hội phải đúng điều lệ Đảng, đúng nguyên tắc sinh hoạt Đảng và các quy định, hướng dẫn của Trung ương, Thành phố; thực hiện tốt phương châm kế thừa, ổn định, đổi mới, sáng tạo và phát triển của Đảng bộ quận; thể hiện chủ đề, tư tưởng và phương châm của Đại hội; việc tổ chức cần trọng thể, chu đáo, khoa học, tiết kiệm và tuyệt đối an toàn, tạo không khí phấn khởi, tin tưởng trong toàn Đảng bộ quận và toàn dân. Đồng chí yêu cầu Tiểu ban Tổ chức phục vụ Đại hội cần xây dựng kế hoạch tuyên truyền với nội dung cần bám sát kế hoạch số 133-KH/QU của Ban Thường vụ Quận ủy ngày 25/11/2019; kế hoạch cụ thể, rõ từng đầu việc, trong quá trình triển khai thực hiện thường xuyên báo cáo về tiến độ, chất lượng triển khai để Thường trực Quận ủy kịp thời chỉ đạo.",
    );
    // "Chiều ngày 24/3/2020, …" cut before ", nhiệm kỳ 2020 - 2025".
    assert_eq!(
        events(r),
        [(
            "2020-03-24",
            "đồng chí Bùi Hoàng Phan – Phó Bí thư Thường trực Quận ủy chủ trì Hội nghị triển khai công tác thông tin tuyên truyền phục vụ Đại hội Đảng bộ quận lần thứ XXVI"
        )]
    );
    assert_eq!(r["locality_confidence"], "high");
    assert!(r["locality_note"].is_null());
    assert!(strings(&r["warnings"]).is_empty());
}
