//! Vietnamese text handling: folding for accent-insensitive matching, and word splitting.
//!
//! Readers type "dai hoi dang" as often as "đại hội Đảng", so matching, searching and
//! title sorting compare *folded* text: lower case without tone marks or vowel marks
//! (â ă ê ô ơ ư → a a e o o u, đ → d). The fold is table-driven over the few Unicode
//! blocks that hold Vietnamese letters instead of using a Unicode normalisation crate,
//! because every byte of this crate ships in the wasm bundle.
//!
//! Both precomposed (NFC) and decomposed (NFD: base letter + combining marks) input fold
//! to the same string, since combining marks are simply dropped.

/// Base letter (lower-case ASCII) for U+00C0..=U+00FF; `-` means "no fold, lower-case it".
const LATIN1: &[u8; 64] = b"aaaaaa-ceeeeiiiidnooooo-ouuuuy--aaaaaa-ceeeeiiiidnooooo-ouuuuy-y";

/// Base letter for U+0100..=U+017F (Latin Extended-A: ă đ ĩ ũ and their neighbours).
const LATIN_EXT_A: &[u8; 128] = b"aaaaaaccccccccddddeeeeeeeeeegggggggghh--iiiiiiiii---jjkk-llllll----nnnnnn---oooooo--rrrrrrsssssssstttt--uuuuuuuuuuuuwwyyyzzzzzz-";

/// Base letter for U+1EA0..=U+1EF9 (Latin Extended Additional: the toned Vietnamese
/// vowels). The block is laid out vowel by vowel: 24 a, 16 e, 4 i, 24 o, 14 u, 8 y.
const LATIN_EXT_ADDITIONAL: &[u8; 90] =
    b"aaaaaaaaaaaaaaaaaaaaaaaaeeeeeeeeeeeeeeeeiiiioooooooooooooooooooooooouuuuuuuuuuuuuuyyyyyyyy";

/// True for the combining diacritical marks (U+0300..=U+036F) that decomposed text uses
/// for tones and vowel marks.
#[inline]
pub fn is_combining_mark(c: char) -> bool {
    ('\u{0300}'..='\u{036F}').contains(&c)
}

/// The ASCII base letter of a precomposed letter with diacritics, if the table knows it.
#[inline]
fn base_letter(c: char) -> Option<char> {
    let cp = c as u32;
    let b = match cp {
        0x00C0..=0x00FF => LATIN1[(cp - 0x00C0) as usize],
        0x0100..=0x017F => LATIN_EXT_A[(cp - 0x0100) as usize],
        0x01A0 | 0x01A1 => b'o', // Ơ ơ
        0x01AF | 0x01B0 => b'u', // Ư ư
        0x1EA0..=0x1EF9 => LATIN_EXT_ADDITIONAL[(cp - 0x1EA0) as usize],
        _ => return None,
    };
    (b != b'-').then_some(b as char)
}

/// Appends the folded form of `c` to `out`.
#[inline]
fn push_folded(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
    } else if is_combining_mark(c) {
        // Dropped: a tone or vowel mark of the preceding base letter.
    } else if let Some(b) = base_letter(c) {
        out.push(b);
    } else {
        out.push(lower_char(c));
    }
}

/// Lower case of one letter of the Latin blocks Vietnamese uses (and of Greek and Cyrillic
/// capitals); anything else is returned as it is. The standard library's
/// `char::to_lowercase` would put its Unicode tables (kilobytes) into the wasm for scripts
/// this data never holds.
#[inline]
fn lower_char(c: char) -> char {
    let cp = c as u32;
    let odd_upper = |cp: u32| if cp % 2 == 1 { cp + 1 } else { cp };
    let lower = match cp {
        0x41..=0x5A => cp + 0x20,
        0xC0..=0xDE if cp != 0xD7 => cp + 0x20,
        // Latin Extended-A pairs: capital on the even code point, except in two runs.
        0x100..=0x12F | 0x132..=0x137 | 0x14A..=0x177 => cp | 1,
        0x130 => 0x69, // İ
        0x139..=0x148 | 0x179..=0x17E => odd_upper(cp),
        0x178 => 0xFF,           // Ÿ
        0x1A0 | 0x1AF => cp + 1, // Ơ Ư
        // Latin Extended Additional: the toned vowels, capital then small.
        0x1E00..=0x1E95 | 0x1EA0..=0x1EFF => cp | 1,
        0x391..=0x3A9 if cp != 0x3A2 => cp + 0x20,
        0x400..=0x40F => cp + 0x50,
        0x410..=0x42F => cp + 0x20,
        _ => cp,
    };
    char::from_u32(lower).unwrap_or(c)
}

