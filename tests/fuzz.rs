//! Property-based fuzzing of the loaders and parsers: whatever the input,
//! tiendo reports problems and never panics. `TIENDO_FUZZ_CASES` sets the
//! number of cases per property (CI runs a bounded number; run it long by
//! hand with a large number).

use std::path::Path;

use proptest::prelude::*;
use tiendo::compute::Computed;
use tiendo::load::{Seg, load_from_memory, locate};
use tiendo::model::Points;
use tiendo::render::{RenderOptions, render_site};
use tiendo::slug::{is_valid_id, slugify};
use tiendo::templates::Theme;
use tiendo::text::markdown_to_safe_html;
use tiendo::validate::{Options, parse_date, validate};

fn cases() -> u32 {
    std::env::var("TIENDO_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(256)
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: cases(),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// The files of the minimal fixture site, as (relative path, text).
fn base_site() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/minimal");
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(&root).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let rel = entry
                .path()
                .strip_prefix(&root)
                .unwrap()
                .display()
                .to_string();
            let text = String::from_utf8_lossy(&std::fs::read(entry.path()).unwrap()).into_owned();
            files.push((rel, text));
        }
    }
    files
}

/// Pieces that YAML, Markdown and our parsers treat specially.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(":".to_string()),
        Just(": ".to_string()),
        Just("- ".to_string()),
        Just("[".to_string()),
        Just("]".to_string()),
        Just("{".to_string()),
        Just("}".to_string()),
        Just("&a ".to_string()),
        Just("*a".to_string()),
        Just("\n".to_string()),
        Just("\n  ".to_string()),
        Just("\t".to_string()),
        Just("'".to_string()),
        Just("\"".to_string()),
        Just("# ".to_string()),
        Just("!!binary ".to_string()),
        Just("|\n".to_string()),
        Just("---\n".to_string()),
        Just("1,5".to_string()),
        Just("-3".to_string()),
        Just("1e309".to_string()),
        Just("2023-02-30".to_string()),
        Just("31/12/2023".to_string()),
        Just("tan-loi".to_string()),
        Just("xa/1.1".to_string()),
        Just("..".to_string()),
        Just("/".to_string()),
        Just("Đồng Nơ".to_string()),
        Just("\u{0301}".to_string()),
        Just("\u{feff}".to_string()),
        Just("<script>".to_string()),
        Just("{{ x }}".to_string()),
        "\\PC{0,12}",
    ]
}

#[derive(Debug, Clone)]
enum Edit {
    Insert(usize, usize, String),
    Delete(usize, usize, usize),
}

fn edits() -> impl Strategy<Value = Vec<Edit>> {
    let edit = prop_oneof![
        (any::<usize>(), any::<usize>(), piece()).prop_map(|(f, at, p)| Edit::Insert(f, at, p)),
        (any::<usize>(), any::<usize>(), 0usize..40).prop_map(|(f, at, n)| Edit::Delete(f, at, n)),
    ];
    proptest::collection::vec(edit, 1..6)
}

fn apply(files: &mut [(String, String)], edits: &[Edit]) {
    for e in edits {
        let (f, at) = match e {
            Edit::Insert(f, at, _) | Edit::Delete(f, at, _) => (*f, *at),
        };
        let text = &mut files[f % files.len()].1;
        let mut at = at % (text.len() + 1);
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        match e {
            Edit::Insert(_, _, piece) => text.insert_str(at, piece),
            Edit::Delete(_, _, n) => {
                let mut end = (at + n).min(text.len());
                while !text.is_char_boundary(end) {
                    end -= 1;
                }
                text.replace_range(at..end, "");
            }
        }
    }
}

