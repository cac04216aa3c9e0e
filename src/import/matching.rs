//! Matching what a sheet writes to the content's units and criteria: units
//! by id, name or short name, ignoring accents, case and the words of
//! their kind ("UBND", "xã", "phường", "thị trấn", "huyện"); criteria by
//! code, whether written `7.2.5`, `7.2.5.` or `TC 7.2.5`.

use std::collections::HashMap;

use unicode_normalization::UnicodeNormalization as _;
use unicode_normalization::char::is_combining_mark;

use crate::model::{Framework, Model};
use crate::slug::slugify;

/// Words that say what kind of unit a name is, not which one.
const KIND_WORDS: &[&[&str]] = &[
    &["uy", "ban", "nhan", "dan"],
    &["thi", "tran"],
    &["ubnd"],
    &["xa"],
    &["phuong"],
    &["huyen"],
];

/// A unit name reduced to what tells it apart: `UBND xã Tân Lợi` →
/// `tan loi`.
pub fn unit_key(name: &str) -> String {
    let slug = slugify(name);
    let words: Vec<&str> = slug.split('-').filter(|w| !w.is_empty()).collect();
    telling(&words)
        .into_iter()
        .map(|i| words[i])
        .collect::<Vec<_>>()
        .join(" ")
}

/// Which of a name's words (folded, as in a slug) tell the unit apart:
/// their places, without the words of its kind.
fn telling(words: &[&str]) -> Vec<usize> {
    let mut out = Vec::new();
    let mut i = 0;
    'outer: while i < words.len() {
        for kind in KIND_WORDS {
            if words[i..].starts_with(kind) && words.len() - i > kind.len() {
                i += kind.len();
                continue 'outer;
            }
        }
        out.push(i);
        i += 1;
    }
    out
}

/// The marks a word is written with: its letters with their vowel marks
/// (`â`, `ă`, `ơ`, `đ`…) and its tone, whichever vowel carries the tone
/// (`hòa` and `hoà` are one word); none for a word written without marks.
type Marks = Option<(String, Option<char>)>;

fn word_marks(word: &str) -> Marks {
    const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];
    let mut letters = String::new();
    let mut tone = None;
    for c in word.nfd().flat_map(char::to_lowercase) {
        match TONES.contains(&c) {
            true => tone = Some(c),
            false => letters.push(c),
        }
    }
    (tone.is_some() || !letters.is_ascii()).then(|| (letters.nfc().collect(), tone))
}

/// The marks of each word of a name that tells the unit apart.
fn name_marks(name: &str) -> Vec<Marks> {
    let words: Vec<&str> = name
        .split(|c: char| !c.is_alphanumeric() && !is_combining_mark(c))
        .filter(|w| !w.is_empty())
        .collect();
    let folded: Vec<String> = words.iter().map(|w| slugify(w)).collect();
    let folded: Vec<&str> = folded.iter().map(String::as_str).collect();
    telling(&folded)
        .into_iter()
        .map(|i| word_marks(words[i]))
        .collect()
}

/// Whether `text` is written with the marks of `name`, word by word: a
/// word written without marks, on either side, agrees with any. `Minh
/// Tam` and `Minh Tâm` are `Minh Tâm`; `Minh Tăm` is not: a sheet that
/// writes the accents wrong names another unit, or none.
fn marks_agree(text: &str, name: &str) -> bool {
    let (a, b) = (name_marks(text), name_marks(name));
    a.len() == b.len()
        && a.iter().zip(&b).all(|(x, y)| match (x, y) {
            (Some(x), Some(y)) => x == y,
            _ => true,
        })
}

/// Finds units by what a sheet calls them.
pub struct Units<'m> {
    model: &'m Model,
    by_key: HashMap<String, Vec<usize>>,
}

/// Why a unit was not found.
pub enum UnitMiss {
    /// No unit; the nearest one's id, if any is near.
    Unknown(Option<String>),
    /// Several units answer to the name: their ids.
    Ambiguous(Vec<String>),
}

