//! The search index, for a search that runs in the reader's browser from
//! static files: every unit, criterion (by code and title), note and task,
//! by the words of its title.
//!
//! Words are folded (no accents, `đ` → `d`, lower case) so that "tan loi"
//! finds "Tân Lợi"; each folded word keeps the accented forms it was
//! written in, so that "Tân Lợi" ranks the exact accents first. The index
//! is split into shards by the first letters of the folded word, each small
//! enough to load for one query; the documents (title and link) are in
//! chunks, loaded only for the results shown. Every file is a script that
//! hands its data to `tiendoSearch(name, data)` (the theme's `search.js`):
//! a script loads from `file://` too, where `fetch` of a local file fails.
//! See `docs/search.md`.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

use crate::compute::Computed;
use crate::limits::LIMITS;
use crate::model::Model;
use crate::routes::{self, OutputFile, Routes};

/// A word without its accents, in lower case: "Lợi" → "loi", "Đồng" → "dong".
pub fn fold(word: &str) -> String {
    word.nfd()
        .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
        .map(|c| if c == 'đ' || c == 'Đ' { 'd' } else { c })
        .flat_map(char::to_lowercase)
        .collect()
}

/// The words of a text, each as written (lower case) and folded. A word is
/// letters and digits, with dots inside (criterion codes: `7.2.5`).
#[cfg(test)]
fn words(text: &str) -> Vec<(String, String)> {
    raw_words(text).map(forms).collect()
}

/// The words of a text as they stand in it.
fn raw_words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric() && c != '.')
        .map(|w| w.trim_matches('.'))
        .filter(|w| !w.is_empty())
}

/// A word in lower case, and folded.
fn forms(word: &str) -> (String, String) {
    if word.is_ascii() {
        let lower = word.to_ascii_lowercase();
        return (lower.clone(), lower);
    }
    let lower: String = word.to_lowercase().nfc().collect();
    let folded = fold(&lower);
    (lower, folded)
}

/// One thing a search can find.
#[derive(Serialize)]
struct Doc(String, String, String);

/// The kinds of documents, in the order of their ids (and of their rank
/// among results that match as well).
const KINDS: [&str; 4] = ["unit", "criterion", "note", "task"];

#[derive(Serialize)]
struct Manifest<'a> {
    /// How many documents, and how many per chunk file (`d0`, `d1`…).
    docs: usize,
    chunk: usize,
    /// The first id of each kind: `["unit", 0], ["criterion", 14]…`.
    kinds: Vec<(&'a str, usize)>,
    /// The key of each shard file (`t0`, `t1`…): every folded word that
    /// starts with the key and with no longer key is in that shard.
    keys: Vec<String>,
}