/// The first thing in `html` that could run or load, if any, judged on the
/// parsed document (escaped text such as `&lt;script&gt;` is harmless).
fn live_markup(html: &str) -> Option<String> {
    let doc = scraper::Html::parse_fragment(html);
    for node in doc.root_element().descendants() {
        let Some(el) = scraper::ElementRef::wrap(node) else {
            continue;
        };
        let name = el.value().name();
        if matches!(
            name,
            "script" | "iframe" | "style" | "object" | "embed" | "form" | "base" | "meta"
        ) {
            return Some(format!("<{name}>"));
        }
        for (attr, value) in el.value().attrs() {
            let v = value.trim().to_ascii_lowercase();
            if attr.starts_with("on")
                || v.starts_with("javascript:")
                || v.starts_with("data:")
                || v.starts_with("vbscript:")
            {
                return Some(format!("{attr}={value}"));
            }
        }
    }
    None
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn mutated_sites_never_panic(edits in edits(), committee in any::<bool>()) {
        let mut files = base_site();
        apply(&mut files, &edits);
        let refs: Vec<(&str, &str)> = files.iter().map(|(r, t)| (r.as_str(), t.as_str())).collect();
        let (content, _) = load_from_memory(&refs);
        let (model, diags) = validate(&content, &Options { as_of: None, committee });
        // Every diagnostic can be printed.
        for d in diags.sorted() {
            let _ = d.to_string();
        }
        if let Some(model) = model {
            let theme = Theme::default_theme().unwrap();
            let paths = std::sync::Mutex::new(Vec::new());
            let computed = Computed::new(&model);
            render_site(&model, &computed, &theme, RenderOptions::default(), &|f| {
                paths.lock().unwrap().push(f.path);
                Ok(())
            })
            .unwrap();
            prop_assert!(paths.into_inner().unwrap().iter().all(|p| !p.contains("..")));
        }
    }

    #[test]
    fn slugs_are_ids(name in "\\PC{0,40}") {
        let s = slugify(&name);
        prop_assert!(s.is_empty() || is_valid_id(&s), "{s:?}");
        prop_assert_eq!(slugify(&s), s);
    }

    #[test]
    fn points_parse_without_panic(text in "\\PC{0,20}") {
        if let Some(p) = Points::parse(&text) {
            prop_assert_eq!(Points::parse(&p.to_string()), Some(p));
        }
    }

    #[test]
    fn points_round_trip(whole in 0i64..1_000_000, frac in 0i64..1000) {
        let p = Points(whole * 1000 + frac);
        prop_assert_eq!(Points::parse(&p.to_string()), Some(p));
        prop_assert_eq!(Points::parse(&p.to_string().replace('.', ",")), Some(p));
    }

    #[test]
    fn dates_parse_without_panic(text in "\\PC{0,16}") {
        let _ = parse_date(&text);
    }

    #[test]
    fn dates_round_trip(days in 0i64..80_000) {
        let d = chrono::NaiveDate::from_ymd_opt(1900, 1, 1).unwrap() + chrono::Duration::days(days);
        prop_assert_eq!(parse_date(&d.to_string()), Some(d));
        prop_assert_eq!(parse_date(&d.format("%d/%m/%Y").to_string()), Some(d));
    }

    #[test]
    fn markdown_is_always_safe(pieces in proptest::collection::vec(prop_oneof![
        piece(),
        Just("<script>alert(1)</script>".to_string()),
        Just("<img src=x onerror=alert(1)>".to_string()),
        Just("[a](javascript:alert(1))".to_string()),
        Just("<a href=\"data:text/html,x\">".to_string()),
        Just("<iframe>".to_string()),
        Just("<style>".to_string()),
        Just("`code`".to_string()),
        Just("| a | b |\n|---|---|\n".to_string()),
    ], 0..20)) {
        let html = markdown_to_safe_html(&pieces.concat());
        if let Some(problem) = live_markup(&html) {
            prop_assert!(false, "{problem} in {html}");
        }
    }

    #[test]
    fn locate_never_panics(text in "\\PC{0,200}", keys in proptest::collection::vec("[a-z0-9.]{1,5}", 0..4), index in 0usize..5) {
        let mut path: Vec<Seg> = keys.iter().map(|k| Seg::Key(k.clone())).collect();
        path.push(Seg::Index(index));
        let (line, _) = locate(&text, &path);
        prop_assert!(line <= text.lines().count() + 1);
    }
}
