//! Turning untrusted bytes into clean lines of text: decoding, rejecting what is not
//! text, neutralising HTML markup, dropping invisible characters that would change how the
//! text displays (bidirectional controls), and Unicode normalisation so that the same word
//! always has the same bytes.

use std::sync::LazyLock;

use regex::Regex;
use unicode_normalization::UnicodeNormalization;

/// The text of one input file, ready for line classification.
#[derive(Debug)]
pub struct CleanText {
    pub lines: Vec<String>,
    pub warnings: Vec<String>,
}

/// Lower case, NFC, one kind of dash and apostrophe, single spaces: the form used to
/// compare names and keywords.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.nfc().flat_map(char::to_lowercase) {
        let c = match c {
            '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
            '\u{2018}' | '\u{2019}' | '\u{02bc}' | '`' => '\'',
            c if c.is_whitespace() => ' ',
            c => c,
        };
        if c == ' ' {
            if !space && !out.is_empty() {
                out.push(' ');
            }
            space = true;
        } else {
            out.push(c);
            space = false;
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

static HTML_HINT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)<\s*/?\s*(?:html|head|body|div|p|br|span|a|script|style|table|tr|td|li|ul|ol|h[1-6]|img|meta|link|section|article|header|footer|nav|strong|em|b|i|font)\b[^>]*>|<!--|<!doctype")
        .unwrap()
});
static HTML_DROP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?is)<!--.*?-->|<\s*(script|style|noscript|head|template|svg)\b.*?<\s*/\s*(?:script|style|noscript|head|template|svg)\s*>").unwrap()
});
static HTML_BLOCK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)<\s*/?\s*(?:p|div|br|li|ul|ol|h[1-6]|tr|table|section|article|header|footer|nav|blockquote|figure|figcaption|hr)\b[^>]*>").unwrap()
});
static HTML_TAG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?s)<\s*/?\s*[a-zA-Z!][^<>]{0,2000}>").unwrap());
static ENTITY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});").unwrap());

fn decode_entity(name: &str) -> Option<String> {
    let c = if let Some(hex) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
        char::from_u32(u32::from_str_radix(hex, 16).ok()?)?
    } else if let Some(dec) = name.strip_prefix('#') {
        char::from_u32(dec.parse().ok()?)?
    } else {
        match name {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            "nbsp" => ' ',
            "ndash" => '–',
            "mdash" => '—',
            "hellip" => '…',
            "laquo" => '«',
            "raquo" => '»',
            "ldquo" => '“',
            "rdquo" => '”',
            "lsquo" => '‘',
            "rsquo" => '’',
            _ => return None,
        }
    };
    Some(c.to_string())
}

/// Replaces markup with the text it wraps: block elements become line breaks, scripts
/// and styles disappear, entities are decoded once (so `&lt;b&gt;` stays text).
pub fn strip_html(s: &str) -> String {
    let s = HTML_DROP.replace_all(s, " ");
    let s = HTML_BLOCK.replace_all(&s, "\n");
    let s = HTML_TAG.replace_all(&s, " ");
    ENTITY
        .replace_all(&s, |c: &regex::Captures| {
            decode_entity(&c[1]).unwrap_or_else(|| c[0].to_string())
        })
        .into_owned()
}

fn decode_utf16(bytes: &[u8], little_endian: bool) -> Result<String, String> {
    if !bytes.len().is_multiple_of(2) {
        return Err("truncated UTF-16 text".into());
    }
    let units = bytes.chunks_exact(2).map(|p| {
        if little_endian {
            u16::from_le_bytes([p[0], p[1]])
        } else {
            u16::from_be_bytes([p[0], p[1]])
        }
    });
    char::decode_utf16(units)
        .collect::<Result<String, _>>()
        .map_err(|_| "invalid UTF-16 text".into())
}

