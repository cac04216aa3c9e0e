//! The charts as functions of the templates (`chart_bars`, `chart_history`,
//! `chart_pace`, `chart_status`): their arguments read from the template's
//! values, the chart drawn with the theme's words.

use std::borrow::Cow;
use std::cell::RefCell;

use chrono::NaiveDate;
use tera::value::Key;
use tera::{Kwargs, TeraResult, Value};

use super::{Bar, Heading, PacePoint, Point, Segment, history, pace, stacked};
use crate::text::format;
use crate::text::words::Words;

/// The argument `name` of `function`, which must be given.
fn arg<'a>(args: &'a Kwargs, name: &'static str, function: &str) -> TeraResult<&'a Value> {
    args.get::<&Value>(name)?
        .ok_or_else(|| tera::Error::message(format!("{function}: missing argument `{name}`")))
}

/// What is wrong with the argument `name` of `function`.
fn bad(function: &str, name: &str, wanted: &str, value: &Value) -> tera::Error {
    tera::Error::message(format!(
        "{function}: argument `{name}`: expected {wanted}, got `{value}`"
    ))
}

/// The chart functions read their arguments straight from the template's
/// values, borrowing their texts, rather than deserializing them into new
/// structs: a unit page calls four of them.
struct Reader<'f> {
    function: &'f str,
}

impl Reader<'_> {
    fn text<'v>(&self, value: &'v Value, name: &str) -> TeraResult<&'v str> {
        value
            .as_str()
            .ok_or_else(|| bad(self.function, name, "a string", value))
    }

    fn number(&self, value: &Value, name: &str) -> TeraResult<f64> {
        value
            .as_f64()
            .ok_or_else(|| bad(self.function, name, "a number", value))
    }

    fn count(&self, value: &Value, name: &str) -> TeraResult<usize> {
        value
            .as_u64()
            .and_then(|n| usize::try_from(n).ok())
            .ok_or_else(|| bad(self.function, name, "a count", value))
    }

    fn date(&self, value: &Value, name: &str) -> TeraResult<NaiveDate> {
        format::parse_iso_date(self.text(value, name)?)
            .ok_or_else(|| bad(self.function, name, "a date (YYYY-MM-DD)", value))
    }

    /// The items of the list argument `name`, each read by `item` from its
    /// fields.
    fn list<'a, T>(
        &self,
        args: &'a Kwargs,
        name: &'static str,
        mut item: impl FnMut(&Fields<'a, '_>) -> TeraResult<T>,
    ) -> TeraResult<Vec<T>> {
        let value = arg(args, name, self.function)?;
        let items = value
            .as_array()
            .ok_or_else(|| bad(self.function, name, "a list", value))?;
        items
            .iter()
            .map(|v| {
                let map = v
                    .as_map()
                    .ok_or_else(|| bad(self.function, name, "a list of maps", v))?;
                item(&Fields {
                    map,
                    list: name,
                    reader: self,
                })
            })
            .collect()
    }
}

/// The fields of one item of a list argument.
struct Fields<'a, 'r> {
    map: &'a tera::Map,
    list: &'static str,
    reader: &'r Reader<'r>,
}

impl<'a> Fields<'a, '_> {
    fn get(&self, name: &'static str) -> TeraResult<&'a Value> {
        self.map.get(&Key::Str(name)).ok_or_else(|| {
            tera::Error::message(format!(
                "{}: argument `{}`: missing field `{name}`",
                self.reader.function, self.list
            ))
        })
    }

    fn text(&self, name: &'static str) -> TeraResult<&'a str> {
        self.reader.text(self.get(name)?, name)
    }

    fn number(&self, name: &'static str) -> TeraResult<f64> {
        self.reader.number(self.get(name)?, name)
    }

    fn count(&self, name: &'static str) -> TeraResult<usize> {
        self.reader.count(self.get(name)?, name)
    }

    fn date(&self, name: &'static str) -> TeraResult<NaiveDate> {
        self.reader.date(self.get(name)?, name)
    }

    /// A text field that may be missing or none.
    fn optional_text(&self, name: &'static str) -> TeraResult<Option<&'a str>> {
        match self.map.get(&Key::Str(name)) {
            Some(v) if !(v.is_none() || v.is_undefined()) => self.reader.text(v, name).map(Some),
            _ => Ok(None),
        }
    }
}

fn heading<'a>(args: &'a Kwargs, function: &str) -> TeraResult<Heading<'a>> {
    let r = Reader { function };
    Ok(Heading {
        id: r.text(arg(args, "id", function)?, "id")?,
        title: r.text(arg(args, "title", function)?, "title")?,
    })
}

