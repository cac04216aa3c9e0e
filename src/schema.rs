//! JSON Schema for each kind of content file, derived from the raw structs
//! the loader reads ([`crate::load::raw`]): one definition for both, so the
//! schema cannot drift from what `tiendo check` accepts. The doc comments
//! of the fields are the descriptions an editor shows, in Vietnamese and
//! English.

use std::path::{Path, PathBuf};

use anyhow::Context;
use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema};

use crate::load::raw::{
    RawAssignments, RawDirective, RawFramework, RawNoteMeta, RawSite, RawSnapshot, RawUnits,
};

/// Every kind of content file, by the name its schema file takes
/// (`<kind>.schema.json`), with where such files live.
pub const KINDS: [(&str, &str); 7] = [
    ("site", "site.yaml"),
    ("units", "units.yaml"),
    ("framework", "frameworks/*.yaml"),
    ("assignments", "assignments/*.yaml"),
    ("snapshot", "scores/*.yaml"),
    ("tasks", "tasks/*.yaml"),
    ("note", "notes/**/*.md (front matter)"),
];

/// The schema of one kind of file (a name of [`KINDS`]).
pub fn schema_for(kind: &str) -> Option<Schema> {
    let (_, place) = KINDS.iter().find(|(k, _)| *k == kind)?;
    let mut schema = match kind {
        "site" => root::<RawSite>(),
        "units" => root::<RawUnits>(),
        "framework" => root::<RawFramework>(),
        "assignments" => root::<RawAssignments>(),
        "snapshot" => root::<RawSnapshot>(),
        "tasks" => root::<RawDirective>(),
        _ => root::<RawNoteMeta>(),
    };
    // The struct's name means nothing to an officer; the file's place does.
    schema.insert("title".into(), format!("tiendo: {place}").into());
    Some(schema)
}

/// Draft 7: what editors' YAML extensions read most widely.
fn root<T: JsonSchema>() -> Schema {
    SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<T>()
}

/// Writes `DIR/<kind>.schema.json` for every kind, creating DIR; returns
/// the files written, in the order of [`KINDS`].
pub fn write_schemas(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir)
        .with_context(|| format!("không tạo được thư mục `{}`", dir.display()))?;
    let mut written = Vec::new();
    for (kind, _) in KINDS {
        let schema = schema_for(kind).ok_or_else(|| anyhow::anyhow!("no schema for `{kind}`"))?;
        let mut text = serde_json::to_string_pretty(&schema)?;
        text.push('\n');
        let path = dir.join(format!("{kind}.schema.json"));
        std::fs::write(&path, text)
            .with_context(|| format!("không ghi được `{}`", path.display()))?;
        written.push(path);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptions_come_from_the_doc_comments() {
        let site = serde_json::to_value(schema_for("site").unwrap()).unwrap();
        let title = &site["properties"]["title"]["description"];
        assert!(title.as_str().unwrap().contains("Tiêu đề trang"), "{title}");
        assert!(title.as_str().unwrap().contains("Site title"), "{title}");
        assert_eq!(site["additionalProperties"], false);
        let required: Vec<&str> = site["required"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        assert_eq!(required, ["title", "organization", "base_url", "as_of"]);
    }

    #[test]
    fn score_points_take_the_short_and_the_long_form() {
        let snap = serde_json::to_value(schema_for("snapshot").unwrap()).unwrap();
        let text = snap.to_string();
        assert!(text.contains("\"self\""), "the long form's `self` field");
        assert!(schema_for("nothing").is_none());
    }
}
