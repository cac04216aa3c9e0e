//! Where every page and file lives, and how one page links to another: the
//! one place for paths, so links and written files always agree.
//!
//! Links between pages are relative to the page they are on
//! (`../../don-vi/tan-loi/` from a unit page), so the same output works
//! under any path of any static server. Absolute URLs on `base_url` are only
//! for what is read away from the site: canonical, sitemap, feed.
//!
//! The first language of the site is at the root; each other one has the
//! same pages under its own folder ([`language_folder`]: `en/`), with the
//! same routes. A page links to the pages of its language, to the files
//! every language shares (stylesheet, open data) at the root, and to its
//! twin in each other language ([`Routes::twin`]).

use chrono::NaiveDate;

/// One file of the built site: its path under the output folder and bytes.
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// The links of one page.
pub struct Routes {
    /// From the page to the site's root: `""`, `"../"`, `"../../"`…, or
    /// the whole `base_url` on a page that has no place of its own (404).
    root: String,
    /// From the page to the root of its language's pages: `root`, and
    /// `en/` after it on the pages of a second language.
    pages: String,
    /// Links to a folder name its `index.html`, for a copy opened from the
    /// file system, where no server picks the index of a folder.
    offline: bool,
}

impl Routes {
    /// The links of the page written at `route` (`don-vi/tan-loi/`).
    pub fn from_page(route: &str, offline: bool) -> Routes {
        let root = "../".repeat(route.matches('/').count());
        Routes {
            pages: root.clone(),
            root,
            offline,
        }
    }

    /// These links on a page of the language whose folder is `folder`
    /// (`en/`, or `""` for the first language): pages are linked in it.
    pub fn in_language(mut self, folder: &str) -> Routes {
        self.pages = format!("{}{folder}", self.root);
        self
    }

    /// The links of a page that is shown at any address (the 404 page that
    /// a server sends for any missing path): from the path of `base_url`
    /// (`/cchc/`), so that they hold at any depth on the site's own host.
    pub fn absolute(base_path: &str, offline: bool) -> Routes {
        Routes {
            root: base_path.to_string(),
            pages: base_path.to_string(),
            offline,
        }
    }

    /// The root of this language's pages from this page (`../../`), for a
    /// script that joins routes to it.
    pub fn root(&self) -> String {
        if self.pages.is_empty() {
            "./".to_string()
        } else {
            self.pages.clone()
        }
    }

    /// A folder of files of this language from this page, for a script that
    /// names the file itself: never its index.html.
    pub fn folder(&self, route: &str) -> String {
        format!("{}{route}", self.root())
    }

    /// Whether links name `index.html` (`tiendo build --offline`).
    pub fn offline(&self) -> bool {
        self.offline
    }

    /// What decides the links from this page to other pages: every page
    /// with the same key links to a page by the same text.
    pub fn page_links_key(&self) -> (&str, bool) {
        (&self.pages, self.offline)
    }

    /// The link to a route from this page (`don-vi/tan-loi/` →
    /// `../../don-vi/tan-loi/`, or `../../don-vi/tan-loi/index.html` offline).
    /// A page (a folder) is the one of this page's language; a file
    /// (`assets/style.css`) is the one at the root that all share.
    pub fn href(&self, route: &str) -> String {
        let folder = route.is_empty() || route.ends_with('/');
        let base = if folder { &self.pages } else { &self.root };
        self.link(base, route)
    }

    /// A file of this page's language (its feed): under its folder.
    pub fn own_file(&self, route: &str) -> String {
        self.link(&self.pages, route)
    }

    /// The page at `route` in the language whose folder is `folder`: this
    /// page's twin in another language.
    pub fn twin(&self, folder: &str, route: &str) -> String {
        self.link(&format!("{}{folder}", self.root), route)
    }

    fn link(&self, base: &str, route: &str) -> String {
        let folder = route.is_empty() || route.ends_with('/');
        if !(self.offline && folder) && base.is_empty() && route.is_empty() {
            return "./".to_string();
        }
        // Built by hand, not format!: every task and unit link of a large
        // site passes here (room left for a task's `#id`).
        let mut link = String::with_capacity(base.len() + route.len() + 32);
        link.push_str(base);
        link.push_str(route);
        if self.offline && folder {
            link.push_str("index.html");
        }
        link
    }

