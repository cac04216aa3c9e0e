//! Mistakes on the command line, told in Vietnamese and in the shape of
//! the content's diagnostics (`lỗi: …`, `  gợi ý: …`): clap finds them,
//! this formatter words them. English help keeps clap's own wording.

use std::fmt::Write as _;

use clap::builder::StyledStr;
use clap::error::{ContextKind, ContextValue, Error, ErrorFormatter, ErrorKind};

pub struct Vietnamese;

impl ErrorFormatter for Vietnamese {
    fn format_error(error: &Error<Self>) -> StyledStr {
        let mut out = format!("lỗi: {}", message(error));
        if let Some(hint) = hint(error) {
            let _ = write!(out, "\n  gợi ý: {hint}");
        }
        if let Some(ContextValue::StyledStr(usage)) = error.get(ContextKind::Usage) {
            let usage = usage.to_string();
            // clap heads it "Usage:"; the line itself is ours
            // (`override_usage`), in Vietnamese.
            let line = usage.trim_start_matches("Usage:").trim();
            let command: Vec<&str> = line
                .split_whitespace()
                .take_while(|w| !w.starts_with(['[', '<', '-']))
                .collect();
            let _ = write!(
                out,
                "\n\nCách dùng: {line}\nXem hướng dẫn: {} --help",
                command.join(" ")
            );
        }
        out.push('\n');
        StyledStr::from(out)
    }
}

fn text(error: &Error<Vietnamese>, kind: ContextKind) -> Option<String> {
    match error.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(s) => Some(s.join(", ")),
        _ => None,
    }
}

fn message(error: &Error<Vietnamese>) -> String {
    let arg = text(error, ContextKind::InvalidArg).unwrap_or_default();
    let value = text(error, ContextKind::InvalidValue).unwrap_or_default();
    let sub = text(error, ContextKind::InvalidSubcommand).unwrap_or_default();
    match error.kind() {
        ErrorKind::UnknownArgument if arg.starts_with('-') => {
            format!("không có tùy chọn `{arg}`")
        }
        ErrorKind::UnknownArgument => {
            format!("không hiểu `{arg}`: lệnh này không nhận thêm đối số")
        }
        ErrorKind::InvalidSubcommand => format!("không có lệnh `{sub}`"),
        ErrorKind::InvalidValue if value.is_empty() => format!("`{arg}` cần một giá trị"),
        ErrorKind::InvalidValue => format!("`{value}` không phải giá trị của `{arg}`"),
        ErrorKind::ValueValidation => {
            let why = error_source(error);
            format!("`{arg}`: {why}")
        }
        ErrorKind::MissingRequiredArgument => format!("thiếu {arg}"),
        ErrorKind::MissingSubcommand => format!("`{sub}` cần thêm tên một lệnh con"),
        ErrorKind::ArgumentConflict => {
            let prior = text(error, ContextKind::PriorArg).unwrap_or_default();
            if prior.is_empty() || prior == arg {
                format!("`{arg}` chỉ được ghi một lần")
            } else {
                format!("`{arg}` không dùng được cùng `{prior}`")
            }
        }
        ErrorKind::TooManyValues => format!("thừa giá trị `{value}` sau `{arg}`"),
        ErrorKind::NoEquals => format!("`{arg}` cần dấu `=` trước giá trị"),
        ErrorKind::InvalidUtf8 => "đối số có ký tự không phải UTF-8".into(),
        _ => error_source(error),
    }
}

/// What the value parser said (our own words, as `parse_date`'s), or
/// clap's word for the kind.
fn error_source(error: &Error<Vietnamese>) -> String {
    match std::error::Error::source(error) {
        Some(source) => source.to_string(),
        None => error.kind().as_str().unwrap_or("lỗi dòng lệnh").to_string(),
    }
}

fn hint(error: &Error<Vietnamese>) -> Option<String> {
    for kind in [
        ContextKind::SuggestedArg,
        ContextKind::SuggestedSubcommand,
        ContextKind::SuggestedValue,
    ] {
        if let Some(suggested) = text(error, kind) {
            return Some(format!("có phải ý bạn là `{suggested}`?"));
        }
    }
    let valid = match error.kind() {
        ErrorKind::MissingSubcommand => text(error, ContextKind::ValidSubcommand),
        _ => text(error, ContextKind::ValidValue),
    }?;
    Some(format!("dùng một trong: {valid}"))
}

#[cfg(test)]
mod tests {
    use super::super::lang::{Language, localize};

    fn error(args: &[&str]) -> String {
        let command = localize(crate::cli(), &Language::Vi.texts());
        match command.try_get_matches_from(args) {
            Ok(_) => panic!("{args:?} parsed"),
            Err(e) => e.apply::<super::Vietnamese>().to_string(),
        }
    }

    #[test]
    fn mistakes_are_told_in_vietnamese_with_a_hint() {
        let e = error(&["tiendo", "build", "--ouput", "x"]);
        assert!(e.starts_with("lỗi: không có tùy chọn `--ouput`"), "{e}");
        assert!(e.contains("gợi ý: có phải ý bạn là `--output`?"), "{e}");
        assert!(e.contains("Cách dùng: tiendo build [TÙY_CHỌN]"), "{e}");
        assert!(e.contains("Xem hướng dẫn: tiendo build --help"), "{e}");

        let e = error(&["tiendo", "buil"]);
        assert!(e.starts_with("lỗi: không có lệnh `buil`"), "{e}");
        assert!(e.contains("có phải ý bạn là `build`?"), "{e}");

        let e = error(&["tiendo", "build", "--audience", "ban"]);
        assert!(
            e.contains("`ban` không phải giá trị của `--audience <BẢN>`"),
            "{e}"
        );
        assert!(e.contains("dùng một trong: public, committee"), "{e}");

        let e = error(&["tiendo", "build", "--as-of", "20/13/2023"]);
        assert!(e.contains("không phải ngày"), "{e}");

        let e = error(&["tiendo", "new"]);
        assert!(e.starts_with("lỗi: thiếu <THƯ_MỤC>"), "{e}");
        for english in ["error:", "Usage", "tip:", "For more"] {
            assert!(!e.contains(english), "{english}: {e}");
        }
    }
}
