//! Dated happenings the article reports: "Sáng 11/6, …", "Ngay từ đầu tháng 9/2019, …".
//! Dates of documents ("Kế hoạch số 129 ngày 17/1/2020") and of congresses (kept on the
//! congress) are not events.

use std::sync::LazyLock;

use bantin_core::Event;
use regex::Regex;

use crate::dates::{find_dates, YearContext};
use crate::text::cut_at_word;

static DOCUMENT_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:\bsố\s+\S+|kế\s+hoạch|quyết\s+định|chỉ\s+thị|công\s+văn|thông\s+báo|hướng\s+dẫn|văn\s+bản|nghị\s+định|thông\s+tư|tờ\s+trình|báo\s+cáo|nghị\s+quyết|ban\s+hành)[^.;]{0,90}$").unwrap()
});
static BIRTH_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:thành\s+lập|sinh\s+ngày|ngày\s+sinh|kỷ\s+niệm|\()\s*(?:ngày\s+)?$").unwrap()
});

fn sentence_bounds(text: &str, start: usize, end: usize) -> (usize, usize) {
    let s = text[..start]
        .rfind(". ")
        .map(|i| i + 2)
        .or_else(|| text[..start].rfind("; ").map(|i| i + 2))
        .unwrap_or(0);
    let bytes = text.as_bytes();
    let mut e = end;
    while e < bytes.len() {
        if matches!(bytes[e], b'.' | b';' | b'!' | b'?')
            && (e + 1 == bytes.len() || bytes[e + 1] == b' ')
        {
            break;
        }
        e += 1;
    }
    (s, e)
}

/// A short clause in the article's words: what follows the date in its sentence, or,
/// when the date closes the sentence, what precedes it.
fn clause(text: &str, start: usize, end: usize) -> String {
    let (s, e) = sentence_bounds(text, start, end);
    let after = text[end..e].trim_start_matches([',', ' ', ':']).trim();
    let before = text[s..start].trim_end_matches([',', ' ']).trim();
    let chosen = if after.split_whitespace().count() >= 4 {
        after
    } else {
        before
    };
    let chosen = chosen.trim_end_matches(['.', ',', ';', ' ']);
    cut_clause(chosen, 160)
}

/// Cuts at the last clause boundary before `max` characters, else at a word.
pub fn cut_clause(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let limit = s.char_indices().nth(max).map(|(i, _)| i).unwrap_or(s.len());
    let head = &s[..limit];
    let boundary = [", ", "; ", " và ", " để ", " nhằm "]
        .iter()
        .filter_map(|b| head.rfind(b))
        .filter(|&i| head[..i].chars().count() >= 40)
        .max();
    match boundary {
        Some(i) => head[..i].trim_end_matches([',', ';', ' ']).to_string(),
        None => cut_at_word(s, max),
    }
}

pub fn extract(
    paragraphs: &[String],
    ctx: &YearContext,
    used: &[(usize, usize, usize)],
) -> (Vec<Event>, Vec<String>) {
    let mut events: Vec<Event> = Vec::new();
    let mut warnings = Vec::new();
    let reference_year = ctx.published.and_then(|p| p.year).or(ctx.latest_year());
    for (pi, p) in paragraphs.iter().enumerate() {
        for hit in find_dates(p) {
            if used
                .iter()
                .any(|&(up, s, e)| up == pi && hit.start < e && s < hit.end)
            {
                continue;
            }
            let from = p[..hit.start]
                .char_indices()
                .rev()
                .nth(140)
                .map(|(i, _)| i)
                .unwrap_or(0);
            let before = &p[from..hit.start];
            let before_trim = before.trim_end();
            // "Kế hoạch số 129 ngày 17/1/2020": a document's date, with "ngày" either
            // inside the phrase found or just before it.
            let says_ngay = before_trim.to_lowercase().ends_with("ngày")
                || p[hit.start..].to_lowercase().starts_with("ngày");
            let clause_before = before_trim
                .strip_suffix("ngày")
                .or_else(|| before_trim.strip_suffix("Ngày"))
                .unwrap_or(before_trim)
                .trim_end();
            if says_ngay && DOCUMENT_BEFORE.is_match(clause_before) {
                continue;
            }
            if BIRTH_BEFORE.is_match(before_trim) {
                continue;
            }
            // A month alone, with no year stated, is a plan ("trong tháng 3"), not an event.
            if hit.from.day.is_none() && hit.from.year.is_none() {
                continue;
            }
            let Some(date) = ctx.resolve(&hit) else {
                continue;
            };
            if let (Some(y), Some(r)) = (date.start().year, reference_year) {
                if y < r - 2 {
                    continue;
                }
            }
            if date.start().year.is_none() {
                warnings.push(format!("event year unknown: {date}"));
            }
            let what = clause(p, hit.start, hit.end);
            if what.is_empty() || events.iter().any(|e| e.date == date && e.what == what) {
                continue;
            }
            events.push(Event { date, what });
        }
    }
    (events, warnings)
}

