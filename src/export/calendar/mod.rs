//! The deadlines as calendars (RFC 5545), for the officers who live in
//! their phone's calendar: `thoi-han/lich.ics` with every task of the site,
//! and `don-vi/<id>/lich.ics` with the tasks a unit leads and those it
//! takes part in (marked as such). One all-day event per task deadline,
//! with an alarm a few days before while the task is open.
//!
//! A calendar app that subscribes replaces each event by its UID, so the
//! UID is the task's identity: directive, task and unit
//! (`cv-ra-soat-cchc-2023.xa-sang-kien-tan-loi.tan-loi@example.gov.vn`),
//! never a position or a time. DTSTAMP is the site's as-of date, so two
//! builds of the same content are byte-identical. Tasks with only a
//! wording of their deadline (`due_text`) have no date to put in a
//! calendar: they are left out and counted in the calendar's description.
//!
//! What an event says is made here; its lines are written by the
//! `icalendar` crate (see [`lines`]). A lead's event is the same in the
//! site's calendar and the unit's; a partner's is the lead's with its own
//! SUMMARY and UIDs. The files go to the sink one by one (see
//! [`Exporter::export_to`]).

mod lines;

use std::borrow::Cow;
use std::ops::Range;

use chrono::{Duration, NaiveDate};
use icalendar::Calendar;
use rayon::prelude::*;

use lines::{DayLines, EventLines, EventTexts, OwnLines};

use super::{ExportError, ExportInput, Exported, Exporter, Sink};
use crate::limits::LIMITS;
use crate::model::{Audience, Model, Task};
use crate::routes::{self, OutputFile};
use crate::text::format;
use crate::text::words::{Words, fill_into};

pub struct CalendarExporter;

impl Exporter for CalendarExporter {
    fn export(&self, input: &ExportInput) -> Result<Vec<OutputFile>, ExportError> {
        let files = std::sync::Mutex::new(Vec::new());
        // Collecting cannot fail, and a calendar is always made.
        let _ = self.export_to(input, &|file| {
            files.lock().unwrap_or_else(|e| e.into_inner()).push(file);
            Ok(())
        });
        let mut files = files.into_inner().unwrap_or_else(|e| e.into_inner());
        files.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(files)
    }

    /// Each unit's calendar as it is made, then the site's. A lead's event
    /// is written once, into the site's calendar, and copied from there
    /// into the unit's: a national site has tens of thousands of events,
    /// neither made twice nor held twice.
    fn export_to(&self, input: &ExportInput, sink: &Sink) -> anyhow::Result<Exported> {
        let model = input.model;
        let writer = Writer::new(input);
        let site = writer.site_calendar();
        let units: Vec<usize> = (0..model.units.len())
            .into_par_iter()
            .map(|u| {
                let bytes = writer.unit_calendar(u, &site).into_bytes();
                let size = bytes.len();
                sink(OutputFile {
                    path: routes::unit_calendar(&model.units[u].id),
                    bytes,
                })?;
                Ok(size)
            })
            .collect::<anyhow::Result<_>>()?;
        let exported = Exported {
            files: units.len() + 1,
            bytes: units.iter().sum::<usize>() + site.text.len(),
            failed: None,
        };
        sink(OutputFile {
            path: routes::TIMELINE_CALENDAR.into(),
            bytes: site.text.into_bytes(),
        })?;
        Ok(exported)
    }
}

/// Whose calendar an event is in: the task's lead's, or a partner's.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Lead,
    Partner,
}

/// The site's calendar, and where each task's event is in it.
struct SiteCalendar {
    text: String,
    /// Each dated task's event in `text`, by task.
    events: Vec<Option<LeadEvent>>,
}

/// A lead's event in the site's calendar.
#[derive(Clone)]
struct LeadEvent {
    /// Its bytes in the site's text.
    at: Range<usize>,
    own: OwnLines,
}

/// What every event of a build shares, its words looked up once (a
/// national site has a hundred thousand events).
struct Writer<'a> {
    input: &'a ExportInput<'a>,
    /// The host of `base_url`, the domain part of every UID.
    host: &'a str,
    words: EventWords<'a>,
    lines: EventLines,
}

