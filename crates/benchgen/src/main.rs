//! `benchgen`: synthetic corpora for the scale benchmark (`scripts/bench.sh`).
//!
//! ```text
//! benchgen raw --n 10000 [--seed 1] [--raw data/raw] [--gazetteer data/vn-admin-2020.json]
//!              --out .tmp/bench/raw-10000
//! benchgen pagefind-site --records records.json --out .tmp/bench/pagefind-site-10000
//! ```
//!
//! `raw` writes N raw `.txt` pages shaped like the real pages in `data/raw/`: each is one
//! of those pages with its locality replaced by a real province/district of the gazetteer
//! (names, type words "huyện/quận/thị xã/thành phố" and organs "Huyện ủy/…" kept
//! consistent), its stamps and in-text dates moved to a day between 2019-06 and 2021-03
//! (written in the formats that page uses), its congress ordinal changed, and its body
//! paragraphs shuffled and mixed with paragraphs of the other pages (same substitutions),
//! so the word distribution stays that of real articles. The output only depends on the
//! inputs and `--seed`. The pages are meant to go through the real ingest tool.
//!
//! `pagefind-site` writes one static HTML page per record of an ingest export, for
//! indexing the same text with Pagefind.
//!
//! Benchmark data only: nothing here is part of the app or its bundled data.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde_json::Value;

// ---------------------------------------------------------------- randomness

/// SplitMix64: small, fast, and the same on every platform.
/// When a meeting took place, as the pages say it (morning twice as likely as evening).
const TIMES_OF_DAY: [&str; 5] = ["Sáng", "Chiều", "Sáng", "Chiều", "Tối"];

struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next() % ((hi - lo + 1) as u64)) as i64
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[(self.next() % xs.len() as u64) as usize]
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    fn shuffle<T>(&mut self, xs: &mut [T]) {
        for i in (1..xs.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            xs.swap(i, j);
        }
    }
}

// ---------------------------------------------------------------- dates

/// Days since 1970-01-01, with the app's own calendar code.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    i64::from(bantin_core::date::day_number(y as i32, m as u8, d as u8))
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let (y, m, d) = bantin_core::date::civil_from_days(z as i32);
    (i64::from(y), i64::from(m), i64::from(d))
}

#[derive(Clone, Copy)]
struct Day {
    y: i64,
    m: i64,
    d: i64,
    /// 0 = Monday … 6 = Sunday.
    wd: usize,
}

impl Day {
    fn from_days(z: i64) -> Day {
        let (y, m, d) = civil_from_days(z);
        Day {
            y,
            m,
            d,
            wd: (z + 3).rem_euclid(7) as usize,
        }
    }
    /// "Thứ 7", "Chủ nhật" (the stamp of baoquangninh-like pages).
    fn thu_num(&self) -> String {
        if self.wd == 6 {
            "Chủ nhật".into()
        } else {
            format!("Thứ {}", self.wd + 2)
        }
    }
    /// "Thứ Bảy", "Chủ Nhật".
    fn thu_word(&self) -> &'static str {
        [
            "Thứ Hai",
            "Thứ Ba",
            "Thứ Tư",
            "Thứ Năm",
            "Thứ Sáu",
            "Thứ Bảy",
            "Chủ Nhật",
        ][self.wd]
    }
}

// ---------------------------------------------------------------- gazetteer

struct District {
    short: String,
    kind: &'static str,
}

struct Province {
    short: String,
    slug: String,
    central: bool,
    districts: Vec<District>,
}

