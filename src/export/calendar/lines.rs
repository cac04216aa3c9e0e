//! An event's lines, each property written by the `icalendar` crate (its
//! escaping and folding), in the order the crate's own writer of an
//! `Event` gives them: the test `an_event_is_the_crates_byte_for_byte`
//! holds the two to the same bytes. The lines every event of a build
//! shares, and a day's dates, are written once; a partner's event is its
//! lead's with its own summary and UIDs.

use std::ops::Range;

use chrono::{Datelike, Duration, NaiveDate};
use icalendar::{Property, Trigger};

use crate::limits::LIMITS;

/// The lines of a lead's event that a partner's event of the same task
/// says otherwise, as offsets from the event's first byte: its SUMMARY,
/// its UID and its alarm's UID. Every other line is the same bytes.
#[derive(Clone)]
pub(super) struct OwnLines {
    summary: Range<usize>,
    uid: Range<usize>,
    alarm_uid: Option<Range<usize>>,
}

/// What an event of one task says: its texts, each written by the crate.
pub(super) struct EventTexts {
    pub uid: String,
    pub due: NaiveDate,
    pub summary: String,
    pub description: String,
    /// The task's page (none in the committee's build).
    pub url: Option<String>,
    /// The alarm's text, while the task is open.
    pub alarm: Option<String>,
}

/// The lines of an event that are the same in every event of a build,
/// written once by the crate.
pub(super) struct EventLines {
    stamp: String,
    transparent: String,
    display: String,
    trigger: String,
}

impl EventLines {
    pub(super) fn new(as_of: NaiveDate) -> EventLines {
        // At nine in the morning, `days` days before the day.
        let trigger = Duration::hours(9) - Duration::days(LIMITS.calendar_alarm_days);
        EventLines {
            stamp: line(Property::new(
                "DTSTAMP",
                as_of.format("%Y%m%dT000000Z").to_string(),
            )),
            // A deadline takes no time of the day: it shows, it does not
            // make the officer look busy.
            transparent: line(Property::new("TRANSP", "TRANSPARENT")),
            display: line(Property::new("ACTION", "DISPLAY")),
            trigger: line(Trigger::from(trigger).into()),
        }
    }

    /// The event, appended to `out`: each property written by the crate
    /// (its escaping and folding), in the order its own writer of an
    /// `Event` puts them (by name, the alarm last), so that the event is
    /// the crate's byte for byte (see the test) without a map of
    /// properties built and dropped for each of a hundred thousand events.
    /// Gives where its own lines are (see [`OwnLines`]).
    pub(super) fn write(&self, out: &mut String, e: EventTexts, days: &mut DayLines) -> OwnLines {
        let first = out.len();
        let written = |out: &mut String, text: &str| {
            let start = out.len() - first;
            out.push_str(text);
            start..out.len() - first
        };
        let (start, end) = days.of(e.due);
        out.push_str("BEGIN:VEVENT\r\n");
        out.push_str(&line(Property::new("DESCRIPTION", e.description)));
        out.push_str(end);
        out.push_str(&self.stamp);
        out.push_str(start);
        let summary = written(out, &line(Property::new("SUMMARY", e.summary)));
        out.push_str(&self.transparent);
        let uid = written(out, &line(Property::new("UID", e.uid.as_str())));
        let mut alarm_uid = None;
        if let Some(url) = e.url {
            out.push_str(&line(Property::new("URL", url)));
        }
        if let Some(alarm) = e.alarm {
            out.push_str("BEGIN:VALARM\r\n");
            out.push_str(&self.display);
            out.push_str(&line(Property::new("DESCRIPTION", alarm)));
            out.push_str(&self.stamp);
            out.push_str(&self.trigger);
            alarm_uid = Some(written(out, &alarm_uid_line(&e.uid)));
            out.push_str("END:VALARM\r\n");
        }
        out.push_str("END:VEVENT\r\n");
        OwnLines {
            summary,
            uid,
            alarm_uid,
        }
    }
}

impl OwnLines {
    /// A partner's event, appended to `out`: the lead's event `lead`, of
    /// which these are the own lines, with the partner's `summary` and
    /// `uid` in their place.
    pub(super) fn partner_event(&self, out: &mut String, lead: &str, summary: String, uid: &str) {
        let summary = line(Property::new("SUMMARY", summary));
        let uid_line = line(Property::new("UID", uid));
        let alarm = self.alarm_uid.clone().map(|at| (at, alarm_uid_line(uid)));
        let mut from = 0;
        let own_lines = [
            (self.summary.clone(), summary),
            (self.uid.clone(), uid_line),
        ];
        for (at, text) in own_lines.into_iter().chain(alarm) {
            out.push_str(&lead[from..at.start]);
            out.push_str(&text);
            from = at.end;
        }
        out.push_str(&lead[from..]);
    }
}

/// The UID of the alarm of the event `uid`: without it the crate would
/// give the alarm a random one.
fn alarm_uid_line(uid: &str) -> String {
    line(Property::new("UID", [uid, ".nhac"].concat()))
}

/// The DTSTART and DTEND lines of the day last written: events come by
/// date, and the lines of a day are written by the crate once for all its
/// events.
#[derive(Default)]
pub(super) struct DayLines {
    day: Option<NaiveDate>,
    start: String,
    end: String,
}