/// The words of an event, each on one line.
struct EventWords<'w> {
    summary: &'w str,
    partner_summary: &'w str,
    /// The alarm's text with its number of days filled in.
    alarm: String,
    /// `Trạng thái ngày 14/11/2023:`, the first line of each description.
    status: String,
    done_on: Cow<'w, str>,
    lead: Cow<'w, str>,
    partners: Cow<'w, str>,
    criterion: Cow<'w, str>,
    directive: Cow<'w, str>,
    due_text: Cow<'w, str>,
    dates: format::Dates<'w>,
}

impl<'w> EventWords<'w> {
    fn new(words: &'w Words, as_of: NaiveDate) -> EventWords<'w> {
        let as_of = format::date(words, as_of);
        let days = LIMITS.calendar_alarm_days.to_string();
        EventWords {
            summary: words.get("calendar.summary"),
            partner_summary: words.get("calendar.partner_summary"),
            // `{title}` is left as it is written, filled for each event.
            alarm: words.fill("calendar.alarm", &[("days", &days)]),
            status: one_line(&words.fill("calendar.status", &[("date", &as_of)])).into_owned(),
            done_on: one_line(words.get("task.done_on")),
            lead: one_line(words.get("task.lead")),
            partners: one_line(words.get("task.partners")),
            criterion: one_line(words.get("task.criterion")),
            directive: one_line(words.get("calendar.directive")),
            due_text: one_line(words.get("calendar.due_text")),
            dates: format::Dates::new(words),
        }
    }
}

impl<'a> Writer<'a> {
    fn new(input: &'a ExportInput<'a>) -> Writer<'a> {
        let site = &input.model.site;
        Writer {
            input,
            host: site.host(),
            words: EventWords::new(input.words, site.as_of),
            lines: EventLines::new(site.as_of),
        }
    }

    /// Every dated task of the site by date, its lead's event; those
    /// without a date counted. The events are made in pieces on every
    /// core, each piece freed once it is copied.
    fn site_calendar(&self) -> SiteCalendar {
        let model = self.input.model;
        let mut dated: Vec<usize> = (0..model.tasks.len())
            .filter(|&t| model.tasks[t].due.is_some())
            .collect();
        dated.sort_by_key(|&t| (model.tasks[t].due, t));
        // Each piece's events: where each ends in the piece, and its own lines.
        let pieces: Vec<(String, Vec<(usize, OwnLines)>)> = dated
            .par_chunks(256)
            .map(|chunk| {
                let mut piece = String::new();
                let mut ends = Vec::with_capacity(chunk.len());
                let mut days = DayLines::default();
                for &t in chunk {
                    if let Some(own) = self.lead_event(&mut piece, t, &mut days) {
                        ends.push((piece.len(), own));
                    }
                }
                (piece, ends)
            })
            .collect();
        let name = self
            .input
            .words
            .fill("calendar.site_name", &[("site", &model.site.title)]);
        let size = pieces.iter().map(|(p, _)| p.len()).sum();
        let (mut text, end) = self.calendar_around(&name, model.tasks.len() - dated.len(), size);
        let mut events = vec![None; model.tasks.len()];
        let mut tasks = dated.iter();
        for (piece, ends) in pieces {
            let at = text.len();
            let mut start = at;
            // The piece's ends first: zip takes from it before the tasks.
            for ((e, own), &t) in ends.into_iter().zip(tasks.by_ref()) {
                events[t] = Some(LeadEvent {
                    at: start..at + e,
                    own,
                });
                start = at + e;
            }
            text.push_str(&piece);
        }
        text.push_str(end);
        SiteCalendar { text, events }
    }

