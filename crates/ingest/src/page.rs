//! Line classification: which lines of a scraped page are the headline, the stamp, the
//! article's paragraphs, its byline and source, and which are page furniture (menus,
//! widgets, counters, polls, related lists, photo captions). The rules describe kinds of
//! lines, not particular sites.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use bantin_core::PartialDate;
use regex::Regex;

use crate::dates::{month_first_convention, parse_stamp, Stamp, YearContext};
use crate::text::{fold, word_count};

#[derive(Debug, Default)]
pub struct Page {
    /// The headline as the page states it.
    pub title: Option<String>,
    pub published: Option<PartialDate>,
    pub body: Vec<String>,
    pub author: Option<String>,
    pub affiliation: Option<String>,
    pub site: Option<String>,
    pub url: Option<String>,
    /// Everything that is not the article, kept as weak locality evidence.
    pub furniture: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Blank,
    Furniture,
    Stamp,
    Title,
    Body,
    Caption,
    Byline,
    Source,
}

/// Lines that open a widget, a menu or a list; only short lines are tested.
static FURNITURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\W*(?:quay\s+lại|trở\s+về|in\s+trang|in\s+bài|bản\s+in|đầu\s+trang|lên\s+đầu\s+trang|gửi\s+email|gửi\s+bài|gửi\s+cho\s+bạn\s+bè|chia\s+sẻ|share|tweet|bình\s+luận|ý\s+kiến|gửi\s+ý\s+kiến|đánh\s+giá|lượt\s+đánh\s+giá|mã\s+xác\s+thực|nhập\s+mã|thống\s+kê|online\b|đang\s+online|đang\s+truy\s+cập|lượt\s+truy\s+cập|truy\s+cập|lượt\s+xem|bình\s+chọn|theo\s+bạn\b|kết\s+quả\s+bình\s+chọn|liên\s+kết|văn\s+bản\s+mới|bản\s+đồ|tất\s+cả\s+chuyên\s+mục|chuyên\s+mục|danh\s+mục|trang\s+chủ|đăng\s+nhập|đăng\s+ký|tìm\s+kiếm|copyright|©|bản\s+quyền|địa\s+chỉ\s*:|điện\s+thoại\s*:|email\s*:|fax\s*:|tin\s+liên\s+quan|tin\s+khác|các\s+tin\s+khác|tin\s+cùng\s+chuyên\s+mục|các\s+tin\s+cùng|tin\s+mới|tin\s+đọc\s+nhiều|đọc\s+nhiều|xem\s+nhiều|xem\s+thêm|bài\s+viết\s+liên\s+quan|bài\s+viết\s+khác|các\s+bài\s+khác|\[?links\(\)\]?|từ\s+khóa|từ\s+khoá|tags?\s*:|font\s+size|cỡ\s+chữ|a\s*-?\s*a\s*\+?$|video\b|album|thư\s+viện\s+ảnh|hỏi\s+đáp|sơ\s+đồ\s+cổng|giới\s+thiệu$)").unwrap()
});
/// Lines after which nothing belongs to the article any more.
static HARD_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\W*(?:quay\s+lại|trở\s+về|in\s+trang|in\s+bài|đầu\s+trang|gửi\s+email|chia\s+sẻ|bình\s+luận|ý\s+kiến|gửi\s+ý\s+kiến|đánh\s+giá|lượt\s+đánh\s+giá|mã\s+xác\s+thực|thống\s+kê|bình\s+chọn|liên\s+kết|tin\s+liên\s+quan|tin\s+khác|các\s+tin\s+khác|tin\s+cùng\s+chuyên\s+mục|các\s+tin\s+cùng|tin\s+mới|tin\s+đọc\s+nhiều|xem\s+thêm|bài\s+viết\s+liên\s+quan|bài\s+viết\s+khác|các\s+bài\s+khác|\[?links\(\)\]?|từ\s+khóa|từ\s+khoá|tags?\s*:)").unwrap()
});
/// A headline followed by its date in parentheses: an item of a related-articles list.
static LIST_ITEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\(\s*(?:\d{1,2}:\d{2}(?::\d{2})?\s*)?\d{1,2}[/.-]\d{1,2}[/.-]\d{4}(?:\s+\d{1,2}:\d{2}(?::\d{2})?\s*(?:AM|PM)?)?\s*\)\s*$").unwrap()
});
static SOURCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:nguồn(?:\s+(?:bài|tin))?|theo)\s*:?\s*(.+?)\s*\.?$").unwrap()
});
static BYLINE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?:tin|bài|ảnh|video)(?:\s*(?:,|và|&|\+|-)\s*(?:ảnh|video|bài))?|pv|nhóm\s+pv|thực\s+hiện|tác\s+giả|người\s+viết)\s*:\s*(.+)$").unwrap()
});
static AFFILIATION: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\(([^()]{2,80})\)$").unwrap());
static CAPTION_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:đ\.\s*c|đ/c|đồng\s+chí|các\s+đồng\s+chí|quang\s+cảnh|toàn\s+cảnh|các\s+đại\s+biểu|đại\s+biểu|lãnh\s+đạo|ảnh|hình\s+ảnh|\(ảnh)\b").unwrap()
});
static NAME_WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\p{Lu}[\p{Ll}\p{M}]*\.?$").unwrap());

