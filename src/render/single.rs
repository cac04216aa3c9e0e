//! One page or file of the site at a time, made the way [`render_site`]
//! makes it: for a preview that renders only what it is asked for.
//!
//! [`render_site`]: super::render_site

use std::collections::HashMap;

use super::beside::{open_data, theme_files};
use super::plan::{self, Page};
use super::{pages, views};
use crate::compute::Computed;
use crate::diagnostics::Diagnostics;
use crate::graphics::preview;
use crate::model::{Audience, Model};
use crate::routes;
use crate::routes::OutputFile;
use crate::templates::Theme;
use crate::{search, site_files};

/// Every page of a site by its route (`don-vi/tan-loi/`), planned but not
/// rendered.
pub struct PageMap {
    /// The pages of the first language, at the root.
    by_route: HashMap<String, Page>,
    /// The folder (`en/`) and the language of each other one: the same
    /// pages but the 404 page.
    others: Vec<(String, String)>,
    /// The routes of the sitemap: every page of every language but the 404
    /// page and the frameable summaries, sorted.
    sitemap: Vec<String>,
}

impl PageMap {
    pub fn new(model: &Model, computed: &Computed) -> PageMap {
        let by_route: HashMap<String, Page> = plan::pages(model, computed)
            .into_iter()
            .map(|page| (plan::route(model, &page), page))
            .collect();
        let languages = &model.site.languages;
        let others: Vec<(String, String)> = languages
            .iter()
            .skip(1)
            .map(|l| (routes::language_folder(languages, l), l.clone()))
            .collect();
        let mut sitemap: Vec<String> = Vec::new();
        for folder in std::iter::once("").chain(others.iter().map(|(f, _)| f.as_str())) {
            sitemap.extend(
                by_route
                    .keys()
                    .filter(|r| *r != routes::NOT_FOUND && !routes::is_embed(r))
                    .map(|r| format!("{folder}{r}")),
            );
        }
        sitemap.sort();
        PageMap {
            by_route,
            others,
            sitemap,
        }
    }

    /// The page at `route` of the first language, if the site has one.
    pub fn get(&self, route: &str) -> Option<Page> {
        self.by_route.get(route).copied()
    }

    /// The page at `route` in any language of the site, and its language
    /// (`None` for the first).
    pub fn find(&self, route: &str) -> Option<(Page, Option<&str>)> {
        if let Some(page) = self.get(route) {
            return Some((page, None));
        }
        self.others.iter().find_map(|(folder, language)| {
            let page = self.get(route.strip_prefix(folder.as_str())?)?;
            (page != Page::NotFound).then_some((page, Some(language.as_str())))
        })
    }

    pub fn len(&self) -> usize {
        self.by_route.len()
    }

    /// Every route of the site, in no order.
    pub fn routes(&self) -> impl Iterator<Item = &str> {
        self.by_route.keys().map(String::as_str)
    }

    pub fn is_empty(&self) -> bool {
        self.by_route.is_empty()
    }
}

/// How many pages the site has: those of each language, and one 404 page.
/// An `offline` copy has no frameable summaries.
pub fn page_count(model: &Model, computed: &Computed, offline: bool) -> usize {
    let languages = model.site.languages.len().max(1);
    let pages = plan::pages(model, computed)
        .iter()
        .filter(|page| !(offline && page.is_embed()))
        .count();
    pages * languages - (languages - 1)
}

/// Renders one page, as [`render_site`](super::render_site) would.
pub fn render_page(
    model: &Model,
    computed: &Computed,
    theme: &Theme,
    page: &Page,
) -> anyhow::Result<Vec<u8>> {
    render_page_in(model, computed, theme, page, None)
}

/// [`render_page`] in `language`, one of the site's (the first when `None`),
/// under its folder.
pub fn render_page_in(
    model: &Model,
    computed: &Computed,
    theme: &Theme,
    page: &Page,
    language: Option<&str>,
) -> anyhow::Result<Vec<u8>> {
    let model = &*views::in_language(model, language.unwrap_or(&model.site.language));
    let theme = theme.in_language(&model.site.language);
    let parts = views::RootParts::new(model, theme.words(), false);
    let v = parts.views(model, computed);
    Ok(pages::render(&v, theme, page)?.1)
}