    /// The unit's calendar: the tasks it leads (their events copied from
    /// the site's) and those it is a partner of (made from the same), by
    /// date; those without a date counted.
    fn unit_calendar(&self, u: usize, site: &SiteCalendar) -> String {
        let model = self.input.model;
        let ix = &self.input.computed.index;
        let mut events: Vec<(NaiveDate, usize, Role)> = Vec::new();
        let mut undated = 0;
        let roles = ix.tasks_by_lead[u]
            .iter()
            .map(|&t| (t, Role::Lead))
            .chain(ix.tasks_by_partner[u].iter().map(|&t| (t, Role::Partner)));
        for (t, role) in roles {
            match model.tasks[t].due {
                Some(due) => events.push((due, t, role)),
                None => undated += 1,
            }
        }
        events.sort_by_key(|&(due, t, role)| (due, t, role == Role::Partner));
        let texts: Vec<Cow<str>> = events
            .iter()
            .filter_map(|&(_, t, role)| {
                let lead = site.events[t].as_ref()?;
                let text = &site.text[lead.at.clone()];
                Some(match role {
                    Role::Lead => text.into(),
                    Role::Partner => {
                        let mut event = String::with_capacity(text.len() + 64);
                        let uid = uid(model, &model.tasks[t], u, self.host);
                        let summary = self.summary(t, Role::Partner);
                        lead.own.partner_event(&mut event, text, summary, &uid);
                        event.into()
                    }
                })
            })
            .collect();
        let name = self.input.words.fill(
            "calendar.unit_name",
            &[("unit", &model.units[u].name), ("site", &model.site.title)],
        );
        let size = texts.iter().map(|t| t.len()).sum();
        let (mut text, end) = self.calendar_around(&name, undated, size);
        for event in &texts {
            text.push_str(event);
        }
        text.push_str(end);
        text
    }

    /// A calendar named `name` without its events: its head (with room for
    /// `size` bytes of events after it), and its last line. Its
    /// description says how many tasks without a date it leaves out.
    fn calendar_around(&self, name: &str, undated: usize, size: usize) -> (String, &'static str) {
        let words = self.input.words;
        let as_of = format::date(words, self.input.model.site.as_of);
        let mut description = words.fill("calendar.description", &[("date", &as_of)]);
        if undated > 0 {
            description.push(' ');
            description
                .push_str(&words.fill("calendar.undated", &[("count", &undated.to_string())]));
        }
        // The crate escapes the texts it knows (DESCRIPTION, X-WR-…) but
        // not NAME (RFC 7986): written here as a text already escaped.
        let (name, description) = (one_line(name), one_line(&description));
        let whole = Calendar::empty()
            .append_property(("VERSION", "2.0"))
            .append_property(("PRODID", "-//tiendo//tiendo//VI"))
            .append_property(("CALSCALE", "GREGORIAN"))
            .append_property(("METHOD", "PUBLISH"))
            .append_property(("NAME", escape_text(&name).as_ref()))
            .append_property(("X-WR-CALNAME", name.as_ref()))
            .description(&description)
            .ttl(&Duration::days(1))
            .done()
            .to_string();
        // The crate writes the calendar whole; the events, each written by
        // it, go before its last line.
        const END: &str = "END:VCALENDAR\r\n";
        let head = whole.strip_suffix(END).unwrap_or(&whole);
        let mut text = String::with_capacity(head.len() + size + END.len());
        text.push_str(head);
        (text, END)
    }

    /// The event of task `t` in its lead's calendar, appended to `out`,
    /// and where its own lines are; none for a task without a date.
    fn lead_event(&self, out: &mut String, t: usize, days: &mut DayLines) -> Option<OwnLines> {
        let model = self.input.model;
        let task = &model.tasks[t];
        let due = task.due?;
        let status = self.input.computed.statuses[t];
        // The committee's address is a secret a calendar service would
        // learn: its events say where the task is only in words.
        let url = (model.site.audience != Audience::Committee).then(|| task_url(self.input, t));
        let alarm = (!status.is_done()).then(|| {
            let title = task.title.as_str();
            let mut text = String::with_capacity(self.words.alarm.len() + title.len());
            fill_into(&mut text, &self.words.alarm, |out, slot| {
                (slot == "title").then(|| out.push_str(title)).is_some()
            });
            one_line_owned(text)
        });
        let event = EventTexts {
            uid: uid(model, task, task.lead, self.host),
            due,
            summary: self.summary(t, Role::Lead),
            description: self.description(t, url.as_deref()),
            url,
            alarm,
        };
        Some(self.lines.write(out, event, days))
    }

