//! The whole way through: load → validate → model → compute → render → write.

use std::fmt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::NaiveDate;

use crate::compute::Computed;
use crate::diagnostics::Diagnostics;
use crate::model::Model;
use crate::render;
use crate::templates::Theme;
use crate::validate::UnnamedKind;
use crate::{committee, load, validate, write};

pub struct BuildOptions {
    pub content: PathBuf,
    pub output: PathBuf,
    pub as_of: Option<NaiveDate>,
    pub committee: bool,
    pub theme: Option<PathBuf>,
    /// A copy that works opened from the file system (`--offline`).
    pub offline: bool,
    /// The committee build's secret folder name instead of the kept one.
    pub secret_path: Option<String>,
    /// With a committee build: seal every page and data file with it.
    pub passphrase: Option<String>,
}

/// What a build or check found.
pub enum Outcome<T> {
    /// The content is valid; warnings may remain.
    Done(T, Diagnostics),
    /// The content has errors; nothing was written.
    Invalid(Diagnostics),
}

pub struct BuildReport {
    pub files: usize,
    pub pages: usize,
    pub bytes: usize,
    /// The committee's build: the link to share, under its secret folder.
    pub link: Option<String>,
    /// With `TIENDO_TIMINGS` set, how long the build took, stage by stage.
    pub timings: Option<Timings>,
}

/// How long each stage of a build took and, for each kind of page, making
/// its data and rendering its template: for finding where a large build's
/// time goes (`TIENDO_TIMINGS`). Written as lines of text by `Display`.
#[derive(Debug, Default)]
pub struct Timings {
    /// Each stage, in order, with how long it took.
    pub stages: Vec<(&'static str, Duration)>,
    /// Each kind of page, by template.
    pub pages: Vec<render::timings::PageKind>,
}

impl fmt::Display for Timings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (stage, took) in &self.stages {
            writeln!(f, "{stage}: {:.3} s", took.as_secs_f64())?;
        }
        if self.pages.is_empty() {
            return Ok(());
        }
        writeln!(
            f,
            "  {:<16} {:>7} {:>9} {:>9} {:>9}",
            "template", "pages", "data s", "render s", "MB"
        )?;
        for t in &self.pages {
            writeln!(
                f,
                "  {:<16} {:>7} {:>9.3} {:>9.3} {:>9.1}",
                t.template,
                t.pages,
                t.data.as_secs_f64(),
                t.render.as_secs_f64(),
                t.bytes as f64 / 1e6
            )?;
        }
        Ok(())
    }
}

/// How far a build or check has come, for a progress display. Rust says
/// which step; the command line says it in words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Reading,
    /// The files were read: how many.
    Read(usize),
    Computing,
    /// Rendering this many pages.
    Rendering(usize),
    /// One more page written.
    Rendered,
    /// Putting the new site in place of the old one.
    Swapping,
}

/// Told every [`Step`]; called from several threads while rendering.
pub type Progress<'a> = &'a (dyn Fn(Step) + Sync);

/// A progress that shows nothing.
pub fn no_progress(_: Step) {}

/// Loads and validates a content folder.
pub fn load_model(content: &Path, options: &validate::Options) -> anyhow::Result<Outcome<Model>> {
    load_model_with(content, options, &no_progress)
}

/// [`load_model`], telling `progress` how far it has come.
pub fn load_model_with(
    content: &Path,
    options: &validate::Options,
    progress: Progress,
) -> anyhow::Result<Outcome<Model>> {
    Ok(load_model_timed(content, options, progress, &mut Laps::new())?.0)
}

/// [`load_model_with`], timing its stages into `timings`, with the kinds of
/// unit site.yaml does not name, to warn of once the theme is known
/// ([`unnamed_kinds`]).
fn load_model_timed(
    content: &Path,
    options: &validate::Options,
    progress: Progress,
    timings: &mut Laps,
) -> anyhow::Result<(Outcome<Model>, Vec<UnnamedKind>)> {
    progress(Step::Reading);
    let (raw, mut diags) = load::load(content)?;
    progress(Step::Read(raw.files.len()));
    timings.lap("load");
    // The kinds' warnings name their line in units.yaml, found by reading
    // it again (a tenth of a second at national scale): beside the
    // validation, whose checks of tasks and notes leave a core free.
    let ((model, more), kinds) = rayon::join(
        || validate::validate(&raw, options),
        || validate::unnamed_kinds(&raw),
    );
    timings.lap("validate");
    // Millions of small allocations at national scale (a tenth of a
    // second): freed on another thread while the build goes on. Should no
    // thread start, the closure (and the content) is dropped right here.
    let _ = std::thread::Builder::new().spawn(move || drop(raw));
    diags.extend(more);
    let outcome = match model {
        Some(model) if !diags.has_errors() => Outcome::Done(model, diags),
        _ => Outcome::Invalid(diags),
    };
    Ok((outcome, kinds))
}

