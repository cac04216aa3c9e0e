//! The site as the preview holds it: the raw content of every file in
//! memory, read again file by file as files change, and the model,
//! computed lookups and page map made from it after a change (updated
//! instead after a change of notes alone: see [`super::notes`]). Nothing
//! is rendered here: pages are rendered when they are asked for.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use crate::compute::Computed;
use crate::diagnostics::{Diagnostic, Diagnostics, Severity};
use crate::load::{self, Content};
use crate::model::Model;
use crate::render::single::PageMap;
use crate::site;
use crate::templates::Theme;
use crate::validate;

/// A valid site, ready to render any of its pages.
pub struct Ready {
    pub model: Model,
    pub computed: Computed,
    pub theme: Arc<Theme>,
    pub pages: PageMap,
    /// The open data files by path, made on the first request for one.
    pub data: OnceLock<BTreeMap<String, Vec<u8>>>,
}

/// What the preview shows: the site, or why it cannot be shown.
pub enum Site {
    Ready(Box<Ready>),
    /// The problems, as `tiendo check` prints them, and their count line.
    Broken {
        problems: Vec<String>,
        summary: String,
        /// When only notes broke the site: the site as it was before, for
        /// the next save of notes to update (never shown).
        kept: Option<Box<Ready>>,
    },
}

impl Site {
    /// The site in memory: the one shown, or the one kept behind errors.
    pub fn held(&self) -> Option<&Ready> {
        match self {
            Site::Ready(ready)
            | Site::Broken {
                kept: Some(ready), ..
            } => Some(ready),
            Site::Broken { kept: None, .. } => None,
        }
    }

    /// Takes the site in memory out, leaving an empty error page.
    pub fn take_held(&mut self) -> Option<Box<Ready>> {
        let empty = Site::Broken {
            problems: Vec::new(),
            summary: String::new(),
            kept: None,
        };
        match std::mem::replace(self, empty) {
            Site::Ready(ready)
            | Site::Broken {
                kept: Some(ready), ..
            } => Some(ready),
            Site::Broken { kept: None, .. } => None,
        }
    }
}

/// What one rebuild found, for the terminal.
pub struct Outcome {
    pub site: Site,
    /// Every problem (errors and warnings), sorted as `check` sorts them.
    pub diagnostics: Vec<Diagnostic>,
}

pub struct Live {
    pub(super) root: PathBuf,
    theme_dir: Option<PathBuf>,
    pub(super) options: validate::Options,
    pub(super) content: Content,
    /// The problems found while reading, by file: replaced when a file is
    /// read again.
    pub(super) load_problems: BTreeMap<String, Vec<Diagnostic>>,
    pub(super) theme: Result<(Arc<Theme>, Vec<Diagnostic>), Vec<Diagnostic>>,
    /// The problems validation found in the content of the last site made
    /// without error, by file (see [`Site::held`]).
    pub(super) checked: BTreeMap<String, Vec<Diagnostic>>,
    /// The note files read again, added or removed since the site in
    /// memory was made: what a change of notes alone updates it with.
    pub(super) notes_changed: BTreeSet<String>,
    /// Whether anything else changed since then: make the site again.
    pub(super) others_changed: bool,
}

/// What a set of changed paths asks for. Files are named relative to the
/// content folder.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Changes {
    /// Files of the content to read again.
    pub files: Vec<String>,
    /// New files of the content.
    pub added: Vec<String>,
    /// Files of the content that are gone.
    pub removed: Vec<String>,
    /// A folder came or went: read the whole folder again.
    pub reload: bool,
    pub theme: bool,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
            && self.added.is_empty()
            && self.removed.is_empty()
            && !self.reload
            && !self.theme
    }
}

/// Whether `rel` is a note file of the content (`notes/…/x.md`).
pub fn is_note(rel: &str) -> bool {
    rel.starts_with("notes/") && load::is_content_file(Path::new(rel))
}

impl Live {
    /// Reads the content folder and the theme. Fails only when the content
    /// folder cannot be read at all.
    pub fn open(
        content: &Path,
        theme: Option<&Path>,
        options: validate::Options,
    ) -> anyhow::Result<Live> {
        let root = content.canonicalize().map_err(|_| {
            anyhow::anyhow!(
                "không tìm thấy thư mục nội dung `{}`: hãy chỉ đúng thư mục bằng --content",
                content.display()
            )
        })?;
        let theme_dir = match theme {
            Some(dir) => Some(dir.canonicalize().map_err(|_| {
                anyhow::anyhow!("không tìm thấy thư mục giao diện `{}`", dir.display())
            })?),
            None => None,
        };
        let (content, diags) = load::load(&root)?;
        let mut live = Live {
            root,
            theme_dir,
            options,
            content,
            load_problems: BTreeMap::new(),
            theme: Err(Vec::new()),
            checked: BTreeMap::new(),
            notes_changed: BTreeSet::new(),
            others_changed: true,
        };
        live.set_load_problems(diags);
        live.load_theme()?;
        Ok(live)
    }