fn letters(s: &str) -> usize {
    s.chars().filter(|c| c.is_alphabetic()).count()
}

fn ends_sentence(s: &str) -> bool {
    s.trim_end_matches(['"', '”', '»', ')', '\'', ' '])
        .ends_with(['.', '!', '?', '…'])
        || s.ends_with("./.")
}

/// Running text: long, several words, sentence punctuation.
fn is_paragraph(s: &str) -> bool {
    let chars = s.chars().count();
    let words = word_count(s);
    (chars >= 80 && words >= 12 && ends_sentence(s)) || (chars >= 200 && words >= 30)
}

fn is_all_caps(s: &str) -> bool {
    let l = letters(s);
    l >= 4 && s.chars().filter(|c| c.is_uppercase()).count() * 10 >= l * 9
}

/// "Tiến tới Đại hội … Tiến tới Đại hội …": a banner rendered twice on one line.
fn is_doubled(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    let n = words.len();
    n >= 4 && n.is_multiple_of(2) && words[..n / 2] == words[n / 2..]
}

fn is_furniture(s: &str) -> bool {
    let chars = s.chars().count();
    if letters(s) == 0 {
        return true;
    }
    if chars <= 80 && FURNITURE.is_match(s) {
        return true;
    }
    if chars <= 150 && is_all_caps(s) {
        return true;
    }
    if is_doubled(s) || LIST_ITEM.is_match(s) {
        return true;
    }
    // Breadcrumbs and menus.
    chars <= 120 && (s.contains(" > ") || s.contains(" » ") || s.matches(" | ").count() >= 2)
}

/// A person's name: two to five capitalised words, nothing else.
fn is_name(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    (2..=5).contains(&words.len())
        && s.chars().count() <= 40
        && words.iter().all(|w| NAME_WORD.is_match(w))
}

/// "Nguyễn Thị Hường - BTG Thị ủy" → name and affiliation.
fn split_byline(s: &str) -> Option<(String, Option<String>)> {
    let s = s.trim().trim_end_matches('.');
    if is_name(s) {
        return Some((s.to_string(), None));
    }
    // "Minh Anh (TTVH)"
    if let Some((name, aff)) = s.strip_suffix(')').and_then(|r| r.rsplit_once(" (")) {
        if is_name(name.trim()) {
            return Some((name.trim().to_string(), Some(aff.trim().to_string())));
        }
    }
    for sep in [" - ", " – ", " — ", ", "] {
        if let Some((name, aff)) = s.split_once(sep) {
            if is_name(name.trim()) && !aff.trim().is_empty() && aff.chars().count() <= 60 {
                return Some((name.trim().to_string(), Some(aff.trim().to_string())));
            }
        }
    }
    None
}

