//! The data of each page: one module per page kind, each with the typed
//! view its template receives. Lookups go through the computed
//! [`Index`](crate::compute::Index); long lists are grouped or split so that
//! no page grows with the size of the whole country.

mod calendar;
mod criteria;
mod criterion;
mod data;
mod directive;
mod embed;
mod home;
mod note;
mod open_graph;
mod snapshot;
mod timeline;
mod unit;
mod units;

use anyhow::Context as _;
use chrono::NaiveDate;
use serde::Serialize;

use super::plan::{self, Page};
use super::views::Views;
use crate::routes::{self, Routes};
use crate::templates::Theme;
use crate::text::format::serialize_iso;
pub use open_graph::{card, previewed};

/// What every template sees as `site`: the same on every page.
#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    organization: &'a str,
    description: Option<&'a str>,
    lang: &'a str,
    #[serde(serialize_with = "serialize_iso")]
    as_of: NaiveDate,
    committee: bool,
    /// The committee's build sealed with a passphrase: no feed to link.
    sealed: bool,
    /// Whether the site has tasks at all: without them, pages leave out
    /// their task sections rather than show them empty.
    tasks: bool,
    home: String,
    stylesheet: String,
    icon: String,
    feed: String,
    data: String,
    xlsx: String,
    search: String,
}

/// What every template sees as `page`.
#[derive(Serialize)]
struct PageView<'a> {
    title: &'a str,
    /// A snapshot's page: what stood then, with no "as of" line.
    frozen: bool,
    canonical: String,
    /// One sentence for link previews (og:description).
    description: String,
    /// The preview picture, absolute (og:image), on the home and unit pages.
    image: Option<String>,
    /// The page in each language of the site, when it has more than one.
    languages: Vec<LanguageLink>,
}

/// The page in one language of the site: the switcher's link and the
/// `hreflang` alternate.
#[derive(Serialize)]
struct LanguageLink {
    lang: String,
    /// The language's name in itself (`English`).
    name: String,
    /// Relative, for the switcher.
    href: String,
    /// Absolute, for `<link rel="alternate" hreflang>`.
    url: String,
    /// The language of this page.
    current: bool,
}

/// One link of the main navigation.
#[derive(Serialize)]
struct NavItem<'a> {
    href: String,
    label: &'a str,
    current: bool,
}

/// `site`, with the links of the page whose routes `v` holds.
fn site_view<'a>(v: &Views<'a>) -> SiteView<'a> {
    let site = &v.model.site;
    let r = v.routes;
    SiteView {
        title: &site.title,
        organization: &site.organization,
        description: site.description.as_deref(),
        lang: &site.language,
        as_of: site.as_of,
        committee: site.audience == crate::model::Audience::Committee,
        sealed: site.sealed,
        tasks: !v.model.tasks.is_empty(),
        home: r.home(),
        stylesheet: r.href(routes::STYLESHEET),
        icon: r.href(routes::ICON),
        feed: r.own_file(routes::FEED),
        data: r.href(routes::DATA_DIR),
        xlsx: r.href(routes::DATA_XLSX),
        search: r.href(routes::SEARCH),
    }
}

/// A page's template, title and data.
pub struct Rendered {
    template: &'static str,
    title: String,
    data: tera::Context,
}

/// A page of `template`, with its typed `view`: each of its fields a
/// variable of the template.
fn rendered<T: Serialize>(
    template: &'static str,
    title: String,
    view: T,
) -> anyhow::Result<Rendered> {
    Ok(Rendered {
        template,
        title,
        data: tera::Context::from_serialize(&view).context("building a page's data")?,
    })
}

fn page_data(v: &Views, page: &Page) -> anyhow::Result<Rendered> {
    match *page {
        Page::Home => home::page(v),
        Page::Units => units::page(v),
        Page::Unit(u) => unit::page(v, u),
        Page::Criteria => criteria::page(v),
        Page::Criterion(c) => criterion::page(v, c),
        Page::Timeline => timeline::page(v),
        Page::TimelineMonth(y, m) => timeline::month_page(v, y, m, None),
        Page::TimelineMonthGroup(y, m, g) => timeline::month_page(v, y, m, Some(g)),
        Page::Directive(d, p) => directive::page(v, d, p),
        Page::Note(n) => note::page(v, n),
        Page::Snapshot(s) => snapshot::page(v, s, None),
        Page::SnapshotGroup(s, g) => snapshot::page(v, s, Some(g)),
        Page::Data => data::page(v),
        Page::Search => search_page(v),
        Page::Embed => embed::page(v, None),
        Page::UnitEmbed(u) => embed::page(v, Some(u)),
        Page::NotFound => rendered(
            "404.html",
            v.words.get("title.not_found").to_string(),
            std::collections::BTreeMap::<String, String>::new(),
        ),
    }
}

