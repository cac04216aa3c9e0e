//! Dates and numbers in the language of the words: `20/11/2023`, `1,4`,
//! `85,42%` in Vietnamese; `20 Nov 2023`, `1.4`, `85.42%` in English. The
//! templates call them as filters (`{{ d | date_vi }}`, `{{ 1.4 | num_vi }}`,
//! names kept for the themes that use them), registered by `templates`;
//! the patterns of dates and the names of months are words (`date.*`), the
//! marks of numbers a rule of the language, like its plural rules.

use chrono::{Datelike, NaiveDate};

use super::words::{self, Words};

/// Decimals of a percentage: PAR results are published with two (85,42%),
/// and fewer digits would make close units look tied. Trailing zeros go.
pub const PERCENT_DECIMALS: usize = 2;

/// The words of the months, January first.
const MONTHS: [&str; 12] = [
    "date.months.jan",
    "date.months.feb",
    "date.months.mar",
    "date.months.apr",
    "date.months.may",
    "date.months.jun",
    "date.months.jul",
    "date.months.aug",
    "date.months.sep",
    "date.months.oct",
    "date.months.nov",
    "date.months.dec",
];

/// `2023-11-20` → `20/11/2023`.
pub fn date_vi(date: NaiveDate) -> String {
    date.format("%d/%m/%Y").to_string()
}

/// A date by the words' pattern `date.long`: `20/11/2023`, `20 Nov 2023`.
pub fn date(words: &Words, date: NaiveDate) -> String {
    date_by(words, "date.long", date)
}

fn date_by(words: &Words, key: &str, date: NaiveDate) -> String {
    let mut out = String::with_capacity(16);
    push_date_by(&mut out, words, words.get(key), date);
    out
}

/// The date patterns of the words, looked up once, for code that writes
/// dates by the dozen straight into its output (the charts).
pub struct Dates<'w> {
    words: &'w Words,
    long: &'w str,
    short: &'w str,
}

impl<'w> Dates<'w> {
    pub fn new(words: &'w Words) -> Dates<'w> {
        Dates {
            words,
            long: words.get("date.long"),
            short: words.get("date.short"),
        }
    }

    /// [`date`], appended to `out`.
    pub fn push(&self, out: &mut String, date: NaiveDate) {
        push_date_by(out, self.words, self.long, date);
    }

    /// A date without its year, for the axes of charts (`20/11`, `20 Nov`),
    /// appended to `out`.
    pub fn push_short(&self, out: &mut String, date: NaiveDate) {
        push_date_by(out, self.words, self.short, date);
    }
}

/// A date by `pattern` (one of the words' `date.*`), appended to `out`.
fn push_date_by(out: &mut String, words: &Words, pattern: &str, date: NaiveDate) {
    words::fill_into(out, pattern, |out, slot| {
        match slot {
            "day" => push_integer(out, u64::from(date.day())),
            "day2" => push_two_digits(out, date.day()),
            "month2" => push_two_digits(out, date.month()),
            "month" => out.push_str(words.get(MONTHS[date.month0() as usize])),
            "year" => {
                if date.year() < 0 {
                    out.push('-');
                }
                push_integer(out, u64::from(date.year().unsigned_abs()));
            }
            _ => return false,
        }
        true
    });
}

fn push_two_digits(out: &mut String, n: u32) {
    if n < 10 {
        out.push('0');
    }
    push_integer(out, u64::from(n));
}

/// An integer as it is, without marks (counts, years), appended to `out`:
/// written by `itoa`, without the formatting machinery (open data and
/// charts write millions of them).
pub fn push_integer(out: &mut String, n: u64) {
    out.push_str(itoa::Buffer::new().format(n));
}

/// A view's date as templates receive it, `2023-11-20` (serde's
/// `serialize_with`): Tera has no type of date, so this is the form the
/// `date_vi` filter, the charts and `datetime` attributes read. Written
/// without a string of its own: a value this short is kept inside Tera's.
pub fn serialize_iso<S: serde::Serializer>(date: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
    let (y, m, d) = (date.year(), date.month(), date.day());
    let y = match u32::try_from(y) {
        Ok(y) if y <= 9999 => y,
        // Beyond what four digits hold: chrono's own form (`+10000-01-01`).
        _ => return s.collect_str(date),
    };
    // Each digit by itself: pages hold tens of thousands of dates, and the
    // formatting machinery cost more than the rest of writing one.
    let digit = |n: u32| b'0' + (n % 10) as u8;
    let b = [
        digit(y / 1000),
        digit(y / 100),
        digit(y / 10),
        digit(y),
        b'-',
        digit(m / 10),
        digit(m),
        b'-',
        digit(d / 10),
        digit(d),
    ];
    // Digits and dashes only: always text.
    s.serialize_str(std::str::from_utf8(&b).unwrap_or_default())
}

/// [`serialize_iso`] of a date that may be missing.
pub fn serialize_iso_opt<S: serde::Serializer>(
    date: &Option<NaiveDate>,
    s: S,
) -> Result<S::Ok, S::Error> {
    /// A date that serializes as [`serialize_iso`] does.
    struct Iso(NaiveDate);
    impl serde::Serialize for Iso {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            serialize_iso(&self.0, s)
        }
    }
    match date {
        Some(d) => s.serialize_some(&Iso(*d)),
        None => s.serialize_none(),
    }
}

