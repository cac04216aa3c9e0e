//! Stage 3, model: the content resolved and typed. Ids are linked to indices,
//! points are exact, dates are dates, and the audience is already filtered.
//! Nothing here knows about HTML or files.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::sync::Arc;

use chrono::NaiveDate;

/// Points in thousandths, so that sums are exact (`1.4` is `Points(1400)`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Points(pub i64);

impl Points {
    pub const SCALE: i64 = 1000;

    pub fn as_f64(self) -> f64 {
        self.0 as f64 / Self::SCALE as f64
    }

    /// Parses `1.4`, `1,4`, `2`, `0.75` exactly; at most three decimals.
    pub fn parse(text: &str) -> Option<Points> {
        let text = text.trim().replace(',', ".");
        let (whole, frac) = match text.split_once('.') {
            Some((w, f)) => (w, f),
            None => (text.as_str(), ""),
        };
        if whole.is_empty() && frac.is_empty() {
            return None;
        }
        let negative = whole.starts_with('-');
        let whole = whole.trim_start_matches(['-', '+']);
        if !whole.bytes().all(|b| b.is_ascii_digit())
            || !frac.bytes().all(|b| b.is_ascii_digit())
            || frac.len() > 3
            || whole.len() > 12
        {
            return None;
        }
        let w: i64 = if whole.is_empty() {
            0
        } else {
            whole.parse().ok()?
        };
        let mut f: i64 = if frac.is_empty() {
            0
        } else {
            frac.parse().ok()?
        };
        for _ in frac.len()..3 {
            f *= 10;
        }
        let value = w * Self::SCALE + f;
        Some(Points(if negative { -value } else { value }))
    }

    /// From a YAML float: rounded to thousandths; None when not finite or
    /// when it has more than three decimals.
    pub fn from_f64(value: f64) -> Option<Points> {
        if !value.is_finite() || value.abs() > 1e12 {
            return None;
        }
        let scaled = value * Self::SCALE as f64;
        let rounded = scaled.round();
        if (scaled - rounded).abs() > 1e-6 {
            return None;
        }
        Some(Points(rounded as i64))
    }
}

impl fmt::Display for Points {
    /// Plain form with a dot, no trailing zeros: `1.4`, `2`, `0.75`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_plain(f)
    }
}

impl Points {
    /// The plain form (as `Display` writes it) appended to `out`, with no
    /// allocation of its own: open data writes millions of points.
    pub fn push_plain(&self, out: &mut String) {
        // Writing into a String cannot fail.
        let _ = self.write_plain(out);
    }

    fn write_plain(&self, out: &mut impl fmt::Write) -> fmt::Result {
        let abs = self.0.unsigned_abs();
        let sign = if self.0 < 0 { "-" } else { "" };
        out.write_str(sign)?;
        out.write_str(itoa::Buffer::new().format(abs / Self::SCALE as u64))?;
        let mut frac = abs % Self::SCALE as u64;
        if frac != 0 {
            out.write_char('.')?;
            // The thousandths, without their trailing zeros.
            let mut place = Self::SCALE as u64 / 10;
            while frac != 0 {
                out.write_char((b'0' + (frac / place) as u8) as char)?;
                frac %= place;
                place /= 10;
            }
        }
        Ok(())
    }
}

impl std::ops::Add for Points {
    type Output = Points;
    fn add(self, o: Points) -> Points {
        Points(self.0 + o.0)
    }
}

