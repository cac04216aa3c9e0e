//! `tiendo new`: a site folder to start from. The files are kept as files
//! under `src/new/site/` and compiled in; dates in them are written as
//! `{{date:N}}` (the site's `as_of` plus N days, ISO), `{{date_vi:N}}` (the
//! same as dd/mm/yyyy) and `{{year}}`, so that the example's tasks are due
//! soon and overdue whenever the site is made.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use chrono::{Datelike, Days, NaiveDate};

/// Every file of a new site: its path in the site folder and its text.
const FILES: &[(&str, &str)] = &[
    ("README.md", include_str!("site/README.md")),
    (
        ".vscode/settings.json",
        include_str!("site/.vscode/settings.json"),
    ),
    ("content/site.yaml", include_str!("site/content/site.yaml")),
    (
        "content/units.yaml",
        include_str!("site/content/units.yaml"),
    ),
    (
        "content/frameworks/xa.yaml",
        include_str!("site/content/frameworks/xa.yaml"),
    ),
    (
        "content/scores/dot-tu-danh-gia.yaml",
        include_str!("site/content/scores/dot-tu-danh-gia.yaml"),
    ),
    (
        "content/tasks/ke-hoach-cchc.yaml",
        include_str!("site/content/tasks/ke-hoach-cchc.yaml"),
    ),
    (
        "content/notes/bat-dau.md",
        include_str!("site/content/notes/bat-dau.md"),
    ),
    (
        "content/notes/ghi-chu-ban-chi-dao.md",
        include_str!("site/content/notes/ghi-chu-ban-chi-dao.md"),
    ),
];

/// Where the editor settings of a new site expect the JSON Schemas, one
/// `<kind>.schema.json` per kind of content file.
pub const SCHEMA_DIR: &str = ".tiendo/schemas";

/// Writes a new site into `dir` with `as_of` as its date; returns the files
/// written. `dir` must not exist or be an empty folder: anything else is
/// refused and left as it was.
pub fn create(dir: &Path, as_of: NaiveDate) -> anyhow::Result<Vec<PathBuf>> {
    if dir.exists() {
        if !dir.is_dir() {
            bail!(
                "`{}` đã có và không phải thư mục: hãy chọn tên thư mục khác",
                dir.display()
            );
        }
        let mut entries = std::fs::read_dir(dir)
            .with_context(|| format!("không đọc được thư mục `{}`", dir.display()))?;
        if entries.next().is_some() {
            bail!(
                "thư mục `{}` đã có và không trống: tiendo không ghi đè; hãy chọn một thư mục mới hoặc thư mục trống",
                dir.display()
            );
        }
    }
    let mut written = Vec::with_capacity(FILES.len());
    for (rel, text) in FILES {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("không tạo được thư mục `{}`", parent.display()))?;
        }
        std::fs::write(&path, fill(text, as_of)?)
            .with_context(|| format!("không ghi được `{}`", path.display()))?;
        written.push(path);
    }
    // The schemas the editor settings name, from the loader's own
    // definitions (`tiendo schema`).
    written.extend(crate::schema::write_schemas(&dir.join(SCHEMA_DIR))?);
    Ok(written)
}

/// Today in Vietnam (UTC+07:00), from the system clock.
pub fn today() -> NaiveDate {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    chrono::DateTime::from_timestamp(secs + 7 * 3600, 0)
        .map(|t| t.date_naive())
        .unwrap_or_default()
}

/// Replaces the `{{…}}` markers of a template file.
fn fill(text: &str, as_of: NaiveDate) -> anyhow::Result<String> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let end = after
            .find("}}")
            .context("a template marker `{{` is not closed")?;
        out.push_str(&marker(&after[..end], as_of)?);
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    Ok(out)
}

fn marker(name: &str, as_of: NaiveDate) -> anyhow::Result<String> {
    if name == "year" {
        return Ok(as_of.year().to_string());
    }
    let (kind, offset) = name
        .split_once(':')
        .with_context(|| format!("unknown template marker `{name}`"))?;
    let offset: i64 = offset
        .parse()
        .with_context(|| format!("template marker `{name}`: the offset is not a number"))?;
    let days = Days::new(offset.unsigned_abs());
    let date = if offset < 0 {
        as_of.checked_sub_days(days)
    } else {
        as_of.checked_add_days(days)
    }
    .with_context(|| format!("template marker `{name}`: date out of range"))?;
    match kind {
        "date" => Ok(date.to_string()),
        "date_vi" => Ok(date.format("%d/%m/%Y").to_string()),
        _ => bail!("unknown template marker `{name}`"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn markers_are_dates_around_as_of() {
        let filled = fill(
            "as_of: {{date:0}}\ndue: {{date:-5}} ({{date_vi:3}}), {{year}}\n",
            day("2024-03-02"),
        )
        .unwrap();
        assert_eq!(
            filled,
            "as_of: 2024-03-02\ndue: 2024-02-26 (05/03/2024), 2024\n"
        );
        assert!(fill("{{date:x}}", day("2024-03-02")).is_err());
        assert!(fill("{{when}}", day("2024-03-02")).is_err());
        assert!(fill("{{date:1", day("2024-03-02")).is_err());
    }

    #[test]
    fn every_file_of_the_template_folder_is_written() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/new/site");
        let mut on_disk: Vec<String> = walkdir::WalkDir::new(&root)
            .into_iter()
            .map(|e| e.unwrap())
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let rel = e.path().strip_prefix(&root).unwrap();
                rel.to_string_lossy().replace('\\', "/")
            })
            .collect();
        on_disk.sort();
        let mut listed: Vec<String> = FILES.iter().map(|(p, _)| p.to_string()).collect();
        listed.sort();
        assert_eq!(on_disk, listed);
        for (rel, text) in FILES {
            fill(text, day("2024-01-01")).unwrap_or_else(|e| panic!("{rel}: {e}"));
        }
    }

    #[test]
    fn the_editor_settings_name_every_schema_kind() {
        let settings = FILES
            .iter()
            .find(|(p, _)| *p == ".vscode/settings.json")
            .unwrap()
            .1;
        let json: serde_json::Value = serde_json::from_str(settings).unwrap();
        let schemas = json["yaml.schemas"].as_object().unwrap();
        for kind in [
            "site",
            "units",
            "framework",
            "assignments",
            "snapshot",
            "tasks",
            "note",
        ] {
            let key = format!("./{SCHEMA_DIR}/{kind}.schema.json");
            assert!(schemas.contains_key(&key), "{key} missing");
        }
        // …and `create` writes exactly those files.
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        create(&site, day("2024-01-01")).unwrap();
        for key in schemas.keys() {
            let path = site.join(key.trim_start_matches("./"));
            let text =
                std::fs::read_to_string(&path).unwrap_or_else(|_| panic!("{key} not written"));
            serde_json::from_str::<serde_json::Value>(&text).unwrap();
        }
    }
}