/// `2023-11-20` as a date. The views write dates this way
/// ([`serialize_iso`]), and the charts and the `date_vi` filter read them by
/// the dozen a page: the ISO form is read by hand, anything else by
/// chrono's parser (which interprets its pattern on every call).
pub fn parse_iso_date(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    if b.len() == 10 && b[4] == b'-' && b[7] == b'-' {
        let number = |from: usize, to: usize| {
            b[from..to].iter().try_fold(0u32, |n, &c| {
                c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
            })
        };
        if let (Some(y), Some(m), Some(d)) = (number(0, 4), number(5, 7), number(8, 10)) {
            return NaiveDate::from_ymd_opt(y as i32, m, d);
        }
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

/// The marks of `language`'s numbers: (thousands, decimals).
fn marks(language: &str) -> (char, char) {
    match language {
        "en" => (',', '.'),
        _ => ('.', ','),
    }
}

/// A number the Vietnamese way: `1.4` → `1,4`, `4000` → `4.000`,
/// with at most `decimals` decimals and no trailing zeros.
pub fn num_vi(value: f64, decimals: usize) -> String {
    number("vi", value, decimals)
}

/// A number the way of `language`, with at most `decimals` decimals and no
/// trailing zeros: `1,4` and `4.000` in Vietnamese, `1.4` and `4,000` in
/// English.
pub fn number(language: &str, value: f64, decimals: usize) -> String {
    let mut out = String::with_capacity(16);
    push_number(&mut out, language, value, decimals);
    out
}

/// [`number`], appended to `out`: one of the hottest functions of a large
/// build (several per score row), so it formats from an integer, with no
/// allocation of its own.
pub fn push_number(out: &mut String, language: &str, value: f64, decimals: usize) {
    let (thousands, decimal) = marks(language);
    let factor = 10u64.pow(decimals.min(9) as u32);
    let scaled = (value * factor as f64).round();
    // Beyond 2^53 the integer would not be exact; such numbers are not
    // scores, and take the slower general path.
    if decimals > 9 || !scaled.is_finite() || scaled.abs() >= 9_007_199_254_740_992.0 {
        out.push_str(&number_general(language, value, decimals));
        return;
    }
    if scaled < 0.0 {
        out.push('-');
    }
    let scaled = scaled.abs() as u64;
    let (whole, mut frac) = (scaled / factor, scaled % factor);
    let mut digits = [0u8; 20];
    let mut n = 0;
    let mut rest = whole;
    loop {
        digits[n] = b'0' + (rest % 10) as u8;
        n += 1;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    for i in (0..n).rev() {
        out.push(digits[i] as char);
        if i > 0 && i % 3 == 0 {
            out.push(thousands);
        }
    }
    if frac == 0 {
        return;
    }
    let mut width = decimals;
    while frac % 10 == 0 {
        frac /= 10;
        width -= 1;
    }
    out.push(decimal);
    for place in (0..width).rev() {
        out.push((b'0' + (frac / 10u64.pow(place as u32) % 10) as u8) as char);
    }
}

/// The general way, through the standard formatter: for numbers too large
/// for [`push_number`]'s integer.
fn number_general(language: &str, value: f64, decimals: usize) -> String {
    let (thousands, decimal) = marks(language);
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
            grouped.push(thousands);
        }
        grouped.push(ch);
    }
    let sign = if rounded < 0.0 { "-" } else { "" };
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}{decimal}{frac}")
    }
}

