//! Dates and points, as officers write them.

use chrono::NaiveDate;

use super::Validator;
use crate::load::raw::Scalar;
use crate::load::{FileId, Seg};
use crate::model::Points;

impl Validator<'_> {
    pub(super) fn date(&mut self, file: FileId, at: &[Seg], value: &Scalar) -> Option<NaiveDate> {
        let text = value.as_text();
        match parse_date(&text) {
            Some(d) => Some(d),
            None => {
                self.error(
                    file,
                    at,
                    format!("ngày `{text}` không hợp lệ"),
                    Some(
                        "viết ngày dạng năm-tháng-ngày, ví dụ 2023-11-20 (hoặc 20/11/2023)".into(),
                    ),
                );
                None
            }
        }
    }

    pub(super) fn points(&mut self, file: FileId, at: &[Seg], value: &Scalar) -> Option<Points> {
        let parsed = match value {
            Scalar::Int(i) => i.checked_mul(Points::SCALE).map(Points),
            Scalar::Float(f) => Points::from_f64(*f),
            Scalar::Text(t) => Points::parse(t),
            Scalar::Bool(_) => None,
        };
        match parsed {
            Some(p) if p.0 >= 0 => Some(p),
            Some(p) => {
                self.error(
                    file,
                    at,
                    format!("điểm `{p}` không được âm"),
                    Some(
                        "điểm từ 0 đến điểm tối đa của tiêu chí; điểm trừ ghi vào explanation"
                            .into(),
                    ),
                );
                None
            }
            None if too_many_decimals(value) => {
                self.error(
                    file,
                    at,
                    format!("điểm `{}` có quá ba chữ số sau dấu phẩy", value.as_text()),
                    Some("làm tròn đến ba chữ số thập phân, ví dụ 1.235".into()),
                );
                None
            }
            None => {
                let mut text = value.as_text();
                if text.chars().count() > 24 {
                    text = text.chars().take(24).collect::<String>() + "…";
                }
                self.error(
                    file,
                    at,
                    format!("`{text}` không phải một số điểm"),
                    Some(
                        "viết số thập phân, tối đa ba chữ số sau dấu phẩy: 1.4 hoặc \"1,4\"".into(),
                    ),
                );
                None
            }
        }
    }
}

/// `2023-11-20`, or `20/11/2023` as officers write it.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .ok()
        .filter(|_| t.len() == 10)
        .or_else(|| {
            let parts: Vec<&str> = t.split('/').collect();
            if parts.len() != 3 || parts[2].len() != 4 {
                return None;
            }
            let d = parts[0].parse().ok()?;
            let m = parts[1].parse().ok()?;
            let y = parts[2].parse().ok()?;
            NaiveDate::from_ymd_opt(y, m, d)
        })
}

/// A decimal that would parse but for its fourth or later decimal.
fn too_many_decimals(value: &Scalar) -> bool {
    let text = match value {
        Scalar::Float(f) => format!("{f}"),
        Scalar::Text(t) => t.trim().replace(',', "."),
        _ => return false,
    };
    match text.split_once('.') {
        Some((w, f)) => {
            f.len() > 3
                && w.trim_start_matches('-')
                    .bytes()
                    .all(|b| b.is_ascii_digit())
                && f.bytes().all(|b| b.is_ascii_digit())
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_both_forms() {
        let d = NaiveDate::from_ymd_opt(2023, 11, 20).unwrap();
        assert_eq!(parse_date("2023-11-20"), Some(d));
        assert_eq!(parse_date("20/11/2023"), Some(d));
        assert_eq!(parse_date("2023-13-01"), None);
        assert_eq!(parse_date("31/02/2023"), None);
        assert_eq!(parse_date("2023-1-2"), None);
    }
}
