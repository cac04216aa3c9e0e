//! The files beside the pages that crawlers and feed readers read:
//! robots.txt, the sitemap and the Atom feed. Each is a template of the
//! theme (`robots.txt`, `sitemap.xml`, `feed.xml`) that a theme may replace.

mod feed;
mod sitemap;

use anyhow::Context as _;
use serde::Serialize;

use crate::routes::OutputFile;
use crate::templates::Theme;
pub use feed::feed;
pub use sitemap::{robots, sitemap};

/// `template` of the theme, rendered with `view` into the file of its name.
fn render<T: Serialize>(theme: &Theme, template: &str, view: &T) -> anyhow::Result<OutputFile> {
    let context = tera::Context::from_serialize(view).context("building a file's data")?;
    let text = theme
        .render(template, &context)
        .with_context(|| format!("rendering {template}"))?;
    Ok(OutputFile {
        path: template.to_string(),
        bytes: text.into_bytes(),
    })
}
