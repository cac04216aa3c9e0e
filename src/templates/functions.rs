//! What the templates can call besides their data: the formatting filters
//! (`date_vi`, `num_vi`, `percent`, `fill`, in the words' language) and the
//! chart functions of [`charts`], which draw SVG with the theme's words.

use std::collections::BTreeMap;
use std::sync::Arc;

use tera::{Kwargs, State, Tera, TeraResult, Value};

use crate::graphics::charts;
use crate::text::format;
use crate::text::words::{self, Words};

/// Registers every filter and function on `tera`.
pub fn register(tera: &mut Tera, words: &Arc<Words>) {
    let w = Arc::clone(words);
    tera.register_filter("date_vi", move |value: &Value, _: Kwargs, _: &State| {
        date_filter(value, &w)
    });
    let language = words.language().to_string();
    tera.register_filter("num_vi", move |value: &Value, args: Kwargs, _: &State| {
        num_filter(value, &args, &language)
    });
    let language = words.language().to_string();
    tera.register_filter("percent", move |value: &Value, _: Kwargs, _: &State| {
        percent_filter(value, &language)
    });
    let language = words.language().to_string();
    tera.register_filter("fill", move |value: &Value, args: Kwargs, _: &State| {
        fill_filter(value, &args, &language)
    });
    let w = Arc::clone(words);
    tera.register_function("chart_bars", move |args: Kwargs, _: &State| {
        charts::chart_bars(&args, &w)
    });
    let w = Arc::clone(words);
    tera.register_function("chart_history", move |args: Kwargs, _: &State| {
        charts::chart_history(&args, &w)
    });
    let w = Arc::clone(words);
    tera.register_function("chart_pace", move |args: Kwargs, _: &State| {
        charts::chart_pace(&args, &w)
    });
    let w = Arc::clone(words);
    tera.register_function("chart_status", move |args: Kwargs, _: &State| {
        charts::chart_status(&args, &w)
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

/// `{{ d | date_vi }}`: the date in the words' language.
fn date_filter(value: &Value, words: &Words) -> TeraResult<Value> {
    let Some(text) = value.as_str() else {
        return Ok(Value::from(""));
    };
    match format::parse_iso_date(text) {
        Some(d) => Ok(Value::from(format::date(words, d))),
        None => Err(tera::Error::message(format!(
            "date_vi: `{text}` is not a date"
        ))),
    }
}

/// `{{ 85.42 | percent }}` → `85,42%` (`85.42%` in English).
fn percent_filter(value: &Value, language: &str) -> TeraResult<Value> {
    match value.as_f64() {
        Some(n) => Ok(Value::from(format::percent(language, n))),
        None => Err(tera::Error::message(format!(
            "percent: `{value}` is not a number"
        ))),
    }
}

/// `{{ 1.4 | num_vi(decimals=2, abs=true) }}`: the number in `language`.
fn num_filter(value: &Value, args: &Kwargs, language: &str) -> TeraResult<Value> {
    let decimals = args.get::<u64>("decimals")?.unwrap_or(3) as usize;
    let abs = args.get::<bool>("abs")?.unwrap_or(false);
    match value.as_f64() {
        Some(n) => Ok(Value::from(format::number(
            language,
            if abs { n.abs() } else { n },
            decimals,
        ))),
        None if value.is_none() || value.is_undefined() => Ok(Value::from("–")),
        None => Err(tera::Error::message(format!(
            "num_vi: `{value}` is not a number"
        ))),
    }
}
