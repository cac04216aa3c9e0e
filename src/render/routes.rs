//! Where every page and file lives, under the site's base path: pages,
//! assets, open data, the feed, the sitemap. The one place for paths, so
//! links and written files always agree.

use chrono::NaiveDate;

pub struct Routes {
    base: String,
}

impl Routes {
    /// `base` is the path part of base_url, starting and ending with `/`.
    pub fn new(base: &str) -> Routes {
        Routes {
            base: base.to_string(),
        }
    }

    /// The link to a route (`don-vi/tan-loi/` → `/cchc/don-vi/tan-loi/`).
    pub fn href(&self, route: &str) -> String {
        format!("{}{route}", self.base)
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
    pub fn snapshot(&self, date: NaiveDate) -> String {
        self.href(&snapshot_route(date))
    }
}

pub const HOME: &str = "";
pub const UNITS: &str = "don-vi/";
pub const CRITERIA: &str = "tieu-chi/";
pub const TIMELINE: &str = "thoi-han/";
pub const SNAPSHOTS: &str = "dot-danh-gia/";
pub const NOT_FOUND: &str = "404.html";
pub const STYLESHEET: &str = "assets/style.css";
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
pub fn note_route(id: &str) -> String {
    format!("ghi-chu/{id}/")
}
pub fn snapshot_route(date: NaiveDate) -> String {
    format!("{SNAPSHOTS}{date}/")
}