fn load_gazetteer(path: &Path) -> Result<Vec<Province>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let v: Value = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    let s = |v: &Value, k: &str| v.get(k).and_then(Value::as_str).unwrap_or("").to_string();
    let mut out = Vec::new();
    for p in v["provinces"].as_array().ok_or("gazetteer: no provinces")? {
        let mut districts = Vec::new();
        for d in p["districts"].as_array().into_iter().flatten() {
            if !d["valid_to"].is_null() {
                continue; // abolished during the period
            }
            let short = s(d, "short");
            // "Quận 1": the type word is part of the name; the templates write "quận X".
            if short.is_empty() || short.chars().any(|c| c.is_ascii_digit()) {
                continue;
            }
            let kind = match s(d, "type").as_str() {
                "huyen" => "huyen",
                "quan" => "quan",
                "thi-xa" => "thi-xa",
                "thanh-pho" => "thanh-pho",
                _ => continue,
            };
            districts.push(District { short, kind });
        }
        out.push(Province {
            short: s(p, "short"),
            slug: s(p, "slug"),
            central: s(p, "type") == "thanh-pho-truc-thuoc-trung-uong",
            districts,
        });
    }
    Ok(out)
}

// ---------------------------------------------------------------- one article's facts

struct Ctx {
    /// District short name, type word ("huyện"), capitalised ("Huyện"), organ ("Huyện ủy").
    d: String,
    dt: &'static str,
    dtc: &'static str,
    dorg: &'static str,
    /// Province short name, type word ("tỉnh" / "thành phố"), site domain, ASCII name.
    p: String,
    pt: &'static str,
    site: String,
    pascii: String,
    ord: String,
    ord_prev: String,
    publ: Day,
    hh: i64,
    mi: i64,
    ss: i64,
    event: Day,
    plan: Day,
    later: Day,
    scrape: Day,
    views: i64,
    buoi: &'static str,
    add_stamp: bool,
}