    /// The file a route is written to (`don-vi/tan-loi/` → `don-vi/tan-loi/index.html`).
    pub fn file(route: &str) -> String {
        if route.is_empty() || route.ends_with('/') {
            format!("{route}index.html")
        } else {
            route.to_string()
        }
    }

    pub fn home(&self) -> String {
        self.href("")
    }
    pub fn unit(&self, id: &str) -> String {
        self.href(&unit_route(id))
    }
    pub fn criterion(&self, framework: &str, code: &str) -> String {
        self.href(&criterion_route(framework, code))
    }
    pub fn framework(&self, framework: &str) -> String {
        format!("{}#{}", self.href(CRITERIA), framework)
    }
    pub fn directive(&self, id: &str) -> String {
        self.href(&directive_route(id))
    }
    pub fn note(&self, id: &str) -> String {
        self.href(&note_route(id))
    }
    /// A task, on its page of its directive's list.
    pub fn task(&self, directive: &str, page: usize, id: &str) -> String {
        let mut link = self.href(&directive_page_route(directive, page));
        link.push('#');
        link.push_str(id);
        link
    }
    pub fn snapshot(&self, date: NaiveDate) -> String {
        self.href(&snapshot_route(date))
    }
}

/// The folder of a language's pages: none for the site's first language
/// (`languages[0]`), `en/` for English when it comes second.
pub fn language_folder(languages: &[String], language: &str) -> String {
    match languages.first() {
        Some(first) if first != language => format!("{language}/"),
        _ => String::new(),
    }
}

pub const HOME: &str = "";
pub const UNITS: &str = "don-vi/";
pub const CRITERIA: &str = "tieu-chi/";
pub const TIMELINE: &str = "thoi-han/";
/// Every dated task of the site as a calendar (iCalendar).
pub const TIMELINE_CALENDAR: &str = "thoi-han/lich.ics";
pub const SNAPSHOTS: &str = "dot-danh-gia/";
pub const NOT_FOUND: &str = "404.html";
/// The frameable summaries a portal shows in an `<iframe>`: the site's,
/// and each unit's under it.
pub const EMBED: &str = "nhung/";
pub const SEARCH: &str = "tim-kiem/";
/// The files of the search index, loaded by the search page's script.
pub const SEARCH_INDEX: &str = "tim-kiem/chi-muc/";
pub const SEARCH_SCRIPT: &str = "assets/search.js";
pub const STYLESHEET: &str = "assets/style.css";
/// The site's icon: named by every page, so that browsers do not ask for a
/// missing /favicon.ico (a console error, and a lower Lighthouse score).
pub const ICON: &str = "assets/icon.svg";
pub const FEED: &str = "feed.xml";
pub const SITEMAP: &str = "sitemap.xml";
pub const ROBOTS: &str = "robots.txt";
/// The share preview pictures (PNG) of the home page and of each unit.
pub const PREVIEW_HOME: &str = "anh-chia-se/trang-chu.png";
pub fn unit_preview(id: &str) -> String {
    format!("anh-chia-se/don-vi/{id}.png")
}

/// The folder of the open data files, and the page that lists them.
pub const DATA_DIR: &str = "du-lieu/";
pub const DATA_UNITS_CSV: &str = "du-lieu/don-vi.csv";
pub const DATA_CRITERIA_CSV: &str = "du-lieu/tieu-chi.csv";
pub const DATA_TASKS_CSV: &str = "du-lieu/nhiem-vu.csv";
pub const DATA_JSON: &str = "du-lieu/tiendo.json";
pub const DATA_XLSX: &str = "du-lieu/tiendo.xlsx";

/// The scores of one snapshot on one framework, as CSV.
pub fn data_scores_csv(date: NaiveDate, framework: &str) -> String {
    format!("{DATA_DIR}diem-{date}-{framework}.csv")
}

/// Every point of one snapshot, as JSON.
pub fn data_points_json(date: NaiveDate) -> String {
    format!("{DATA_DIR}diem-{date}.json")
}

