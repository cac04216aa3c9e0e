//! The words the site shows to readers, from the theme's words files
//! (`words/vi.yaml`, `words/en.yaml`): one lookup for the templates (as `w`,
//! a tree of sections) and for Rust (by dotted key, `status.overdue`). A
//! theme's file may hold only the entries it changes; the rest come from the
//! built-in theme, and a word missing in English comes from Vietnamese.
//! `{name}` in a word is a slot that [`Words::fill`] (or the `fill` filter of
//! the templates) replaces.
//!
//! Plural forms: a word may be a map of CLDR plural categories
//! (`{one: "{count} task", other: "{count} tasks"}`), chosen by its `{count}`
//! slot with the rule of the words' language. YAML maps rather than a new
//! format (Fluent, gettext): one loader, one file per language that a theme
//! overrides entry by entry like the Vietnamese one, and the two languages
//! tiendo speaks need no more than `one` and `other` (Vietnamese has only
//! `other`).

use std::collections::BTreeMap;

use anyhow::Context as _;
use serde_json::Value;

use crate::compute::Status;
use crate::model::{Method, Stage};

/// The words of one language.
#[derive(Debug, Clone)]
pub struct Words {
    /// Every word by its dotted key; for a word with plural forms, its
    /// `other` form.
    flat: BTreeMap<String, String>,
    /// The plural forms of the words that have them: category → word.
    plurals: BTreeMap<String, BTreeMap<String, String>>,
    /// The same words as a tree, for the templates; a word with plural
    /// forms is a map of them.
    tree: Value,
    /// The language code (`vi`, `en`), for plural rules.
    language: String,
}

/// The CLDR plural categories a words file may name.
const PLURAL_CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

/// The plural category of `n` in `language` (CLDR rules of the languages
/// tiendo ships words for; other languages use `other`, as Vietnamese).
pub fn plural_category(language: &str, n: u64) -> &'static str {
    match language {
        "en" if n == 1 => "one",
        _ => "other",
    }
}

fn is_plural_map(map: &serde_json::Map<String, Value>) -> bool {
    map.contains_key("other")
        && map
            .iter()
            .all(|(k, v)| PLURAL_CATEGORIES.contains(&k.as_str()) && v.is_string())
}

impl Words {
    /// Reads a words file: YAML maps of sections and keys, strings as leaves.
    /// `name` names the file in errors.
    pub fn parse(yaml: &str, name: &str) -> anyhow::Result<Words> {
        let tree: Value = serde_yaml::from_str(yaml)
            .with_context(|| format!("{name}: tệp từ ngữ không đúng cú pháp YAML"))?;
        let mut flat = BTreeMap::new();
        let mut plurals = BTreeMap::new();
        flatten("", &tree, &mut flat, &mut plurals)
            .with_context(|| format!("{name}: tệp từ ngữ không hợp lệ"))?;
        Ok(Words {
            flat,
            plurals,
            tree,
            language: "vi".into(),
        })
    }

    /// These words as words of `language` (for its plural rules).
    pub fn in_language(mut self, language: &str) -> Words {
        self.language = language.to_string();
        self
    }

    pub fn language(&self) -> &str {
        &self.language
    }

    /// These words, with every entry `other` has replaced by its own.
    pub fn overridden_by(&self, other: &Words) -> Words {
        let mut out = self.clone();
        for (key, word) in &other.flat {
            out.flat.insert(key.clone(), word.clone());
            match other.plurals.get(key) {
                Some(forms) => {
                    out.plurals.insert(key.clone(), forms.clone());
                    set_path_value(&mut out.tree, key, plural_value(forms));
                }
                None => {
                    out.plurals.remove(key);
                    set_path(&mut out.tree, key, word);
                }
            }
        }
        out
    }

    /// These words over `fallback` (Vietnamese), in this language, with the
    /// keys `fallback` has and these lack: words a page would show in the
    /// fallback's language.
    pub fn over_fallback(&self, fallback: &Words) -> (Words, Vec<String>) {
        let missing = fallback
            .flat
            .keys()
            .filter(|k| !self.flat.contains_key(*k))
            .cloned()
            .collect();
        let mut out = fallback.overridden_by(self);
        out.language = self.language.clone();
        (out, missing)
    }