fn roman(mut n: u32) -> String {
    let table = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")];
    let mut s = String::new();
    for (v, r) in table {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

fn upper(s: &str) -> String {
    s.chars().flat_map(char::to_uppercase).collect()
}

fn pascal_ascii(slug: &str) -> String {
    slug.split('-')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect()
}

fn kind_words(kind: &str) -> (&'static str, &'static str, &'static str) {
    match kind {
        "huyen" => ("huyện", "Huyện", "Huyện ủy"),
        "quan" => ("quận", "Quận", "Quận ủy"),
        "thi-xa" => ("thị xã", "Thị xã", "Thị ủy"),
        _ => ("thành phố", "Thành phố", "Thành ủy"),
    }
}

// ---------------------------------------------------------------- templates

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    /// TPHT page (thành phố Hà Tĩnh): no stamp, "Sáng ngày 06 tháng 2".
    CityHaTinh,
    /// haiduong.gov.vn: province level, month-first AM/PM stamp.
    ProvinceHaiDuong,
    /// Hồng Lĩnh (thị xã): no stamp, "Sáng ngày 20/02/2020".
    TownHongLinh,
    /// Đầm Hà (huyện): "Thứ 7, 28/03/2020 | 18:57:43 [GMT +7]".
    DistrictDamHa,
    /// Hoàn Kiếm (quận): "26/03/2020 | 16:40  | Lượt xem: 351".
    UrbanHoanKiem,
}

struct Template {
    kind: Kind,
    text: String,
}

fn classify(text: &str) -> Option<Kind> {
    if text.contains("TPHT-") {
        Some(Kind::CityHaTinh)
    } else if text.contains("haiduong.gov.vn") {
        Some(Kind::ProvinceHaiDuong)
    } else if text.contains("Hồng Lĩnh") {
        Some(Kind::TownHongLinh)
    } else if text.contains("Đầm Hà") {
        Some(Kind::DistrictDamHa)
    } else if text.contains("Hoàn Kiếm") {
        Some(Kind::UrbanHoanKiem)
    } else {
        None
    }
}

fn dmy(d: &Day) -> String {
    format!("{}/{}/{}", d.d, d.m, d.y)
}
fn dmy2(d: &Day) -> String {
    format!("{:02}/{:02}/{}", d.d, d.m, d.y)
}

/// Rewrites a whole template page for one article. Longer phrases first.
fn substitute(kind: Kind, text: &str, c: &Ctx) -> String {
    let dname = format!("{} {}", c.dt, c.d);
    let mut t = text.to_string();
    let rep = |t: &mut String, from: &str, to: &str| {
        if t.contains(from) {
            *t = t.replace(from, to);
        }
    };
    match kind {
        Kind::CityHaTinh => {
            rep(
                &mut t,
                "TPHT- Sáng ngày 06 tháng 2, UBND thành phố Hà Tĩnh",
                &format!(
                    "{}- {} ngày {:02} tháng {}, UBND {dname}, {PT} {}",
                    initials(c),
                    c.buoi,
                    c.event.d,
                    c.event.m,
                    c.p
                ),
            );
            rep(&mut t, "17/1/2020", &dmy(&c.plan));
            rep(&mut t, "THÀNH PHỐ HÀ TĨNH", &upper(&dname));
            rep(&mut t, "thành phố Hà Tĩnh", &dname);
            rep(&mut t, "Thành ủy", c.dorg);
            rep(&mut t, "thành phố", c.dt);
            rep(&mut t, "lần thứ XXI", &format!("lần thứ {}", c.ord));
            rep(&mut t, "khóa XX", &format!("khóa {}", c.ord_prev));
        }
        Kind::ProvinceHaiDuong => {
            let wd = [
                "thứ hai",
                "thứ ba",
                "thứ tư",
                "thứ năm",
                "thứ sáu",
                "thứ bảy",
                "chủ nhật",
            ];
            rep(
                &mut t,
                "chủ nhật, ngày 26/9/2021",
                &format!("{}, ngày {}", wd[c.scrape.wd], dmy(&c.scrape)),
            );
            let (h12, ampm) = match c.hh {
                0 => (12, "AM"),
                1..=11 => (c.hh, "AM"),
                12 => (12, "PM"),
                _ => (c.hh - 12, "PM"),
            };
            rep(
                &mut t,
                "6/15/2020 8:01:46 AM",
                &format!(
                    "{}/{}/{} {}:{:02}:{:02} {}",
                    c.publ.m, c.publ.d, c.publ.y, h12, c.mi, c.ss, ampm
                ),
            );
            rep(
                &mut t,
                "Sáng 11/6",
                &format!("{} {}/{}", c.buoi, c.event.d, c.event.m),
            );
            rep(
                &mut t,
                "SỞ CÔNG THƯƠNG HẢI DƯƠNG",
                &format!("SỞ CÔNG THƯƠNG {}", upper(&c.p)),
            );
            rep(&mut t, "haiduong.gov.vn", &c.site);
            rep(&mut t, "HaiDuong", &c.pascii);
            rep(&mut t, "Hải Dương", &c.p);
            rep(&mut t, "lần thứ XVII", &format!("lần thứ {}", c.ord));
        }
        Kind::TownHongLinh => {
            rep(
                &mut t,
                "Sáng ngày 20/02/2020, Ban Tuyên giáo Thị ủy tổ chức",
                &format!(
                    "{} ngày {}, Ban Tuyên giáo {} {}, {} {} tổ chức",
                    c.buoi,
                    dmy2(&c.event),
                    c.dorg,
                    c.d,
                    c.pt,
                    c.p
                ),
            );
            rep(&mut t, "30/01/2020", &dmy2(&c.plan));
            rep(&mut t, "thị xã Hồng Lĩnh", &dname);
            rep(&mut t, "Hồng Lĩnh", &c.d);
            rep(&mut t, "Thị ủy", c.dorg);
            rep(&mut t, "thị xã", c.dt);
            rep(&mut t, "lần thứ VII", &format!("lần thứ {}", c.ord));
        }
        Kind::DistrictDamHa => {
            rep(
                &mut t,
                "Thứ Bảy, 02/11/2024 06:25 (GMT +7)",
                &format!(
                    "{}, {} {:02}:{:02} (GMT +7)",
                    c.scrape.thu_word(),
                    dmy2(&c.scrape),
                    c.mi % 24,
                    c.ss
                ),
            );
            rep(
                &mut t,
                "Thứ 7, 28/03/2020 | 18:57:43 [GMT +7]",
                &format!(
                    "{}, {} | {:02}:{:02}:{:02} [GMT +7]",
                    c.publ.thu_num(),
                    dmy2(&c.publ),
                    c.hh,
                    c.mi,
                    c.ss
                ),
            );
            rep(
                &mut t,
                "tháng 5 tới đây",
                &format!("tháng {} tới đây", c.later.m),
            );
            rep(
                &mut t,
                "đầu tháng 9/2019",
                &format!("đầu tháng {}/{}", c.plan.m, c.plan.y),
            );
            rep(
                &mut t,
                "đang được huyện Đầm Hà",
                &format!("đang được {dname}, {} {}", c.pt, c.p),
            );
            rep(&mut t, "Huyện ủy", c.dorg);
            rep(&mut t, "Huyện Đầm Hà", &format!("{} {}", c.dtc, c.d));
            rep(&mut t, "huyện", c.dt);
            rep(&mut t, "Đầm Hà", &c.d);
            rep(&mut t, "lần thứ XXV", &format!("lần thứ {}", c.ord));
            rep(&mut t, "lần thứ XXIV", &format!("lần thứ {}", c.ord_prev));
        }
        Kind::UrbanHoanKiem => {
            // (the stamp's separators are no-break spaces on the real page)
            rep(
                &mut t,
                "26/03/2020 | 16:40",
                &format!("{} | {:02}:{:02}", dmy2(&c.publ), c.hh, c.mi),
            );
            rep(&mut t, "Lượt xem: 351", &format!("Lượt xem: {}", c.views));
            rep(
                &mut t,
                "Chiều ngày 24/3/2020",
                &format!("{} ngày {}", c.buoi, dmy(&c.event)),
            );
            rep(
                &mut t,
                "Quận ủy chủ trì Hội nghị",
                &format!("{} {}, {} {} chủ trì Hội nghị", c.dorg, c.d, c.pt, c.p),
            );
            rep(&mut t, "quận Hoàn Kiếm", &dname);
            rep(&mut t, "Hoàn Kiếm", &c.d);
            rep(&mut t, "Quận ủy", c.dorg);
            rep(&mut t, "quận", c.dt);
            rep(&mut t, "Hà Nội", &c.p);
            rep(&mut t, "Hà nội", &c.p);
            rep(&mut t, "lần thứ XXVI", &format!("lần thứ {}", c.ord));
        }
    }
    // The working year of the plan the page speaks of.
    rep(&mut t, "năm 2020", &format!("năm {}", c.event.y));
    rep(&mut t, PT, c.pt);
    // The pages without a stamp get one, most of the time, in another real page's format.
    if c.add_stamp && matches!(kind, Kind::CityHaTinh | Kind::TownHongLinh) {
        t = format!(
            "{} | {:02}:{:02}  | Lượt xem: {}\n\n{t}",
            dmy2(&c.publ),
            c.hh,
            c.mi,
            c.views
        );
    }
    t
}

/// Stands for the province's type word until the district's type words are in place.
const PT: &str = "\u{1}PT\u{1}";

fn initials(c: &Ctx) -> String {
    let mut s: String =
        c.dt.split(' ')
            .filter_map(|w| w.chars().next())
            .flat_map(char::to_uppercase)
            .collect();
    s.extend(
        c.d.split(' ')
            .filter_map(|w| w.chars().next())
            .flat_map(char::to_uppercase),
    );
    s
}

/// A page split into the lines before its body, its body paragraphs and the lines after.
struct Parts {
    head: Vec<String>,
    body: Vec<String>,
    tail: Vec<String>,
    /// Paragraphs separated by a blank line (else by a line break).
    blank_sep: bool,
}

fn split_page(text: &str) -> Parts {
    let lines: Vec<&str> = text.lines().collect();
    let long = |l: &str| l.chars().count() >= 160;
    let first = lines.iter().position(|l| long(l)).unwrap_or(0);
    let last = lines
        .iter()
        .rposition(|l| long(l))
        .unwrap_or(lines.len().saturating_sub(1));
    let body: Vec<String> = lines[first..=last]
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.to_string())
        .collect();
    let blank_sep = lines[first..=last].iter().any(|l| l.trim().is_empty());
    Parts {
        head: lines[..first].iter().map(|l| l.to_string()).collect(),
        body,
        tail: lines[last + 1..].iter().map(|l| l.to_string()).collect(),
        blank_sep,
    }
}

