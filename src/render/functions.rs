//! What the templates can call besides their data: the formatting filters
//! (`date_vi`, `num_vi`, `percent`, `fill`, in the words' language) and the chart functions, which draw SVG
//! with the theme's words.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Deserialize;
use tera::{Kwargs, State, Tera, TeraResult, Value};

use super::charts::{self, Heading};
use super::format;
use super::words::{self, Words};

/// Registers every filter and function on `tera`.
pub fn register(tera: &mut Tera, words: &Arc<Words>) {
    let w = Arc::clone(words);
    tera.register_filter("date_vi", move |value: &Value, _: Kwargs, _: &State| {
        format::date_filter(value, &w)
    });
    let language = words.language().to_string();
    tera.register_filter("num_vi", move |value: &Value, args: Kwargs, _: &State| {
        format::num_filter(value, &args, &language)
    });
    let language = words.language().to_string();
    tera.register_filter("percent", move |value: &Value, _: Kwargs, _: &State| {
        format::percent_filter(value, &language)
    });
    let language = words.language().to_string();
    tera.register_filter("fill", move |value: &Value, args: Kwargs, _: &State| {
        fill_filter(value, &args, &language)
    });
    let w = Arc::clone(words);
    tera.register_function("chart_bars", move |args: Kwargs, _: &State| {
        chart_bars(&args, &w)
    });
    let w = Arc::clone(words);
    tera.register_function("chart_history", move |args: Kwargs, _: &State| {
        chart_history(&args, &w)
    });
    let w = Arc::clone(words);
    tera.register_function("chart_pace", move |args: Kwargs, _: &State| {
        chart_pace(&args, &w)
    });
    let w = Arc::clone(words);
    tera.register_function("chart_status", move |args: Kwargs, _: &State| {
        chart_status(&args, &w)
    });
}

/// `{{ w.home.tasks_heading | fill(count=12) }}`: the word with its
/// `{count}` slot filled. Numbers are written as they are. A word with
/// plural forms takes the form of `count` in `language`.
fn fill_filter(value: &Value, args: &Kwargs, language: &str) -> TeraResult<Value> {
    let forms: Option<BTreeMap<String, String>> = value.as_map().map(|m| {
        m.iter()
            .filter_map(|(k, v)| Some((k.as_str()?.to_string(), v.as_str()?.to_string())))
            .collect()
    });
    let word = match &forms {
        Some(forms) => {
            let count = args.get::<Value>("count")?.and_then(|c| c.as_u64());
            words::plural_form(forms, language, count)
        }
        None => value
            .as_str()
            .ok_or_else(|| tera::Error::message(format!("fill: `{value}` is not a word")))?,
    };
    let texts: Vec<(&str, String)> = args
        .iter()
        .filter_map(|(name, v)| Some((name.as_str()?, slot_text(v))))
        .collect();
    let slots: Vec<(&str, &str)> = texts.iter().map(|(n, t)| (*n, t.as_str())).collect();
    Ok(Value::from(words::fill(word, &slots)))
}

/// What a value writes into a word's slot: a string as it is, a number as
/// the template would print it, nothing for none.
fn slot_text(v: &Value) -> String {
    if let Some(s) = v.as_str() {
        s.to_string()
    } else if v.is_none() || v.is_undefined() {
        String::new()
    } else {
        v.to_string()
    }
}

fn arg<'a, T: Deserialize<'a>>(args: &'a Kwargs, name: &str, function: &str) -> TeraResult<T> {
    let value = args
        .get::<&Value>(name)?
        .ok_or_else(|| tera::Error::message(format!("{function}: missing argument `{name}`")))?;
    T::deserialize(value)
        .map_err(|e| tera::Error::message(format!("{function}: argument `{name}`: {e}")))
}

fn heading(args: &Kwargs, function: &str) -> TeraResult<Heading> {
    Ok(Heading {
        id: arg(args, "id", function)?,
        title: arg(args, "title", function)?,
    })
}

/// The unit of the values (`unit="%"`), by default the theme's word for points.
fn unit_word<'a>(args: &'a Kwargs, words: &'a Words) -> TeraResult<&'a str> {
    Ok(args
        .get::<&str>("unit")?
        .unwrap_or_else(|| words.get("common.points")))
}

/// A chart's markup: escaped as it was drawn, so the template writes it as
/// it is.
fn drawn(svg: String) -> Value {
    Value::safe_string(&svg)
}

/// `chart_bars(id, title, bars=[{label, value, max, prefix}], unit="điểm")`
fn chart_bars(args: &Kwargs, words: &Words) -> TeraResult<Value> {
    let bars: Vec<charts::Bar> = arg(args, "bars", "chart_bars")?;
    let h = heading(args, "chart_bars")?;
    Ok(drawn(charts::bars(
        &h,
        &bars,
        unit_word(args, words)?,
        words,
    )))
}

/// `chart_history(id, title, points=[{date, value}], max, unit="điểm")`
fn chart_history(args: &Kwargs, words: &Words) -> TeraResult<Value> {
    let points: Vec<charts::Point> = arg(args, "points", "chart_history")?;
    let max: f64 = arg(args, "max", "chart_history")?;
    let h = heading(args, "chart_history")?;
    Ok(drawn(charts::history(
        &h,
        &points,
        max,
        unit_word(args, words)?,
        words,
    )))
}

/// `chart_status(id, title, counts=[{status, label, count}])`
fn chart_status(args: &Kwargs, words: &Words) -> TeraResult<Value> {
    #[derive(Deserialize)]
    struct Count {
        status: String,
        label: String,
        count: usize,
    }
    let counts: Vec<Count> = arg(args, "counts", "chart_status")?;
    let segments: Vec<charts::Segment> = counts
        .into_iter()
        .map(|c| charts::Segment {
            key: c.status,
            label: c.label,
            count: c.count,
        })
        .collect();
    let h = heading(args, "chart_status")?;
    Ok(drawn(charts::stacked(&h, &segments, words)))
}

/// `chart_pace(id, title, points=[{date, due, done}])`: tasks due and done,
/// cumulated by date.
fn chart_pace(args: &Kwargs, words: &Words) -> TeraResult<Value> {
    let points: Vec<charts::PacePoint> = arg(args, "points", "chart_pace")?;
    let h = heading(args, "chart_pace")?;
    Ok(drawn(charts::pace(&h, &points, words)))
}