/// A percentage with the decimals of PAR results: `85,42%`, `85.42%`.
pub fn percent(language: &str, value: f64) -> String {
    let mut out = String::with_capacity(16);
    push_number(&mut out, language, value, PERCENT_DECIMALS);
    out.push('%');
    out
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

    /// The integer path gives what the standard formatter gives, for
    /// every number a score, a percentage or a count can be.
    #[test]
    fn the_integer_path_formats_like_the_general_one() {
        let mut values = vec![0.0, -0.0, 0.5, 1.0005, 2.675, 1e12 + 0.5, -0.0004, 999.9995];
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..200_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let magnitude = [1.0, 100.0, 10_000.0, 1e9][(x % 4) as usize];
            let v = (x >> 11) as f64 / (1u64 << 53) as f64 * magnitude;
            values.push(if x.is_multiple_of(5) { -v } else { v });
        }
        for v in values {
            for decimals in 0..=4 {
                for language in ["vi", "en"] {
                    assert_eq!(
                        number(language, v, decimals),
                        number_general(language, v, decimals),
                        "{v} with {decimals} decimals in {language}"
                    );
                }
            }
        }
        assert_eq!(number("vi", 1e300, 2), number_general("vi", 1e300, 2));
    }

    #[test]
    fn numbers_the_english_way() {
        assert_eq!(number("en", 1.4, 3), "1.4");
        assert_eq!(number("en", 1234567.891, 2), "1,234,567.89");
        assert_eq!(percent("en", 85.42), "85.42%");
        assert_eq!(percent("vi", 85.42), "85,42%");
        assert_eq!(number("vi", 1.4, 3), num_vi(1.4, 3));
    }

    #[test]
    fn dates_by_the_words_of_the_language() {
        let d = NaiveDate::from_ymd_opt(2023, 11, 7).unwrap();
        let vi = Words::parse(include_str!("../../themes/default/words/vi.yaml"), "vi").unwrap();
        let en = Words::parse(include_str!("../../themes/default/words/en.yaml"), "en").unwrap();
        assert_eq!(date(&vi, d), "07/11/2023");
        assert_eq!(date(&vi, d), date_vi(d));
        let date_short = |words: &Words, d: NaiveDate| {
            let mut out = String::new();
            Dates::new(words).push_short(&mut out, d);
            out
        };
        assert_eq!(date_short(&vi, d), "07/11");
        assert_eq!(date(&en, d), "7 Nov 2023");
        assert_eq!(date_short(&en, d), "7 Nov");
        let mut out = String::from("→ ");
        Dates::new(&vi).push(&mut out, d);
        assert_eq!(out, "→ 07/11/2023");
    }

    #[test]
    fn iso_dates_read_by_hand_as_chrono_reads_them() {
        for text in [
            "2023-11-20",
            "2024-02-29",
            "2023-02-29",
            "0999-01-01",
            "2023-1-20",
            "2023-11-2x",
            "20/11/2023",
            "",
            "2023-13-01",
        ] {
            assert_eq!(
                parse_iso_date(text),
                NaiveDate::parse_from_str(text, "%Y-%m-%d").ok(),
                "{text}"
            );
        }
    }

    #[test]
    fn views_write_dates_as_chrono_writes_them_and_read_them_back() {
        #[derive(serde::Serialize)]
        struct View {
            #[serde(serialize_with = "serialize_iso")]
            date: NaiveDate,
            #[serde(serialize_with = "serialize_iso_opt")]
            maybe: Option<NaiveDate>,
        }
        for (y, m, d) in [
            (2023, 11, 7),
            (2024, 2, 29),
            (999, 1, 1),
            (1, 12, 31),
            (9999, 12, 31),
            (10000, 1, 1),
            (-1, 1, 1),
            (0, 1, 1),
            (1010, 10, 10),
        ] {
            let date = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            let view = View {
                date,
                maybe: Some(date),
            };
            let json = serde_json::to_value(&view).unwrap();
            let written = date.to_string();
            assert_eq!(json["date"], written.as_str());
            assert_eq!(json["maybe"], written.as_str());
            if (0..=9999).contains(&y) {
                assert_eq!(parse_iso_date(&written), Some(date));
            }
        }
        // Days all over the four-digit years, every month and day.
        let mut date = NaiveDate::from_ymd_opt(0, 1, 1).unwrap();
        while date.year() <= 9999 {
            let view = View { date, maybe: None };
            let json = serde_json::to_value(&view).unwrap();
            assert_eq!(json["date"], date.to_string().as_str());
            date += chrono::Duration::days(13);
        }
        let none = View {
            date: NaiveDate::MIN,
            maybe: None,
        };
        assert!(serde_json::to_value(&none).unwrap()["maybe"].is_null());
    }

    #[test]
    fn a_date_pattern_keeps_unknown_slots() {
        let vi = Words::parse(include_str!("../../themes/default/words/vi.yaml"), "vi")
            .unwrap()
            .with_entries([("date.long".to_string(), "{weekday} {day}/{month2}/{year}")]);
        let d = NaiveDate::from_ymd_opt(2023, 11, 7).unwrap();
        assert_eq!(date(&vi, d), "{weekday} 7/11/2023");
    }

    #[test]
    fn dates_the_vietnamese_way() {
        assert_eq!(
            date_vi(NaiveDate::from_ymd_opt(2023, 11, 7).unwrap()),
            "07/11/2023"
        );
    }
}