/// The warnings of the kinds of unit that neither site.yaml nor the
/// theme's words name: their headings would show the kind as written.
pub fn unnamed_kinds(kinds: Vec<UnnamedKind>, theme: &Theme) -> Diagnostics {
    let mut diags = Diagnostics::default();
    for kind in kinds {
        let key = format!("kind.{}", kind.kind);
        if !theme.words().entries().any(|(k, _)| k == key) {
            diags.push(kind.warning);
        }
    }
    diags
}

/// The built-in theme, or a theme folder over it, with the words of
/// `language`; a theme with errors gives its diagnostics.
pub fn load_theme(
    dir: Option<&Path>,
    language: &str,
) -> anyhow::Result<Result<(Theme, Diagnostics), Diagnostics>> {
    Ok(match dir {
        Some(dir) => Theme::load(Some(dir), language),
        None if language == "vi" => Ok((Theme::default_theme()?, Diagnostics::default())),
        None => Theme::load(None, language),
    })
}

/// [`load_theme`] for every language of a site, the first one's theme
/// knowing the others ([`Theme::in_language`]).
pub fn load_themes(
    dir: Option<&Path>,
    languages: &[String],
) -> anyhow::Result<Result<(Theme, Diagnostics), Diagnostics>> {
    let first = languages.first().map_or("vi", String::as_str);
    let (mut theme, mut diags) = match load_theme(dir, first)? {
        Ok(loaded) => loaded,
        Err(d) => return Ok(Err(d)),
    };
    for language in languages.iter().skip(1) {
        match load_theme(dir, language)? {
            Ok((other, more)) => {
                diags.extend_unseen(more);
                theme = theme.with_language(other);
            }
            Err(more) => {
                diags.extend_unseen(more);
                return Ok(Err(diags));
            }
        }
    }
    Ok(Ok((theme, diags)))
}

/// Checks a content folder, and a theme folder when given, writing nothing.
pub fn check(
    content: &Path,
    as_of: Option<NaiveDate>,
    theme: Option<&Path>,
) -> anyhow::Result<Outcome<()>> {
    check_with(content, as_of, theme, &no_progress)
}

/// [`check`], telling `progress` how far it has come.
pub fn check_with(
    content: &Path,
    as_of: Option<NaiveDate>,
    theme: Option<&Path>,
    progress: Progress,
) -> anyhow::Result<Outcome<()>> {
    let options = validate::Options {
        as_of,
        committee: true,
    };
    let (outcome, kinds) = load_model_timed(content, &options, progress, &mut Laps::new())?;
    let languages = match &outcome {
        Outcome::Done(model, _) => model.site.languages.clone(),
        Outcome::Invalid(_) => vec!["vi".into()],
    };
    let theme_diags = match load_themes(theme, &languages)? {
        Ok((theme, mut warnings)) => {
            warnings.extend(unnamed_kinds(kinds, &theme));
            warnings
        }
        Err(d) => d,
    };
    Ok(match outcome {
        Outcome::Done(_, mut d) if !theme_diags.has_errors() => {
            d.extend(theme_diags);
            Outcome::Done((), d)
        }
        Outcome::Done(_, mut d) | Outcome::Invalid(mut d) => {
            d.extend(theme_diags);
            Outcome::Invalid(d)
        }
    })
}

/// How long each stage took, kept when `TIENDO_TIMINGS` is set.
struct Laps {
    /// When the stage now running began; none when not timing.
    started: Option<Instant>,
    stages: Vec<(&'static str, Duration)>,
}

impl Laps {
    fn new() -> Laps {
        Laps {
            started: render::timings::enabled().then(Instant::now),
            stages: Vec::new(),
        }
    }

    /// The stage that began at the last lap ended now.
    fn lap(&mut self, stage: &'static str) {
        if let Some(start) = self.started {
            self.stages.push((stage, start.elapsed()));
            self.started = Some(Instant::now());
        }
    }

