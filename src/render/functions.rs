//! What the templates can call besides their data: the formatting filters
//! (`date_vi`, `num_vi`, `percent`, `fill`, in the words' language) and the chart functions, which draw SVG
//! with the theme's words.

use std::collections::HashMap;
use std::sync::Arc;

use tera::{Tera, Value};

use super::charts::{self, Heading};
use super::format;
use super::words::{self, Words};

type Args = HashMap<String, Value>;

/// Registers every filter and function on `tera`.
pub fn register(tera: &mut Tera, words: &Arc<Words>) {
    let w = Arc::clone(words);
    tera.register_filter("date_vi", move |value: &Value, _: &Args| {
        format::date_filter(value, &w)
    });
    let language = words.language().to_string();
    tera.register_filter("num_vi", move |value: &Value, args: &Args| {
        format::num_filter(value, args, &language)
    });
    let language = words.language().to_string();
    tera.register_filter("percent", move |value: &Value, _: &Args| {
        format::percent_filter(value, &language)
    });
    let language = words.language().to_string();
    tera.register_filter("fill", move |value: &Value, args: &Args| {
        fill_filter(value, args, &language)
    });
    let w = Arc::clone(words);
    tera.register_function("chart_bars", move |args: &Args| chart_bars(args, &w));
    let w = Arc::clone(words);
    tera.register_function("chart_history", move |args: &Args| chart_history(args, &w));
    let w = Arc::clone(words);
    tera.register_function("chart_pace", move |args: &Args| chart_pace(args, &w));
    let w = Arc::clone(words);
    tera.register_function("chart_status", move |args: &Args| chart_status(args, &w));
}

/// `{{ w.home.tasks_heading | fill(count=12) }}`: the word with its
/// `{count}` slot filled. Numbers are written as they are. A word with
/// plural forms takes the form of `count` in `language`.
fn fill_filter(value: &Value, args: &Args, language: &str) -> tera::Result<Value> {
    let forms: Option<std::collections::BTreeMap<String, String>> = value.as_object().map(|m| {
        m.iter()
            .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_string())))
            .collect()
    });
    let word = match &forms {
        Some(forms) => {
            let count = args.get("count").and_then(Value::as_u64);
            words::plural_form(forms, language, count)
        }
        None => value
            .as_str()
            .ok_or_else(|| tera::Error::msg(format!("fill: `{value}` is not a word")))?,
    };
    let texts: Vec<(&str, String)> = args
        .iter()
        .map(|(name, v)| {
            let text = match v {
                Value::String(s) => s.clone(),
                Value::Null => String::new(),
                other => other.to_string(),
            };
            (name.as_str(), text)
        })
        .collect();
    let slots: Vec<(&str, &str)> = texts.iter().map(|(n, t)| (*n, t.as_str())).collect();
    Ok(Value::String(words::fill(word, &slots)))
}

fn arg<T: serde::de::DeserializeOwned>(args: &Args, name: &str, function: &str) -> tera::Result<T> {
    let value = args
        .get(name)
        .ok_or_else(|| tera::Error::msg(format!("{function}: missing argument `{name}`")))?;
    serde_json::from_value(value.clone())
        .map_err(|e| tera::Error::msg(format!("{function}: argument `{name}`: {e}")))
}

fn heading(args: &Args, function: &str) -> tera::Result<Heading> {
    Ok(Heading {
        id: arg(args, "id", function)?,
        title: arg(args, "title", function)?,
    })
}

/// The unit of the values (`unit="%"`), by default the theme's word for points.
fn unit_word<'a>(args: &'a Args, words: &'a Words) -> &'a str {
    args.get("unit")
        .and_then(|u| u.as_str())
        .unwrap_or_else(|| words.get("common.points"))
}

/// `chart_bars(id, title, bars=[{label, value, max, prefix}], unit="điểm")`
fn chart_bars(args: &Args, words: &Words) -> tera::Result<Value> {
    let bars: Vec<charts::Bar> = arg(args, "bars", "chart_bars")?;
    let h = heading(args, "chart_bars")?;
    Ok(charts::bars(&h, &bars, unit_word(args, words), words).into())
}

/// `chart_history(id, title, points=[{date, value}], max, unit="điểm")`
fn chart_history(args: &Args, words: &Words) -> tera::Result<Value> {
    let points: Vec<charts::Point> = arg(args, "points", "chart_history")?;
    let max: f64 = arg(args, "max", "chart_history")?;
    let h = heading(args, "chart_history")?;
    Ok(charts::history(&h, &points, max, unit_word(args, words), words).into())
}

/// `chart_status(id, title, counts=[{status, label, count}])`
fn chart_status(args: &Args, words: &Words) -> tera::Result<Value> {
    #[derive(serde::Deserialize)]
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
    Ok(charts::stacked(&h, &segments, words).into())
}

/// `chart_pace(id, title, points=[{date, due, done}])`: tasks due and done,
/// cumulated by date.
fn chart_pace(args: &Args, words: &Words) -> tera::Result<Value> {
    let points: Vec<charts::PacePoint> = arg(args, "points", "chart_pace")?;
    let h = heading(args, "chart_pace")?;
    Ok(charts::pace(&h, &points, words).into())
}