/// The unit of the values (`unit="%"`), by default the theme's word for points.
fn unit_word<'a>(args: &'a Kwargs, words: &'a Words) -> TeraResult<&'a str> {
    Ok(args
        .get::<&str>("unit")?
        .unwrap_or_else(|| words.get("common.points")))
}

thread_local! {
    /// Where the charts of this thread are drawn, kept from one chart to
    /// the next so that drawing one allocates nothing but its value.
    static CANVAS: RefCell<String> = const { RefCell::new(String::new()) };
}

/// A chart's markup, drawn by `draw`: escaped as it was drawn, so the
/// template writes it as it is.
fn drawn(draw: impl FnOnce(&mut String)) -> Value {
    CANVAS.with_borrow_mut(|out| {
        out.clear();
        draw(out);
        Value::safe_string(out)
    })
}

/// `chart_bars(id, title, bars=[{label, value, max, prefix}], unit="điểm")`
pub fn chart_bars(args: &Kwargs, words: &Words) -> TeraResult<Value> {
    const F: &str = "chart_bars";
    let bars = Reader { function: F }.list(args, "bars", |b| {
        Ok(Bar {
            label: Cow::Borrowed(b.text("label")?),
            value: b.number("value")?,
            max: b.number("max")?,
            prefix: b.optional_text("prefix")?.map(Cow::Borrowed),
        })
    })?;
    let h = heading(args, F)?;
    let unit = unit_word(args, words)?;
    Ok(drawn(|out| super::bars(out, &h, &bars, unit, words)))
}

/// `chart_history(id, title, points=[{date, value}], max, unit="điểm")`
pub fn chart_history(args: &Kwargs, words: &Words) -> TeraResult<Value> {
    const F: &str = "chart_history";
    let r = Reader { function: F };
    let points = r.list(args, "points", |p| {
        Ok(Point {
            date: p.date("date")?,
            value: p.number("value")?,
        })
    })?;
    let max = r.number(arg(args, "max", F)?, "max")?;
    let h = heading(args, F)?;
    let unit = unit_word(args, words)?;
    Ok(drawn(|out| {
        history(out, &h, &points, max, unit, words);
    }))
}

/// `chart_status(id, title, counts=[{status, label, count}])`
pub fn chart_status(args: &Kwargs, words: &Words) -> TeraResult<Value> {
    const F: &str = "chart_status";
    let segments = Reader { function: F }.list(args, "counts", |c| {
        Ok(Segment {
            key: c.text("status")?,
            label: c.text("label")?,
            count: c.count("count")?,
        })
    })?;
    let h = heading(args, F)?;
    Ok(drawn(|out| stacked(out, &h, &segments, words)))
}

/// `chart_pace(id, title, points=[{date, due, done}])`: tasks due and done,
/// cumulated by date.
pub fn chart_pace(args: &Kwargs, words: &Words) -> TeraResult<Value> {
    const F: &str = "chart_pace";
    let points = Reader { function: F }.list(args, "points", |p| {
        Ok(PacePoint {
            date: p.date("date")?,
            due: p.count("due")?,
            done: p.count("done")?,
        })
    })?;
    let h = heading(args, F)?;
    Ok(drawn(|out| pace(out, &h, &points, words)))
}