    /// The keys that `other` has and these words lack: entries a theme
    /// names that no page uses.
    pub fn unknown_keys<'o>(&self, other: &'o Words) -> Vec<&'o str> {
        other
            .flat
            .keys()
            .filter(|k| !self.flat.contains_key(*k))
            .map(String::as_str)
            .collect()
    }

    /// The word of `key`; a missing key shows as itself, so that a page
    /// never silently loses text.
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.flat.get(key).map(String::as_str).unwrap_or(key)
    }

    /// The word of `key` with its `{slot}`s filled from `values`; a word
    /// with plural forms takes the form of its `count`.
    pub fn fill(&self, key: &str, values: &[(&str, &str)]) -> String {
        let count = values
            .iter()
            .find(|(name, _)| *name == "count")
            .and_then(|(_, v)| v.parse::<u64>().ok());
        fill(self.form(key, count), values)
    }

    /// The word of `key` as [`Words::fill`] fills it: for a word with
    /// plural forms, the form of `count` (`other` without one).
    pub fn form<'a>(&'a self, key: &'a str, count: Option<u64>) -> &'a str {
        match self.plurals.get(key) {
            Some(forms) => plural_form(forms, &self.language, count),
            None => self.get(key),
        }
    }

    /// These words with `entries` (dotted key, word) added or replaced.
    pub fn with_entries<'e>(&self, entries: impl IntoIterator<Item = (String, &'e str)>) -> Words {
        let mut out = self.clone();
        for (key, word) in entries {
            set_path(&mut out.tree, &key, word);
            out.plurals.remove(&key);
            out.flat.insert(key, word.to_string());
        }
        out
    }

    /// The tree the templates see as `w`.
    pub fn tree(&self) -> &Value {
        &self.tree
    }

    /// Every entry, by dotted key.
    pub fn entries(&self) -> impl Iterator<Item = (&str, &str)> {
        self.flat.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// These words with each entry replaced by `f(key, word)`.
    pub fn map(&self, f: impl Fn(&str, &str) -> String) -> Words {
        let mut out = self.clone();
        out.plurals.clear();
        for (key, word) in &self.flat {
            let new = f(key, word);
            set_path(&mut out.tree, key, &new);
            out.flat.insert(key.clone(), new);
        }
        out
    }

    pub fn status(&self, s: Status) -> &str {
        self.get(match s {
            Status::Done => "status.done",
            Status::DoneLate => "status.done_late",
            Status::Overdue => "status.overdue",
            Status::DueSoon => "status.due_soon",
            Status::Upcoming => "status.upcoming",
        })
    }

    pub fn stage(&self, s: Stage) -> &str {
        self.get(match s {
            Stage::SelfAssessment => "stage.self_assessment",
            Stage::Review => "stage.review",
            Stage::Appraisal => "stage.appraisal",
            Stage::Published => "stage.published",
        })
    }

    pub fn method(&self, m: Method) -> &str {
        self.get(match m {
            Method::SelfAssessed => "method.self_assessed",
            Method::Survey => "method.survey",
            Method::Both => "method.both",
        })
    }

    /// The plural heading of a kind of unit; kinds without a word show as
    /// written in the content.
    pub fn kind<'a>(&'a self, kind: &'a str) -> &'a str {
        self.flat
            .get(&format!("kind.{kind}"))
            .map(String::as_str)
            .unwrap_or(kind)
    }
}

/// Replaces each `{slot}` of `word` by its value; unknown slots stay.
pub fn fill(word: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(word.len() + 16);
    fill_into(&mut out, word, |out, slot| {
        let value = values.iter().find(|(name, _)| *name == slot);
        value.map(|(_, value)| out.push_str(value)).is_some()
    });
    out
}

/// [`fill`], appended to `out`, each slot written by `slot(out, name)`,
/// which says whether it knew the slot (an unknown slot stays as written):
/// for code that writes numbers and dates straight into its output.
pub fn fill_into(out: &mut String, word: &str, mut slot: impl FnMut(&mut String, &str) -> bool) {
    let mut rest = word;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                if !slot(out, name) {
                    out.push('{');
                    out.push_str(name);
                    out.push('}');
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
}

/// The form of `count` among `forms`; `other` without a count.
pub fn plural_form<'f>(
    forms: &'f BTreeMap<String, String>,
    language: &str,
    count: Option<u64>,
) -> &'f str {
    let category = count.map_or("other", |n| plural_category(language, n));
    forms
        .get(category)
        .or_else(|| forms.get("other"))
        .map(String::as_str)
        .unwrap_or("")
}

fn plural_value(forms: &BTreeMap<String, String>) -> Value {
    Value::Object(
        forms
            .iter()
            .map(|(k, v)| (k.clone(), Value::String(v.clone())))
            .collect(),
    )
}

type Plurals = BTreeMap<String, BTreeMap<String, String>>;

