//! The search index of the example site, read the way search.js reads it.

mod common;

use std::path::Path;

use common::*;
use serde_json::Value;

/// The data a script of the index hands to `tiendoSearch(name, data)`.
fn script_data(path: &Path) -> (String, Value) {
    let text = read(path);
    let rest = text
        .strip_prefix("tiendoSearch(\"")
        .unwrap_or_else(|| panic!("{}: {text:.60}", path.display()));
    let (name, json) = rest.split_once("\",").unwrap();
    let json = json.trim_end().strip_suffix(");").unwrap();
    (name.to_string(), serde_json::from_str(json).unwrap())
}

/// A list of ids: gaps in base 36, or `~` and a base64 bitmap.
fn ids(code: &str) -> Vec<usize> {
    if let Some(bits) = code.strip_prefix('~') {
        const ALPHABET: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let sextets: Vec<u32> = bits
            .bytes()
            .filter(|&b| b != b'=')
            .map(|b| ALPHABET.find(b as char).unwrap() as u32)
            .collect();
        let mut bytes = Vec::new();
        for group in sextets.chunks(4) {
            let n = group.iter().fold(0, |n, s| n << 6 | s) << (6 * (4 - group.len()));
            for i in 0..group.len() - 1 {
                bytes.push((n >> (16 - 8 * i) & 0xff) as u8);
            }
        }
        let mut out = Vec::new();
        for (i, b) in bytes.iter().enumerate() {
            out.extend((0..8).filter(|k| b & (1 << k) != 0).map(|k| i * 8 + k));
        }
        return out;
    }
    let mut id = 0;
    code.split(',')
        .map(|gap| {
            id += usize::from_str_radix(gap, 36).unwrap();
            id
        })
        .collect()
}

struct Index {
    dir: std::path::PathBuf,
    manifest: Value,
}

impl Index {
    fn open(public: &Path) -> Index {
        let dir = public.join("tim-kiem/chi-muc");
        let (name, manifest) = script_data(&dir.join("index.js"));
        assert_eq!(name, "index");
        Index { dir, manifest }
    }

    /// The forms and documents of a folded word, from the shard of the
    /// longest key it starts with.
    fn word(&self, folded: &str) -> Vec<(String, Vec<usize>)> {
        let keys = self.manifest["keys"].as_array().unwrap();
        let (i, _) = keys
            .iter()
            .enumerate()
            .filter(|(_, k)| folded.starts_with(k.as_str().unwrap()))
            .max_by_key(|(_, k)| k.as_str().unwrap().len())
            .unwrap();
        let (name, shard) = script_data(&self.dir.join(format!("t{i}.js")));
        assert_eq!(name, format!("t{i}"));
        shard[folded]
            .as_object()
            .map(|forms| {
                forms
                    .iter()
                    .map(|(form, list)| (form.clone(), ids(list.as_str().unwrap())))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// A document: title, link from the site's root, and a detail.
    fn doc(&self, id: usize) -> Vec<String> {
        let chunk = self.manifest["chunk"].as_u64().unwrap() as usize;
        let (_, docs) = script_data(&self.dir.join(format!("d{}.js", id / chunk)));
        docs[id % chunk]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect()
    }
}

#[test]
fn unaccented_words_lead_to_the_accented_ones() {
    let dir = tempfile::tempdir().unwrap();
    let public = dir.path().join("public");
    build(&example_content(), &public, &[]);
    let index = Index::open(&public);
    let kinds: Vec<&str> = index.manifest["kinds"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k[0].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["unit", "criterion", "note", "task"]);

    // "tan" is written "tân" in Tân Lợi (and in other names).
    let tan = index.word("tan");
    let (_, with_accent) = tan.iter().find(|(form, _)| form == "tân").unwrap();
    let loi = index.word("loi");
    let (_, loi_docs) = loi.iter().find(|(form, _)| form == "lợi").unwrap();
    let both: Vec<usize> = with_accent
        .iter()
        .copied()
        .filter(|id| loi_docs.contains(id))
        .collect();
    assert!(
        both.iter()
            .any(|&id| index.doc(id)[..2] == ["UBND xã Tân Lợi", "don-vi/tan-loi/"]),
        "{:?}",
        both.iter().map(|&id| index.doc(id)).collect::<Vec<_>>()
    );

    // Criteria by code, with their title.
    let (_, code) = &index.word("7.2.5")[0];
    let titles: Vec<Vec<String>> = code.iter().map(|&id| index.doc(id)).collect();
    assert!(
        titles.iter().any(
            |d| d[0].starts_with("7.2.5. Mức độ sử dụng thư điện tử công vụ")
                && d[1] == "tieu-chi/district/7.2.5/"
        ),
        "{titles:?}"
    );

    // Notes and tasks by the words of their titles.
    let (_, thu) = index
        .word("thu")
        .into_iter()
        .find(|(form, _)| form == "thư")
        .unwrap();
    let links: Vec<String> = thu.iter().map(|&id| index.doc(id)[1].clone()).collect();
    assert!(links.contains(&"ghi-chu/2023-11-14-thu-dien-tu-cong-vu/".to_string()));
    assert!(
        links
            .iter()
            .any(|l| l.starts_with("van-ban/") && l.contains('#'))
    );
}

#[test]
fn the_offline_index_links_name_their_files() {
    let dir = tempfile::tempdir().unwrap();
    let public = dir.path().join("public");
    build(&example_content(), &public, &["--offline"]);
    let index = Index::open(&public);
    let docs = index.manifest["docs"].as_u64().unwrap() as usize;
    assert!(docs > 100, "{docs}");
    for id in 0..docs {
        let link = &index.doc(id)[1];
        let file = link.split('#').next().unwrap();
        assert!(file.ends_with("index.html"), "{link}");
        assert!(public.join(file).is_file(), "{link}");
    }
    let page = read(&public.join("tim-kiem/index.html"));
    assert!(
        page.contains("data-index=\"../tim-kiem/chi-muc/\""),
        "{page}"
    );
    assert!(page.contains("src=\"../assets/search.js\""), "{page}");
}
