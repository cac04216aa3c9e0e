//! Vietnamese formatting of dates and numbers, used by the templates as
//! filters: `{{ d | date_vi }}` → `20/11/2023`, `{{ 1.4 | num_vi }}` → `1,4`.

use std::collections::HashMap;

use chrono::NaiveDate;
use tera::{Result as TeraResult, Value};

/// Decimals of a percentage: PAR results are published with two (85,42%),
/// and fewer digits would make close units look tied. Trailing zeros go.
pub const PERCENT_DECIMALS: usize = 2;

/// `2023-11-20` → `20/11/2023`.
pub fn date_vi(date: NaiveDate) -> String {
    date.format("%d/%m/%Y").to_string()
}

/// A number the Vietnamese way: `1.4` → `1,4`, `4000` → `4.000`,
/// with at most `decimals` decimals and no trailing zeros.
pub fn num_vi(value: f64, decimals: usize) -> String {
    let factor = 10f64.powi(decimals as i32);
    let rounded = (value * factor).round() / factor;
    let text = format!("{:.*}", decimals, rounded.abs());
    let (whole, frac) = match text.split_once('.') {
        Some((w, f)) => (w.to_string(), f.trim_end_matches('0').to_string()),
        None => (text.clone(), String::new()),
    };
    let mut grouped = String::new();
    for (i, ch) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(ch);
    }
    let sign = if rounded < 0.0 { "-" } else { "" };
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped},{frac}")
    }
}

pub fn date_vi_filter(value: &Value, _: &HashMap<String, Value>) -> TeraResult<Value> {
    let Some(text) = value.as_str() else {
        return Ok(Value::String(String::new()));
    };
    match NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        Ok(d) => Ok(Value::String(date_vi(d))),
        Err(_) => Err(tera::Error::msg(format!("date_vi: `{text}` is not a date"))),
    }
}

/// `{{ 85.42 | percent }}` → `85,42%`.
pub fn percent_filter(value: &Value, _: &HashMap<String, Value>) -> TeraResult<Value> {
    match value.as_f64() {
        Some(n) => Ok(Value::String(format!("{}%", num_vi(n, PERCENT_DECIMALS)))),
        None => Err(tera::Error::msg(format!(
            "percent: `{value}` is not a number"
        ))),
    }
}

pub fn num_vi_filter(value: &Value, args: &HashMap<String, Value>) -> TeraResult<Value> {
    let decimals = args.get("decimals").and_then(Value::as_u64).unwrap_or(3) as usize;
    let abs = args.get("abs").and_then(Value::as_bool).unwrap_or(false);
    match value.as_f64() {
        Some(n) => Ok(Value::String(num_vi(
            if abs { n.abs() } else { n },
            decimals,
        ))),
        None if value.is_null() => Ok(Value::String("–".into())),
        None => Err(tera::Error::msg(format!(
            "num_vi: `{value}` is not a number"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_the_vietnamese_way() {
        assert_eq!(num_vi(1.4, 3), "1,4");
        assert_eq!(num_vi(2.0, 3), "2");
        assert_eq!(num_vi(0.75, 3), "0,75");
        assert_eq!(num_vi(4000.0, 0), "4.000");
        assert_eq!(num_vi(1234567.891, 2), "1.234.567,89");
        assert_eq!(num_vi(45.143, 1), "45,1");
        assert_eq!(num_vi(-1.5, 1), "-1,5");
    }

    #[test]
    fn dates_the_vietnamese_way() {
        assert_eq!(
            date_vi(NaiveDate::from_ymd_opt(2023, 11, 7).unwrap()),
            "07/11/2023"
        );
    }
}
