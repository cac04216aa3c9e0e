//! The JSON Schemas of `tiendo schema` (derived from the loader's raw
//! structs) accept every file of the example and of the valid fixture sites,
//! and refuse the broken fixtures whose fault a schema can see: a wrong
//! type, an unknown field, a missing required field, a word that is not one
//! of the allowed ones.

mod bad_cases;
mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::*;
use serde_json::Value;

/// The schema kind of a content file, by its place (as the loader decides).
fn kind_of(rel: &str) -> Option<&'static str> {
    let parts: Vec<&str> = rel.split('/').collect();
    let yaml = rel.ends_with(".yaml") || rel.ends_with(".yml");
    Some(match (parts[0], parts.len()) {
        ("site.yaml" | "site.yml", 1) => "site",
        ("units.yaml" | "units.yml", 1) => "units",
        ("frameworks", 2) if yaml => "framework",
        ("assignments", 2) if yaml => "assignments",
        ("scores", 2) if yaml => "snapshot",
        ("tasks", 2) if yaml => "tasks",
        ("notes", n) if n >= 2 && rel.ends_with(".md") => "note",
        _ => return None,
    })
}

/// YAML as an editor's YAML extension hands it to the schema: mapping keys
/// become text (`8.2: 0` has the key "8.2").
fn to_json(v: serde_yaml::Value) -> Value {
    use serde_yaml::Value as Y;
    match v {
        Y::Null => Value::Null,
        Y::Bool(b) => Value::Bool(b),
        Y::Number(n) => serde_json::to_value(n).unwrap(),
        Y::String(s) => Value::String(s),
        Y::Sequence(items) => Value::Array(items.into_iter().map(to_json).collect()),
        Y::Mapping(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| {
                    let key = match k {
                        Y::String(s) => s,
                        Y::Number(n) => n.to_string(),
                        Y::Bool(b) => b.to_string(),
                        other => panic!("an odd key {other:?}"),
                    };
                    (key, to_json(v))
                })
                .collect(),
        ),
        Y::Tagged(t) => to_json(t.value),
    }
}

/// The YAML of a file: for a note, its front matter.
fn yaml_of(kind: &str, text: &str) -> Option<String> {
    let text = text.trim_start_matches('\u{feff}').replace("\r\n", "\n");
    if kind != "note" {
        return Some(text);
    }
    let rest = text.strip_prefix("---\n")?;
    let end = rest.find("\n---")?;
    Some(rest[..end + 1].to_string())
}

struct Schemas {
    validators: BTreeMap<String, jsonschema::Validator>,
    _dir: tempfile::TempDir,
}

impl Schemas {
    /// Writes the schemas with the `tiendo schema` command, then reads them.
    fn written() -> Schemas {
        let dir = tempfile::tempdir().unwrap();
        let out = tiendo(&["schema", dir.path().to_str().unwrap()]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let mut validators = BTreeMap::new();
        for kind in [
            "site",
            "units",
            "framework",
            "assignments",
            "snapshot",
            "tasks",
            "note",
        ] {
            let path = dir.path().join(format!("{kind}.schema.json"));
            let schema: Value = serde_json::from_str(&read(&path)).unwrap();
            let validator = jsonschema::validator_for(&schema)
                .unwrap_or_else(|e| panic!("{kind}.schema.json is no valid schema: {e}"));
            validators.insert(kind.to_string(), validator);
        }
        Schemas {
            validators,
            _dir: dir,
        }
    }

    /// Every content file of `root` the schemas refuse, with why.
    fn refused(&self, root: &Path) -> Vec<String> {
        let mut refused = Vec::new();
        let mut checked = 0;
        for entry in walkdir::WalkDir::new(root).sort_by_file_name() {
            let entry = entry.unwrap();
            let rel = entry.path().strip_prefix(root).unwrap();
            let rel = rel.to_string_lossy().replace('\\', "/");
            let Some(kind) = kind_of(&rel) else { continue };
            let Ok(text) = std::fs::read_to_string(entry.path()) else {
                continue;
            };
            let Some(yaml) = yaml_of(kind, &text) else {
                continue;
            };
            let Ok(value) = serde_yaml::from_str::<serde_yaml::Value>(&yaml) else {
                continue; // not YAML at all: the loader says so, not a schema
            };
            checked += 1;
            let instance = to_json(value);
            let errors: Vec<String> = self.validators[kind]
                .iter_errors(&instance)
                .map(|e| format!("{} at {}", e, e.instance_path()))
                .collect();
            if !errors.is_empty() {
                refused.push(format!("{rel} ({kind}): {}", errors.join("; ")));
            }
        }
        assert!(checked > 0, "no content file under {}", root.display());
        refused
    }
}

#[test]
fn the_schemas_accept_the_example_and_the_valid_fixture_sites() {
    let schemas = Schemas::written();
    for site in [
        "content",
        "tests/fixtures/minimal",
        "tests/fixtures/progress",
        "tests/fixtures/injection",
        "tests/fixtures/regions",
        "tests/fixtures/bilingual",
    ] {
        let refused = schemas.refused(&repo().join(site));
        assert!(refused.is_empty(), "{site}:\n{}", refused.join("\n"));
    }
}

#[test]
fn the_schemas_accept_the_site_tiendo_new_makes() {
    let schemas = Schemas::written();
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let out = tiendo(&["new", site.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let refused = schemas.refused(&site.join("content"));
    assert!(refused.is_empty(), "new site:\n{}", refused.join("\n"));
}

#[test]
fn the_schemas_accept_every_broken_fixture_that_check_accepts() {
    let schemas = Schemas::written();
    let mut tried = 0;
    for name in bad_cases::plain_cases() {
        if bad_cases::expects_error(&name) {
            continue;
        }
        tried += 1;
        let dir = bad_cases::prepare(&name);
        let refused = schemas.refused(&dir.path().join("content"));
        assert!(refused.is_empty(), "{name}:\n{}", refused.join("\n"));
    }
    assert!(tried >= 2, "only {tried} cases without errors");
}

#[test]
fn the_schemas_refuse_faults_a_schema_can_see() {
    let schemas = Schemas::written();
    // Case, and the file whose fault the schema must see.
    let cases = [
        ("missing-site-title", "site.yaml"),        // required field
        ("missing-base-url", "site.yaml"),          // required field
        ("invalid-timezone", "site.yaml"),          // pattern
        ("missing-unit-kind", "units.yaml"),        // required field
        ("missing-unit-name", "units.yaml"),        // required field
        ("missing-criterion-title", "frameworks/"), // required field, nested
        ("score-not-a-number", "scores/"),          // wrong type of points
        ("invalid-stage", "scores/"),               // not one of the stages
        ("date-in-words", "tasks/"),                // a date in words
        ("invalid-status", "tasks/"),               // not open or done
        ("invalid-escalation-when", "tasks/"),      // not `overdue`
        ("invalid-audience", "notes/"),             // not public or committee
        ("missing-note-date", "notes/"),            // required field
        ("unknown-field", "units.yaml"),            // a field no one reads
        ("unknown-note-field", "notes/"),           // in a front matter
    ];
    for (name, file) in cases {
        assert!(
            bad_cases::expects_error(name),
            "{name} is not an error case"
        );
        let dir = bad_cases::prepare(name);
        let refused = schemas.refused(&dir.path().join("content"));
        assert!(
            refused.iter().any(|r| r.starts_with(file)),
            "{name}: the schema of {file} let it through ({refused:?})"
        );
        assert!(
            refused.iter().all(|r| r.starts_with(file)),
            "{name}: the schemas refused more than {file}: {refused:?}"
        );
    }
}