/// Every document of the site, in id order: units, criteria, notes, tasks.
/// Links are from the site's root.
fn documents(
    m: &Model,
    computed: &Computed,
    root: &Routes,
) -> (Vec<Doc>, Vec<(&'static str, usize)>) {
    let mut docs = Vec::new();
    let mut kinds = Vec::new();
    kinds.push((KINDS[0], docs.len()));
    for (u, unit) in m.units.iter().enumerate() {
        let parent = m.units[u].parent.map(|p| m.units[p].name.clone());
        docs.push(Doc(
            unit.name.clone(),
            root.unit(&unit.id),
            parent.unwrap_or_default(),
        ));
    }
    kinds.push((KINDS[1], docs.len()));
    for fw in &m.frameworks {
        for c in &fw.criteria {
            docs.push(Doc(
                format!("{}. {}", c.code, c.title),
                root.criterion(&fw.id, &c.code),
                fw.title.clone(),
            ));
        }
    }
    kinds.push((KINDS[2], docs.len()));
    for n in &m.notes {
        docs.push(Doc(n.title.clone(), root.note(&n.id), n.date.to_string()));
    }
    kinds.push((KINDS[3], docs.len()));
    for (i, t) in m.tasks.iter().enumerate() {
        let page = computed.index.task_page[i];
        docs.push(Doc(
            t.title.clone(),
            root.task(&m.directives[t.directive].id, page, &t.id),
            m.units[t.lead].name.clone(),
        ));
    }
    (docs, kinds)
}

/// Folded word → the way it is written → the documents that have it.
type Postings = BTreeMap<String, BTreeMap<String, Vec<u32>>>;

fn postings(docs: &[Doc]) -> Postings {
    // A national site's 120,000 titles use a few thousand distinct words:
    // each is lowered and folded once, and its list found by number.
    let mut known: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let mut lists: Vec<(String, String, Vec<u32>)> = Vec::new();
    for (id, doc) in docs.iter().enumerate() {
        let id = id as u32;
        for word in raw_words(&doc.0) {
            let n = *known.entry(word).or_insert_with(|| {
                let (written, folded) = forms(word);
                lists.push((folded, written, Vec::new()));
                lists.len() - 1
            });
            let ids = &mut lists[n].2;
            if ids.last() != Some(&id) {
                ids.push(id);
            }
        }
    }
    // Words written differently ("Lợi", "lợi") can have the same forms.
    let mut out = Postings::new();
    for (folded, written, ids) in lists {
        let merged = out.entry(folded).or_default().entry(written).or_default();
        if merged.is_empty() {
            *merged = ids;
        } else {
            merged.extend(ids);
            merged.sort_unstable();
            merged.dedup();
        }
    }
    out
}

/// A sorted list of ids as the shorter of: gaps in base 36, comma
/// separated; or `~` and a bitmap over all `docs`, in base64.
fn encode(ids: &[u32], docs: usize) -> String {
    let bitmap_len = 1 + docs.div_ceil(8).div_ceil(3) * 4;
    if ids.len() * 2 > bitmap_len {
        let mut bits = vec![0u8; docs.div_ceil(8)];
        for &id in ids {
            bits[id as usize / 8] |= 1 << (id % 8);
        }
        return format!("~{}", base64(&bits));
    }
    let mut out = String::new();
    let mut previous = 0;
    for (i, &id) in ids.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        base36(id - previous, &mut out);
        previous = id;
    }
    out
}

