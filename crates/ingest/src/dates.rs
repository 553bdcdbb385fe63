//! Dates as Vietnamese portals write them: the publication stamp near the headline, and
//! the day/month phrases inside the text ("Sáng 11/6", "từ tháng 12/2019 đến 15/4/2020",
//! "29-30/7", "3,4 và 5/8/2020", "ngày 06 tháng 2").

use std::sync::LazyLock;

use bantin_core::{DateSpec, PartialDate};
use regex::{Captures, Regex};

/// A date stamp found on a short line of its own, a candidate for the publication date.
#[derive(Debug, Clone, PartialEq)]
pub struct Stamp {
    pub date: PartialDate,
    /// The line starts with a weekday ("Thứ Bảy, …", "chủ nhật, ngày …"): the shape of
    /// the "today" widget in page headers.
    pub weekday_led: bool,
    /// Says it is a publication or update date ("Ngày đăng", "Cập nhật").
    pub labelled: bool,
}

static NUM_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*[/.-]\s*((?:19|20)\d{2})\b").unwrap()
});
static WORD_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(\d{1,2})\s+tháng\s+(\d{1,2})\s*,?\s*năm\s+((?:19|20)\d{2})\b").unwrap()
});
static TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(\d{1,2})\s*[:h]\s*(\d{2})(?:\s*:\s*\d{2})?(?:\s*(AM|PM|SA|CH)\b)?").unwrap()
});
static WEEKDAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\W*(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s+nhật|cn|hôm\s+nay)\b")
        .unwrap()
});
static STAMP_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)ngày\s+đăng|đăng\s+ngày|đăng\s+lúc|ngày\s+cập\s+nhật|cập\s+nhật|ngày\s+xuất\s+bản|xuất\s+bản|thời\s+gian\s+đăng|published|posted").unwrap()
});
static STAMP_DECORATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s+nhật|\bcn\b|hôm\s+nay|ngày\s+đăng|đăng\s+ngày|đăng\s+lúc|ngày\s+cập\s+nhật|cập\s+nhật|ngày\s+xuất\s+bản|xuất\s+bản|thời\s+gian\s+đăng|\bngày\b|\blúc\b|\bgmt\s*\+?\s*\d*|lượt\s+(?:xem|đọc|truy\s+cập)\s*:?\s*[\d.,]*|\ba\s+a\b|\bam\b|\bpm\b").unwrap()
});

/// Whether numeric dates on this page put the month first (`6/15/2020`), judged from
/// any date on the page whose numbers can only be read one way.
pub fn month_first_convention<'a>(lines: impl IntoIterator<Item = &'a str>) -> Option<bool> {
    let (mut day_first, mut month_first) = (false, false);
    for line in lines {
        for c in NUM_DATE.captures_iter(line) {
            if &c[2] != "/" {
                continue;
            }
            let a: u32 = c[1].parse().unwrap_or(0);
            let b: u32 = c[3].parse().unwrap_or(0);
            if a > 12 && b <= 12 {
                day_first = true;
            } else if b > 12 && a <= 12 {
                month_first = true;
            }
        }
    }
    match (day_first, month_first) {
        (true, false) => Some(false),
        (false, true) => Some(true),
        _ => None,
    }
}

fn valid(d: PartialDate) -> Option<PartialDate> {
    d.is_valid().then_some(d)
}