/// True for letters and digits. Exact for ASCII and the Latin, Greek and Cyrillic blocks;
/// elsewhere every character counts as a letter except the punctuation, symbol and space
/// blocks, so a word of another script stays one word without the standard library's
/// Unicode tables in the wasm.
#[inline]
fn is_letter_or_digit(c: char) -> bool {
    let cp = c as u32;
    match cp {
        0..=0x7F => c.is_ascii_alphanumeric(),
        0x80..=0xBF => matches!(cp, 0xAA | 0xB2 | 0xB3 | 0xB5 | 0xB9 | 0xBA | 0xBC..=0xBE),
        0xD7 | 0xF7 => false,
        0xC0..=0x2AF => true,
        // Spacing modifiers and combining marks (the latter handled by the caller).
        0x2B0..=0x36F => false,
        0x370..=0x3FF => !matches!(
            cp,
            0x375 | 0x378 | 0x379 | 0x37E | 0x380..=0x385 | 0x387 | 0x38B | 0x38D | 0x3A2 | 0x3F6
        ),
        0x400..=0x4FF => !matches!(cp, 0x482..=0x489),
        0x1E00..=0x1EFF => true,
        // General punctuation, currency, arrows, maths, technical, box drawing, shapes,
        // dingbats; CJK punctuation; full-width punctuation; specials; emoji.
        0x2000..=0x206F | 0x20A0..=0x20FF | 0x2190..=0x245F | 0x2500..=0x2BFF => false,
        0x3000..=0x303F | 0xFE10..=0xFE6F | 0xFF00..=0xFF0F | 0xFFF0..=0xFFFF => false,
        0x1F000..=0x1FAFF => false,
        0xFF1A..=0xFF20 | 0xFF3B..=0xFF40 | 0xFF5B..=0xFF65 => false,
        _ => !c.is_whitespace() && !c.is_control(),
    }
}

/// Lower case without Vietnamese diacritics: `fold("Đại hội Đảng") == "dai hoi dang"`.
///
/// Gives the same result for NFC and NFD input. Letters outside the Latin blocks are only
/// lower-cased. Idempotent on Vietnamese (and Latin) text: `fold(fold(s)) == fold(s)`.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

/// [`fold`] appending into a caller-owned buffer, so hot loops can reuse one allocation.
pub fn fold_into(s: &str, out: &mut String) {
    if s.is_ascii() {
        out.extend(s.bytes().map(|b| b.to_ascii_lowercase() as char));
        return;
    }
    for c in s.chars() {
        push_folded(c, out);
    }
}

/// Lower case keeping diacritics: the "exact" form a reader typed.
pub fn lower(s: &str) -> String {
    s.chars().map(lower_char).collect()
}

/// True when `s` carries any mark that [`fold`] removes (tone, vowel mark, đ), i.e. when
/// the reader deliberately typed diacritics and exact matches should rank first.
pub fn has_diacritics(s: &str) -> bool {
    s.chars()
        .any(|c| !c.is_ascii() && (is_combining_mark(c) || base_letter(c).is_some()))
}

/// True for characters that belong to a word: letters, digits and combining marks (so a
/// decomposed syllable stays one word).
#[inline]
pub fn is_word_char(c: char) -> bool {
    is_letter_or_digit(c) || is_combining_mark(c)
}

/// Words of `s` as `(byte_start, byte_end, word)`, split on anything that is not a letter,
/// a digit or a combining mark. Vietnamese writes one syllable per word, so "Bà Rịa-Vũng
/// Tàu" yields four words.
pub fn tokens(s: &str) -> Tokens<'_> {
    Tokens { s, pos: 0 }
}

/// Iterator returned by [`tokens`].
#[derive(Debug, Clone)]
pub struct Tokens<'a> {
    s: &'a str,
    pos: usize,
}