impl DayLines {
    fn of(&mut self, due: NaiveDate) -> (&str, &str) {
        if self.day != Some(due) {
            self.start = line(all_day("DTSTART", due));
            self.end = line(all_day("DTEND", due.succ_opt().unwrap_or(due)));
            self.day = Some(due);
        }
        (&self.start, &self.end)
    }
}

/// A property's content line as the crate writes it: escaped for its
/// type, folded at 75 octets, ended by CRLF.
fn line(property: Property) -> String {
    // Writing into a String cannot fail.
    property.try_into().unwrap_or_default()
}

/// An all-day date property (`DTSTART;VALUE=DATE:20231120`), as the
/// crate writes one (once a day: see [`DayLines`]).
fn all_day(key: &str, date: NaiveDate) -> Property {
    let text = format!("{:04}{:02}{:02}", date.year(), date.month(), date.day());
    Property::new(key, text)
        .add_parameter("VALUE", "DATE")
        .done()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The event as the crate's own `Event` writes it, properties and
    /// alarm given to it: what [`EventLines::write`] must write.
    fn by_the_crate(e: &EventTexts, as_of: NaiveDate) -> String {
        use icalendar::{Alarm, Component, EventLike};
        let stamp = as_of.and_time(chrono::NaiveTime::MIN).and_utc();
        let mut event = icalendar::Event::new();
        event
            .uid(&e.uid)
            .timestamp(stamp)
            .starts(e.due)
            .ends(e.due.succ_opt().unwrap())
            .summary(&e.summary)
            .description(&e.description)
            .add_property("TRANSP", "TRANSPARENT");
        if let Some(url) = &e.url {
            event.url(url);
        }
        if let Some(text) = &e.alarm {
            let trigger = Duration::hours(9) - Duration::days(LIMITS.calendar_alarm_days);
            let mut alarm = Alarm::display(text, trigger);
            alarm
                .add_property("UID", format!("{}.nhac", e.uid))
                .timestamp(stamp);
            event.alarm(alarm);
        }
        event.to_string()
    }

    #[test]
    fn all_day_dates_are_the_crates() {
        use icalendar::{Component, EventLike};
        for (y, m, d) in [(2023, 11, 20), (999, 1, 5), (9999, 12, 31), (1000, 1, 1)] {
            let date = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            let crate_line = icalendar::Event::new()
                .starts(date)
                .to_string()
                .lines()
                .find(|l| l.starts_with("DTSTART"))
                .unwrap()
                .to_string();
            assert_eq!(line(all_day("DTSTART", date)), format!("{crate_line}\r\n"));
        }
    }

    #[test]
    fn an_event_is_the_crates_byte_for_byte() {
        let as_of = NaiveDate::from_ymd_opt(2023, 11, 14).unwrap();
        let lines = EventLines::new(as_of);
        let long = "Có giải pháp, sáng kiến; trong triển khai \\ công tác CCHC ".repeat(9);
        let texts = |url: Option<&str>, alarm: Option<&str>| EventTexts {
            uid: "cv-2023.sang-kien.tan-loi@example.gov.vn".into(),
            due: NaiveDate::from_ymd_opt(2023, 12, 31).unwrap(),
            summary: format!("[Sắp đến hạn] {long} – Tân Lợi"),
            description: format!("Trạng thái: Quá hạn\nChủ trì: UBND xã Tân Lợi\n{long}"),
            url: url.map(str::to_string),
            alarm: alarm.map(str::to_string),
        };
        let url = "https://example.gov.vn/cchc/van-ban/cv-2023/#sang-kien-tan-loi-dai-hon-bay-muoi-lam-ky-tu";
        for e in [
            texts(Some(url), Some(&format!("Còn 3 ngày đến hạn: {long}"))),
            texts(None, Some("Còn 3 ngày")),
            texts(Some(url), None),
            texts(None, None),
        ] {
            // A partner's event: the same task, its own summary and UID.
            let partner = EventTexts {
                uid: "cv-2023.sang-kien.tan-hung-phuong-xa@example.gov.vn".into(),
                summary: format!("[Phối hợp] {long}, chủ trì: Tân Lợi"),
                url: e.url.clone(),
                alarm: e.alarm.clone(),
                description: e.description.clone(),
                ..e
            };
            let expected = by_the_crate(&e, as_of);
            let mut written = String::new();
            // Written after another event: the lines' places are the event's own.
            written.push_str("BEGIN:VEVENT\r\nEND:VEVENT\r\n");
            let before = written.len();
            let own = lines.write(&mut written, e, &mut DayLines::default());
            let lead = &written[before..];
            assert_eq!(lead, expected);
            let mut spliced = String::new();
            let expected = by_the_crate(&partner, as_of);
            own.partner_event(&mut spliced, lead, partner.summary, &partner.uid);
            assert_eq!(spliced, expected);
        }
        // A day's lines kept from one event to the next, and changed with
        // the day.
        let mut days = DayLines::default();
        for day in [31, 31, 30, 1, 31] {
            let mut e = texts(Some(url), None);
            e.due = NaiveDate::from_ymd_opt(2023, 12, day).unwrap();
            let expected = by_the_crate(&e, as_of);
            let mut written = String::new();
            lines.write(&mut written, e, &mut days);
            assert_eq!(written, expected);
        }
    }
}
