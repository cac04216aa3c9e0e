//! Stage 5, render: the model and what was computed from it, through the
//! theme's templates, into pages and the files beside them. Pages are
//! planned first ([`plan`]), then rendered in parallel, each from its own
//! typed view ([`pages`]) and written as soon as it is made.

pub mod charts;
mod escape;
mod export;
mod format;
mod functions;
mod markdown;
mod pages;
mod plan;
mod routes;
pub mod single;
mod site_files;
mod theme;
mod views;
mod words;

use rayon::prelude::*;

use crate::compute::Computed;
use crate::model::{Audience, Model};
pub use escape::escape;
pub use format::{date_vi, num_vi};
pub use markdown::markdown_to_safe_html;
pub use plan::Page;
pub use routes::Routes;
pub use theme::Theme;
pub use words::Words;

/// One file of the built site: its path under the output folder and bytes.
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Where rendered files go, as soon as each is made: called from several
/// threads at once.
pub type Sink<'a> = dyn Fn(OutputFile) -> anyhow::Result<()> + Sync + 'a;

/// What a render produced.
#[derive(Debug, Default, Clone, Copy)]
pub struct RenderReport {
    pub files: usize,
    pub pages: usize,
    pub bytes: usize,
}

/// Renders every page of the site and the files beside them into `sink`.
pub fn render_site(
    model: &Model,
    computed: &Computed,
    theme: &Theme,
    sink: &Sink,
) -> anyhow::Result<RenderReport> {
    let routes = Routes::new(&model.site.base_path);
    let v = views::Views {
        model,
        computed,
        routes: &routes,
        words: theme.words(),
    };
    let planned = plan::pages(model, computed);
    let base = pages::base_context(&v);
    // Each page goes to the sink as soon as it is made: the site is never
    // held in memory whole. Each thread reuses one context.
    let written: Vec<(String, usize)> = planned
        .par_iter()
        .map_init(
            || base.clone(),
            |context, page| {
                let (route, bytes) = pages::render(&v, theme, context, page)?;
                let size = bytes.len();
                sink(OutputFile {
                    path: Routes::file(&route),
                    bytes,
                })?;
                Ok((route, size))
            },
        )
        .collect::<anyhow::Result<_>>()?;
    let mut report = RenderReport {
        files: written.len(),
        pages: written.len(),
        bytes: written.iter().map(|(_, n)| n).sum(),
    };
    let mut extra = vec![
        OutputFile {
            path: routes::STYLESHEET.into(),
            bytes: theme.stylesheet().as_bytes().to_vec(),
        },
        site_files::robots(&v, theme)?,
    ];
    if model.site.audience == Audience::Public {
        let mut page_routes: Vec<String> = written
            .into_iter()
            .map(|(route, _)| route)
            .filter(|route| route != routes::NOT_FOUND)
            .collect();
        page_routes.sort();
        extra.push(site_files::sitemap(&v, theme, &page_routes)?);
    }
    let input = export::ExportInput {
        model,
        computed,
        words: theme.words(),
    };
    let exported: Vec<Vec<OutputFile>> = export::exporters()
        .par_iter()
        .map(|e| e.export(&input))
        .collect();
    extra.extend(exported.into_iter().flatten());
    extra.push(site_files::feed(&v, theme)?);
    for file in extra {
        report.files += 1;
        report.bytes += file.bytes.len();
        sink(file)?;
    }
    Ok(report)
}