impl std::iter::Sum for Points {
    fn sum<I: Iterator<Item = Points>>(iter: I) -> Points {
        Points(iter.map(|p| p.0).sum())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    Public,
    Committee,
}

#[derive(Debug, Clone)]
pub struct Site {
    pub title: String,
    pub organization: String,
    /// The language this model's texts are in: the first of `languages`,
    /// or another one in a model made by [`Model::in_language`].
    pub language: String,
    /// Every language of the site, the first at the root (`[vi]`, `[vi, en]`).
    pub languages: Vec<String>,
    /// As written, always ending with `/`.
    pub base_url: String,
    /// The path part of `base_url`, starting and ending with `/` (`/cchc/`).
    pub base_path: String,
    pub as_of: NaiveDate,
    pub timezone: String,
    pub description: Option<String>,
    pub audience: Audience,
    /// The committee's build sealed with a passphrase: what cannot be read
    /// behind the passphrase (a feed reader cannot enter one) is not linked,
    /// and its place says why.
    pub sealed: bool,
    /// Names of unit kinds given by the site, by kind slug.
    pub unit_kinds: BTreeMap<String, Text>,
    /// The English texts the content gives.
    pub en: SiteEnglish,
}

impl Site {
    /// The host of `base_url` (`example.gov.vn`): the domain of the
    /// calendars' UIDs.
    pub fn host(&self) -> &str {
        split_base_url(&self.base_url).map_or("tiendo", |(host, _)| host)
    }
}

/// A site's address as its host and its path (`https://example.gov.vn/cchc/`
/// → `example.gov.vn` and `/cchc/`; the path `/` for a bare host): none
/// when it is not an http(s) address, or holds a character an address
/// cannot hold as it is (a space, a line end, a quote, `<`, `?`, `#`, a
/// user before `@`…), which would go as it is into pages, feeds and
/// calendars.
pub fn split_base_url(url: &str) -> Option<(&str, &str)> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let (host, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    let host_char = |c: char| c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | ':' | '[' | ']');
    let path_char = |c: char| {
        !c.is_control()
            && !c.is_whitespace()
            && !matches!(
                c,
                '?' | '#' | '"' | '\'' | '<' | '>' | '\\' | '^' | '`' | '{' | '|' | '}'
            )
    };
    (!host.is_empty() && host.chars().all(host_char) && path.chars().all(path_char))
        .then_some((host, path))
}

/// The English of a site's own texts, where `site.yaml` gives it.
#[derive(Debug, Clone, Default)]
pub struct SiteEnglish {
    pub title: Option<String>,
    pub organization: Option<String>,
    pub description: Option<String>,
}

/// Text a reader sees: Vietnamese, and English when the content gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    pub vi: String,
    pub en: Option<String>,
}

impl Text {
    pub fn new(vi: &str, en: Option<&str>) -> Text {
        Text {
            vi: vi.to_string(),
            en: en.map(str::to_string),
        }
    }