/// Reads `line` as a date stamp: a date (with an optional time) and little else. Lines
/// of running text, or lists with several dates, are not stamps.
pub fn parse_stamp(line: &str, month_first: Option<bool>) -> Option<Stamp> {
    if line.chars().count() > 90 {
        return None;
    }
    let (date_span, y, a, b, numeric) = if let Some(c) = NUM_DATE.captures(line) {
        if NUM_DATE.find_iter(line).count() > 1 {
            return None;
        }
        let m = c.get(0).unwrap();
        (
            m.range(),
            c[4].parse::<i32>().ok()?,
            c[1].parse::<u32>().ok()?,
            c[3].parse::<u32>().ok()?,
            true,
        )
    } else if let Some(c) = WORD_DATE.captures(line) {
        let m = c.get(0).unwrap();
        (
            m.range(),
            c[3].parse::<i32>().ok()?,
            c[1].parse::<u32>().ok()?,
            c[2].parse::<u32>().ok()?,
            false,
        )
    } else {
        return None;
    };
    let rest = format!("{} {}", &line[..date_span.start], &line[date_span.end..]);
    let time = TIME.captures(&rest);
    let am_pm = time
        .as_ref()
        .and_then(|t| t.get(3))
        .map(|m| m.as_str().to_ascii_uppercase());
    // Day first unless the numbers or the page say otherwise; an AM/PM clock is the mark
    // of an English-locale (month-first) server when nothing else decides.
    let month_first = numeric
        && if a > 12 {
            false
        } else if b > 12 {
            true
        } else {
            month_first.unwrap_or(am_pm.is_some())
        };
    let (day, month) = if month_first { (b, a) } else { (a, b) };
    let mut date = PartialDate::ymd(y, month as u8, day as u8);
    if let Some(t) = &time {
        let mut h: u32 = t[1].parse().ok()?;
        let mi: u32 = t[2].parse().ok()?;
        match am_pm.as_deref() {
            Some("PM" | "CH") if h < 12 => h += 12,
            Some("AM" | "SA") if h == 12 => h = 0,
            _ => {}
        }
        if h < 24 && mi < 60 {
            date.time = Some((h as u8, mi as u8));
        }
    }
    let date = valid(date)?;
    let residue = TIME.replace_all(&rest, " ");
    let residue = STAMP_DECORATION.replace_all(&residue, " ");
    let letters = residue.chars().filter(|c| c.is_alphabetic()).count();
    if letters > 20 {
        return None;
    }
    Some(Stamp {
        date,
        weekday_led: WEEKDAY.is_match(line),
        labelled: STAMP_LABEL.is_match(line),
    })
}

/// One date phrase found in running text, before its year is settled.
#[derive(Debug, Clone, PartialEq)]
pub struct DateHit {
    pub start: usize,
    pub end: usize,
    pub from: PartialDate,
    pub to: Option<PartialDate>,
    /// "tháng 5 tới đây": an upcoming month, stated without its year.
    pub upcoming: bool,
}

const SIMPLE: &str = r"(?:tháng\s+\d{1,2}(?:\s*/\s*(?:19|20)\d{2}|\s+năm\s+(?:19|20)\d{2})?|\d{1,2}\s+tháng\s+\d{1,2}(?:\s*,?\s*năm\s+(?:19|20)\d{2})?|\d{1,2}\s*/\s*\d{1,2}(?:\s*/\s*(?:19|20)\d{2})?|\d{1,2}-\d{1,2}-(?:19|20)\d{2})";

static RANGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\btừ\s+(?:(?:đầu|cuối|giữa)\s+)?(?:ngày\s+)?(?P<a>{SIMPLE})\s*(?:đến|tới|-|–)\s*(?:(?:hết|đầu|cuối|giữa)\s+)?(?:ngày\s+)?(?P<b>{SIMPLE})"
    ))
    .unwrap()
});
static DAY_RANGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:\btừ\s+(?:ngày\s+)?)?\b(\d{1,2})((?:\s*,\s*\d{1,2})*)\s*(?:[-–]|,?\s*và|,|\s+đến(?:\s+hết)?(?:\s+ngày)?)\s*(\d{1,2})\s*/\s*(\d{1,2})(?:\s*/\s*((?:19|20)\d{2}))?").unwrap()
});
static SINGLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?:\b(?:đầu|cuối|giữa)\s+)?(?:\bngày\s+)?(?P<a>{SIMPLE})(?P<up>\s+(?:tới\s+đây|sắp\s+tới|tới))?"
    ))
    .unwrap()
});
static SIMPLE_PARTS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:tháng\s+(?P<mo>\d{1,2})(?:\s*/\s*(?P<moy>\d{4})|\s+năm\s+(?P<moy2>\d{4}))?|(?P<wd>\d{1,2})\s+tháng\s+(?P<wm>\d{1,2})(?:\s*,?\s*năm\s+(?P<wy>\d{4}))?|(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})(?:\s*/\s*(?P<y>\d{4}))?|(?P<hd>\d{1,2})-(?P<hm>\d{1,2})-(?P<hy>\d{4}))$").unwrap()
});