impl<'m> Units<'m> {
    pub fn new(model: &'m Model) -> Units<'m> {
        let mut by_key: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, u) in model.units.iter().enumerate() {
            let mut keys = vec![u.id.replace('-', " "), unit_key(&u.name)];
            keys.extend(u.short_name.as_deref().map(unit_key));
            keys.sort();
            keys.dedup();
            for k in keys {
                if !k.is_empty() {
                    let list = by_key.entry(k).or_default();
                    if !list.contains(&i) {
                        list.push(i);
                    }
                }
            }
        }
        Units { model, by_key }
    }

    pub fn find(&self, text: &str) -> Result<usize, UnitMiss> {
        let text = text.trim();
        if let Some(&i) = self.model.unit_index.get(text) {
            return Ok(i);
        }
        let key = unit_key(text);
        match self.by_key.get(&key).map(Vec::as_slice) {
            Some([one]) if self.written_as(text, *one) => Ok(*one),
            Some([one]) => Err(UnitMiss::Unknown(Some(self.model.units[*one].id.clone()))),
            Some(many) if !many.is_empty() => Err(UnitMiss::Ambiguous(
                many.iter()
                    .map(|&u| self.model.units[u].id.clone())
                    .collect(),
            )),
            _ => Err(UnitMiss::Unknown(self.nearest(&key))),
        }
    }

    /// Whether `text`, which folds to a name of `unit`, is written with the
    /// accents of its name or short name (or with none).
    fn written_as(&self, text: &str, unit: usize) -> bool {
        let u = &self.model.units[unit];
        text.is_ascii()
            || std::iter::once(u.name.as_str())
                .chain(u.short_name.as_deref())
                .any(|name| marks_agree(text, name))
    }

    fn nearest(&self, key: &str) -> Option<String> {
        let mut best: Option<(f64, usize)> = None;
        for (k, units) in &self.by_key {
            let score = strsim::jaro_winkler(key, k);
            let unit = units[0];
            if score > 0.85 && best.is_none_or(|(s, u)| score > s || (score == s && unit < u)) {
                best = Some((score, unit));
            }
        }
        best.map(|(_, u)| self.model.units[u].id.clone())
    }
}

/// A criterion code as the framework writes it: `TC 7.2.5.` → `7.2.5`.
pub fn clean_code(text: &str) -> String {
    let mut t = text.trim();
    for prefix in ["tiêu chí", "Tiêu chí", "TIÊU CHÍ", "TC", "tc", "Tc"] {
        if let Some(rest) = t.strip_prefix(prefix)
            && rest.starts_with([' ', '.', ':', '\u{a0}'])
        {
            t = rest.trim_start_matches([' ', '.', ':', '\u{a0}']);
            break;
        }
    }
    let t = t.trim().trim_end_matches('.').trim();
    // `1,4`: a code typed with the decimal comma of a Vietnamese keyboard.
    match t.split_once(',') {
        Some((a, b))
            if !a.is_empty()
                && !b.is_empty()
                && a.bytes().all(|c| c.is_ascii_digit())
                && b.bytes().all(|c| c.is_ascii_digit()) =>
        {
            format!("{a}.{b}")
        }
        _ => t.to_string(),
    }
}

/// Whether a text names a criterion by a word before its code: `TC 1.4`,
/// `Tiêu chí 1.4`.
pub fn has_code_prefix(text: &str) -> bool {
    let cleaned = clean_code(text);
    cleaned != text.trim().trim_end_matches('.').trim() && is_code_like(&cleaned)
}

/// Whether a text has the shape of a criterion code: digits in groups
/// separated by dots (`7`, `7.2.5`), perhaps ending with a letter (`1.5a`).
pub fn is_code_like(text: &str) -> bool {
    let mut groups = text.split('.');
    text.starts_with(|c: char| c.is_ascii_digit())
        && text.len() <= 20
        && groups.all(|g| {
            let digits = g.trim_end_matches(|c: char| c.is_ascii_lowercase());
            !g.is_empty() && !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
        })
}