    /// An event's summary: the task's status and title, and its lead, as
    /// the lead's or a partner's calendar says them.
    fn summary(&self, t: usize, role: Role) -> String {
        let model = self.input.model;
        let task = &model.tasks[t];
        let status_word = self.input.words.status(self.input.computed.statuses[t]);
        let title = task.title.as_str();
        let lead = model.units[task.lead].display_name();
        let mut summary = String::with_capacity(64 + title.len());
        let template = match role {
            Role::Lead => self.words.summary,
            Role::Partner => self.words.partner_summary,
        };
        fill_into(&mut summary, template, |out, slot| {
            match slot {
                "status" => out.push_str(status_word),
                "title" => out.push_str(title),
                "unit" => out.push_str(lead),
                _ => return false,
            }
            true
        });
        one_line_owned(summary)
    }

    /// What an event says of its task, a fact a line: status, lead,
    /// partners, criterion, directive, the deadline's own words, the
    /// task's page (`url`, none in the committee's build). Each fact is
    /// one line whatever its text holds: the only line ends are these.
    fn description(&self, t: usize, url: Option<&str>) -> String {
        let input = self.input;
        let model = input.model;
        let words = &self.words;
        let task = &model.tasks[t];
        let mut out = String::with_capacity(512);
        let mut line = |label: &str, text: &str| {
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(label);
            out.push(' ');
            out.push_str(&one_line(text));
        };
        line(
            &words.status,
            input.words.status(input.computed.statuses[t]),
        );
        if let Some(done) = task.done_on.filter(|d| *d <= model.site.as_of) {
            let mut date = String::with_capacity(16);
            words.dates.push(&mut date, done);
            line(&words.done_on, &date);
        }
        line(&words.lead, &model.units[task.lead].name);
        if !task.partners.is_empty() {
            let names: Vec<&str> = task
                .partners
                .iter()
                .map(|&p| model.units[p].name.as_str())
                .collect();
            line(&words.partners, &names.join(", "));
        }
        if let Some(c) = task.criterion {
            let criterion = model.criterion(c);
            let code_title = format!("{}. {}", criterion.code, criterion.title);
            line(&words.criterion, &code_title);
        }
        line(&words.directive, &model.directives[task.directive].source);
        if let Some(text) = &task.due_text {
            line(&words.due_text, text);
        }
        if let Some(url) = url {
            out.push('\n');
            out.push_str(url);
        }
        out
    }
}

/// [`one_line`] of a text the caller owns: kept as it is when it is one
/// line already.
fn one_line_owned(text: String) -> String {
    match one_line(&text) {
        Cow::Borrowed(_) => text,
        Cow::Owned(line) => line,
    }
}

/// `text` on one line: a line end or another control character written
/// in content (a name pasted from a sheet) would end the calendar's line
/// and start a property of its own; each becomes a space.
fn one_line(text: &str) -> Cow<'_, str> {
    // A control character is a byte below 0x20 or 0x7f, or 0xc2 and the
    // next (U+0080–U+009F): a scan of bytes finds most texts clean.
    let maybe = |b: &u8| *b < 0x20 || *b == 0x7f || *b == 0xc2;
    if text.as_bytes().iter().any(maybe) && text.contains(char::is_control) {
        text.chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect::<String>()
            .into()
    } else {
        text.into()
    }
}

/// `text` escaped as an iCalendar text (RFC 5545, 3.3.11), for a
/// property the crate writes as it is given (NAME).
fn escape_text(text: &str) -> Cow<'_, str> {
    if !text.contains(['\\', ';', ',', '\n']) {
        return text.into();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\\' | ';' | ',' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.into()
}

