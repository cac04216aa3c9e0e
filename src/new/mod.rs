//! `tiendo new`: a site folder to start from, in one of two examples.
//!
//! - `tinh` (the default): a province's home affairs department (Sở Nội
//!   vụ) following its departments and a few communes and wards, as local
//!   government stands since 1 July 2025 (two tiers, no districts). Its
//!   files are kept under `src/new/tinh/` and compiled in; dates in them
//!   are written as `{{date:N}}` (the site's `as_of` plus N days, ISO),
//!   `{{date_vi:N}}` (the same as dd/mm/yyyy) and `{{year}}`, so that its
//!   tasks are due soon and overdue whenever the site is made.
//! - `hon-quan`: the repository's own `content/`, the letter of Hớn Quản
//!   district (2023) in full, as of its own date: a real district's site,
//!   kept right by the tests of the example site, rather than a second
//!   made-up district to keep up to date.
//!
//! Both get the officer's `README.md` and the editor settings of
//! `src/new/common/`.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use chrono::{Datelike, Days, NaiveDate};

/// The files of every new site: its path in the site folder and its text.
const COMMON: &[(&str, &str)] = &[
    ("README.md", include_str!("common/README.md")),
    (
        ".vscode/settings.json",
        include_str!("common/.vscode/settings.json"),
    ),
];

/// The province's example, with date markers.
const PROVINCE: &[(&str, &str)] = &[
    ("content/site.yaml", include_str!("tinh/content/site.yaml")),
    (
        "content/units.yaml",
        include_str!("tinh/content/units.yaml"),
    ),
    (
        "content/frameworks/so.yaml",
        include_str!("tinh/content/frameworks/so.yaml"),
    ),
    (
        "content/frameworks/xa.yaml",
        include_str!("tinh/content/frameworks/xa.yaml"),
    ),
    (
        "content/scores/dot-tu-danh-gia.yaml",
        include_str!("tinh/content/scores/dot-tu-danh-gia.yaml"),
    ),
    (
        "content/tasks/ke-hoach-cchc.yaml",
        include_str!("tinh/content/tasks/ke-hoach-cchc.yaml"),
    ),
    (
        "content/notes/bat-dau.md",
        include_str!("tinh/content/notes/bat-dau.md"),
    ),
    (
        "content/notes/ghi-chu-ban-chi-dao.md",
        include_str!("tinh/content/notes/ghi-chu-ban-chi-dao.md"),
    ),
];

/// Hớn Quản's letter as the repository's example site holds it, as is.
const HON_QUAN: &[(&str, &str)] = &[
    ("content/site.yaml", include_str!("../../content/site.yaml")),
    (
        "content/units.yaml",
        include_str!("../../content/units.yaml"),
    ),
    (
        "content/frameworks/district.yaml",
        include_str!("../../content/frameworks/district.yaml"),
    ),
    (
        "content/frameworks/commune.yaml",
        include_str!("../../content/frameworks/commune.yaml"),
    ),
    (
        "content/assignments/qd-1297.yaml",
        include_str!("../../content/assignments/qd-1297.yaml"),
    ),
    (
        "content/scores/2023-11-01.yaml",
        include_str!("../../content/scores/2023-11-01.yaml"),
    ),
    (
        "content/tasks/cv-ra-soat-cchc-2023.yaml",
        include_str!("../../content/tasks/cv-ra-soat-cchc-2023.yaml"),
    ),
    (
        "content/notes/2023-11-01-ban-chi-dao-bao-cao-1240.md",
        include_str!("../../content/notes/2023-11-01-ban-chi-dao-bao-cao-1240.md"),
    ),
    (
        "content/notes/2023-11-14-ghi-chu-noi-bo.md",
        include_str!("../../content/notes/2023-11-14-ghi-chu-noi-bo.md"),
    ),
    (
        "content/notes/2023-11-14-thu-dien-tu-cong-vu.md",
        include_str!("../../content/notes/2023-11-14-thu-dien-tu-cong-vu.md"),
    ),
];

/// Which example a new site starts from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Example {
    /// A province's Sở Nội vụ, its departments, communes and wards.
    #[default]
    Province,
    /// Hớn Quản district's letter of November 2023.
    HonQuan,
}

impl Example {
    /// The names `tiendo new --example` takes, the default first.
    pub const NAMES: [&'static str; 2] = ["tinh", "hon-quan"];

    pub fn named(name: &str) -> Option<Example> {
        match name {
            "tinh" => Some(Example::Province),
            "hon-quan" => Some(Example::HonQuan),
            _ => None,
        }
    }

    fn content(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Example::Province => PROVINCE,
            Example::HonQuan => HON_QUAN,
        }
    }
}