    /// The text in `language`, Vietnamese when there is none in it.
    pub fn get(&self, language: &str) -> &str {
        match (language, &self.en) {
            ("en", Some(en)) => en,
            _ => &self.vi,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Unit {
    pub id: String,
    pub name: String,
    pub short_name: Option<String>,
    /// English name and short name, where given.
    pub name_en: Option<String>,
    pub short_name_en: Option<String>,
    pub kind: String,
    pub framework: Option<usize>,
    pub parent: Option<usize>,
}

impl Unit {
    pub fn display_name(&self) -> &str {
        self.short_name.as_deref().unwrap_or(&self.name)
    }
}

/// Units that documents name together ("UBND các xã, thị trấn"): a task
/// naming the group is a task of each member.
#[derive(Debug, Clone)]
pub struct Group {
    pub id: String,
    /// The name documents give it, when `units.yaml` gives one.
    pub name: Option<String>,
    /// Indexes of its units, in the order of units.yaml.
    pub members: Vec<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    SelfAssessed,
    Survey,
    Both,
}

#[derive(Debug, Clone)]
pub struct Criterion {
    pub code: String,
    pub title: String,
    pub title_en: Option<String>,
    pub max: Points,
    pub method: Method,
    pub note: Option<String>,
    /// The documents that set the criterion.
    pub legal_basis: Vec<String>,
    pub parent: Option<usize>,
    pub children: Vec<usize>,
    pub depth: usize,
}

#[derive(Debug, Clone)]
pub struct Band {
    pub name: String,
    pub name_en: Option<String>,
    /// Lowest percentage of the max that earns the band, in thousandths.
    pub min_percent: Points,
}

#[derive(Debug, Clone)]
pub struct Framework {
    pub id: String,
    pub title: String,
    pub title_en: Option<String>,
    pub scheme: Option<String>,
    pub year: Option<i32>,
    /// Highest threshold first.
    pub bands: Vec<Band>,
    /// Every criterion in document order (a parent before its children).
    pub criteria: Vec<Criterion>,
    pub code_index: HashMap<String, usize>,
    /// The fields (lĩnh vực): top-level criteria.
    pub roots: Vec<usize>,
    pub max: Points,
}

/// A criterion addressed across frameworks (`district/7.2.5`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CriterionRef {
    pub framework: usize,
    pub criterion: usize,
}

#[derive(Debug, Clone)]
pub struct Assignment {
    pub source: Option<String>,
    /// The unit whose score the criterion is part of.
    pub scored_unit: usize,
    pub criterion: CriterionRef,
    pub owner: usize,
    pub partners: Vec<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    SelfAssessment,
    Review,
    Appraisal,
    Published,
}

/// What the long form of a score adds to its points.
#[derive(Debug, Clone, Default)]
pub struct ScoreDetail {
    pub self_assessed: Option<Points>,
    pub appraised: Option<Points>,
    pub survey: Option<Points>,
    pub evidence: Vec<String>,
    pub explanation: Option<String>,
}

/// One unit's scores in one snapshot, on one framework.
#[derive(Debug)]
pub struct UnitScores {
    pub unit: usize,
    pub framework: usize,
    /// The points that count, per criterion of the framework (by index);
    /// only leaves are scored.
    pub points: Vec<Option<Points>>,
    /// Long-form details, for the criteria that have them.
    pub details: BTreeMap<usize, ScoreDetail>,
}

impl UnitScores {
    pub fn get(&self, criterion: usize) -> Option<Points> {
        self.points.get(criterion).copied().flatten()
    }

    pub fn detail(&self, criterion: usize) -> Option<&ScoreDetail> {
        self.details.get(&criterion)
    }

    /// (criterion index, points) of every scored criterion, in order.
    pub fn scored(&self) -> impl Iterator<Item = (usize, Points)> + '_ {
        self.points
            .iter()
            .enumerate()
            .filter_map(|(i, p)| p.map(|p| (i, p)))
    }
}

#[derive(Debug, Clone)]
pub struct Snapshot {
    pub date: NaiveDate,
    pub stage: Stage,
    pub title: Option<String>,
    pub title_en: Option<String>,
    pub source: Option<String>,
    /// Shared by the model of each language: the bulk of a national site.
    pub units: Arc<Vec<UnitScores>>,
}

#[derive(Debug, Clone)]
pub struct Directive {
    pub id: String,
    pub source: String,
    pub issued: Option<NaiveDate>,
    pub issuer: Option<usize>,
    pub legal_basis: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Escalation {
    pub action: String,
    pub by: Option<usize>,
    pub to: Option<usize>,
    pub due: Option<NaiveDate>,
    pub basis: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Task {
    pub id: String,
    pub title: String,
    pub title_en: Option<String>,
    pub detail: Option<String>,
    pub directive: usize,
    pub lead: usize,
    pub partners: Vec<usize>,
    pub criterion: Option<CriterionRef>,
    pub due: Option<NaiveDate>,
    pub due_text: Option<String>,
    pub done_on: Option<NaiveDate>,
    pub escalation: Option<Escalation>,
}

#[derive(Debug, Clone)]
pub struct Note {
    pub id: String,
    pub title: String,
    pub date: NaiveDate,
    pub summary: Option<String>,
    pub unit: Option<usize>,
    pub criterion: Option<CriterionRef>,
    pub task: Option<usize>,
    pub audience: Audience,
    pub markdown: String,
}

/// The whole site's content, resolved.
#[derive(Debug, Clone)]
pub struct Model {
    pub site: Site,
    pub units: Vec<Unit>,
    pub unit_index: HashMap<String, usize>,
    /// Groups of units, by id in `group_index`.
    pub groups: Vec<Group>,
    pub group_index: HashMap<String, usize>,
    pub frameworks: Vec<Framework>,
    pub framework_index: HashMap<String, usize>,
    pub assignments: Vec<Assignment>,
    /// Oldest first.
    pub snapshots: Vec<Snapshot>,
    pub directives: Vec<Directive>,
    pub tasks: Vec<Task>,
    pub task_index: HashMap<String, usize>,
    /// Newest first.
    pub notes: Vec<Note>,
}

impl Model {
    pub fn criterion(&self, r: CriterionRef) -> &Criterion {
        &self.frameworks[r.framework].criteria[r.criterion]
    }

    /// The same content with its texts in `language` (`en`): each text the
    /// content gives in it replaces the Vietnamese one, the others stay.
    /// The scores are shared, not copied.
    pub fn in_language(&self, language: &str) -> Model {
        let mut m = self.clone();
        m.site.language = language.to_string();
        if language != "en" {
            return m;
        }
        let swap = |text: &mut String, en: &Option<String>| {
            if let Some(en) = en {
                text.clone_from(en);
            }
        };
        let site = &mut m.site;
        swap(&mut site.title, &site.en.title);
        swap(&mut site.organization, &site.en.organization);
        if site.en.description.is_some() {
            site.description.clone_from(&site.en.description);
        }
        for u in &mut m.units {
            swap(&mut u.name, &u.name_en);
            if u.short_name_en.is_some() {
                u.short_name.clone_from(&u.short_name_en);
            }
        }
        for fw in &mut m.frameworks {
            swap(&mut fw.title, &fw.title_en);
            for b in &mut fw.bands {
                swap(&mut b.name, &b.name_en);
            }
            for c in &mut fw.criteria {
                swap(&mut c.title, &c.title_en);
            }
        }
        for s in &mut m.snapshots {
            if s.title_en.is_some() {
                s.title.clone_from(&s.title_en);
            }
        }
        for t in &mut m.tasks {
            swap(&mut t.title, &t.title_en);
        }
        m
    }

    /// `district/7.2.5`
    pub fn criterion_key(&self, r: CriterionRef) -> String {
        format!(
            "{}/{}",
            self.frameworks[r.framework].id,
            self.criterion(r).code
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_base_url_is_a_host_and_a_path() {
        let split = split_base_url;
        assert_eq!(
            split("https://example.gov.vn/cchc/"),
            Some(("example.gov.vn", "/cchc/"))
        );
        assert_eq!(
            split("https://example.gov.vn/"),
            Some(("example.gov.vn", "/"))
        );
        assert_eq!(
            split("http://127.0.0.1:8080/"),
            Some(("127.0.0.1:8080", "/"))
        );
        assert_eq!(split("https://[::1]:8080/"), Some(("[::1]:8080", "/")));
        assert_eq!(split("https://hớnquản.vn/"), Some(("hớnquản.vn", "/")));
        assert_eq!(split("example.gov.vn"), None);
        for bad in [
            "https:///",
            "https://a@b.vn/",
            "https://b.vn\r\nX-EVIL:1/",
            "https://b.vn /",
            "https://b\".vn/",
            "https://b.vn/a b/",
            "https://b.vn/a\tb/",
            "https://b.vn/?q=1/",
            "https://b.vn/<x>/",
        ] {
            assert_eq!(split(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn points_parse_exactly() {
        assert_eq!(Points::parse("1.4"), Some(Points(1400)));
        assert_eq!(Points::parse("1,4"), Some(Points(1400)));
        assert_eq!(Points::parse("0.75"), Some(Points(750)));
        assert_eq!(Points::parse("02"), Some(Points(2000)));
        assert_eq!(Points::parse(".5"), Some(Points(500)));
        assert_eq!(Points::parse("1.2345"), None);
        assert_eq!(Points::parse("abc"), None);
        assert_eq!(Points::parse(""), None);
        assert_eq!(Points::from_f64(1.1), Some(Points(1100)));
        assert_eq!(Points::from_f64(f64::NAN), None);
    }

    #[test]
    fn plain_points_are_written_as_before() {
        // The former Display: whole part, then the thousandths without
        // their trailing zeros.
        let old = |p: Points| {
            let sign = if p.0 < 0 { "-" } else { "" };
            let abs = p.0.unsigned_abs();
            let (whole, frac) = (abs / 1000, abs % 1000);
            if frac == 0 {
                format!("{sign}{whole}")
            } else {
                let digits = format!("{frac:03}");
                format!("{sign}{whole}.{}", digits.trim_end_matches('0'))
            }
        };
        for n in (-3000..3000).chain([i64::MAX, i64::MIN + 1, 1_000_001, 10_050]) {
            assert_eq!(Points(n).to_string(), old(Points(n)), "{n}");
        }
    }

    #[test]
    fn points_display_without_trailing_zeros() {
        assert_eq!(Points(1400).to_string(), "1.4");
        assert_eq!(Points(2000).to_string(), "2");
        assert_eq!(Points(750).to_string(), "0.75");
        assert_eq!(Points(0).to_string(), "0");
    }

    #[test]
    fn sums_are_exact() {
        let total: Points = [1100, 1400, 1500].iter().map(|&p| Points(p)).sum();
        assert_eq!(total, Points(4000));
    }
}