/// The task's place on its directive's page, absolute: what a calendar
/// links to.
fn task_url(input: &ExportInput, t: usize) -> String {
    let model = input.model;
    let task = &model.tasks[t];
    let page = input.computed.index.task_page[t];
    let directive = &model.directives[task.directive].id;
    let route = routes::directive_page_route(directive, page);
    [model.site.base_url.as_str(), &route, "#", &task.id].concat()
}

/// The identity of a task in a unit's calendar: directive, task and unit,
/// with the site's host (ids are slugs: the dots cannot be in them).
fn uid(model: &Model, task: &Task, unit: usize, host: &str) -> String {
    let directive = &model.directives[task.directive].id;
    let unit = &model.units[unit].id;
    [directive.as_str(), ".", &task.id, ".", unit, "@", host].concat()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compute::Computed;
    use crate::site::{Outcome, load_model};

    /// The example with its tasks many times over (more than a piece of
    /// the site's calendar holds), each copy a day later and led by the
    /// next unit.
    fn many_tasks() -> crate::model::Model {
        let content = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let Outcome::Done(mut m, _) = load_model(&content, &Default::default()).unwrap() else {
            panic!("the example is valid");
        };
        let tasks = m.tasks.clone();
        for copy in 1..8 {
            for t in &tasks {
                let mut t = t.clone();
                t.id = format!("{}-{copy}", t.id);
                t.lead = (t.lead + copy) % m.units.len();
                t.partners.retain(|&p| p != t.lead);
                t.due = t.due.map(|d| d + Duration::days(copy as i64));
                m.tasks.push(t);
            }
        }
        m
    }

    /// Each event of `text`: its UID and its whole text (lines unfolded).
    fn events(text: &str) -> Vec<(String, String)> {
        let text = text.replace("\r\n ", "");
        let text = text.strip_suffix("END:VCALENDAR\r\n").unwrap();
        text.split("BEGIN:VEVENT\r\n")
            .skip(1)
            .map(|e| {
                let uid = e.lines().find_map(|l| l.strip_prefix("UID:")).unwrap();
                (uid.to_string(), e.to_string())
            })
            .collect()
    }

    /// What is computed of `model`, and its calendars, in Vietnamese.
    fn calendars(model: &Model) -> (Computed, Vec<OutputFile>) {
        let computed = Computed::new(model);
        let words = crate::text::Words::parse(
            include_str!("../../../themes/default/words/vi.yaml"),
            "vi.yaml",
        )
        .unwrap();
        let input = ExportInput {
            model,
            computed: &computed,
            words: &words,
        };
        let files = CalendarExporter.export(&input).unwrap();
        (computed, files)
    }

    #[test]
    fn each_units_events_are_its_own_and_the_sites_are_every_dated_task() {
        let model = many_tasks();
        let (computed, files) = calendars(&model);
        assert_eq!(files.len(), model.units.len() + 1);
        let text = |path: &str| {
            let f = files.iter().find(|f| f.path == path).unwrap();
            String::from_utf8(f.bytes.clone()).unwrap()
        };
        let site = events(&text(routes::TIMELINE_CALENDAR));
        let dated = model.tasks.iter().filter(|t| t.due.is_some()).count();
        assert!(dated > 600, "{dated}");
        assert_eq!(site.len(), dated);
        for (u, unit) in model.units.iter().enumerate() {
            let own = events(&text(&routes::unit_calendar(&unit.id)));
            let ix = &computed.index;
            let expected = ix.tasks_by_lead[u]
                .iter()
                .chain(&ix.tasks_by_partner[u])
                .filter(|&&t| model.tasks[t].due.is_some())
                .count();
            assert_eq!(own.len(), expected, "{}", unit.id);
            for (uid, event) in &own {
                assert!(
                    uid.ends_with(&format!(".{}@example.gov.vn", unit.id)),
                    "{uid}"
                );
                let task = uid.split('.').nth(1).unwrap();
                assert!(event.contains(&format!("#{task}\r\n")), "{event}");
                // A lead's event is the site's, byte for byte; a
                // partner's is its own, in no other calendar.
                let directive = uid.split('.').next().unwrap();
                let leads = model.tasks.iter().any(|t| {
                    t.id == task && t.lead == u && model.directives[t.directive].id == directive
                });
                let in_site = site.iter().find(|(id, _)| id == uid);
                match in_site {
                    Some((_, in_site)) if leads => assert_eq!(in_site, event, "{uid}"),
                    None if !leads => {}
                    _ => panic!(
                        "{uid}: led by the unit {leads}, in the site's calendar {}",
                        in_site.is_some()
                    ),
                }
            }
        }
    }

    /// The example's calendars, as `change` leaves the model: the site's
    /// and Tân Lợi's, as text.
    fn example_calendars(change: impl FnOnce(&mut Model)) -> (String, String) {
        let content = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let Outcome::Done(mut model, _) = load_model(&content, &Default::default()).unwrap() else {
            panic!("the example is valid");
        };
        change(&mut model);
        let (_, files) = calendars(&model);
        let text = |path: &str| {
            let f = files.iter().find(|f| f.path == path).expect(path);
            String::from_utf8(f.bytes.clone()).unwrap()
        };
        (
            text(routes::TIMELINE_CALENDAR),
            text(&routes::unit_calendar("tan-loi")),
        )
    }

    /// The names of every property of `text`, its lines unfolded.
    fn property_names(text: &str) -> Vec<String> {
        text.replace("\r\n ", "")
            .split("\r\n")
            .filter(|l| !l.is_empty())
            .map(|l| l.split([':', ';']).next().unwrap().to_string())
            .collect()
    }

    #[test]
    fn line_ends_written_in_content_start_no_property() {
        let clean = example_calendars(|_| {});
        let (site, unit) = example_calendars(|m| {
            m.site.title = "Hớn Quản\r\nBEGIN:VEVENT\r\nSUMMARY:giả".into();
            let u = m.units.iter().position(|u| u.id == "tan-loi").unwrap();
            m.units[u].name = "Tân Lợi\nEND:VCALENDAR\rX".into();
            for t in &mut m.tasks {
                t.title = format!("{}\r\nDTSTART:19700101\r", t.title);
            }
        });
        for (clean, text) in [(&clean.0, &site), (&clean.1, &unit)] {
            assert_eq!(property_names(clean), property_names(text));
            assert!(!text.replace("\r\n", "").contains(['\r', '\n']), "{text}");
        }
        // The calendar's name is a text escaped as one.
        let name = unit.lines().find(|l| l.starts_with("NAME:")).unwrap();
        assert!(name.contains("Tân Lợi END:VCALENDAR X"), "{name}");
        let name = site.lines().find(|l| l.starts_with("NAME:")).unwrap();
        assert!(
            name.contains("Hớn Quản  BEGIN:VEVENT  SUMMARY:giả"),
            "{name}"
        );
    }

    #[test]
    fn names_are_escaped_as_texts() {
        let (site, _) = example_calendars(|m| m.site.title = "A, B; C\\D".into());
        let name = site.lines().find(|l| l.starts_with("NAME:")).unwrap();
        assert!(name.contains("A\\, B\\; C\\\\D"), "{name}");
        let wr = site
            .lines()
            .find(|l| l.starts_with("X-WR-CALNAME:"))
            .unwrap();
        assert_eq!(&wr["X-WR-CALNAME:".len()..], &name["NAME:".len()..]);
    }

    #[test]
    fn the_committees_events_do_not_say_its_address() {
        let (public, _) = example_calendars(|_| {});
        assert!(public.contains("\r\nURL:https://"), "{public}");
        let (site, unit) = example_calendars(|m| {
            m.site.audience = crate::model::Audience::Committee;
            m.site.base_url = "https://example.gov.vn/bi-mat-0123456789abcdef/".into();
        });
        for text in [&site, &unit] {
            let unfolded = text.replace("\r\n ", "");
            assert!(!unfolded.contains("\r\nURL:"), "{text}");
            assert!(!unfolded.contains("bi-mat"), "{text}");
            assert!(unfolded.contains("BEGIN:VEVENT"));
        }
    }
}