/// Roman numerals (`I`, `IV`) number the parts of a sheet, not criteria.
pub fn is_roman(text: &str) -> bool {
    let t = text.trim().trim_end_matches('.');
    !t.is_empty() && t.len() <= 6 && t.chars().all(|c| "IVXLivxl".contains(c))
}

/// The criterion of `framework` with this code, if any.
pub fn criterion(fw: &Framework, code: &str) -> Option<usize> {
    fw.code_index.get(code).copied()
}

/// The nearest code of the framework, to suggest.
pub fn nearest_code(fw: &Framework, code: &str) -> Option<String> {
    let mut best: Option<(f64, &str)> = None;
    for c in &fw.criteria {
        let score = strsim::jaro_winkler(code, &c.code);
        if score > 0.85
            && best.is_none_or(|(s, b)| score > s || (score == s && c.code.as_str() < b))
        {
            best = Some((score, &c.code));
        }
    }
    best.map(|(_, c)| c.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_words_are_ignored() {
        assert_eq!(unit_key("UBND xã Tân Lợi"), "tan loi");
        assert_eq!(unit_key("Xã Tân Lợi"), "tan loi");
        assert_eq!(unit_key("tan loi"), "tan loi");
        assert_eq!(unit_key("Thị trấn Tân Khai"), "tan khai");
        assert_eq!(unit_key("Ủy ban nhân dân huyện Hớn Quản"), "hon quan");
        // A name that is only a kind word keeps it.
        assert_eq!(unit_key("Phường"), "phuong");
    }

    #[test]
    fn accents_written_must_be_the_names_accents() {
        assert!(marks_agree("Xã Minh Tâm", "UBND xã Minh Tâm"));
        assert!(marks_agree("minh tam", "UBND xã Minh Tâm"));
        assert!(marks_agree("MINH TÂM", "Minh Tâm"));
        // One word with marks, one without: each agrees.
        assert!(marks_agree("Tân Loi", "Tân Lợi"));
        // Where the tone sits is a habit of writing, not another name.
        assert!(marks_agree("Xã Hoà An", "UBND xã Hòa An"));
        assert!(marks_agree("Thuỷ", "Thủy"));
        // Written in NFD, as some programs save.
        let nfd: String = "Phước An".nfd().collect();
        assert!(marks_agree(&nfd, "Phước An"));
        // Another vowel mark, or another tone, is another name.
        assert!(!marks_agree("Xã Minh Tăm", "UBND xã Minh Tâm"));
        assert!(!marks_agree("Tân Lội", "Tân Lợi"));
        assert!(!marks_agree("Tấn Lợi", "Tân Lợi"));
        assert!(!marks_agree("Dồng Nơ", "Đồng Nơ"));
    }

    #[test]
    fn codes_as_written() {
        assert_eq!(clean_code("7.2.5"), "7.2.5");
        assert_eq!(clean_code("7.2.5."), "7.2.5");
        assert_eq!(clean_code("TC 7.2.5"), "7.2.5");
        assert_eq!(clean_code("Tiêu chí 1.4"), "1.4");
        assert_eq!(clean_code("1,4"), "1.4");
        assert_eq!(clean_code("1,4,5"), "1,4,5");
        assert!(is_roman("II"));
        assert!(!is_roman("1.4"));
        assert!(has_code_prefix("TC 1.4"));
        assert!(has_code_prefix("Tiêu chí 7.2.5"));
        assert!(!has_code_prefix("1.4"));
        assert!(!has_code_prefix("Tiêu chí"));
        assert!(is_code_like("7.2.5") && is_code_like("1") && is_code_like("1.5a"));
        assert!(!is_code_like("") && !is_code_like("a.1") && !is_code_like("1..2"));
        assert!(!is_code_like("Tổng cộng") && !is_code_like("0,75"));
    }
}
