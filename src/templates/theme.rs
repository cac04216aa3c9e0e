//! The theme: Tera templates, a stylesheet and a words file. The built-in
//! theme is compiled into the binary from `themes/default/`; `--theme DIR`
//! may replace any of its files, one by one: `DIR/templates/unit.html`,
//! `DIR/static/style.css`, `DIR/words/vi.yaml` (only the entries it
//! changes), `DIR/words/en.yaml`. Whatever the folder lacks comes from the
//! built-in theme; a word the English files lack comes from Vietnamese,
//! with a warning.

use std::path::Path;
use std::sync::Arc;

use tera::Tera;

use super::functions;
use crate::diagnostics::{Diagnostic, Diagnostics, Severity};
use crate::text::Words;

macro_rules! built_in {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../themes/default/templates/", $name)))),*]
    };
}

/// The templates of the built-in theme: the pages, then the files beside
/// them (robots.txt, sitemap, feed).
const BUILT_IN_TEMPLATES: &[(&str, &str)] = built_in![
    "base.html",
    "components.html",
    "score-table.html",
    "escalation.html",
    "task-item.html",
    "task-list.html",
    "unit-statuses.html",
    "task-lines.html",
    "calendar-link.html",
    "embed-code.html",
    "timeline-days.html",
    "index.html",
    "units.html",
    "unit.html",
    "criteria.html",
    "criterion.html",
    "timeline.html",
    "directive.html",
    "note.html",
    "snapshot.html",
    "data.html",
    "search.html",
    "embed.html",
    "404.html",
    "locked.html",
    "hidden.html",
    "robots.txt",
    "sitemap.xml",
    "feed.xml",
];

/// The site's icon (`static/icon.svg`), the same for every theme.
pub const ICON: &str = include_str!("../../themes/default/static/icon.svg");
const BUILT_IN_STYLESHEET: &str = include_str!("../../themes/default/static/style.css");
const BUILT_IN_SCRIPT: &str = include_str!("../../themes/default/static/search.js");
const BUILT_IN_WORDS: &str = include_str!("../../themes/default/words/vi.yaml");
const BUILT_IN_WORDS_EN: &str = include_str!("../../themes/default/words/en.yaml");

/// Where a theme's files are, relative to its folder.
const TEMPLATES_DIR: &str = "templates";
const STYLESHEET_FILE: &str = "static/style.css";
const SCRIPT_FILE: &str = "static/search.js";
const WORDS_FILE: &str = "words/vi.yaml";
const WORDS_FILE_EN: &str = "words/en.yaml";

pub struct Theme {
    tera: Tera,
    stylesheet: String,
    /// The search page's script.
    script: String,
    words: Arc<Words>,
    /// The same theme with the words of the site's other languages.
    languages: Vec<Arc<Theme>>,
}

impl Theme {
    /// The theme that ships with tiendo.
    pub fn default_theme() -> anyhow::Result<Theme> {
        let (theme, _) = Theme::from_dir_or_built_in(None).map_err(|d| {
            anyhow::anyhow!(
                "the built-in theme is broken: {}",
                d.sorted()
                    .iter()
                    .map(|d| d.to_string())
                    .collect::<Vec<_>>()
                    .join("\n")
            )
        })?;
        Ok(theme)
    }

    /// A theme folder over the built-in theme: each file the folder has
    /// replaces the built-in one. Every problem is reported at once, with
    /// the file and the line; warnings come with the theme.
    pub fn from_dir(dir: &Path) -> Result<(Theme, Diagnostics), Diagnostics> {
        Theme::from_dir_or_built_in(Some(dir))
    }

    fn from_dir_or_built_in(dir: Option<&Path>) -> Result<(Theme, Diagnostics), Diagnostics> {
        Theme::load(dir, "vi")
    }