pub fn unit_route(id: &str) -> String {
    format!("{UNITS}{id}/")
}
/// Whether `path` is one of the calendars.
pub fn is_calendar(path: &str) -> bool {
    path.ends_with(".ics")
}
/// A unit's dated tasks, those it leads and those it takes part in, as a
/// calendar (iCalendar), beside its page.
pub fn unit_calendar(id: &str) -> String {
    format!("{UNITS}{id}/lich.ics")
}
pub fn criterion_route(framework: &str, code: &str) -> String {
    format!("{CRITERIA}{framework}/{code}/")
}
pub fn directive_route(id: &str) -> String {
    format!("van-ban/{id}/")
}
/// Page `page` (0-based) of a directive's task list.
pub fn directive_page_route(id: &str, page: usize) -> String {
    if page == 0 {
        directive_route(id)
    } else {
        format!("van-ban/{id}/trang-{}/", page + 1)
    }
}
pub fn timeline_month_route(year: i32, month: u32) -> String {
    format!("{TIMELINE}{year}-{month:02}/")
}
pub fn timeline_month_group_route(year: i32, month: u32, group: &str) -> String {
    format!("{TIMELINE}{year}-{month:02}/{group}/")
}
pub fn snapshot_group_route(date: NaiveDate, group: &str) -> String {
    format!("{SNAPSHOTS}{date}/{group}/")
}
/// A unit's frameable summary.
pub fn unit_embed_route(id: &str) -> String {
    format!("{EMBED}{UNITS}{id}/")
}
/// Whether `route` (of a language's pages, without its folder) is a
/// frameable summary: never in the sitemap.
pub fn is_embed(route: &str) -> bool {
    route.starts_with(EMBED)
}
pub fn note_route(id: &str) -> String {
    format!("ghi-chu/{id}/")
}
pub fn snapshot_route(date: NaiveDate) -> String {
    format!("{SNAPSHOTS}{date}/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_relative_to_the_page() {
        let unit = Routes::from_page("don-vi/tan-loi/", false);
        assert_eq!(unit.home(), "../../");
        assert_eq!(unit.unit("an-phu"), "../../don-vi/an-phu/");
        assert_eq!(unit.href(STYLESHEET), "../../assets/style.css");
        assert_eq!(unit.framework("district"), "../../tieu-chi/#district");
        let home = Routes::from_page(HOME, false);
        assert_eq!(home.home(), "./");
        assert_eq!(home.href(UNITS), "don-vi/");
        let data = Routes::from_page(DATA_DIR, false);
        assert_eq!(data.href(DATA_JSON), "../du-lieu/tiendo.json");
        let not_found = Routes::from_page(NOT_FOUND, false);
        assert_eq!(not_found.href(UNITS), "don-vi/");
    }

    #[test]
    fn offline_links_name_the_index_file() {
        let unit = Routes::from_page("don-vi/tan-loi/", true);
        assert_eq!(unit.home(), "../../index.html");
        assert_eq!(unit.unit("an-phu"), "../../don-vi/an-phu/index.html");
        assert_eq!(unit.href(STYLESHEET), "../../assets/style.css");
        assert_eq!(
            unit.framework("district"),
            "../../tieu-chi/index.html#district"
        );
        assert_eq!(Routes::from_page(HOME, true).home(), "index.html");
    }

    #[test]
    fn a_page_of_a_second_language_links_in_its_language() {
        let unit = Routes::from_page("en/don-vi/tan-loi/", false).in_language("en/");
        assert_eq!(unit.home(), "../../../en/");
        assert_eq!(unit.unit("an-phu"), "../../../en/don-vi/an-phu/");
        assert_eq!(unit.href(STYLESHEET), "../../../assets/style.css");
        assert_eq!(unit.href(DATA_XLSX), "../../../du-lieu/tiendo.xlsx");
        assert_eq!(unit.own_file(FEED), "../../../en/feed.xml");
        assert_eq!(unit.twin("", "don-vi/tan-loi/"), "../../../don-vi/tan-loi/");
        assert_eq!(unit.root(), "../../../en/");
        let vi = Routes::from_page("don-vi/tan-loi/", true);
        assert_eq!(
            vi.twin("en/", "don-vi/tan-loi/"),
            "../../en/don-vi/tan-loi/index.html"
        );
        let langs = ["vi".to_string(), "en".to_string()];
        assert_eq!(language_folder(&langs, "vi"), "");
        assert_eq!(language_folder(&langs, "en"), "en/");
        assert_eq!(language_folder(&langs[1..], "en"), "");
    }

    #[test]
    fn a_page_of_no_place_links_from_the_path_of_base_url() {
        let r = Routes::absolute("/cchc/", false);
        assert_eq!(r.home(), "/cchc/");
        assert_eq!(r.href(STYLESHEET), "/cchc/assets/style.css");
    }
}
