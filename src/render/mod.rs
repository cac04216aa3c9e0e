//! Stage 5, render: the model and what was computed from it, through the
//! theme's templates, into pages and the files beside them. Pages are
//! planned first ([`plan`]), then rendered in parallel, each from its own
//! typed view ([`pages`]) and written as soon as it is made.

mod beside;
mod lines;
mod pages;
mod plan;
pub mod single;
pub mod timings;
mod views;

use rayon::prelude::*;

use crate::compute::Computed;
use crate::diagnostics::Diagnostics;
use crate::model::{Audience, Model};
use crate::routes::{self, OutputFile, Routes};
use crate::templates::Theme;
use crate::{search, site_files};
use beside::{open_data, previews, theme_files};
pub use plan::Page;
use views::in_language;

/// Where rendered files go, as soon as each is made: called from several
/// threads at once.
pub type Sink<'a> = dyn Fn(OutputFile) -> anyhow::Result<()> + Sync + 'a;

/// What a render produced.
#[derive(Debug, Default)]
pub struct RenderReport {
    pub files: usize,
    pub pages: usize,
    pub bytes: usize,
    /// What the officer should know: an open data file that could not be
    /// made.
    pub warnings: Diagnostics,
    /// With `TIENDO_TIMINGS` set, how long each kind of page took.
    pub timings: Option<Vec<timings::PageKind>>,
}

/// How the site is made, beyond its content and theme.
#[derive(Debug, Clone, Copy)]
pub struct RenderOptions {
    /// A copy to open from the file system: links name `index.html`.
    pub offline: bool,
    /// The share preview images (PNG) of the home and unit pages.
    pub previews: bool,
}

impl Default for RenderOptions {
    fn default() -> RenderOptions {
        RenderOptions {
            offline: false,
            previews: true,
        }
    }
}

/// Renders every page of the site and the files beside them into `sink`:
/// the pages of each language of the site (the first at the root, each
/// other under its folder), and once the files they share.
pub fn render_site(
    model: &Model,
    computed: &Computed,
    theme: &Theme,
    options: RenderOptions,
    sink: &Sink,
) -> anyhow::Result<RenderReport> {
    // What every language shares is made in the first one (the root's).
    let first = in_language(model, &model.site.language);
    let parts = views::RootParts::new(&first, theme.words(), options.offline);
    let v = parts.views(&first, computed);
    // The open data files (the workbook alone is seconds of one core at
    // L) and the share pictures are made beside the pages, not after
    // them: one thread takes them while the others render, and no core
    // waits at the end.
    let (languages, beside) = rayon::join(
        || -> anyhow::Result<(RenderReport, Vec<String>, Vec<OutputFile>)> {
            let mut report = RenderReport::default();
            let mut page_routes: Vec<String> = Vec::new();
            let mut extra = theme_files(theme);
            for language in &model.site.languages {
                let m = in_language(model, language);
                let theme = theme.in_language(language);
                let first = model.site.languages.first() == Some(language);
                let (written, files) = render_language(&m, computed, theme, options, sink, first)?;
                report.files += written.len();
                report.pages += written.len();
                report.bytes += written.iter().map(|(_, n)| n).sum::<usize>();
                // A frameable summary is for a portal's frame, not a search engine.
                let folder = routes::language_folder(&model.site.languages, language);
                page_routes.extend(
                    written.into_iter().map(|(route, _)| route).filter(|r| {
                        !routes::is_embed(r.strip_prefix(folder.as_str()).unwrap_or(r))
                    }),
                );
                extra.extend(files);
            }
            Ok((report, page_routes, extra))
        },
        || beside_pages(&v, options, sink),
    );
    let (mut report, mut page_routes, mut extra) = languages?;
    let (files, bytes, warnings) = beside?;
    report.files += files;
    report.bytes += bytes;
    report.warnings = warnings;
    extra.push(site_files::robots(v.model, theme)?);
    if model.site.audience == Audience::Public {
        page_routes.retain(|route| route != routes::NOT_FOUND);
        page_routes.sort();
        extra.push(site_files::sitemap(v.model, theme, &page_routes)?);
    }
    for file in extra {
        report.files += 1;
        report.bytes += file.bytes.len();
        sink(file)?;
    }
    report.timings = timings::enabled().then(timings::take);
    Ok(report)
}

/// What needs no page rendered first and is made once for every
/// language: the open data files and the share pictures, written as each
/// is made; how many files, how many bytes, and the warning of each open
/// data file not made.
fn beside_pages(
    v: &views::Views,
    options: RenderOptions,
    sink: &Sink,
) -> anyhow::Result<(usize, usize, Diagnostics)> {
    let (mut counts, warnings) = open_data(v.model, v.computed, v.words, sink)?;
    if options.previews {
        let (n, bytes) = previews(v, sink)?;
        counts = (counts.0 + n, counts.1 + bytes);
    }
    Ok((counts.0, counts.1, warnings))
}

/// A page written: its route and its size.
type Written = (String, usize);

/// The pages of one language (written to `sink` as each is made: their
/// routes and sizes) and the files of its own: search index and feed.
fn render_language(
    model: &Model,
    computed: &Computed,
    theme: &Theme,
    options: RenderOptions,
    sink: &Sink,
    first: bool,
) -> anyhow::Result<(Vec<Written>, Vec<OutputFile>)> {
    // Each page links from where it is written; these are the site root's.
    let parts = views::RootParts::new(model, theme.words(), options.offline);
    let v = parts.views(model, computed);
    let mut planned = plan::pages(model, computed);
    if !first {
        // One 404 page serves every address.
        planned.retain(|page| *page != Page::NotFound);
    }
    if options.offline {
        // A portal frames a site online: a copy on a USB stick has no
        // address to frame.
        planned.retain(|page| !page.is_embed());
    }
    let folder = routes::language_folder(&model.site.languages, &model.site.language);
    // The search index and the feed need no page: made beside them.
    let (written, files) = rayon::join(
        || -> anyhow::Result<Vec<Written>> {
            // Each page goes to the sink as soon as it is made: the site
            // is never held in memory whole.
            planned
                .par_iter()
                // A page a job: pages differ a hundredfold in cost (a note
                // against a busy month), and a core that runs out of work
                // takes single pages from the other, instead of waiting
                // while it works through a long run alone.
                .with_max_len(1)
                .map(|page| {
                    let (route, bytes) = pages::render(&v, theme, page)?;
                    let size = bytes.len();
                    sink(OutputFile {
                        path: Routes::file(&route),
                        bytes,
                    })?;
                    Ok((route, size))
                })
                .collect()
        },
        || -> anyhow::Result<Vec<OutputFile>> {
            let mut files = search::files(v.model, v.computed, options.offline)?;
            files.push(site_files::feed(v.model, v.words, theme)?);
            for file in &mut files {
                file.path = format!("{folder}{}", file.path);
            }
            Ok(files)
        },
    );
    let (written, files) = (written?, files?);
    Ok((written, files))
}
