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
//! Each event is written once by the `icalendar` crate (escaping, folding)
//! and its text reused: a lead's event is the same in the site's calendar
//! and the unit's.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use icalendar::{Alarm, Calendar, Component, EventLike};
use rayon::prelude::*;

use super::{ExportInput, Exporter};
use crate::limits::LIMITS;
use crate::model::{Model, Task};
use crate::routes::{self, OutputFile};
use crate::text::format;

pub struct CalendarExporter;

impl Exporter for CalendarExporter {
    fn export(&self, input: &ExportInput) -> Vec<OutputFile> {
        let model = input.model;
        let writer = Writer::new(input);
        // The lead's event of each dated task, by task.
        let leads: Vec<Option<String>> = (0..model.tasks.len())
            .into_par_iter()
            .with_min_len(64)
            .map(|t| writer.event(t, model.tasks[t].lead, Role::Lead))
            .collect();
        let mut dated: Vec<usize> = (0..model.tasks.len())
            .filter(|&t| leads[t].is_some())
            .collect();
        dated.sort_by_key(|&t| (model.tasks[t].due, t));
        let undated = model.tasks.len() - dated.len();
        let site = writer.calendar(
            &input
                .words
                .fill("calendar.site_name", &[("site", &model.site.title)]),
            undated,
            dated.iter().filter_map(|&t| leads[t].as_deref()),
        );
        let mut files = vec![OutputFile {
            path: routes::TIMELINE_CALENDAR.into(),
            bytes: site.into_bytes(),
        }];
        files.par_extend((0..model.units.len()).into_par_iter().map(|u| OutputFile {
            path: routes::unit_calendar(&model.units[u].id),
            bytes: writer.unit_calendar(u, &leads).into_bytes(),
        }));
        files
    }
}

/// Whose calendar an event is in: the task's lead's, or a partner's.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Lead,
    Partner,
}

/// What every event of a build shares.
struct Writer<'a> {
    input: &'a ExportInput<'a>,
    /// The host of `base_url`, the domain part of every UID.
    host: &'a str,
    stamp: DateTime<Utc>,
}