fn flatten(
    prefix: &str,
    value: &Value,
    out: &mut BTreeMap<String, String>,
    plurals: &mut Plurals,
) -> anyhow::Result<()> {
    match value {
        Value::Object(map) if !prefix.is_empty() && is_plural_map(map) => {
            let forms: BTreeMap<String, String> = map
                .iter()
                .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_string())))
                .collect();
            out.insert(prefix.to_string(), forms["other"].clone());
            plurals.insert(prefix.to_string(), forms);
            Ok(())
        }
        Value::Object(map) => {
            for (key, v) in map {
                let path = if prefix.is_empty() {
                    key.clone()
                } else {
                    format!("{prefix}.{key}")
                };
                flatten(&path, v, out, plurals)?;
            }
            Ok(())
        }
        Value::String(s) => {
            out.insert(prefix.to_string(), s.clone());
            Ok(())
        }
        Value::Null if prefix.is_empty() => Ok(()),
        other => anyhow::bail!(
            "`{prefix}` phải là chữ hoặc một nhóm từ, không phải `{other}`; hãy đặt chữ trong dấu nháy kép"
        ),
    }
}

fn set_path(tree: &mut Value, key: &str, word: &str) {
    set_path_value(tree, key, Value::String(word.to_string()));
}

fn set_path_value(tree: &mut Value, key: &str, word: Value) {
    if !tree.is_object() {
        *tree = Value::Object(Default::default());
    }
    let mut at = tree;
    let mut parts = key.split('.').peekable();
    while let Some(part) = parts.next() {
        let Value::Object(map) = at else { return };
        if parts.peek().is_none() {
            map.insert(part.to_string(), word);
            return;
        }
        let next = map
            .entry(part.to_string())
            .or_insert_with(|| Value::Object(Default::default()));
        if !next.is_object() {
            *next = Value::Object(Default::default());
        }
        at = next;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_are_filled_and_unknown_ones_kept() {
        assert_eq!(
            fill(
                "Tiêu chí {code}. {title}",
                &[("code", "7.2"), ("title", "Số hoá")]
            ),
            "Tiêu chí 7.2. Số hoá"
        );
        assert_eq!(fill("{x} và {y}", &[("x", "1")]), "1 và {y}");
        assert_eq!(fill("mở {", &[]), "mở {");
    }

    #[test]
    fn a_theme_overrides_single_entries() {
        let base = Words::parse("nav:\n  home: Tổng quan\n  units: Đơn vị\n", "vi.yaml").unwrap();
        let theme = Words::parse("nav:\n  home: Trang chủ\n", "theme").unwrap();
        let both = base.overridden_by(&theme);
        assert_eq!(both.get("nav.home"), "Trang chủ");
        assert_eq!(both.get("nav.units"), "Đơn vị");
        assert_eq!(both.tree()["nav"]["units"], "Đơn vị");
        assert_eq!(both.tree()["nav"]["home"], "Trang chủ");
        assert_eq!(both.get("nav.missing"), "nav.missing");
    }

    #[test]
    fn entries_added_reach_rust_and_the_templates() {
        let base = Words::parse("kind:\n  commune: Xã\n", "vi.yaml").unwrap();
        let site = base.with_entries([("kind.region".to_string(), "Vùng")]);
        assert_eq!(site.kind("region"), "Vùng");
        assert_eq!(site.kind("commune"), "Xã");
        assert_eq!(site.tree()["kind"]["region"], "Vùng");
        assert_eq!(base.kind("region"), "region");
    }

    #[test]
    fn plural_forms_follow_the_count_and_the_language() {
        let en = Words::parse(
            "home:\n  heading:\n    one: \"{count} task\"\n    other: \"{count} tasks\"\n",
            "en.yaml",
        )
        .unwrap()
        .in_language("en");
        assert_eq!(en.fill("home.heading", &[("count", "1")]), "1 task");
        assert_eq!(en.fill("home.heading", &[("count", "0")]), "0 tasks");
        assert_eq!(en.fill("home.heading", &[("count", "12")]), "12 tasks");
        assert_eq!(en.get("home.heading"), "{count} tasks");
        assert_eq!(en.tree()["home"]["heading"]["one"], "{count} task");
        // Vietnamese has one form: `other`.
        let vi = en.clone().in_language("vi");
        assert_eq!(vi.fill("home.heading", &[("count", "1")]), "1 tasks");
    }

    #[test]
    fn a_word_missing_in_english_comes_from_vietnamese() {
        let vi = Words::parse("nav:\n  home: Tổng quan\n  units: Đơn vị\n", "vi.yaml").unwrap();
        let en = Words::parse("nav:\n  home: Overview\n", "en.yaml")
            .unwrap()
            .in_language("en");
        let (both, missing) = en.over_fallback(&vi);
        assert_eq!(missing, ["nav.units"]);
        assert_eq!(both.get("nav.home"), "Overview");
        assert_eq!(both.get("nav.units"), "Đơn vị");
        assert_eq!(both.language(), "en");
    }

    #[test]
    fn numbers_as_words_are_refused_with_a_hint() {
        let err = Words::parse("a:\n  b: 3\n", "vi.yaml").unwrap_err();
        assert!(format!("{err:#}").contains("`a.b`"));
    }
}