    /// What was measured, with `pages`, the kinds of page; none when not
    /// timing.
    fn finish(self, pages: Option<Vec<render::timings::PageKind>>) -> Option<Timings> {
        self.started.map(|_| Timings {
            stages: self.stages,
            pages: pages.unwrap_or_default(),
        })
    }
}

/// The committee build: its secret folder, which every URL of the site
/// goes under, and with a passphrase the sealer and the hidden addresses of
/// the committee's notes. The keys are derived here, once per build (PBKDF2
/// is slow on purpose).
fn protect(
    options: &BuildOptions,
    model: &mut Model,
) -> anyhow::Result<(Option<String>, Option<committee::Sealer>)> {
    if !options.committee {
        return Ok((None, None));
    }
    let secret = committee::secret_folder(
        &options.content,
        &options.output,
        options.secret_path.as_deref(),
    )?;
    model.site.base_url = format!("{}{secret}/", model.site.base_url);
    model.site.base_path = format!("{}{secret}/", model.site.base_path);
    let sealer = match options.passphrase.as_deref() {
        Some(passphrase) => Some(committee::seal(model, passphrase, &secret)?),
        None => None,
    };
    Ok((Some(secret), sealer))
}

pub fn build(options: &BuildOptions) -> anyhow::Result<Outcome<BuildReport>> {
    build_with(options, &no_progress)
}

/// [`build`], telling `progress` how far it has come.
pub fn build_with(
    options: &BuildOptions,
    progress: Progress,
) -> anyhow::Result<Outcome<BuildReport>> {
    write::check_output_folder(&options.output, &options.content)?;
    let mut laps = Laps::new();
    let validate_options = validate::Options {
        as_of: options.as_of,
        committee: options.committee,
    };
    let (outcome, kinds) =
        load_model_timed(&options.content, &validate_options, progress, &mut laps)?;
    let (model, mut diags) = match outcome {
        Outcome::Done(m, d) => (m, d),
        Outcome::Invalid(d) => return Ok(Outcome::Invalid(d)),
    };
    let theme = match load_themes(options.theme.as_deref(), &model.site.languages)? {
        Ok((theme, warnings)) => {
            diags.extend(warnings);
            diags.extend(unnamed_kinds(kinds, &theme));
            theme
        }
        Err(theme_diags) => {
            diags.extend(theme_diags);
            return Ok(Outcome::Invalid(diags));
        }
    };
    let (report, warnings) = render_and_write(options, model, &theme, progress, laps)?;
    diags.extend(warnings);
    Ok(Outcome::Done(report, diags))
}

/// Computes, renders and writes a valid site into a staging folder, then
/// puts it in place of the output folder: the report, and the warnings of
/// the render.
fn render_and_write(
    options: &BuildOptions,
    mut model: Model,
    theme: &Theme,
    progress: Progress,
    mut laps: Laps,
) -> anyhow::Result<(BuildReport, Diagnostics)> {
    let (secret, sealer) = protect(options, &mut model)?;
    laps.lap("committee key");
    progress(Step::Computing);
    let computed = Computed::new(&model);
    laps.lap("compute");
    let staging = write::Staging::new(&options.output)?;
    progress(Step::Rendering(render::single::page_count(
        &model,
        &computed,
        options.offline,
    )));
    let lang = &model.site.language;
    let render_options = render::RenderOptions {
        offline: options.offline,
        previews: sealer.is_none(),
    };
    let place = committee::locked::Place {
        base_path: &model.site.base_path,
        offline: options.offline,
    };
    let mut rendered = render::render_site(&model, &computed, theme, render_options, &|file| {
        let file = match &sealer {
            Some(sealer) => committee::locked::seal(theme, lang, sealer, &place, file)?,
            None => file,
        };
        let is_page = file.path.ends_with(".html");
        match &secret {
            Some(secret) => {
                staging.write(&committee::locked::place(secret, file.path), &file.bytes)?
            }
            None => staging.write(&file.path, &file.bytes)?,
        }
        if is_page {
            progress(Step::Rendered);
        }
        Ok(())
    })?;
    if secret.is_some() {
        let root = committee::locked::root_page(theme, lang)?;
        rendered.files += 1;
        rendered.bytes += root.bytes.len();
        staging.write(&root.path, &root.bytes)?;
    }
    laps.lap("render and write");
    progress(Step::Swapping);
    staging.commit()?;
    laps.lap("swap");
    let report = BuildReport {
        files: rendered.files,
        pages: rendered.pages,
        bytes: rendered.bytes,
        link: secret.map(|_| model.site.base_url.clone()),
        timings: laps.finish(rendered.timings),
    };
    Ok((report, rendered.warnings))
}
