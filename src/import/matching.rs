//! Matching what a sheet writes to the content's units and criteria: units
//! by id, name or short name, ignoring accents, case and the words of
//! their kind ("UBND", "xã", "phường", "thị trấn", "huyện"); criteria by
//! code, whether written `7.2.5`, `7.2.5.` or `TC 7.2.5`.

use std::collections::HashMap;

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
    let mut out: Vec<&str> = Vec::new();
    let mut i = 0;
    'outer: while i < words.len() {
        for kind in KIND_WORDS {
            if words[i..].starts_with(kind) && words.len() - i > kind.len() {
                i += kind.len();
                continue 'outer;
            }
        }
        out.push(words[i]);
        i += 1;
    }
    out.join(" ")
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
            Some([one]) => Ok(*one),
            Some(many) if !many.is_empty() => Err(UnitMiss::Ambiguous(
                many.iter()
                    .map(|&u| self.model.units[u].id.clone())
                    .collect(),
            )),
            _ => Err(UnitMiss::Unknown(self.nearest(&key))),
        }
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