/// Bidirectional formatting characters: embeddings and overrides (U+202A–U+202E),
/// isolates (U+2066–U+2069) and the invisible direction marks (U+200E, U+200F, U+061C).
/// In a title or paragraph they can make part of the text display reversed, and the
/// articles are Vietnamese, written left to right, so they are dropped.
pub fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}'
    )
}

/// Decodes and cleans one input. `Err` carries the reason the file is not an article
/// text, for the `<file>: <reason>` report.
pub fn clean(bytes: &[u8]) -> Result<CleanText, String> {
    let mut warnings = Vec::new();
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err("empty file".into());
    }
    let text = if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        warnings.push("decoded from UTF-16".to_string());
        decode_utf16(rest, true)?
    } else if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        warnings.push("decoded from UTF-16".to_string());
        decode_utf16(rest, false)?
    } else {
        let bom = if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
            3
        } else {
            0
        };
        let bytes = &bytes[bom..];
        let controls = bytes
            .iter()
            .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C))
            .count();
        if bytes.contains(&0) || controls * 100 > bytes.len() {
            return Err("binary data, not text".into());
        }
        match std::str::from_utf8(bytes) {
            Ok(s) => s.to_string(),
            Err(e) => {
                // The first byte that is not part of a valid character, and where it is
                // counted from the start of the file, so it can be found with a hex viewer.
                let at = e.valid_up_to();
                return Err(format!(
                    "not UTF-8 text (byte {:#04x} at offset {})",
                    bytes[at],
                    at + bom
                ));
            }
        }
    };
    let text = if HTML_HINT.is_match(&text) {
        warnings.push("HTML markup removed".to_string());
        strip_html(&text)
    } else {
        text
    };
    let mut lines = Vec::new();
    for raw in text
        .nfc()
        .collect::<String>()
        .split(['\n', '\r', '\u{2028}', '\u{2029}'])
    {
        let mut line = String::with_capacity(raw.len());
        let mut space = false;
        for c in raw.chars() {
            let c = match c {
                '\u{00a0}' | '\t' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{3000}' => ' ',
                // Zero-width space, byte-order mark, soft hyphen. The zero-width joiner
                // and non-joiner stay: they hold emoji sequences (👨‍👩‍👧) together and
                // shape scripts that need them.
                '\u{200b}' | '\u{feff}' | '\u{00ad}' => continue,
                c if c.is_control() || is_bidi_control(c) => continue,
                c => c,
            };
            if c == ' ' {
                if !space {
                    line.push(' ');
                }
                space = true;
            } else {
                line.push(c);
                space = false;
            }
        }
        lines.push(line.trim().to_string());
    }
    let letters: usize = lines
        .iter()
        .map(|l| l.chars().filter(|c| c.is_alphabetic()).count())
        .sum();
    if letters == 0 {
        return Err("no text".into());
    }
    let replacement = lines
        .iter()
        .map(|l| l.matches('\u{fffd}').count())
        .sum::<usize>();
    if replacement * 20 > letters {
        return Err("garbled text (mostly replacement characters)".into());
    }
    Ok(CleanText { lines, warnings })
}

/// Word count, for telling paragraphs from furniture.
pub fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

