//! The files beside the pages that crawlers and feed readers read:
//! robots.txt, the sitemap and the Atom feed. Each is a template of the
//! theme (`robots.txt`, `sitemap.xml`, `feed.xml`) that a theme may replace.

use anyhow::Context as _;
use serde::Serialize;

use crate::limits::LIMITS;
use crate::model::{Audience, Model};
use crate::routes::{self, OutputFile};
use crate::templates::Theme;
use crate::text::{Words, escape, format};

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

#[derive(Serialize)]
struct Feed<'a> {
    feed: FeedHead<'a>,
    entries: Vec<FeedEntry>,
}

#[derive(Serialize)]
struct FeedHead<'a> {
    title: &'a str,
    home: &'a str,
    url: String,
    updated: String,
    timezone: &'a str,
    author: &'a str,
}

#[derive(Serialize)]
struct FeedEntry {
    title: String,
    url: String,
    date: String,
    summary: Option<String>,
    /// Entries of one date are ordered by their title, then address.
    #[serde(skip)]
    order: String,
}

/// The Atom feed of the notes and the score reports, newest first.
/// `words` are the site's, in its language.
pub fn feed(m: &Model, words: &Words, theme: &Theme) -> anyhow::Result<OutputFile> {
    // The feed of a second language is in its folder, its entries too.
    let folder = routes::language_folder(&m.site.languages, &m.site.language);
    let base = &format!("{}{folder}", m.site.base_url);
    let mut entries: Vec<(chrono::NaiveDate, FeedEntry)> = Vec::new();
    let readable = |a: Audience| a == Audience::Public || m.site.audience == Audience::Committee;
    for n in m.notes.iter().filter(|n| readable(n.audience)) {
        let summary = n.summary.clone().filter(|s| !s.trim().is_empty());
        entries.push((
            n.date,
            entry(
                n.title.clone(),
                format!("{base}{}", routes::note_route(&n.id)),
                n.date,
                summary,
            ),
        ));
    }
    for s in &m.snapshots {
        let title = words.fill(
            "feed.snapshot",
            &[
                ("date", &format::date(words, s.date)),
                ("stage", words.stage(s.stage)),
            ],
        );
        let mut summary = words.fill(
            "feed.snapshot_summary",
            &[("count", &s.units.len().to_string())],
        );
        if let Some(source) = &s.source {
            summary.push_str(&words.fill("feed.snapshot_source", &[("source", source)]));
        }
        let url = format!("{base}{}", routes::snapshot_route(s.date));
        entries.push((s.date, entry(title, url, s.date, Some(summary))));
    }
    entries.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.order.cmp(&b.1.order)));
    entries.truncate(LIMITS.feed_entries);
    let feed = Feed {
        feed: FeedHead {
            title: &m.site.title,
            home: base,
            url: format!("{base}{}", routes::FEED),
            updated: entries
                .first()
                .map(|e| e.0)
                .unwrap_or(m.site.as_of)
                .to_string(),
            timezone: &m.site.timezone,
            author: &m.site.organization,
        },
        entries: entries.into_iter().map(|(_, e)| e).collect(),
    };
    render(theme, routes::FEED, &feed)
}

fn entry(
    title: String,
    url: String,
    date: chrono::NaiveDate,
    summary: Option<String>,
) -> FeedEntry {
    FeedEntry {
        order: format!("{}</title><link href=\"{}\"", escape(&title), escape(&url)),
        title,
        url,
        date: date.to_string(),
        summary,
    }
}

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