fn is_district_kind(k: Kind) -> bool {
    k != Kind::ProvinceHaiDuong
}

// ---------------------------------------------------------------- `raw`

struct RawArgs {
    n: usize,
    seed: u64,
    raw: PathBuf,
    gazetteer: PathBuf,
    out: PathBuf,
}

fn generate(a: &RawArgs) -> Result<(), String> {
    let provinces = load_gazetteer(&a.gazetteer)?;
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&a.raw)
        .map_err(|e| format!("{}: {e}", a.raw.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    let mut templates = Vec::new();
    for p in &paths {
        let text = std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()))?;
        match classify(&text) {
            Some(kind) => templates.push(Template { kind, text }),
            None => eprintln!("benchgen: {}: not a known page, not used", p.display()),
        }
    }
    let district_templates: Vec<usize> = (0..templates.len())
        .filter(|&i| is_district_kind(templates[i].kind))
        .collect();
    let province_templates: Vec<usize> = (0..templates.len())
        .filter(|&i| !is_district_kind(templates[i].kind))
        .collect();
    if district_templates.is_empty() {
        return Err("no usable district-level page among the raw pages".into());
    }
    let districts: Vec<(usize, usize)> = provinces
        .iter()
        .enumerate()
        .flat_map(|(pi, p)| (0..p.districts.len()).map(move |di| (pi, di)))
        .collect();
    let plain_provinces: Vec<usize> = (0..provinces.len())
        .filter(|&i| !provinces[i].central)
        .collect();

    std::fs::create_dir_all(&a.out).map_err(|e| format!("{}: {e}", a.out.display()))?;
    // Stale pages of an earlier run with a larger N would otherwise be ingested too.
    for e in std::fs::read_dir(&a.out).map_err(|e| format!("{}: {e}", a.out.display()))? {
        let p = e.map_err(|e| e.to_string())?.path();
        if p.extension().is_some_and(|x| x == "txt") {
            std::fs::remove_file(&p).map_err(|e| format!("{}: {e}", p.display()))?;
        }
    }
    let start = days_from_civil(2019, 6, 1);
    let end = days_from_civil(2021, 3, 31);
    let mut rng = Rng::new(a.seed);
    let mut total_bytes = 0usize;
    for i in 0..a.n {
        // About one article in eight is about a province as a whole.
        let province_level = !province_templates.is_empty() && rng.chance(12);
        let ti = if province_level {
            *rng.pick(&province_templates)
        } else {
            *rng.pick(&district_templates)
        };
        let (pi, di) = if province_level {
            let pi = *rng.pick(&plain_provinces);
            (pi, None)
        } else {
            let (pi, di) = *rng.pick(&districts);
            (pi, Some(di))
        };
        let prov = &provinces[pi];
        let (dt, dtc, dorg, d) = match di {
            Some(di) => {
                let dd = &prov.districts[di];
                let (a, b, c) = kind_words(dd.kind);
                (a, b, c, dd.short.clone())
            }
            None => ("huyện", "Huyện", "Huyện ủy", prov.short.clone()),
        };
        let publ_days = rng.range(start, end);
        let event_days = publ_days - rng.range(0, 4);
        let plan_days = event_days - rng.range(10, 45);
        let ord_n = if province_level {
            rng.range(14, 21)
        } else {
            rng.range(7, 28)
        } as u32;
        let c = Ctx {
            d,
            dt,
            dtc,
            dorg,
            p: prov.short.clone(),
            pt: if prov.central {
                "thành phố"
            } else {
                "tỉnh"
            },
            site: format!("{}.gov.vn", prov.slug.replace('-', "")),
            pascii: pascal_ascii(&prov.slug),
            ord: roman(ord_n),
            ord_prev: roman(ord_n - 1),
            publ: Day::from_days(publ_days),
            hh: rng.range(6, 21),
            mi: rng.range(0, 59),
            ss: rng.range(0, 59),
            event: Day::from_days(event_days),
            plan: Day::from_days(plan_days),
            later: Day::from_days(publ_days + rng.range(30, 75)),
            scrape: Day::from_days(days_from_civil(2021, 9, 1) + rng.range(0, 1000)),
            views: rng.range(40, 4000),
            buoi: rng.pick::<&str>(&TIMES_OF_DAY),
            add_stamp: rng.chance(75),
        };
        let page = substitute(templates[ti].kind, &templates[ti].text, &c);
        let mut parts = split_page(&page);
        // Recombine: keep the lead, shuffle the rest, add paragraphs of other pages.
        if parts.body.len() > 2 {
            rng.shuffle(&mut parts.body[1..]);
        }
        let borrow = if province_level { 0 } else { rng.range(0, 3) };
        for _ in 0..borrow {
            let oi = *rng.pick(&district_templates);
            if oi == ti {
                continue;
            }
            let other = split_page(&substitute(templates[oi].kind, &templates[oi].text, &c));
            let long: Vec<&String> = other
                .body
                .iter()
                .skip(1)
                .filter(|p| p.chars().count() >= 160)
                .collect();
            if long.is_empty() {
                continue;
            }
            let para = (*rng.pick(&long)).clone();
            if parts.body.contains(&para) {
                continue;
            }
            let at = rng.range(1, parts.body.len().max(1) as i64) as usize;
            parts.body.insert(at.min(parts.body.len()), para);
        }
        // Sometimes drop a paragraph, so lengths vary.
        if parts.body.len() > 4 && rng.chance(30) {
            let at = rng.range(1, parts.body.len() as i64 - 1) as usize;
            parts.body.remove(at);
        }
        let sep = if parts.blank_sep { "\n\n" } else { "\n" };
        let mut out = String::new();
        for l in &parts.head {
            out.push_str(l);
            out.push('\n');
        }
        out.push_str(&parts.body.join(sep));
        out.push('\n');
        for l in &parts.tail {
            out.push_str(l);
            out.push('\n');
        }
        let name = format!("b{i:05}_{:016x}.txt", rng.next());
        total_bytes += out.len();
        std::fs::write(a.out.join(&name), out).map_err(|e| format!("{name}: {e}"))?;
    }
    eprintln!(
        "benchgen: wrote {} pages ({:.1} MB) to {}",
        a.n,
        total_bytes as f64 / 1e6,
        a.out.display()
    );
    Ok(())
}

