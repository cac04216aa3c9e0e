//! What crawlers read: robots.txt, and the sitemap it names.

use serde::Serialize;

use super::render;
use crate::model::{Audience, Model};
use crate::routes::{self, OutputFile};
use crate::templates::Theme;

#[derive(Serialize)]
struct Robots {
    committee: bool,
    sitemap: String,
}

/// robots.txt: the committee's build is closed to every crawler.
pub fn robots(model: &Model, theme: &Theme) -> anyhow::Result<OutputFile> {
    let view = Robots {
        committee: model.site.audience == Audience::Committee,
        sitemap: format!("{}{}", model.site.base_url, routes::SITEMAP),
    };
    render(theme, routes::ROBOTS, &view)
}

#[derive(Serialize)]
struct Sitemap {
    urls: Vec<String>,
}

/// The sitemap of `page_routes` (sorted), absolute on the base URL.
pub fn sitemap(model: &Model, theme: &Theme, page_routes: &[String]) -> anyhow::Result<OutputFile> {
    let base = &model.site.base_url;
    let urls = page_routes.iter().map(|r| format!("{base}{r}")).collect();
    render(theme, routes::SITEMAP, &Sitemap { urls })
}