/// Cuts `s` to at most `max` characters at a word boundary, adding "…" when cut.
pub fn cut_at_word(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let byte_end = s.char_indices().nth(max).map(|(i, _)| i).unwrap_or(s.len());
    let head = &s[..byte_end];
    let cut = head.rfind(' ').filter(|&i| i > 0).unwrap_or(head.len());
    let head = head[..cut].trim_end_matches([',', ';', ':', ' ', '-', '–']);
    format!("{head}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_dashes_and_spaces() {
        assert_eq!(fold("  Bà Rịa – Vũng   Tàu "), "bà rịa - vũng tàu");
        // Decomposed input folds to the same bytes as precomposed.
        assert_eq!(fold("Ha\u{0300} Ti\u{0303}nh"), fold("Hà Tĩnh"));
    }

    #[test]
    fn rejects_empty_and_binary() {
        assert_eq!(clean(b"").unwrap_err(), "empty file");
        assert_eq!(clean(b" \n\r\n ").unwrap_err(), "empty file");
        assert!(clean(&[0x89, b'P', b'N', b'G', 0, 0, 1, 2])
            .unwrap_err()
            .contains("binary"));
        assert_eq!(
            clean(&[b'a', 0xC3, 0x28, b'b']).unwrap_err(),
            "not UTF-8 text (byte 0xc3 at offset 1)"
        );
        // Latin-1 "Hà": the offset counts from the start of the file, byte-order mark
        // included.
        assert_eq!(
            clean(b"\xEF\xBB\xBFH\xe0 T\xecnh").unwrap_err(),
            "not UTF-8 text (byte 0xe0 at offset 4)"
        );
        assert_eq!(clean("12 34 -- !!".as_bytes()).unwrap_err(), "no text");
    }

    #[test]
    fn keeps_joiners_so_emoji_sequences_stay_whole() {
        // Man, ZWJ, woman, ZWJ, girl: one family emoji; the ZWNJ is kept as well.
        let family = "\u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467}";
        let line = format!("Gia đình {family} xem Đại hội, chữ\u{200c}ghép");
        let t = clean(line.as_bytes()).unwrap();
        assert_eq!(t.lines, [line.as_str()]);
        assert!(t.lines[0].contains(family));
        // What is still removed: zero-width space, byte-order mark inside the text,
        // soft hyphen.
        let t = clean("Đại\u{200b}hội Đảng\u{feff} bộ tuyên\u{00ad}truyền".as_bytes()).unwrap();
        assert_eq!(t.lines, ["Đạihội Đảng bộ tuyêntruyền"]);
    }

    #[test]
    fn drops_bidirectional_controls() {
        let controls = [
            '\u{202a}', '\u{202b}', '\u{202c}', '\u{202d}', '\u{202e}', '\u{2066}', '\u{2067}',
            '\u{2068}', '\u{2069}', '\u{200e}', '\u{200f}', '\u{061c}',
        ];
        for c in controls {
            assert!(is_bidi_control(c), "{c:?}");
            let t = clean(format!("Hội nghị {c}tuyên truyền{c} Đại hội").as_bytes()).unwrap();
            assert_eq!(t.lines, ["Hội nghị tuyên truyền Đại hội"], "{c:?}");
        }
        // Also when written as an HTML entity.
        let t = clean("<p>Tin &#x202E;mới&#x202C; nhất</p>".as_bytes()).unwrap();
        assert!(
            t.lines.contains(&"Tin mới nhất".to_string()),
            "{:?}",
            t.lines
        );
        // Letters, marks, joiners and ordinary spaces are not bidi controls.
        for c in [
            'a', 'Đ', '\u{0300}', '\u{200d}', '\u{200c}', ' ', '\u{05d0}',
        ] {
            assert!(!is_bidi_control(c), "{c:?}");
        }
    }

    #[test]
    fn neutralises_markup() {
        let t = clean(
            "<html><head><title>x</title><script>var a = '<p>';</script></head><body><p>Sáng 11/6, hội nghị&nbsp;diễn ra.</p><div>Tin &amp; ảnh: A</div></body></html>"
                .as_bytes(),
        )
        .unwrap();
        let joined = t.lines.join("\n");
        assert!(!joined.contains('<'), "{joined}");
        assert!(joined.contains("Sáng 11/6, hội nghị diễn ra."));
        assert!(joined.contains("Tin & ảnh: A"));
        assert!(!joined.contains("var a"));
        assert_eq!(t.warnings, ["HTML markup removed"]);
    }

    #[test]
    fn cuts_at_words() {
        assert_eq!(cut_at_word("một hai ba bốn", 9), "một hai…");
        assert_eq!(cut_at_word("ngắn", 9), "ngắn");
    }
}