fn num(c: &Captures, name: &str) -> Option<u32> {
    c.name(name).and_then(|m| m.as_str().parse().ok())
}

/// Parses one simple phrase ("15/4/2020", "tháng 12/2019", "06 tháng 2"). A bare month
/// without a year comes back with neither year nor day, for the caller to settle.
pub fn parse_simple(s: &str) -> Option<PartialDate> {
    let c = SIMPLE_PARTS.captures(s.trim())?;
    let year = num(&c, "moy")
        .or(num(&c, "moy2"))
        .or(num(&c, "wy"))
        .or(num(&c, "y"))
        .or(num(&c, "hy"))
        .map(|y| y as i32);
    let (month, day) = if let Some(m) = num(&c, "mo") {
        (m, None)
    } else if let Some(m) = num(&c, "wm") {
        (m, num(&c, "wd"))
    } else if let Some(m) = num(&c, "m") {
        (m, num(&c, "d"))
    } else {
        (num(&c, "hm")?, num(&c, "hd"))
    };
    if !(1..=12).contains(&month) {
        return None;
    }
    let d = PartialDate {
        year,
        month: Some(month as u8),
        day: day.map(|d| d as u8),
        time: None,
    };
    if let Some(day) = d.day {
        let max = bantin_core::date::days_in_month(year.unwrap_or(2000), month as u8);
        if day == 0 || day > max {
            return None;
        }
    }
    if let Some(y) = year {
        if !(1900..=2100).contains(&y) {
            return None;
        }
    }
    Some(d)
}

/// True when the match is glued to other digits, slashes or letters: part of a document
/// number ("05/2019/NĐ-CP") or a longer figure, not a date.
fn glued(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let glued_before = before.is_some_and(|c| c.is_alphanumeric() || c == '/' || c == '-');
    let glued_after = after.is_some_and(|c| c.is_alphanumeric() || c == '/')
        || (after == Some('-')
            && text[end + 1..]
                .chars()
                .next()
                .is_some_and(|c| c.is_alphanumeric()));
    glued_before || glued_after
}

/// Every date phrase in `text`, longest first where they overlap.
pub fn find_dates(text: &str) -> Vec<DateHit> {
    let mut hits: Vec<DateHit> = Vec::new();
    for c in RANGE.captures_iter(text) {
        let m = c.get(0).unwrap();
        let (Some(a), Some(b)) = (parse_simple(&c["a"]), parse_simple(&c["b"])) else {
            continue;
        };
        if glued(text, m.start(), m.end()) {
            continue;
        }
        let a = PartialDate {
            year: a.year.or(b.year),
            ..a
        };
        hits.push(DateHit {
            start: m.start(),
            end: m.end(),
            from: a,
            to: Some(b),
            upcoming: false,
        });
    }
    for c in DAY_RANGE.captures_iter(text) {
        let m = c.get(0).unwrap();
        if glued(text, m.start(), m.end()) {
            continue;
        }
        let d1: u8 = c[1].parse().unwrap_or(0);
        let d2: u8 = c[3].parse().unwrap_or(0);
        let month: u8 = c[4].parse().unwrap_or(0);
        let year = c.get(5).and_then(|y| y.as_str().parse().ok());
        let from = PartialDate {
            year,
            month: Some(month),
            day: Some(d1),
            time: None,
        };
        let to = PartialDate {
            day: Some(d2),
            ..from
        };
        let ok = |p: &PartialDate| {
            (1..=12).contains(&month)
                && p.day.is_some_and(|d| {
                    d >= 1 && d <= bantin_core::date::days_in_month(year.unwrap_or(2000), month)
                })
        };
        if d1 >= d2 || !ok(&from) || !ok(&to) {
            continue;
        }
        hits.push(DateHit {
            start: m.start(),
            end: m.end(),
            from,
            to: Some(to),
            upcoming: false,
        });
    }
    for c in SINGLE.captures_iter(text) {
        let a = c.name("a").unwrap();
        let m = c.get(0).unwrap();
        if glued(text, a.start(), a.end()) {
            continue;
        }
        let Some(d) = parse_simple(a.as_str()) else {
            continue;
        };
        hits.push(DateHit {
            start: m.start(),
            end: m.end(),
            from: d,
            to: None,
            upcoming: c.name("up").is_some(),
        });
    }
    hits.sort_by_key(|h| (h.start, std::cmp::Reverse(h.end)));
    let mut out: Vec<DateHit> = Vec::new();
    for h in hits {
        if out.last().is_some_and(|l| h.start < l.end) {
            continue;
        }
        out.push(h);
    }
    out
}