    /// The theme of `dir` (or the built-in one) with the words of
    /// `language`: `vi`, or `en` over Vietnamese, each missing English word
    /// a warning. Other languages get the Vietnamese words.
    pub fn load(dir: Option<&Path>, language: &str) -> Result<(Theme, Diagnostics), Diagnostics> {
        let mut diags = Diagnostics::default();
        let mut sources: Vec<(String, String, String)> = BUILT_IN_TEMPLATES
            .iter()
            .map(|(name, text)| {
                let shown = format!("themes/default/templates/{name}");
                (name.to_string(), shown, text.to_string())
            })
            .collect();
        let mut stylesheet = BUILT_IN_STYLESHEET.to_string();
        let mut script = BUILT_IN_SCRIPT.to_string();
        let mut words = Words::parse(BUILT_IN_WORDS, "themes/default/words/vi.yaml")
            .map_err(|e| one_error("themes/default/words/vi.yaml", format!("{e:#}")))?;
        if let Some(dir) = dir {
            if !dir.is_dir() {
                return Err(one_error(
                    &dir.display().to_string(),
                    "không có thư mục giao diện này".into(),
                ));
            }
            read_theme_templates(dir, &mut sources, &mut diags);
            if let Some(text) = read_optional(&dir.join(STYLESHEET_FILE), &mut diags) {
                stylesheet = text;
            }
            if let Some(text) = read_optional(&dir.join(SCRIPT_FILE), &mut diags) {
                script = text;
            }
            let words_path = dir.join(WORDS_FILE);
            if let Some(text) = read_optional(&words_path, &mut diags) {
                let shown = words_path.display().to_string();
                match Words::parse(&text, &shown) {
                    Ok(own) => {
                        for key in words.unknown_keys(&own) {
                            diags.push(Diagnostic::file(
                                Severity::Warning,
                                &shown,
                                format!("không trang nào dùng từ `{key}`"),
                                Some(
                                    "kiểm tra chính tả của khoá theo themes/default/words/vi.yaml"
                                        .into(),
                                ),
                            ));
                        }
                        words = words.overridden_by(&own);
                    }
                    Err(e) => diags.push(Diagnostic::file(
                        Severity::Error,
                        &shown,
                        format!("{e:#}"),
                        None,
                    )),
                }
            }
        }
        if language == "en" {
            words = english_words(dir, &words, &mut diags)?;
        }
        let words = Arc::new(words);
        let tera = compile(&sources, &words, &mut diags);
        match tera {
            Some(tera) if !diags.has_errors() => {
                Ok((Theme::with(tera, stylesheet, script, words), diags))
            }
            _ => Err(diags),
        }
    }

    fn with(mut tera: Tera, stylesheet: String, script: String, words: Arc<Words>) -> Theme {
        prepare(&mut tera, &words);
        Theme {
            tera,
            stylesheet,
            script,
            words,
            languages: Vec::new(),
        }
    }

    /// This theme, knowing `other`, the same theme with the words of
    /// another language (loaded by [`Theme::load`]).
    pub fn with_language(mut self, other: Theme) -> Theme {
        self.languages.push(Arc::new(other));
        self
    }

    /// The theme with the words of `language`: this one, or one given to
    /// [`Theme::with_language`]; this one when none speaks it.
    pub fn in_language(&self, language: &str) -> &Theme {
        if self.words.language() == language {
            return self;
        }
        self.languages
            .iter()
            .find(|t| t.words.language() == language)
            .map_or(self, |t| t)
    }

    /// The same theme with other words (a test replaces every word by a
    /// marker).
    pub fn with_words(self, words: Words) -> Theme {
        Theme::with(self.tera, self.stylesheet, self.script, Arc::new(words))
    }

    pub fn render(&self, template: &str, context: &tera::Context) -> tera::TeraResult<String> {
        self.tera.render(template, context)
    }

    /// Renders `template` into `out`, which is appended to: pages are
    /// written as bytes, so they need not be checked as UTF-8 again.
    pub fn render_to(
        &self,
        template: &str,
        context: &tera::Context,
        out: &mut Vec<u8>,
    ) -> tera::TeraResult<()> {
        self.tera.render_to(template, context, out)
    }

    pub fn stylesheet(&self) -> &str {
        &self.stylesheet
    }

    pub fn script(&self) -> &str {
        &self.script
    }

    pub fn words(&self) -> &Words {
        &self.words
    }
}

/// The built-in English words and the theme's `words/en.yaml` over them,
/// over `vi` for what both lack; each word taken from `vi` is a warning.
fn english_words(
    dir: Option<&Path>,
    vi: &Words,
    diags: &mut Diagnostics,
) -> Result<Words, Diagnostics> {
    const BUILT_IN_NAME: &str = "themes/default/words/en.yaml";
    let mut en = Words::parse(BUILT_IN_WORDS_EN, BUILT_IN_NAME)
        .map_err(|e| one_error(BUILT_IN_NAME, format!("{e:#}")))?;
    let mut shown = BUILT_IN_NAME.to_string();
    if let Some(dir) = dir {
        let path = dir.join(WORDS_FILE_EN);
        if let Some(text) = read_optional(&path, diags) {
            shown = path.display().to_string();
            match Words::parse(&text, &shown) {
                Ok(own) => {
                    for key in vi.unknown_keys(&own) {
                        diags.push(Diagnostic::file(
                            Severity::Warning,
                            &shown,
                            format!("không trang nào dùng từ `{key}`"),
                            Some(format!("kiểm tra chính tả của khoá theo {BUILT_IN_NAME}")),
                        ));
                    }
                    en = en.overridden_by(&own);
                }
                Err(e) => diags.push(Diagnostic::file(
                    Severity::Error,
                    &shown,
                    format!("{e:#}"),
                    None,
                )),
            }
        }
    }
    let (words, missing) = en.in_language("en").over_fallback(vi);
    for key in missing {
        diags.push(Diagnostic::file(
            Severity::Warning,
            &shown,
            format!("chưa có từ `{key}` bằng tiếng Anh; trang tiếng Anh sẽ hiện chữ tiếng Việt"),
            Some(format!("thêm khoá `{key}` vào words/en.yaml của giao diện")),
        ));
    }
    Ok(words)
}