    /// The content folder, as it is named in problems with the folder itself.
    pub fn root_name(&self) -> String {
        self.root.display().to_string()
    }

    /// The folders to watch: the content folder, and the theme folder.
    pub fn watched(&self) -> Vec<PathBuf> {
        let mut dirs = vec![self.root.clone()];
        dirs.extend(self.theme_dir.clone());
        dirs
    }

    fn set_load_problems(&mut self, diags: Diagnostics) {
        self.load_problems.clear();
        for d in diags.sorted() {
            self.load_problems
                .entry(d.file.clone())
                .or_default()
                .push(d);
        }
    }

    fn load_theme(&mut self) -> anyhow::Result<()> {
        // The theme's words are those of the site's languages.
        let raw = self.content.site.as_ref().map(|(_, raw)| raw);
        let languages = match raw {
            Some(raw) if raw.languages.as_ref().is_some_and(|l| !l.is_empty()) => {
                raw.languages.clone().unwrap_or_default()
            }
            _ => vec![
                raw.and_then(|r| r.language.clone())
                    .unwrap_or_else(|| "vi".into()),
            ],
        };
        self.theme = match site::load_themes(self.theme_dir.as_deref(), &languages)? {
            Ok((theme, warnings)) => Ok((Arc::new(theme), warnings.sorted())),
            Err(problems) => Err(problems.sorted()),
        };
        Ok(())
    }

    /// Sorts changed paths (absolute, as the watcher gives them) into what
    /// they ask for. Paths that are no content (an editor's swap file) ask
    /// for nothing.
    pub fn changes(&self, paths: &[PathBuf]) -> Changes {
        let mut changes = Changes::default();
        let mut seen = HashSet::new();
        for path in paths {
            if !seen.insert(path) {
                continue;
            }
            if let Some(dir) = &self.theme_dir
                && path.starts_with(dir)
            {
                changes.theme = true;
                continue;
            }
            let Ok(rel) = path.strip_prefix(&self.root) else {
                continue;
            };
            let rel_text = rel.to_string_lossy().replace('\\', "/");
            let known = self.content.files.iter().any(|f| f.rel == rel_text);
            if load::is_content_file(rel) {
                match (known, path.is_file(), path.exists()) {
                    (true, true, _) => changes.files.push(rel_text),
                    (true, false, false) => changes.removed.push(rel_text),
                    (false, true, _) => changes.added.push(rel_text),
                    (true, false, true) => changes.reload = true,
                    (false, false, _) => {}
                }
            } else if path.is_dir() || rel_text.is_empty() {
                // A folder came (it may hold content) or the root changed.
                changes.reload = true;
            } else if !path.exists() {
                let prefix = format!("{rel_text}/");
                if self
                    .content
                    .files
                    .iter()
                    .any(|f| f.rel.starts_with(&prefix))
                {
                    changes.reload = true;
                }
            }
        }
        changes
    }

    /// Reads again what changed, and notes what the site in memory must
    /// be updated with.
    pub fn apply(&mut self, changes: &Changes) -> anyhow::Result<()> {
        if changes.theme {
            self.others_changed = true;
            self.load_theme()?;
        }
        if changes.reload {
            return self.reload();
        }
        for rel in &changes.removed {
            self.content.remove(rel);
            self.load_problems.remove(rel);
            self.changed(rel);
        }
        for rel in &changes.added {
            match self.content.insert(&self.root, rel) {
                Some(problem) => self.read_again(rel, problem),
                // Not a plain file, or gone since the change was seen.
                None => return self.reload(),
            }
        }
        for rel in &changes.files {
            match self.content.reread(&self.root, rel) {
                Some(problem) => self.read_again(rel, problem),
                // Gone since the change was seen: read everything.
                None => return self.reload(),
            }
        }
        Ok(())
    }

    fn reload(&mut self) -> anyhow::Result<()> {
        self.others_changed = true;
        let (content, diags) = load::load(&self.root)?;
        self.content = content;
        self.set_load_problems(diags);
        Ok(())
    }

    /// `rel` was read again, with this problem (or none).
    fn read_again(&mut self, rel: &str, problem: Option<Diagnostic>) {
        self.load_problems.remove(rel);
        if let Some(d) = problem {
            self.load_problems.insert(rel.to_string(), vec![d]);
        }
        self.changed(rel);
    }

    fn changed(&mut self, rel: &str) {
        if is_note(rel) {
            self.notes_changed.insert(rel.to_string());
        } else {
            self.others_changed = true;
        }
    }