/// Whether `path` (relative, `du-lieu/don-vi.csv`) is one of the open data
/// files (the calendars too) or of the search index, which are made all
/// together by [`data_files`].
pub fn is_data_file(path: &str) -> bool {
    let in_folder = path.split_once('/').map_or("", |(_, rest)| rest);
    path.starts_with(routes::DATA_DIR)
        || routes::is_calendar(path)
        || path.starts_with(routes::SEARCH_INDEX)
        || in_folder.starts_with(routes::SEARCH_INDEX)
}

/// A file beside the pages other than open data and the search index: the
/// stylesheet, the icon, the search script, robots.txt, the sitemap (public
/// sites only), the feed, and a share preview picture (drawn when asked for).
pub fn site_file(
    model: &Model,
    computed: &Computed,
    theme: &Theme,
    pages: &PageMap,
    path: &str,
) -> anyhow::Result<Option<OutputFile>> {
    let first = &*views::in_language(model, &model.site.language);
    let parts = views::RootParts::new(first, theme.words(), false);
    let v = parts.views(first, computed);
    if let Some(file) = theme_files(theme).into_iter().find(|f| f.path == path) {
        return Ok(Some(file));
    }
    // The feed of another language, in its folder.
    for (folder, language) in &pages.others {
        if path.strip_prefix(folder.as_str()) == Some(routes::FEED) {
            let model = &*views::in_language(model, language);
            let theme = theme.in_language(language);
            let parts = views::RootParts::new(model, theme.words(), false);
            let v = parts.views(model, computed);
            let mut feed = site_files::feed(v.model, v.words, theme)?;
            feed.path = path.to_string();
            return Ok(Some(feed));
        }
    }
    Ok(Some(match path {
        routes::ROBOTS => site_files::robots(v.model, theme)?,
        routes::SITEMAP if model.site.audience == Audience::Public => {
            site_files::sitemap(v.model, theme, &pages.sitemap)?
        }
        routes::FEED => site_files::feed(v.model, v.words, theme)?,
        _ => {
            let card = pages::previewed(&v)
                .iter()
                .filter_map(|page| pages::card(&v, page))
                .find(|(card_path, _)| card_path == path);
            match card {
                Some((path, card)) => OutputFile {
                    bytes: preview::Painter::new().png(&card)?,
                    path,
                },
                None => return Ok(None),
            }
        }
    }))
}