// ---------------------------------------------------------------- `pagefind-site`

fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            _ => o.push(ch),
        }
    }
    o
}

/// Pagefind filter values may not contain ':' in the attribute form; none of ours do,
/// but be safe.
fn fval(s: &str) -> String {
    esc(&s.replace(':', " "))
}

fn pagefind_site(records: &Path, out: &Path) -> Result<(), String> {
    let text =
        std::fs::read_to_string(records).map_err(|e| format!("{}: {e}", records.display()))?;
    let v: Value =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", records.display()))?;
    let recs = v.as_array().ok_or("records: not an array")?;
    let dir = out.join("a");
    if dir.is_dir() {
        std::fs::remove_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for r in recs {
        let id = r["id"].as_str().ok_or("record without id")?;
        let title = r["title"].as_str().unwrap_or("");
        let mut h = String::new();
        let _ = write!(
            h,
            "<!doctype html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\"><title>{}</title></head>\n<body><article data-pagefind-body>\n<h1>{}</h1>\n",
            esc(title),
            esc(title)
        );
        let mut filters = Vec::new();
        if let Some(p) = r["province"]["name"].as_str() {
            filters.push(format!("province:{}", fval(p)));
        }
        if let Some(d) = r["district"]["name"].as_str() {
            filters.push(format!("district:{}", fval(d)));
        }
        if let Some(p) = r["published"].as_str() {
            // "2020-03-28T18:57", "2020-05", "2020-07-29/2020-07-30": year and month of the start.
            let start = p.split('/').next().unwrap_or("");
            if start.len() >= 4 && start[..4].chars().all(|c| c.is_ascii_digit()) {
                filters.push(format!("year:{}", &start[..4]));
                if start.len() >= 7 && start.as_bytes()[4] == b'-' {
                    filters.push(format!("month:{}", &start[..7]));
                }
                let _ = writeln!(
                    h,
                    "<span data-pagefind-meta=\"date:{}\"></span>",
                    fval(start)
                );
            }
        }
        // The tiers of its primary congresses, as the app's tier filter uses them.
        let cs: Vec<&Value> = r["congresses"]
            .as_array()
            .map(|a| a.iter().collect())
            .unwrap_or_default();
        let any_subject = cs.iter().any(|c| c["role"] == "subject");
        let mut tiers: Vec<&str> = cs
            .iter()
            .filter(|c| !any_subject || c["role"] == "subject")
            .filter_map(|c| c["tier"].as_str())
            .collect();
        tiers.sort();
        tiers.dedup();
        for t in tiers {
            filters.push(format!("tier:{}", fval(t)));
        }
        for f in filters {
            let _ = writeln!(h, "<span data-pagefind-filter=\"{f}\"></span>");
        }
        for p in r["body"].as_array().into_iter().flatten() {
            let _ = writeln!(h, "<p>{}</p>", esc(p.as_str().unwrap_or("")));
        }
        h.push_str("</article></body></html>\n");
        let path = dir.join(format!("{id}.html"));
        std::fs::write(&path, h).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    std::fs::write(
        out.join("index.html"),
        "<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>bench</title></head><body></body></html>\n",
    )
    .map_err(|e| e.to_string())?;
    eprintln!("benchgen: wrote {} pages to {}", recs.len(), dir.display());
    Ok(())
}

// ---------------------------------------------------------------- command line

const USAGE: &str = "usage:
  benchgen raw --n N [--seed S] [--raw DIR] [--gazetteer FILE] --out DIR
  benchgen pagefind-site --records FILE --out DIR";

fn run() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let cmd = args.next().ok_or("")?;
    let mut n = None;
    let mut seed = 1u64;
    let mut raw = PathBuf::from("data/raw");
    let mut gazetteer = PathBuf::from("data/vn-admin-2020.json");
    let mut out = None;
    let mut records = None;
    while let Some(a) = args.next() {
        let mut val = || args.next().ok_or(format!("{a} needs a value"));
        match a.as_str() {
            "--n" => n = Some(val()?.parse::<usize>().map_err(|e| format!("--n: {e}"))?),
            "--seed" => seed = val()?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--raw" => raw = PathBuf::from(val()?),
            "--gazetteer" => gazetteer = PathBuf::from(val()?),
            "--out" => out = Some(PathBuf::from(val()?)),
            "--records" => records = Some(PathBuf::from(val()?)),
            _ => return Err(format!("unknown argument {a}")),
        }
    }
    let out = out.ok_or("--out is required")?;
    match cmd.as_str() {
        "raw" => generate(&RawArgs {
            n: n.ok_or("--n is required")?,
            seed,
            raw,
            gazetteer,
            out,
        }),
        "pagefind-site" => pagefind_site(&records.ok_or("--records is required")?, &out),
        _ => Err(String::new()),
    }
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            if !e.is_empty() {
                eprintln!("benchgen: {e}");
            }
            eprintln!("{USAGE}");
            ExitCode::from(1)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calendar_round_trips() {
        let z = days_from_civil(2020, 3, 28);
        let d = Day::from_days(z);
        assert_eq!((d.y, d.m, d.d), (2020, 3, 28));
        assert_eq!(d.thu_num(), "Thứ 7"); // the real page's stamp
        assert_eq!(
            Day::from_days(days_from_civil(2024, 11, 2)).thu_word(),
            "Thứ Bảy"
        );
    }

    #[test]
    fn romans() {
        assert_eq!(roman(26), "XXVI");
        assert_eq!(roman(19), "XIX");
        assert_eq!(roman(14), "XIV");
    }
}