#[cfg(test)]
mod tests {
    use super::*;
    use bantin_core::PartialDate;

    #[test]
    fn keeps_happenings_and_drops_document_dates() {
        let paragraphs = vec![
            "Thực hiện Kế hoạc số 129 ngày 17/1/2020 của Thành ủy, UBND đã triển khai kế hoạch. Căn cứ Kế hoạch số 14-KH/BTGThU ngày 30/01/2020 của Ban Tuyên giáo.".to_string(),
            "Sáng 11/6, Tiểu ban tuyên truyền tổ chức họp đánh giá công việc đã thực hiện.".to_string(),
            "bám sát kế hoạch số 133-KH/QU của Ban Thường vụ Quận ủy ngày 25/11/2019; kế hoạch cụ thể.".to_string(),
        ];
        let ctx = YearContext::from_text(Some(PartialDate::ymd(2020, 6, 15)), &paragraphs);
        let (events, _) = extract(&paragraphs, &ctx, &[]);
        assert_eq!(events.len(), 1, "{events:?}");
        assert_eq!(events[0].date.to_string(), "2020-06-11");
        assert_eq!(
            events[0].what,
            "Tiểu ban tuyên truyền tổ chức họp đánh giá công việc đã thực hiện"
        );
    }

    #[test]
    fn a_document_cited_by_number_is_not_an_event_whatever_its_kind() {
        // "số …" before "ngày" marks a document, whether its kind is misspelled ("Kế
        // hoạc", "Quyết đinh"), abbreviated ("KH") or not stated at all.
        let paragraphs = vec![
            "Thực hiện Kế hoạc số 129 ngày 17/1/2020 của Thành ủy, UBND đã triển khai.".to_string(),
            "Theo Quyết đinh số 12/QĐ-UBND ngày 3/2/2020, thành phố lập Tiểu ban.".to_string(),
            "Căn cứ KH số 5-KH/TU ngày 9/2/2020, các xã tuyên truyền.".to_string(),
            "Văn bản của Tỉnh ủy, số 7 ngày 10/2/2020, nêu rõ nhiệm vụ.".to_string(),
            "Sáng 11/6, Tiểu ban tuyên truyền tổ chức họp đánh giá công việc.".to_string(),
        ];
        let ctx = YearContext::from_text(Some(PartialDate::ymd(2020, 6, 15)), &paragraphs);
        let (events, _) = extract(&paragraphs, &ctx, &[]);
        let dates: Vec<String> = events.iter().map(|e| e.date.to_string()).collect();
        assert_eq!(dates, ["2020-06-11"], "{events:?}");
    }

    #[test]
    fn clauses_are_cut_at_a_boundary() {
        let long = "Tiểu ban Tuyên truyền - Khánh tiết do đồng chí Phó Bí thư Thường trực Huyện ủy làm Trưởng Tiểu ban đã ban hành kế hoạch, phân công rõ từng đầu mối công việc, nhằm tham mưu cho Ban Chấp hành";
        let c = cut_clause(long, 140);
        assert!(c.chars().count() <= 140);
        assert_eq!(
            c,
            "Tiểu ban Tuyên truyền - Khánh tiết do đồng chí Phó Bí thư Thường trực Huyện ủy làm Trưởng Tiểu ban đã ban hành kế hoạch"
        );
    }
}
