//! Dates and labels as a Vietnamese (or English) reader expects to see them.

use crate::date::{weekday, DateSpec, PartialDate};
use crate::model::Tier;
use crate::state::Lang;

const WEEKDAYS_VI: [&str; 7] = [
    "Chủ nhật",
    "Thứ Hai",
    "Thứ Ba",
    "Thứ Tư",
    "Thứ Năm",
    "Thứ Sáu",
    "Thứ Bảy",
];
const WEEKDAYS_EN: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];
pub const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// `28/03/2020`, `tháng 5/2020`, `năm 2020`, `06/02 (không rõ năm)`; English equivalents.
pub fn partial_date(d: &PartialDate, lang: Lang) -> String {
    let en = lang == Lang::En;
    match (d.year, d.month, d.day) {
        (Some(y), Some(m), Some(day)) => format!("{day:02}/{m:02}/{y}"),
        (Some(y), Some(m), None) if en => format!("{} {y}", MONTHS_EN[m as usize - 1]),
        (Some(y), Some(m), None) => format!("tháng {m}/{y}"),
        (Some(y), None, _) if en => format!("{y}"),
        (Some(y), None, _) => format!("năm {y}"),
        (None, Some(m), Some(day)) if en => format!("{day:02}/{m:02} (year unknown)"),
        (None, Some(m), Some(day)) => format!("{day:02}/{m:02} (không rõ năm)"),
        (None, Some(m), None) if en => format!("{} (year unknown)", MONTHS_EN[m as usize - 1]),
        (None, Some(m), None) => format!("tháng {m} (không rõ năm)"),
        (None, None, _) => String::new(),
    }
}

/// A date for the list and the article header: the weekday with a full date
/// (`Thứ Bảy, 28/03/2020 18:57`), the honest partial form otherwise, ranges with a dash.
pub fn date_spec(d: &DateSpec, lang: Lang) -> String {
    match d {
        DateSpec::Point(p) => {
            let mut s = String::new();
            if let (Some(y), Some(m), Some(day)) = (p.year, p.month, p.day) {
                let names = if lang == Lang::En {
                    &WEEKDAYS_EN
                } else {
                    &WEEKDAYS_VI
                };
                s.push_str(names[weekday(y, m, day) as usize]);
                s.push_str(", ");
            }
            s.push_str(&partial_date(p, lang));
            if let Some((h, mi)) = p.time {
                s.push_str(&format!(" {h:02}:{mi:02}"));
            }
            s
        }
        DateSpec::Range(a, b) => {
            format!("{} – {}", partial_date(a, lang), partial_date(b, lang))
        }
    }
}

/// ISO form for `<time datetime>`; `None` when the year is unknown (no valid value exists).
pub fn machine_date(d: &DateSpec) -> Option<String> {
    d.start().year?;
    Some(d.start().to_string())
}

pub fn tier_label(t: Tier, lang: Lang) -> &'static str {
    match (t, lang) {
        (Tier::National, Lang::Vi) => "Toàn quốc",
        (Tier::Province, Lang::Vi) => "Cấp tỉnh",
        (Tier::District, Lang::Vi) => "Cấp huyện",
        (Tier::Commune, Lang::Vi) => "Cấp xã",
        (Tier::National, Lang::En) => "National",
        (Tier::Province, Lang::En) => "Province",
        (Tier::District, Lang::En) => "District",
        (Tier::Commune, Lang::En) => "Commune",
    }
}

/// Rounds a byte count for people: `12 KB`, `1,4 MB` (Vietnamese decimal comma).
pub fn byte_size(bytes: u64, lang: Lang) -> String {
    let sep = if lang == Lang::En { "." } else { "," };
    if bytes < 1024 {
        format!("{bytes} B")
    } else if bytes < 1024 * 1024 {
        format!("{} KB", bytes.div_ceil(1024))
    } else {
        let tenths = (bytes * 10).div_ceil(1024 * 1024);
        format!("{}{sep}{} MB", tenths / 10, tenths % 10)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> DateSpec {
        DateSpec::parse(s).unwrap()
    }

    #[test]
    fn full_dates_carry_the_weekday() {
        assert_eq!(
            date_spec(&d("2020-03-28T18:57"), Lang::Vi),
            "Thứ Bảy, 28/03/2020 18:57"
        );
        assert_eq!(date_spec(&d("2020-06-15"), Lang::Vi), "Thứ Hai, 15/06/2020");
        assert_eq!(date_spec(&d("2020-06-15"), Lang::En), "Monday, 15/06/2020");
    }

    #[test]
    fn partial_dates_stay_partial() {
        assert_eq!(date_spec(&d("2020-05"), Lang::Vi), "tháng 5/2020");
        assert_eq!(date_spec(&d("2020"), Lang::Vi), "năm 2020");
        assert_eq!(date_spec(&d("--02-06"), Lang::Vi), "06/02 (không rõ năm)");
        assert_eq!(date_spec(&d("2020-05"), Lang::En), "May 2020");
        assert_eq!(
            date_spec(&d("2019-12/2020-04-15"), Lang::Vi),
            "tháng 12/2019 – 15/04/2020"
        );
        assert_eq!(machine_date(&d("--02-06")), None);
        assert_eq!(machine_date(&d("2020-05")).as_deref(), Some("2020-05"));
    }

    #[test]
    fn sizes_round_up() {
        assert_eq!(byte_size(900, Lang::Vi), "900 B");
        assert_eq!(byte_size(1025, Lang::Vi), "2 KB");
        assert_eq!(byte_size(1_500_000, Lang::Vi), "1,5 MB");
        assert_eq!(byte_size(1_500_000, Lang::En), "1.5 MB");
    }
}