/// What the text says about "this year", for dates written without one.
#[derive(Debug, Clone, Default)]
pub struct YearContext {
    pub published: Option<PartialDate>,
    /// Full dates written anywhere in the article (plans, reports, events).
    pub full_dates: Vec<PartialDate>,
    /// Years named on their own ("năm 2020"), not as parts of ranges or terms.
    pub years: Vec<i32>,
}

static YEAR_MENTION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\bnăm\s+((?:19|20)\d{2})\b").unwrap());
static YEAR_RANGE_AFTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*[-–/]\s*\d{4}").unwrap());

impl YearContext {
    pub fn from_text(published: Option<PartialDate>, paragraphs: &[String]) -> YearContext {
        let mut ctx = YearContext {
            published,
            ..Default::default()
        };
        for p in paragraphs {
            for h in find_dates(p) {
                for d in [Some(h.from), h.to].into_iter().flatten() {
                    if d.year.is_some() && d.day.is_some() {
                        ctx.full_dates.push(d);
                    }
                }
            }
            for c in YEAR_MENTION.captures_iter(p) {
                let m = c.get(1).unwrap();
                if YEAR_RANGE_AFTER.is_match(&p[m.end()..]) {
                    continue;
                }
                if let Ok(y) = m.as_str().parse() {
                    ctx.years.push(y);
                }
            }
        }
        ctx
    }

    /// The latest year the text itself speaks of.
    pub fn latest_year(&self) -> Option<i32> {
        self.full_dates
            .iter()
            .filter_map(|d| d.year)
            .chain(self.years.iter().copied())
            .max()
    }

    /// Settles the year of a day and month. With a publication date: that year when the
    /// day is not after it (reports tell what has happened), or when the phrase looks
    /// ahead; the year before for a late-December day in an early-January report.
    /// Without one: the latest year the text names, when a full date of that year in the
    /// text precedes this day (a plan of 17/1/2020 implemented on 6/2). Otherwise the
    /// year stays unknown.
    pub fn year_for(&self, month: u8, day: Option<u8>, upcoming: bool) -> Option<i32> {
        let md = (month, day.unwrap_or(1));
        if let Some(p) = self.published.filter(|p| p.year.is_some()) {
            let py = p.year?;
            let pmd = (p.month?, p.day.unwrap_or(31));
            if md <= pmd {
                return Some(py);
            }
            if upcoming {
                return Some(py);
            }
            if pmd.0 <= 1 && month == 12 {
                return Some(py - 1);
            }
            return None;
        }
        if upcoming {
            return None;
        }
        let y = self.latest_year()?;
        self.full_dates
            .iter()
            .filter(|d| d.year == Some(y))
            .any(|d| (d.month.unwrap_or(13), d.day.unwrap_or(32)) <= md)
            .then_some(y)
    }

    /// The month of "tháng 5 tới đây": the next such month from the publication date.
    pub fn upcoming_month_year(&self, month: u8) -> Option<i32> {
        let p = self.published?;
        let py = p.year?;
        if month >= p.month? {
            Some(py)
        } else {
            Some(py + 1)
        }
    }