impl<'a> Iterator for Tokens<'a> {
    type Item = (usize, usize, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        let rest = &self.s[self.pos..];
        let (skip, _) = rest.char_indices().find(|&(_, c)| is_word_char(c))?;
        let start = self.pos + skip;
        let word_len = self.s[start..]
            .char_indices()
            .find(|&(_, c)| !is_word_char(c))
            .map(|(i, _)| i)
            .unwrap_or(self.s.len() - start);
        let end = start + word_len;
        self.pos = end;
        Some((start, end, &self.s[start..end]))
    }
}

/// Escapes text for HTML content and attribute values; line breaks and other control
/// characters become spaces, since bookmark file readers take one entry per line
/// and a page's title is one line.
pub fn html_escape(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Every non-ASCII Vietnamese vowel letter, lower case, in the order vowel × tone
    /// (a ă â e ê i o ô ơ u ư y × none, huyền, sắc, hỏi, ngã, nặng), ASCII ones left out.
    const VOWELS_LOWER: &str = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ";
    const VOWELS_UPPER: &str = "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ";

    /// The same letters decomposed: base + vowel mark + tone mark.
    fn vowels_nfd() -> Vec<String> {
        let bases = [
            ("a", ""),
            ("a", "\u{306}"),
            ("a", "\u{302}"),
            ("e", ""),
            ("e", "\u{302}"),
            ("i", ""),
            ("o", ""),
            ("o", "\u{302}"),
            ("o", "\u{31B}"),
            ("u", ""),
            ("u", "\u{31B}"),
            ("y", ""),
        ];
        let tones = ["", "\u{300}", "\u{301}", "\u{309}", "\u{303}", "\u{323}"];
        let mut out = Vec::new();
        for (b, m) in bases {
            for t in tones {
                if m.is_empty() && t.is_empty() {
                    continue;
                }
                out.push(format!("{b}{m}{t}"));
            }
        }
        out
    }

    #[test]
    fn folds_a_heading() {
        assert_eq!(fold("Đại hội Đảng"), "dai hoi dang");
        assert_eq!(
            fold("ĐẠI HỘI ĐẢNG BỘ TỈNH HÀ TĨNH"),
            "dai hoi dang bo tinh ha tinh"
        );
    }

    #[test]
    fn tones_fold_together() {
        for w in ["tỉnh", "tình", "tính", "tinh", "TỈNH", "Tịnh", "tĩnh"] {
            assert_eq!(fold(w), "tinh", "{w}");
        }
    }

    #[test]
    fn full_alphabet_folds_to_ascii() {
        let lower: Vec<char> = VOWELS_LOWER.chars().collect();
        let upper: Vec<char> = VOWELS_UPPER.chars().collect();
        assert_eq!(lower.len(), 66);
        assert_eq!(upper.len(), 66);
        let mut all: Vec<char> = lower.iter().chain(&upper).copied().collect();
        all.extend(['đ', 'Đ']);
        assert_eq!(all.len(), 134);
        for c in all {
            let f = fold(&c.to_string());
            assert_eq!(f.chars().count(), 1, "{c}");
            assert!(
                f.is_ascii() && f.chars().all(|x| x.is_ascii_lowercase()),
                "{c} → {f}"
            );
            assert!(has_diacritics(&c.to_string()), "{c}");
        }
        for (l, u) in lower.iter().zip(&upper) {
            assert_eq!(fold(&l.to_string()), fold(&u.to_string()));
            assert_eq!(lower_char(*u), *l);
        }
    }

    #[test]
    fn lower_case_agrees_with_unicode_on_the_latin_greek_and_cyrillic_blocks() {
        let blocks = [0x20..0x250u32, 0x370..0x400, 0x400..0x500, 0x1E00..0x1F00];
        for c in blocks.into_iter().flatten().filter_map(char::from_u32) {
            let unicode: String = c.to_lowercase().collect();
            // İ lower-cases to i + a combining dot; ours drops the dot (fold drops it too).
            if c == 'İ' || unicode.chars().count() != 1 {
                continue;
            }
            // Ours leaves the rarer Greek and Cyrillic capitals (outside the basic
            // alphabets) and a few odd Latin ones as they are.
            let ours = lower(&c.to_string());
            assert!(
                ours == unicode || ours == c.to_string(),
                "{c:?}: {ours} vs {unicode}"
            );
            if c.is_ascii()
                || ('\u{C0}'..='\u{17F}').contains(&c)
                || ('\u{1EA0}'..='\u{1EF9}').contains(&c)
            {
                assert_eq!(ours, unicode, "{c:?}");
            }
        }
    }

    #[test]
    fn letters_and_digits_agree_with_unicode_where_the_data_lives() {
        let blocks = [
            0x0..0x2B0u32,
            0x370..0x500,
            0x1E00..0x1F00,
            0x2000..0x2070,
            0x20A0..0x20D0,
            0x3000..0x3004,
        ];
        for c in blocks.into_iter().flatten().filter_map(char::from_u32) {
            assert_eq!(
                is_letter_or_digit(c),
                c.is_alphanumeric(),
                "U+{:04X}",
                c as u32
            );
        }
    }

    #[test]
    fn decomposed_folds_like_precomposed() {
        let nfd = vowels_nfd();
        let nfc: Vec<char> = VOWELS_LOWER.chars().collect();
        assert_eq!(nfd.len(), nfc.len());
        for (d, c) in nfd.iter().zip(&nfc) {
            assert_eq!(fold(d), fold(&c.to_string()), "{d:?} vs {c}");
            assert!(fold(d).is_ascii());
            assert!(has_diacritics(d));
        }
        // "Đại hội" with the tones as combining marks.
        assert_eq!(fold("Đa\u{323}i ho\u{302}\u{323}i"), "dai hoi");
        assert_eq!(
            fold("Đa\u{323}i ho\u{302}\u{323}i"),
            fold("Đại hội"),
            "NFD and NFC agree"
        );
    }

    #[test]
    fn lower_keeps_marks() {
        assert_eq!(lower("ĐẠI Hội"), "đại hội");
        assert!(!has_diacritics("dai hoi"));
        assert!(has_diacritics("đai"));
    }

    #[test]
    fn tokens_split_on_non_letters() {
        let s = "Bà Rịa-Vũng Tàu, 2020–2025: Đại hội lần thứ XIII.";
        let words: Vec<&str> = tokens(s).map(|(_, _, w)| w).collect();
        assert_eq!(
            words,
            [
                "Bà", "Rịa", "Vũng", "Tàu", "2020", "2025", "Đại", "hội", "lần", "thứ", "XIII"
            ]
        );
        for (a, b, w) in tokens(s) {
            assert_eq!(&s[a..b], w);
        }
        // Combining marks stay inside their word.
        let nfd = "ho\u{302}\u{323}i nghi\u{323}";
        let words: Vec<&str> = tokens(nfd).map(|(_, _, w)| w).collect();
        assert_eq!(words, ["ho\u{302}\u{323}i", "nghi\u{323}"]);
        assert_eq!(tokens("").count(), 0);
        assert_eq!(tokens(" ,. ").count(), 0);
    }

    fn vietnamese_char() -> impl Strategy<Value = String> {
        let mut pool: Vec<String> = VOWELS_LOWER
            .chars()
            .chain(VOWELS_UPPER.chars())
            .chain("đĐ abcdeghiklmnopqrstuvxyABCDEGHIKLMNOPQRSTUVXY0123456789.,-".chars())
            .map(String::from)
            .collect();
        pool.extend(vowels_nfd());
        proptest::sample::select(pool)
    }

    proptest! {
        #[test]
        fn fold_is_idempotent_and_ascii(parts in proptest::collection::vec(vietnamese_char(), 0..40)) {
            let s: String = parts.concat();
            let f = fold(&s);
            prop_assert!(f.is_ascii());
            prop_assert_eq!(fold(&f), f.clone());
            prop_assert!(!has_diacritics(&f));
        }

        #[test]
        fn tokens_cover_only_word_chars(s in "\\PC{0,40}") {
            let mut last = 0;
            for (a, b, w) in tokens(&s) {
                prop_assert!(a >= last && a < b);
                prop_assert!(w.chars().all(is_word_char));
                prop_assert!(s[last..a].chars().all(|c| !is_word_char(c)));
                last = b;
            }
            prop_assert!(s[last..].chars().all(|c| !is_word_char(c)));
        }
    }
}