impl<'a> Writer<'a> {
    fn new(input: &'a ExportInput<'a>) -> Writer<'a> {
        let site = &input.model.site;
        Writer {
            input,
            host: host_of(&site.base_url),
            stamp: site.as_of.and_time(chrono::NaiveTime::MIN).and_utc(),
        }
    }

    /// The unit's calendar: the tasks it leads and those it is a partner
    /// of, by date; those without a date counted.
    fn unit_calendar(&self, u: usize, leads: &[Option<String>]) -> String {
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
        let partner_events: Vec<Option<String>> = events
            .iter()
            .map(|&(_, t, role)| match role {
                Role::Lead => None,
                Role::Partner => self.event(t, u, Role::Partner),
            })
            .collect();
        let texts =
            events
                .iter()
                .zip(&partner_events)
                .filter_map(|(&(_, t, role), own)| match role {
                    Role::Lead => leads[t].as_deref(),
                    Role::Partner => own.as_deref(),
                });
        let name = self.input.words.fill(
            "calendar.unit_name",
            &[("unit", &model.units[u].name), ("site", &model.site.title)],
        );
        self.calendar(&name, undated, texts)
    }

    /// A calendar named `name` of the `events` (each a VEVENT's text),
    /// saying how many tasks without a date it leaves out.
    fn calendar<'e>(
        &self,
        name: &str,
        undated: usize,
        events: impl Iterator<Item = &'e str>,
    ) -> String {
        let words = self.input.words;
        let site = &self.input.model.site;
        let as_of = format::date(words, site.as_of);
        let mut description = words.fill("calendar.description", &[("date", &as_of)]);
        if undated > 0 {
            description.push(' ');
            description
                .push_str(&words.fill("calendar.undated", &[("count", &undated.to_string())]));
        }
        let head = Calendar::empty()
            .append_property(("VERSION", "2.0"))
            .append_property(("PRODID", "-//tiendo//tiendo//VI"))
            .append_property(("CALSCALE", "GREGORIAN"))
            .append_property(("METHOD", "PUBLISH"))
            .name(name)
            .description(&description)
            .ttl(&Duration::days(1))
            .done()
            .to_string();
        // The crate writes the calendar whole; the events, each written
        // once by it, go before its last line.
        const END: &str = "END:VCALENDAR\r\n";
        let head = head.strip_suffix(END).unwrap_or(&head);
        let mut out = String::with_capacity(head.len() + END.len() + 1024);
        out.push_str(head);
        for event in events {
            out.push_str(event);
        }
        out.push_str(END);
        out
    }

    /// The event of task `t` in the calendar of `unit` (its lead, or a
    /// partner): none for a task without a date.
    fn event(&self, t: usize, unit: usize, role: Role) -> Option<String> {
        let model = self.input.model;
        let task = &model.tasks[t];
        let due = task.due?;
        let words = self.input.words;
        let status = self.input.computed.statuses[t];
        let title = task.title.as_str();
        let lead = model.units[task.lead].display_name();
        let summary = words.fill(
            match role {
                Role::Lead => "calendar.summary",
                Role::Partner => "calendar.partner_summary",
            },
            &[
                ("status", words.status(status)),
                ("title", title),
                ("unit", lead),
            ],
        );
        let uid = uid(model, task, unit, self.host);
        let mut event = icalendar::Event::new();
        event
            .uid(&uid)
            .timestamp(self.stamp)
            .starts(due)
            .ends(due.succ_opt().unwrap_or(due))
            .summary(&summary)
            .description(&self.description(t))
            .url(&task_url(self.input, t))
            // A deadline takes no time of the day: it shows, it does not
            // make the officer look busy.
            .add_property("TRANSP", "TRANSPARENT");
        if !status.is_done() {
            let days = LIMITS.calendar_alarm_days;
            let text = words.fill(
                "calendar.alarm",
                &[("days", &days.to_string()), ("title", title)],
            );
            // At nine in the morning, `days` days before the day.
            let trigger = Duration::hours(9) - Duration::days(days);
            let mut alarm = Alarm::display(&text, trigger);
            // Without them the crate would give the alarm a random UID and
            // the clock's time.
            alarm
                .add_property("UID", format!("{uid}.nhac"))
                .timestamp(self.stamp);
            event.alarm(alarm);
        }
        Some(event.done().to_string())
    }

    /// What an event says of its task, a fact a line: status, lead,
    /// partners, criterion, directive, the deadline's own words, the
    /// task's page.
    fn description(&self, t: usize) -> String {
        let input = self.input;
        let (model, words) = (input.model, input.words);
        let task = &model.tasks[t];
        let status = input.computed.statuses[t];
        let as_of = format::date(words, model.site.as_of);
        let mut lines = vec![format!(
            "{} {}",
            words.fill("calendar.status", &[("date", &as_of)]),
            words.status(status)
        )];
        if let Some(done) = task.done_on.filter(|d| *d <= model.site.as_of) {
            lines.push(format!(
                "{} {}",
                words.get("task.done_on"),
                format::date(words, done)
            ));
        }
        lines.push(format!(
            "{} {}",
            words.get("task.lead"),
            model.units[task.lead].name
        ));
        if !task.partners.is_empty() {
            let names: Vec<&str> = task
                .partners
                .iter()
                .map(|&p| model.units[p].name.as_str())
                .collect();
            lines.push(format!(
                "{} {}",
                words.get("task.partners"),
                names.join(", ")
            ));
        }
        if let Some(c) = task.criterion {
            let criterion = model.criterion(c);
            lines.push(format!(
                "{} {}. {}",
                words.get("task.criterion"),
                criterion.code,
                criterion.title
            ));
        }
        lines.push(format!(
            "{} {}",
            words.get("calendar.directive"),
            model.directives[task.directive].source
        ));
        if let Some(text) = &task.due_text {
            lines.push(format!("{} {text}", words.get("calendar.due_text")));
        }
        lines.push(task_url(input, t));
        // A line end inside a text is the calendar's own (`\n`), never a
        // carriage return.
        lines.join("\n").replace('\r', "")
    }
}

/// The task's place on its directive's page, absolute: what a calendar
/// links to.
fn task_url(input: &ExportInput, t: usize) -> String {
    let model = input.model;
    let task = &model.tasks[t];
    let page = input.computed.index.task_page[t];
    let directive = &model.directives[task.directive].id;
    format!(
        "{}{}#{}",
        model.site.base_url,
        routes::directive_page_route(directive, page),
        task.id
    )
}

/// The identity of a task in a unit's calendar: directive, task and unit,
/// with the site's host (ids are slugs: the dots cannot be in them).
fn uid(model: &Model, task: &Task, unit: usize, host: &str) -> String {
    format!(
        "{}.{}.{}@{host}",
        model.directives[task.directive].id, task.id, model.units[unit].id
    )
}

/// `https://example.gov.vn/cchc/` → `example.gov.vn`.
fn host_of(base_url: &str) -> &str {
    let rest = base_url.split_once("://").map_or(base_url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    if host.is_empty() { "tiendo" } else { host }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_host_of_the_base_url() {
        assert_eq!(host_of("https://example.gov.vn/cchc/"), "example.gov.vn");
        assert_eq!(host_of("http://127.0.0.1:8080/"), "127.0.0.1:8080");
        assert_eq!(host_of("https://a@b.vn"), "b.vn");
        assert_eq!(host_of("/"), "tiendo");
    }
}