fn base36(mut n: u32, out: &mut String) {
    let mut digits = [0u8; 8];
    let mut len = 0;
    loop {
        digits[len] = b"0123456789abcdefghijklmnopqrstuvwxyz"[(n % 36) as usize];
        len += 1;
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.extend(digits[..len].iter().rev().map(|&d| d as char));
}

fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (b[0] as u32) << 16 | (b[1] as u32) << 8 | b[2] as u32;
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The shards: each a key and its words, in order. A prefix whose words
/// are too many for one shard is split by the next letter (the word equal
/// to the prefix, if any, keeps a shard of its own).
fn shards<'a>(
    words: &'a [(String, String)],
    prefix: &str,
    out: &mut Vec<(String, &'a [(String, String)])>,
) {
    let size: usize = words.iter().map(|(w, e)| w.len() + e.len()).sum();
    if size <= LIMITS.search_shard_bytes || words.len() == 1 {
        out.push((prefix.to_string(), words));
        return;
    }
    let (exact, rest) = match words.first() {
        Some((w, _)) if w == prefix => words.split_at(1),
        _ => words.split_at(0),
    };
    if !exact.is_empty() {
        out.push((prefix.to_string(), exact));
    }
    let depth = prefix.chars().count() + 1;
    let mut i = 0;
    while i < rest.len() {
        let next: String = rest[i].0.chars().take(depth).collect();
        let len = rest[i..]
            .iter()
            .take_while(|(w, _)| w.starts_with(&next))
            .count();
        shards(&rest[i..i + len], &next, out);
        i += len;
    }
}

/// A script that hands `data` to the search, as `name`.
fn script(name: &str, data: &impl Serialize) -> anyhow::Result<OutputFile> {
    let json = serde_json::to_string(data)?;
    Ok(OutputFile {
        path: format!("{}{name}.js", routes::SEARCH_INDEX),
        bytes: format!("tiendoSearch(\"{name}\",{json});\n").into_bytes(),
    })
}

/// Every file of the search index.
pub fn files(model: &Model, computed: &Computed, offline: bool) -> anyhow::Result<Vec<OutputFile>> {
    let root = Routes::from_page(routes::HOME, offline);
    let (docs, kinds) = documents(model, computed, &root);
    let n = docs.len();
    // Each folded word with its shard entry: `"loi":{"lợi":"3,a"}`.
    let entries: Vec<(String, String)> = postings(&docs)
        .into_iter()
        .map(|(folded, forms)| {
            let mut entry = String::new();
            for (written, ids) in forms {
                let sep = if entry.is_empty() { "" } else { "," };
                let key = serde_json::to_string(&written)?;
                write!(entry, "{sep}{key}:\"{}\"", encode(&ids, n))?;
            }
            Ok((folded, entry))
        })
        .collect::<anyhow::Result<_>>()?;
    let mut split = Vec::new();
    shards(&entries, "", &mut split);
    let mut files = Vec::with_capacity(split.len() + n / LIMITS.search_chunk_docs + 2);
    for (i, (_, words)) in split.iter().enumerate() {
        let mut body = String::from("{");
        for (j, (folded, entry)) in words.iter().enumerate() {
            let sep = if j == 0 { "" } else { "," };
            write!(body, "{sep}{}:{{{entry}}}", serde_json::to_string(folded)?)?;
        }
        body.push('}');
        files.push(OutputFile {
            path: format!("{}t{i}.js", routes::SEARCH_INDEX),
            bytes: format!("tiendoSearch(\"t{i}\",{body});\n").into_bytes(),
        });
    }
    for (i, chunk) in docs.chunks(LIMITS.search_chunk_docs).enumerate() {
        files.push(script(&format!("d{i}"), &chunk)?);
    }
    let manifest = Manifest {
        docs: n,
        chunk: LIMITS.search_chunk_docs,
        kinds,
        keys: split.into_iter().map(|(key, _)| key).collect(),
    };
    files.push(script("index", &manifest)?);
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_vietnamese_to_plain_letters() {
        assert_eq!(fold("Tân Lợi"), "tan loi");
        assert_eq!(fold("Đồng Nơ"), "dong no");
        assert_eq!(fold("thư điện tử"), "thu dien tu");
        assert_eq!(fold("ỨNG"), "ung");
    }

    #[test]
    fn words_keep_codes_and_accents() {
        let w = words("7.2.5. Mức độ sử dụng (thư điện tử)");
        let folded: Vec<&str> = w.iter().map(|(_, f)| f.as_str()).collect();
        assert_eq!(
            folded,
            ["7.2.5", "muc", "do", "su", "dung", "thu", "dien", "tu"]
        );
        assert_eq!(w[1].0, "mức");
    }

    #[test]
    fn postings_merge_the_ways_a_word_is_written() {
        let docs = vec![
            Doc("Tân Lợi".into(), String::new(), String::new()),
            Doc("TÂN lợi, tân".into(), String::new(), String::new()),
            Doc("Tan loi 7.2.5".into(), String::new(), String::new()),
        ];
        let p = postings(&docs);
        assert_eq!(p["tan"]["tân"], vec![0, 1]);
        assert_eq!(p["tan"]["tan"], vec![2]);
        assert_eq!(p["loi"]["lợi"], vec![0, 1]);
        assert_eq!(p["7.2.5"]["7.2.5"], vec![2]);
        // The same as word by word.
        let mut slow = Postings::new();
        for (id, doc) in docs.iter().enumerate() {
            for (written, folded) in words(&doc.0) {
                let ids = slow.entry(folded).or_default().entry(written).or_default();
                if ids.last() != Some(&(id as u32)) {
                    ids.push(id as u32);
                }
            }
        }
        assert_eq!(p, slow);
    }

    #[test]
    fn lists_are_gaps_or_bitmaps() {
        assert_eq!(encode(&[0, 5, 41], 1000), "0,5,10");
        // Dense: a bitmap of 16 documents is 2 bytes, "~" and 4 characters.
        let all: Vec<u32> = (0..16).collect();
        assert_eq!(encode(&all, 16), "~//8=");
        assert_eq!(base64(b"Man"), "TWFu");
        assert_eq!(base64(b"Ma"), "TWE=");
    }

    #[test]
    fn large_prefixes_split_by_the_next_letter() {
        let long = "x".repeat(LIMITS.search_shard_bytes);
        let words: Vec<(String, String)> = ["ta", "tan", "tanh", "to"]
            .iter()
            .map(|w| (w.to_string(), long.clone()))
            .collect();
        let mut out = Vec::new();
        shards(&words, "", &mut out);
        let keys: Vec<&str> = out.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["ta", "tan", "tanh", "to"]);
        let small = [("ta".to_string(), "1".to_string())];
        let mut out = Vec::new();
        shards(&small, "", &mut out);
        assert_eq!(out[0].0, "");
    }
}