/// Renders one page; its links start from where it is written.
pub fn render(shared: &Views, theme: &Theme, page: &Page) -> anyhow::Result<(String, Vec<u8>)> {
    let site = &shared.model.site;
    let folder = routes::language_folder(&site.languages, &site.language);
    let same_route = plan::route(shared.model, page);
    let route = format!("{folder}{same_route}");
    let offline = shared.routes.offline();
    let routes = if *page == Page::NotFound && !offline {
        Routes::absolute(&site.base_path, offline)
    } else {
        Routes::from_page(&route, offline).in_language(&folder)
    };
    let links = shared.shared.links(shared.model, &routes);
    let v = &Views {
        routes: &routes,
        links: &links,
        ..*shared
    };
    let started = super::timings::enabled().then(std::time::Instant::now);
    let Rendered {
        template,
        title,
        data: mut context,
    } = page_data(v, page)?;
    let canonical = if route == routes::NOT_FOUND {
        v.model.site.base_url.clone()
    } else {
        format!("{}{route}", v.model.site.base_url)
    };
    let share = open_graph::share(v, page, &title);
    let page_view = PageView {
        title: &title,
        frozen: plan::is_frozen(page),
        canonical,
        description: share.description,
        image: share.image,
        languages: language_links(v, page, &same_route),
    };
    context.insert("page", &page_view);
    context.insert("site", &site_view(v));
    context.insert("nav", &nav(v, &same_route));
    let mut html = Vec::with_capacity(PAGE_CAPACITY);
    let data_made = started.map(|s| (s, std::time::Instant::now()));
    theme
        .render_to(template, &context, &mut html)
        .with_context(|| format!("rendering {route} with template {template}"))?;
    if let Some((started, data_made)) = data_made {
        super::timings::record(
            template,
            data_made - started,
            data_made.elapsed(),
            html.len(),
        );
    }
    Ok((route, html))
}

/// What a page's buffer starts with: most pages are a few kilobytes, unit
/// pages tens of them; growing from here copies little.
const PAGE_CAPACITY: usize = 16 * 1024;

/// The page at `route` in every language of the site; none on a site of
/// one language, or on the 404 page, which is at no address of its own.
fn language_links(v: &Views, page: &Page, route: &str) -> Vec<LanguageLink> {
    let site = &v.model.site;
    if site.languages.len() < 2 || *page == Page::NotFound {
        return Vec::new();
    }
    site.languages
        .iter()
        .map(|lang| {
            let folder = routes::language_folder(&site.languages, lang);
            LanguageLink {
                lang: lang.clone(),
                name: v.words.get(&format!("language.{lang}")).to_string(),
                href: v.routes.twin(&folder, route),
                url: format!("{}{folder}{route}", site.base_url),
                current: *lang == site.language,
            }
        })
        .collect()
}

/// The search page: the search field, and the lists to browse without
/// JavaScript. `index` and `root` tell the script where the index files and
/// the site's root are.
#[derive(Serialize)]
struct SearchPage {
    script: String,
    index: String,
    root: String,
    units: String,
    criteria: String,
    results: usize,
}

fn search_page(v: &Views) -> anyhow::Result<Rendered> {
    let r = v.routes;
    let view = SearchPage {
        script: r.href(routes::SEARCH_SCRIPT),
        index: r.folder(routes::SEARCH_INDEX),
        root: r.root(),
        units: r.href(routes::UNITS),
        criteria: r.href(routes::CRITERIA),
        results: crate::limits::LIMITS.search_results,
    };
    rendered("search.html", v.words.get("title.search").to_string(), view)
}

fn nav<'a>(v: &'a Views, route: &str) -> Vec<NavItem<'a>> {
    [
        (routes::HOME, "nav.home"),
        (routes::UNITS, "nav.units"),
        (routes::CRITERIA, "nav.criteria"),
        (routes::TIMELINE, "nav.timeline"),
    ]
    .into_iter()
    .filter(|(to, _)| *to != routes::TIMELINE || !v.model.tasks.is_empty())
    .map(|(to, word)| NavItem {
        href: v.routes.href(to),
        label: v.words.get(word),
        current: route == to,
    })
    .collect()
}