    /// Every problem: those found while reading, `validated` and those of
    /// the theme, sorted as `check` sorts them.
    pub(super) fn all_problems(&self, validated: Vec<Diagnostic>) -> Vec<Diagnostic> {
        let mut all = Diagnostics::default();
        for d in self.load_problems.values().flatten() {
            all.push(d.clone());
        }
        for d in validated {
            all.push(d);
        }
        let theme = match &self.theme {
            Ok((_, warnings)) => warnings,
            Err(problems) => problems,
        };
        for d in theme {
            all.push(d.clone());
        }
        all.sorted()
    }

    /// Validates the content in memory and makes the site from it, with
    /// links from `/`, whatever the path of `base_url`.
    pub fn build(&mut self) -> Outcome {
        let (model, mut validate_diags) = validate::validate(&self.content, &self.options);
        if let Ok((theme, _)) = &self.theme {
            let kinds = validate::unnamed_kinds(&self.content);
            validate_diags.extend(site::unnamed_kinds(kinds, theme));
        }
        let validated = validate_diags.sorted();
        let diagnostics = self.all_problems(validated.clone());
        let has_errors = diagnostics.iter().any(|d| d.severity == Severity::Error);
        let site = match (model, &self.theme) {
            (Some(mut model), Ok((theme, _))) if !has_errors => {
                model.site.base_path = "/".into();
                let computed = Computed::new(&model);
                let pages = PageMap::new(&model, &computed);
                self.checked.clear();
                for d in validated {
                    self.checked.entry(d.file.clone()).or_default().push(d);
                }
                self.notes_changed.clear();
                self.others_changed = false;
                Site::Ready(Box::new(Ready {
                    model,
                    computed,
                    theme: Arc::clone(theme),
                    pages,
                    data: OnceLock::new(),
                }))
            }
            _ => broken(&diagnostics, None),
        };
        Outcome { site, diagnostics }
    }
}

/// The error page's content: the problems as `check` prints them.
pub fn broken(diagnostics: &[Diagnostic], kept: Option<Box<Ready>>) -> Site {
    let errors = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let warnings = diagnostics.len() - errors;
    Site::Broken {
        problems: diagnostics.iter().map(|d| d.to_string()).collect(),
        summary: format!("{errors} lỗi, {warnings} cảnh báo."),
        kept,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example(dir: &Path) {
        let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/minimal");
        for entry in walkdir::WalkDir::new(&from) {
            let entry = entry.unwrap();
            let target = dir.join(entry.path().strip_prefix(&from).unwrap());
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&target).unwrap();
            } else {
                std::fs::copy(entry.path(), &target).unwrap();
            }
        }
    }

    fn ready(outcome: &Outcome) -> &Ready {
        match &outcome.site {
            Site::Ready(r) => r,
            Site::Broken { problems, .. } => panic!("broken: {problems:?}"),
        }
    }

    #[test]
    fn an_edit_is_read_again_alone_and_a_new_file_is_added_alone() {
        let tmp = tempfile::tempdir().unwrap();
        example(tmp.path());
        let mut live = Live::open(tmp.path(), None, validate::Options::default()).unwrap();
        let first = live.build();
        assert_eq!(ready(&first).model.site.base_path, "/");
        let root = live.root.clone();

        let site_yaml = root.join("site.yaml");
        let good = std::fs::read_to_string(&site_yaml).unwrap();
        std::fs::write(&site_yaml, format!("{good}\nbroken: [\n")).unwrap();
        let changes = live.changes(&[site_yaml.clone(), root.join(".site.yaml.swp")]);
        assert_eq!(changes.files, vec!["site.yaml".to_string()]);
        assert!(!changes.reload && !changes.theme);
        live.apply(&changes).unwrap();
        let outcome = live.build();
        let Site::Broken { problems, .. } = &outcome.site else {
            panic!("a broken site.yaml gives a broken site");
        };
        assert!(
            problems.iter().any(|p| p.contains("site.yaml:")),
            "{problems:?}"
        );

        std::fs::write(&site_yaml, &good).unwrap();
        live.apply(&live.changes(std::slice::from_ref(&site_yaml)))
            .unwrap();
        let again = live.build();
        assert_eq!(
            ready(&again).pages.len(),
            ready(&first).pages.len(),
            "the fixed site is the first one"
        );
        assert!(again.diagnostics.is_empty());

        let notes = root.join("notes");
        std::fs::create_dir_all(&notes).unwrap();
        let note = notes.join("moi.md");
        std::fs::write(&note, "---\ntitle: Mới\ndate: 2023-11-01\n---\nNội dung.\n").unwrap();
        let changes = live.changes(&[note]);
        assert_eq!(changes.added, vec!["notes/moi.md".to_string()]);
        assert!(!changes.reload);
        live.apply(&changes).unwrap();
        let with_note = live.build();
        assert!(ready(&with_note).pages.get("ghi-chu/moi/").is_some());
    }
}