fn content_words(s: &str) -> Vec<String> {
    fold(s)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Photo captions: lines ending with "|", or a single sentence about a person or a scene
/// that repeats what the text already says.
fn is_caption(line: &str, others: &BTreeSet<String>) -> bool {
    let t = line.trim();
    if t.ends_with('|') {
        return true;
    }
    if !CAPTION_START.is_match(t) || t.chars().count() > 300 {
        return false;
    }
    // Unpunctuated, or a few words ("Quang cảnh Đại hội."): a label under a photo.
    if !ends_sentence(t) || word_count(t) <= 6 {
        return true;
    }
    let sentences = t
        .trim_end_matches(['.', '!', '?'])
        .split(". ")
        .filter(|s| !s.trim().is_empty())
        .count();
    if sentences > 1 {
        return false;
    }
    let words = content_words(t);
    let known = words.iter().filter(|w| others.contains(*w)).count();
    !words.is_empty() && known * 100 >= words.len() * 95
}

/// The nearest non-blank line before or after `i`.
fn non_blank_neighbour(kinds: &[Kind], i: usize, forward: bool) -> Option<usize> {
    if forward {
        (i + 1..kinds.len()).find(|&j| kinds[j] != Kind::Blank)
    } else {
        (0..i).rev().find(|&j| kinds[j] != Kind::Blank)
    }
}

pub fn parse(lines: &[String]) -> Result<Page, String> {
    let n = lines.len();
    let mut kinds: Vec<Kind> = lines
        .iter()
        .map(|l| {
            if l.is_empty() {
                Kind::Blank
            } else if !LIST_ITEM.is_match(l) && parse_stamp(l, None).is_some() {
                // Stamps share furniture's look ("26/03/2020 | 16:40 | Lượt xem: 351").
                Kind::Stamp
            } else if is_furniture(l) {
                Kind::Furniture
            } else {
                Kind::Body
            }
        })
        .collect();
    let convention = month_first_convention(lines.iter().map(String::as_str));
    let stamps: Vec<Option<Stamp>> = lines
        .iter()
        .zip(&kinds)
        .map(|(l, k)| {
            if *k == Kind::Stamp {
                parse_stamp(l, convention)
            } else {
                None
            }
        })
        .collect();
    let body_start = (0..n)
        .find(|&i| kinds[i] == Kind::Body && is_paragraph(&lines[i]))
        .ok_or("no article text (no paragraph of running text)")?;
    let hard_end = (body_start + 1..n)
        .find(|&i| lines[i].chars().count() <= 60 && HARD_END.is_match(&lines[i]))
        .unwrap_or(n);
    for k in kinds.iter_mut().skip(hard_end) {
        if *k != Kind::Blank {
            *k = Kind::Furniture;
        }
    }

    // The headline: a line of the header, preferably next to the stamp.
    let mut title_idx: Option<usize> = None;
    let mut best = i32::MIN;
    for i in 0..body_start {
        let l = &lines[i];
        if kinds[i] != Kind::Body {
            continue;
        }
        let words = word_count(l);
        let starts_well = l
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || "\"“‘'[(".contains(c));
        if !(3..=60).contains(&words) || l.chars().count() > 300 || !starts_well || l.ends_with(':')
        {
            continue;
        }
        let mut score = 0;
        let near_stamp = [
            non_blank_neighbour(&kinds, i, true),
            non_blank_neighbour(&kinds, i, false),
        ]
        .into_iter()
        .flatten()
        .any(|j| kinds[j] == Kind::Stamp);
        if near_stamp {
            score += 3;
        }
        if non_blank_neighbour(&kinds, i, true) == Some(body_start) {
            score += 2;
        }
        if score >= best {
            best = score;
            title_idx = Some(i);
        }
    }
    if let Some(t) = title_idx {
        kinds[t] = Kind::Title;
    }
    for k in kinds.iter_mut().take(body_start) {
        if *k == Kind::Body {
            *k = Kind::Furniture;
        }
    }

    // Tail: byline, affiliation and source, read backwards from the end of the article.
    let mut page = Page::default();
    let mut i = hard_end;
    while i > body_start {
        i -= 1;
        let l = lines[i].trim();
        if matches!(kinds[i], Kind::Blank | Kind::Furniture | Kind::Stamp) {
            continue;
        }
        if l.chars().count() > 100 || is_paragraph(l) {
            break;
        }
        if let Some(c) = AFFILIATION.captures(l) {
            if page.affiliation.is_none() && page.author.is_none() {
                page.affiliation = Some(c[1].trim().to_string());
                kinds[i] = Kind::Byline;
                continue;
            }
        }
        if let Some(c) = SOURCE.captures(l) {
            let v = c[1].trim().to_string();
            // "Theo đó, …" opens a sentence; a source is a name or a domain.
            let domain_like = !v.contains(' ') && v.contains('.');
            let named = v.chars().next().is_some_and(char::is_uppercase);
            if page.site.is_none()
                && l.chars().count() <= 80
                && !ends_sentence(&c[1])
                && (domain_like || named)
            {
                if v.starts_with("http://") || v.starts_with("https://") {
                    page.url = Some(v.clone());
                    page.site = v.split('/').nth(2).map(str::to_string);
                } else {
                    page.site = Some(v);
                }
                kinds[i] = Kind::Source;
                continue;
            }
        }
        if page.author.is_none() {
            let by = BYLINE_LABEL
                .captures(l)
                .map(|c| split_byline(&c[1]).unwrap_or((c[1].trim().to_string(), None)))
                .or_else(|| split_byline(l));
            if let Some((name, aff)) = by {
                page.author = Some(name);
                if aff.is_some() {
                    page.affiliation = aff;
                }
                kinds[i] = Kind::Byline;
                continue;
            }
        }
        break;
    }

    // Captions inside the text.
    let body_idx: Vec<usize> = (body_start..hard_end)
        .filter(|&i| kinds[i] == Kind::Body)
        .collect();
    for &i in &body_idx {
        let others: BTreeSet<String> = body_idx
            .iter()
            .filter(|&&j| j != i)
            .flat_map(|&j| content_words(&lines[j]))
            .collect();
        if is_caption(&lines[i], &others) {
            kinds[i] = Kind::Caption;
        }
    }
    page.body = (body_start..hard_end)
        .filter(|&i| kinds[i] == Kind::Body)
        .map(|i| lines[i].clone())
        .collect();

    // The stamp: next to the headline (or the first paragraph when there is none);
    // weekday-led stamps above the headline are the "today" widget, as are stamps years
    // later than anything the article speaks of.
    let latest = YearContext::from_text(None, &page.body).latest_year();
    let anchor = title_idx.unwrap_or(body_start);
    let mut best: Option<(i32, usize)> = None;
    for i in 0..hard_end {
        let Some(s) = &stamps[i] else { continue };
        if kinds[i] != Kind::Stamp {
            continue;
        }
        let mut score = 1;
        if s.date.time.is_some() {
            score += 2;
        }
        if s.labelled {
            score += 2;
        }
        let adjacent = non_blank_neighbour(&kinds, i, true) == Some(anchor)
            || (title_idx.is_some() && non_blank_neighbour(&kinds, i, false) == Some(anchor));
        if adjacent {
            score += 3;
        }
        if s.weekday_led && i < anchor {
            score -= 3;
            if s.date.time.is_none() {
                score -= 1;
            }
        }
        if let (Some(y), Some(l)) = (s.date.year, latest) {
            if y > l + 1 {
                score -= 5;
            }
        }
        if score > 0 && best.is_none_or(|(b, _)| score > b) {
            best = Some((score, i));
        }
    }
    page.published = best.and_then(|(_, i)| stamps[i].as_ref()).map(|s| s.date);
    page.title = title_idx.map(|i| lines[i].clone());
    page.furniture = (0..n)
        .filter(|&i| matches!(kinds[i], Kind::Furniture | Kind::Caption))
        .map(|i| lines[i].clone())
        .collect();
    if page.body.is_empty() {
        return Err("no article text".into());
    }
    Ok(page)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(s: &str) -> Vec<String> {
        s.lines().map(|l| l.trim().to_string()).collect()
    }

    const PARA: &str = "Chiều ngày 24/3/2020, đồng chí Nguyễn Văn A chủ trì Hội nghị triển khai công tác thông tin tuyên truyền phục vụ Đại hội Đảng bộ huyện lần thứ XXV, nhiệm kỳ 2020 - 2025.";

    #[test]
    fn separates_headline_stamp_body_byline_and_furniture() {
        let text = format!(
            "TRANG THÔNG TIN ĐIỆN TỬ HUYỆN\nThứ Bảy, 02/11/2024 06:25 (GMT +7)\nTiêu đề bài viết về đại hội\nThứ 7, 28/03/2020 | 18:57:43 [GMT +7] A A\n{PARA}\nĐồng chí Nguyễn Văn A phát biểu. |\nQuang cảnh hội nghị.\n{PARA} Thêm câu.\nTin, ảnh: Huyền Anh\n(Ban Tuyên giáo Huyện ủy)\nĐánh giá:\nThống kê: 285.514\nOnline: 21"
        );
        let p = parse(&lines(&text)).unwrap();
        assert_eq!(p.title.as_deref(), Some("Tiêu đề bài viết về đại hội"));
        assert_eq!(p.published.unwrap().to_string(), "2020-03-28T18:57");
        assert_eq!(p.body.len(), 2);
        assert_eq!(p.author.as_deref(), Some("Huyền Anh"));
        assert_eq!(p.affiliation.as_deref(), Some("Ban Tuyên giáo Huyện ủy"));
        assert!(p.furniture.iter().any(|f| f.starts_with("Thống kê")));
    }

    #[test]
    fn a_widget_alone_is_not_a_publication_date() {
        let text = format!("chủ nhật, ngày 26/9/2021\n{PARA}\nHữu Việt");
        let p = parse(&lines(&text)).unwrap();
        assert_eq!(p.published, None);
        assert_eq!(p.title, None);
        assert_eq!(p.author.as_deref(), Some("Hữu Việt"));
    }

    #[test]
    fn body_lines_that_start_like_widgets_stay() {
        let text = format!(
            "{PARA}\nLiên kết chuỗi giá trị nông sản được các đại biểu thảo luận sôi nổi tại hội nghị, với nhiều ý kiến tâm huyết.\n{PARA}\nĐánh giá:\nThống kê: 12"
        );
        let p = parse(&lines(&text)).unwrap();
        assert_eq!(p.body.len(), 3, "{:?}", p.body);
    }

    #[test]
    fn bylines_take_several_shapes() {
        assert_eq!(split_byline("Hữu Việt"), Some(("Hữu Việt".into(), None)));
        assert_eq!(
            split_byline("Minh Anh (TTVH)"),
            Some(("Minh Anh".into(), Some("TTVH".into())))
        );
        assert_eq!(
            split_byline("Nguyễn Thị Hường - BTG Thị ủy"),
            Some(("Nguyễn Thị Hường".into(), Some("BTG Thị ủy".into())))
        );
        assert_eq!(split_byline("Liên kết website"), None);
        assert_eq!(split_byline("Bình chọn Bình chọn"), None);
    }

    #[test]
    fn a_line_said_twice_over_is_doubled() {
        let banner = "Tiến tới Đại hội Đảng bộ các cấp và Đại hội XIII của Đảng";
        assert!(is_doubled(&format!("{banner} {banner}")));
        assert!(is_doubled("Bình chọn Bình chọn"));
        // Spacing does not matter, words do.
        assert!(is_doubled("Tin  mới   nhất Tin mới nhất"));
        // Said once, or twice over with a change, or too short to be a banner.
        assert!(!is_doubled(banner));
        assert!(!is_doubled(
            "Tiến tới Đại hội Đảng bộ các cấp tiến tới Đại hội Đảng bộ các cấp"
        ));
        assert!(!is_doubled("Đảng bộ Đảng bộ tỉnh"));
        assert!(!is_doubled("Hà Hà"));
        assert!(!is_doubled(""));
    }

    #[test]
    fn a_banner_printed_twice_is_furniture_not_the_headline() {
        let banner = "Tiến tới Đại hội Đảng bộ các cấp và Đại hội XIII của Đảng";
        let text = format!("{banner} {banner}\n\n{PARA}\nHữu Việt");
        let p = parse(&lines(&text)).unwrap();
        assert_eq!(p.title, None);
        assert_eq!(p.body, [PARA]);
        assert!(p.furniture.iter().any(|f| f.starts_with(banner)));
        // Printed once, the same words may be the headline.
        let text = format!("{banner}\n\n{PARA}\nHữu Việt");
        let p = parse(&lines(&text)).unwrap();
        assert_eq!(p.title.as_deref(), Some(banner));
    }

    #[test]
    fn widgets_after_the_end_of_the_article_stay_out_whatever_their_words() {
        // A portal's footer: its lines are furniture because they follow the end of the
        // article ("Đánh giá:"), not because of what they say.
        let text = format!(
            "{PARA}\nNguyễn Thị Hường - BTG Thị ủy\nĐánh giá:\nTình hình giải quyết hồ sơ\nCác ca khúc hay về Hồng Lĩnh\nNhững bài hát mới về quê hương\nThống kê: 791.935"
        );
        let p = parse(&lines(&text)).unwrap();
        assert_eq!(p.body, [PARA]);
        assert_eq!(p.author.as_deref(), Some("Nguyễn Thị Hường"));
        for f in [
            "Tình hình giải quyết hồ sơ",
            "Các ca khúc hay về Hồng Lĩnh",
            "Những bài hát mới về quê hương",
        ] {
            assert!(p.furniture.iter().any(|l| l == f), "{f}");
        }
        // Inside the article, short lines with the same words are the article's.
        let text = format!(
            "{PARA}\nTình hình giải quyết đơn thư của công dân được cải thiện rõ rệt.\nCác ca khúc cách mạng được biểu diễn tại lễ mít tinh.\n{PARA}\nĐánh giá:"
        );
        let p = parse(&lines(&text)).unwrap();
        assert_eq!(p.body.len(), 4, "{:?}", p.body);
    }

    #[test]
    fn no_running_text_is_an_error() {
        assert!(parse(&lines("Trang chủ\nĐăng nhập\nThống kê: 1")).is_err());
    }

    #[test]
    fn source_lines_give_the_site() {
        let text = format!("{PARA}\nNguồn Bài: haiduong.gov.vn\n[Quay lại]");
        let p = parse(&lines(&text)).unwrap();
        assert_eq!(p.site.as_deref(), Some("haiduong.gov.vn"));
        assert_eq!(p.author, None);
        let text =
            format!("{PARA}\nTheo đó, hội nghị kết thúc tốt đẹp.\nTheo Báo Hà Tĩnh\n[Quay lại]");
        let p = parse(&lines(&text)).unwrap();
        assert_eq!(p.site.as_deref(), Some("Báo Hà Tĩnh"));
        assert_eq!(
            p.body.last().unwrap(),
            "Theo đó, hội nghị kết thúc tốt đẹp."
        );
    }
}