/// Every open data file (CSV, JSON, the workbook) and the search index,
/// with a warning for each open data file that could not be made.
pub fn data_files(
    model: &Model,
    computed: &Computed,
    theme: &Theme,
) -> anyhow::Result<(Vec<OutputFile>, Diagnostics)> {
    let first = &*views::in_language(model, &model.site.language);
    let parts = views::RootParts::new(first, theme.words(), false);
    let v = parts.views(first, computed);
    let made = std::sync::Mutex::new(Vec::new());
    let (_, warnings) = open_data(first, computed, &parts.words, &|file| {
        made.lock().unwrap_or_else(|e| e.into_inner()).push(file);
        Ok(())
    })?;
    let mut files = made.into_inner().unwrap_or_else(|e| e.into_inner());
    // The exporters run in parallel: their files in one order every time.
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files.extend(search::files(v.model, v.computed, false)?);
    // The search index of each other language, in its folder.
    for language in model.site.languages.iter().skip(1) {
        let model = &*views::in_language(model, language);
        let theme = theme.in_language(language);
        let parts = views::RootParts::new(model, theme.words(), false);
        let v = parts.views(model, computed);
        let folder = routes::language_folder(&model.site.languages, language);
        for mut file in search::files(v.model, v.computed, false)? {
            file.path = format!("{folder}{}", file.path);
            files.push(file);
        }
    }
    Ok((files, warnings))
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::sync::Mutex;

    use super::*;
    use crate::site::{self, Outcome};
    use crate::validate;

    /// Each page and file made alone has the bytes of the full render: of
    /// the example, and of a site in two languages.
    #[test]
    fn alone_as_in_the_full_render() {
        let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        alone_as_in_full(&repo.join("content"));
        let bilingual = repo.join("tests/fixtures/bilingual");
        alone_as_in_full(&bilingual);
        // English first, at the root, Vietnamese under vi/.
        let dir = tempfile::tempdir().unwrap();
        for entry in walkdir::WalkDir::new(&bilingual) {
            let entry = entry.unwrap();
            let to = dir
                .path()
                .join(entry.path().strip_prefix(&bilingual).unwrap());
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&to).unwrap();
            } else {
                std::fs::copy(entry.path(), &to).unwrap();
            }
        }
        let site = dir.path().join("site.yaml");
        let text = std::fs::read_to_string(&site).unwrap();
        std::fs::write(&site, text.replace("[vi, en]", "[en, vi]")).unwrap();
        alone_as_in_full(dir.path());
    }

    fn alone_as_in_full(content: &std::path::Path) {
        let options = validate::Options {
            as_of: None,
            committee: false,
        };
        let Outcome::Done(model, _) = site::load_model(content, &options).unwrap() else {
            panic!("{} is valid", content.display());
        };
        let computed = Computed::new(&model);
        let Ok((theme, _)) = site::load_themes(None, &model.site.languages).unwrap() else {
            panic!("the built-in theme loads");
        };
        let all = Mutex::new(BTreeMap::new());
        let options = super::super::RenderOptions::default();
        super::super::render_site(&model, &computed, &theme, options, &|f| {
            all.lock().unwrap().insert(f.path, f.bytes);
            Ok(())
        })
        .unwrap();
        let all = all.into_inner().unwrap();
        let map = PageMap::new(&model, &computed);
        let mut seen = 0;
        // The frameable summaries of every language, left out of the sitemap.
        let folders = std::iter::once("").chain(map.others.iter().map(|(f, _)| f.as_str()));
        let embeds: Vec<String> = folders
            .flat_map(|f| {
                map.routes()
                    .filter(|r| routes::is_embed(r))
                    .map(move |r| format!("{f}{r}"))
            })
            .collect();
        assert!(!embeds.is_empty(), "the frameable summaries");
        for route in map
            .sitemap
            .iter()
            .chain(&embeds)
            .map(String::as_str)
            .chain([routes::NOT_FOUND])
        {
            let (page, language) = map.find(route).unwrap();
            let bytes = render_page_in(&model, &computed, &theme, &page, language).unwrap();
            assert!(
                all.get(&routes::Routes::file(route)) == Some(&bytes),
                "{route} differs"
            );
            seen += 1;
        }
        let previews: Vec<&str> = all
            .keys()
            .map(String::as_str)
            .filter(|p| p.ends_with(".png"))
            .collect();
        assert!(!previews.is_empty(), "the full render draws previews");
        let files = [
            routes::STYLESHEET,
            routes::ICON,
            routes::SEARCH_SCRIPT,
            routes::ROBOTS,
            routes::SITEMAP,
            routes::FEED,
        ];
        let feeds: Vec<String> = map
            .others
            .iter()
            .map(|(f, _)| format!("{f}feed.xml"))
            .collect();
        let feeds = feeds.iter().map(String::as_str);
        for path in files.into_iter().chain(feeds).chain(previews) {
            let file = site_file(&model, &computed, &theme, &map, path)
                .unwrap()
                .unwrap();
            assert!(all.get(path) == Some(&file.bytes), "{path} differs");
            seen += 1;
        }
        let (data, warnings) = data_files(&model, &computed, &theme).unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        for file in data {
            assert!(is_data_file(&file.path));
            assert!(
                all.get(&file.path) == Some(&file.bytes),
                "{} differs",
                file.path
            );
            seen += 1;
        }
        assert_eq!(
            seen,
            all.len(),
            "some files of the site were not made alone"
        );
        assert!(map.get("").is_some() && map.get("no-such-page/").is_none());
    }
}