/// Where the editor settings of a new site expect the JSON Schemas, one
/// `<kind>.schema.json` per kind of content file.
pub const SCHEMA_DIR: &str = ".tiendo/schemas";

/// Writes a new site into `dir` from `example`; returns the files
/// written. The province's dates are around `as_of` (default: today);
/// Hớn Quản's stay those of its letter, and only its `as_of` changes when
/// one is given. `dir` must not exist or be an empty folder: anything else
/// is refused and left as it was.
pub fn create(
    dir: &Path,
    example: Example,
    as_of: Option<NaiveDate>,
) -> anyhow::Result<Vec<PathBuf>> {
    refuse_used_folder(dir)?;
    let mut written = Vec::with_capacity(COMMON.len() + example.content().len());
    for (rel, text) in COMMON.iter().chain(example.content()) {
        let text = match example {
            Example::Province => fill(text, as_of.unwrap_or_else(today))?,
            Example::HonQuan => match as_of {
                Some(date) if *rel == "content/site.yaml" => with_as_of(text, date),
                _ => text.to_string(),
            },
        };
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("không tạo được thư mục `{}`", parent.display()))?;
        }
        std::fs::write(&path, text)
            .with_context(|| format!("không ghi được `{}`", path.display()))?;
        written.push(path);
    }
    // The schemas the editor settings name, from the loader's own
    // definitions (`tiendo schema`).
    written.extend(crate::schema::write_schemas(&dir.join(SCHEMA_DIR))?);
    Ok(written)
}

fn refuse_used_folder(dir: &Path) -> anyhow::Result<()> {
    if !dir.exists() {
        return Ok(());
    }
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
    Ok(())
}

/// `site.yaml` with its `as_of:` line set to `date`.
fn with_as_of(site: &str, date: NaiveDate) -> String {
    site.split_inclusive('\n')
        .map(|line| match line.starts_with("as_of:") {
            true => format!("as_of: {date}\n"),
            false => line.to_string(),
        })
        .collect()
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

    /// The files under `dir`, relative, sorted.
    fn files_under(dir: &Path) -> Vec<String> {
        let mut files: Vec<String> = walkdir::WalkDir::new(dir)
            .into_iter()
            .map(|e| e.unwrap())
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let rel = e.path().strip_prefix(dir).unwrap();
                rel.to_string_lossy().replace('\\', "/")
            })
            .collect();
        files.sort();
        files
    }

    fn listed(files: &[(&str, &str)], prefix: &str) -> Vec<String> {
        let mut listed: Vec<String> = files
            .iter()
            .map(|(p, _)| p.strip_prefix(prefix).unwrap().to_string())
            .collect();
        listed.sort();
        listed
    }

    #[test]
    fn every_file_of_the_example_folders_is_written() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        assert_eq!(
            files_under(&root.join("src/new/common")),
            listed(COMMON, "")
        );
        assert_eq!(
            files_under(&root.join("src/new/tinh")),
            listed(PROVINCE, "")
        );
        // Hớn Quản: every file of the repository's example content.
        assert_eq!(
            files_under(&root.join("content")),
            listed(HON_QUAN, "content/")
        );
        for (rel, text) in COMMON.iter().chain(PROVINCE) {
            fill(text, day("2024-01-01")).unwrap_or_else(|e| panic!("{rel}: {e}"));
        }
    }

    #[test]
    fn hon_quan_keeps_its_date_unless_given_one() {
        let site = HON_QUAN[0].1;
        assert!(site.contains("\nas_of: 2023-11-14\n"));
        let moved = with_as_of(site, day("2023-12-01"));
        assert!(moved.contains("\nas_of: 2023-12-01\n"), "{moved}");
        assert_eq!(moved.lines().count(), site.lines().count());
        assert_eq!(Example::named("hon-quan"), Some(Example::HonQuan));
        assert_eq!(Example::named(Example::NAMES[0]), Some(Example::default()));
    }

    #[test]
    fn the_editor_settings_name_every_schema_kind() {
        let settings = COMMON
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
        create(&site, Example::Province, Some(day("2024-01-01"))).unwrap();
        for key in schemas.keys() {
            let path = site.join(key.trim_start_matches("./"));
            let text =
                std::fs::read_to_string(&path).unwrap_or_else(|_| panic!("{key} not written"));
            serde_json::from_str::<serde_json::Value>(&text).unwrap();
        }
    }
}