fn one_error(file: &str, message: String) -> Diagnostics {
    let mut diags = Diagnostics::default();
    diags.push(Diagnostic::file(Severity::Error, file, message, None));
    diags
}

/// Reads `DIR/templates/**`: a file of the built-in theme's name replaces
/// it; other files are added (partials the theme's own templates use).
fn read_theme_templates(
    dir: &Path,
    sources: &mut Vec<(String, String, String)>,
    diags: &mut Diagnostics,
) {
    let root = dir.join(TEMPLATES_DIR);
    if !root.is_dir() {
        return;
    }
    let mut files: Vec<_> = walkdir::WalkDir::new(&root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .collect();
    files.sort_by(|a, b| a.path().cmp(b.path()));
    for entry in files {
        let Ok(rel) = entry.path().strip_prefix(&root) else {
            continue;
        };
        let name = rel.to_string_lossy().replace('\\', "/");
        let Some(text) = read_optional(entry.path(), diags) else {
            continue;
        };
        let shown = entry.path().display().to_string();
        match sources.iter_mut().find(|(n, _, _)| *n == name) {
            Some(slot) => *slot = (name, shown, text),
            None => sources.push((name, shown, text)),
        }
    }
}

fn read_optional(path: &Path, diags: &mut Diagnostics) -> Option<String> {
    if !path.exists() {
        return None;
    }
    match std::fs::read_to_string(path) {
        Ok(text) => Some(text),
        Err(e) => {
            diags.push(Diagnostic::file(
                Severity::Error,
                &path.display().to_string(),
                format!("không đọc được tệp giao diện: {e}"),
                Some("lưu tệp dạng văn bản UTF-8".into()),
            ));
            None
        }
    }
}

/// What every instance of the theme's Tera has, before its templates:
/// autoescape of HTML and XML with the renderer's one escape, the filters
/// and functions, and the words as `w` on every page.
fn prepare(tera: &mut Tera, words: &Arc<Words>) {
    tera.autoescape_on(vec![".html", ".xml"]);
    tera.set_escape_fn(crate::text::escape::escape_into);
    functions::register(tera, words);
    tera.global_context().insert("w", words.tree());
}

/// Checks the templates as written, so that an error has the line and
/// column of the file (every syntax error of every template, then what
/// they name that does not exist), then compiles them all minified.
fn compile(
    sources: &[(String, String, String)],
    words: &Arc<Words>,
    diags: &mut Diagnostics,
) -> Option<Tera> {
    let mut syntax_errors = false;
    for (name, shown, text) in sources {
        if let Err(e) = Tera::default().add_raw_template(name, text)
            && let tera::ErrorKind::SyntaxError(report) = e.kind()
        {
            syntax_errors = true;
            diags.push(template_error(shown, text, report));
        }
    }
    if syntax_errors {
        return None;
    }
    let mut as_written = Tera::default();
    prepare(&mut as_written, words);
    if let Err(e) = as_written.add_raw_templates(sources.iter().map(|(n, _, t)| (n, t))) {
        for d in reference_errors(sources, &e) {
            diags.push(d);
        }
        return None;
    }
    let mut tera = Tera::default();
    prepare(&mut tera, words);
    let minified = sources
        .iter()
        .map(|(name, _, text)| (name.as_str(), minify_template(name, text)));
    match tera.add_raw_templates(minified) {
        Ok(()) => Some(tera),
        Err(e) => {
            diags.push(Diagnostic::file(
                Severity::Error,
                "templates",
                error_chain(&e),
                None,
            ));
            None
        }
    }
}

fn error_chain(e: &tera::Error) -> String {
    let mut text = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}

/// A template syntax error at its line and column.
fn template_error(shown: &str, text: &str, report: &tera::ReportError) -> Diagnostic {
    let span = report.span();
    Diagnostic {
        severity: Severity::Error,
        file: shown.to_string(),
        line: span.start_line,
        column: span.start_col + 1,
        message: format!("mẫu trang viết sai cú pháp: {}", report.message()),
        hint: Some(
            "kiểm tra các thẻ {% %} và {{ }} ở dòng này: thẻ nào mở cũng phải được đóng".into(),
        ),
        source_line: None,
    }
    .with_source(text)
}

/// What the templates name that does not exist (a template, a parent, a
/// filter, a function, a component): each at its file, line and column
/// when Tera gives them (`--> name:line:column`).
fn reference_errors(sources: &[(String, String, String)], e: &tera::Error) -> Vec<Diagnostic> {
    let hint = "mọi mẫu trang được nêu trong `extends` hoặc `include`, mọi bộ lọc và hàm phải có trong giao diện";
    let text = error_chain(e);
    let mut found = Vec::new();
    for report in text.split("\n\nerror: ") {
        let message = report
            .trim_start_matches("error: ")
            .lines()
            .next()
            .unwrap_or_default()
            .to_string();
        let place = report.split_once("--> ").and_then(|(_, rest)| {
            let rest = rest.lines().next()?;
            let mut parts = rest.rsplitn(3, ':');
            let column: usize = parts.next()?.trim().parse().ok()?;
            let line: usize = parts.next()?.trim().parse().ok()?;
            let name = parts.next()?;
            let (_, shown, source) = sources.iter().find(|(n, _, _)| n == name)?;
            Some((shown, source, line, column))
        });
        match place {
            Some((shown, source, line, column)) => found.push(
                Diagnostic {
                    severity: Severity::Error,
                    file: shown.clone(),
                    line,
                    column,
                    message: format!("mẫu trang nêu thứ không có: {message}"),
                    hint: Some(hint.into()),
                    source_line: None,
                }
                .with_source(source),
            ),
            None => found.push(Diagnostic::file(
                Severity::Error,
                "templates",
                text.clone(),
                Some(hint.into()),
            )),
        }
    }
    if found.iter().any(|d| d.file == "templates") {
        found.retain(|d| d.file == "templates");
        found.truncate(1);
    }
    found
}

/// Minifies an HTML template once, when the theme is loaded, keeping its
/// Tera tags as they are: the pages rendered from it come out minified, and
/// no page has to be minified on its own. Other templates stay as written.
fn minify_template(name: &str, text: &str) -> String {
    if !name.ends_with(".html") {
        return text.to_string();
    }
    let mut cfg = minify_html::Cfg::new();
    cfg.keep_closing_tags = true;
    cfg.keep_html_and_head_opening_tags = true;
    cfg.preserve_brace_template_syntax = true;
    String::from_utf8(minify_html::minify(text.as_bytes(), &cfg))
        .unwrap_or_else(|_| text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vi() -> Words {
        Words::parse(BUILT_IN_WORDS, "vi.yaml").unwrap()
    }

    #[test]
    fn the_english_words_are_a_twin_of_the_vietnamese() {
        let en = Words::parse(BUILT_IN_WORDS_EN, "en.yaml").unwrap();
        let (_, missing) = en.over_fallback(&vi());
        assert!(missing.is_empty(), "missing in en.yaml: {missing:?}");
        let unknown = vi().unknown_keys(&en);
        assert!(unknown.is_empty(), "not in vi.yaml: {unknown:?}");
    }

    #[test]
    fn a_word_english_lacks_is_vietnamese_with_a_warning() {
        let vi = vi().with_entries([("home.new_word".to_string(), "Từ mới")]);
        let mut diags = Diagnostics::default();
        let en = english_words(None, &vi, &mut diags).unwrap();
        assert_eq!(en.get("home.new_word"), "Từ mới");
        assert_eq!(en.get("nav.home"), "Overview");
        let warnings: Vec<String> = diags.sorted().iter().map(|d| d.to_string()).collect();
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].contains("`home.new_word`"), "{warnings:?}");
        assert!(warnings[0].contains("en.yaml"), "{warnings:?}");
    }

    #[test]
    fn an_english_theme_names_its_plurals() {
        let (theme, diags) = Theme::load(None, "en").unwrap();
        assert!(diags.sorted().is_empty());
        let w = theme.words();
        assert_eq!(
            w.fill("home.tasks_heading", &[("count", "1")]),
            "Progress of 1 task"
        );
        assert_eq!(
            w.fill("home.tasks_heading", &[("count", "50")]),
            "Progress of 50 tasks"
        );
    }
}
