//! The whole way through: load → validate → model → compute → render → write.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::compute::Computed;
use crate::diagnostics::Diagnostics;
use crate::model::Model;
use crate::render::{self, Theme};
use crate::{load, validate, write};

pub struct BuildOptions {
    pub content: PathBuf,
    pub output: PathBuf,
    pub as_of: Option<NaiveDate>,
    pub committee: bool,
    pub theme: Option<PathBuf>,
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
    let mut timings = Timings::new();
    progress(Step::Reading);
    let (raw, mut diags) = load::load(content)?;
    progress(Step::Read(raw.files.len()));
    timings.lap("load");
    let (model, more) = validate::validate(&raw, options);
    timings.lap("validate");
    drop(raw);
    timings.lap("free the raw content");
    diags.extend(more);
    Ok(match model {
        Some(model) if !diags.has_errors() => Outcome::Done(model, diags),
        _ => Outcome::Invalid(diags),
    })
}

/// The built-in theme, or a theme folder over it; a theme with errors
/// gives its diagnostics.
pub fn load_theme(dir: Option<&Path>) -> anyhow::Result<Result<(Theme, Diagnostics), Diagnostics>> {
    Ok(match dir {
        Some(dir) => Theme::from_dir(dir),
        None => Ok((Theme::default_theme()?, Diagnostics::default())),
    })
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
    let outcome = load_model_with(content, &options, progress)?;
    let theme_diags = match load_theme(theme)? {
        Ok((_, warnings)) => warnings,
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

/// Prints how long each stage took when `TIENDO_TIMINGS` is set.
struct Timings(Option<std::time::Instant>);

impl Timings {
    fn new() -> Timings {
        Timings(std::env::var_os("TIENDO_TIMINGS").map(|_| std::time::Instant::now()))
    }

    fn lap(&mut self, stage: &str) {
        if let Some(start) = self.0 {
            eprintln!("{stage}: {:.3} s", start.elapsed().as_secs_f64());
            self.0 = Some(std::time::Instant::now());
        }
    }
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
    let mut timings = Timings::new();
    let validate_options = validate::Options {
        as_of: options.as_of,
        committee: options.committee,
    };
    let (model, diags) = match load_model_with(&options.content, &validate_options, progress)? {
        Outcome::Done(m, d) => (m, d),
        Outcome::Invalid(d) => return Ok(Outcome::Invalid(d)),
    };
    timings.lap("load and validate (total)");
    let mut diags = diags;
    let theme = match load_theme(options.theme.as_deref())? {
        Ok((theme, warnings)) => {
            diags.extend(warnings);
            theme
        }
        Err(theme_diags) => {
            let mut all = diags;
            all.extend(theme_diags);
            return Ok(Outcome::Invalid(all));
        }
    };
    progress(Step::Computing);
    let computed = Computed::new(&model);
    timings.lap("compute");
    let staging = write::Staging::new(&options.output)?;
    progress(Step::Rendering(render::single::page_count(
        &model, &computed,
    )));
    let rendered = render::render_site(&model, &computed, &theme, &|file| {
        staging.write(&file.path, &file.bytes)?;
        if file.path.ends_with(".html") {
            progress(Step::Rendered);
        }
        Ok(())
    })?;
    timings.lap("render and write");
    progress(Step::Swapping);
    staging.commit()?;
    timings.lap("swap");
    let report = BuildReport {
        files: rendered.files,
        pages: rendered.pages,
        bytes: rendered.bytes,
    };
    Ok(Outcome::Done(report, diags))
}