    /// Turns a hit into a date, filling the year where it is certain.
    pub fn resolve(&self, hit: &DateHit) -> Option<DateSpec> {
        let fill = |d: PartialDate| -> Option<PartialDate> {
            if d.year.is_some() {
                return Some(d);
            }
            let month = d.month?;
            let year = if d.day.is_none() {
                if hit.upcoming {
                    self.upcoming_month_year(month)
                } else {
                    None
                }
            } else {
                self.year_for(month, d.day, hit.upcoming)
            };
            match year {
                Some(y) => Some(PartialDate { year: Some(y), ..d }),
                // A month alone without its year cannot be written as a date.
                None if d.day.is_none() => None,
                None => Some(d),
            }
        };
        let from = fill(hit.from)?;
        match hit.to {
            None => Some(DateSpec::Point(from)),
            Some(to) => {
                let to = if to.year.is_none() && from.year.is_some() {
                    PartialDate {
                        year: from.year,
                        ..to
                    }
                } else {
                    fill(to)?
                };
                let from = if from.year.is_none() && to.year.is_some() {
                    PartialDate {
                        year: to.year,
                        ..from
                    }
                } else {
                    from
                };
                Some(DateSpec::Range(from, to))
            }
        }
    }
}

/// "2020 - 2025", "2020- 2025", "2020 -2025" → "2020-2025".
pub fn parse_term(s: &str) -> Option<String> {
    static TERM: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"((?:19|20)\d{2})\s*[-–—]\s*((?:19|20)\d{2})").unwrap());
    let c = TERM.captures(s)?;
    let a: i32 = c[1].parse().ok()?;
    let b: i32 = c[2].parse().ok()?;
    (b > a && b - a <= 10).then(|| format!("{a}-{b}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stamp(line: &str) -> Option<String> {
        parse_stamp(line, None).map(|s| s.date.to_string())
    }

    #[test]
    fn reads_every_stamp_format() {
        assert_eq!(
            stamp("6/15/2020 8:01:46 AM").as_deref(),
            Some("2020-06-15T08:01")
        );
        assert_eq!(
            stamp("6/15/2020 8:01:46 PM").as_deref(),
            Some("2020-06-15T20:01")
        );
        assert_eq!(
            stamp("Thứ 7, 28/03/2020 | 18:57:43 [GMT +7] A A").as_deref(),
            Some("2020-03-28T18:57")
        );
        assert_eq!(
            stamp("26/03/2020 | 16:40  | Lượt xem: 351").as_deref(),
            Some("2020-03-26T16:40")
        );
        assert_eq!(stamp("Ngày đăng 02/06/2020").as_deref(), Some("2020-06-02"));
        assert_eq!(
            stamp("(17:55 30/07/2020)").as_deref(),
            Some("2020-07-30T17:55")
        );
        assert_eq!(stamp("Thời sự 26-08-2020").as_deref(), Some("2020-08-26"));
        assert!(parse_stamp("Ngày đăng 02/06/2020", None).unwrap().labelled);
    }

    #[test]
    fn month_first_is_detected_by_value_clock_and_page() {
        // 6/15: 15 cannot be a month.
        assert_eq!(stamp("6/15/2020").as_deref(), Some("2020-06-15"));
        // 15/6: 15 cannot be a month either way round.
        assert_eq!(
            stamp("15/6/2020 8:01 AM").as_deref(),
            Some("2020-06-15T08:01")
        );
        // Ambiguous 6/7 with a 12-hour clock: month first.
        assert_eq!(
            stamp("6/7/2020 8:01:46 AM").as_deref(),
            Some("2020-06-07T08:01")
        );
        // Ambiguous without a clock: Vietnamese day first…
        assert_eq!(stamp("6/7/2020").as_deref(), Some("2020-07-06"));
        // …unless the page shows it writes the month first.
        let conv = month_first_convention(["Tin khác (8/23/2021 3:49:00 PM)"]);
        assert_eq!(conv, Some(true));
        assert_eq!(
            parse_stamp("6/7/2020", conv).unwrap().date.to_string(),
            "2020-06-07"
        );
        assert_eq!(month_first_convention(["28/03/2020"]), Some(false));
    }

    #[test]
    fn flags_today_widgets_and_refuses_running_text() {
        let w = parse_stamp("chủ nhật, ngày 26/9/2021", None).unwrap();
        assert!(w.weekday_led);
        assert!(
            parse_stamp("Thứ Bảy, 02/11/2024 06:25 (GMT +7)", None)
                .unwrap()
                .weekday_led
        );
        assert!(!parse_stamp("26/03/2020 | 16:40", None).unwrap().weekday_led);
        assert!(
            parse_stamp("Hôm nay: 26/09/2021", None)
                .unwrap()
                .weekday_led
        );
        assert_eq!(
            stamp("Thực hiện Kế hoạch số 129 ngày 17/1/2020 của Thành ủy về tuyên truyền"),
            None
        );
        assert_eq!(
            stamp("Ba điểm mới (5/4/2021 2:02:57 PM) và (5/4/2021)"),
            None
        );
        assert_eq!(stamp("31/02/2020"), None);
        assert_eq!(stamp("28/03/2020 | 25:61"), Some("2020-03-28".into()));
    }

    fn resolved(text: &str, ctx: &YearContext) -> Vec<String> {
        find_dates(text)
            .iter()
            .filter_map(|h| ctx.resolve(h))
            .map(|d| d.to_string())
            .collect()
    }

    #[test]
    fn finds_phrases_and_ranges() {
        let ctx = YearContext {
            published: Some(PartialDate::ymd(2020, 3, 28)),
            ..Default::default()
        };
        assert_eq!(resolved("Sáng 11/3, hội nghị", &ctx), ["2020-03-11"]);
        assert_eq!(
            resolved("từ tháng 12/2019 đến 15/4/2020 được xác định", &ctx),
            ["2019-12/2020-04-15"]
        );
        assert_eq!(
            resolved("Ngay từ đầu tháng 9/2019, Tiểu ban", &ctx),
            ["2019-09"]
        );
        assert_eq!(
            resolved("diễn ra trong 2 ngày 19-20/3", &ctx),
            ["2020-03-19/2020-03-20"]
        );
        // After the publication date, with nothing saying it lies ahead: year unknown.
        assert_eq!(
            resolved("diễn ra trong 2 ngày 29-30/7", &ctx),
            ["--07-29/--07-30"]
        );
        assert_eq!(
            resolved("các ngày 3,4 và 5/8/2020", &ctx),
            ["2020-08-03/2020-08-05"]
        );
        assert_eq!(
            resolved("Chiều ngày 24/3/2020, đồng chí", &ctx),
            ["2020-03-24"]
        );
        assert_eq!(resolved("vào tháng 5 tới đây", &ctx), ["2020-05"]);
        assert_eq!(resolved("Sáng ngày 06 tháng 2, UBND", &ctx), ["2020-02-06"]);
        // Document numbers are not dates.
        assert!(resolved("Nghị định số 05/2019/NĐ-CP", &ctx).is_empty());
        assert!(resolved("Chỉ thị 05-CT/TW", &ctx).is_empty());
        assert!(resolved("nhiệm kỳ 2020-2025", &ctx).is_empty());
    }

    #[test]
    fn years_come_from_context_only_when_certain() {
        let paragraphs =
            vec!["Thực hiện Kế hoạch số 129 ngày 17/1/2020 của Thành ủy, năm 2020".to_string()];
        let ctx = YearContext::from_text(None, &paragraphs);
        assert_eq!(resolved("Sáng ngày 06 tháng 2, UBND", &ctx), ["2020-02-06"]);
        // 10/1 comes before the only dated reference: the year is not certain.
        assert_eq!(resolved("Sáng 10/1, UBND", &ctx), ["--01-10"]);
        let none = YearContext::default();
        assert_eq!(resolved("Sáng 11/6, hội nghị", &none), ["--06-11"]);
        // A December day in a report of early January belongs to the year before.
        let jan = YearContext {
            published: Some(PartialDate::ymd(2021, 1, 5)),
            ..Default::default()
        };
        assert_eq!(resolved("Sáng 28/12, hội nghị", &jan), ["2020-12-28"]);
    }

    #[test]
    fn terms_are_normalised() {
        for t in [
            "2020 - 2025",
            "2020- 2025",
            "2020 -2025",
            "2020–2025",
            "2020-2025",
        ] {
            assert_eq!(parse_term(t).as_deref(), Some("2020-2025"));
        }
        assert_eq!(parse_term("2025-2020"), None);
    }
}
