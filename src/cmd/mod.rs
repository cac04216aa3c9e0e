pub mod build;
pub mod check;
pub mod import;
pub mod new;
pub mod progress;
pub mod schema;
pub mod serve;

use tiendo::diagnostics::{Diagnostic, Diagnostics, Severity};

/// Prints every diagnostic and a count; returns whether there were errors.
pub fn report(diags: Diagnostics) -> bool {
    let errors = diags.error_count();
    let warnings = diags.warning_count();
    for d in diags.sorted() {
        eprintln!("{d}");
    }
    if errors > 0 || warnings > 0 {
        eprintln!("{errors} lỗi, {warnings} cảnh báo");
    }
    errors > 0
}

/// Prints sorted diagnostics and their count; returns the number of errors.
pub fn print_diagnostics(diags: &[Diagnostic]) -> usize {
    let errors = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let warnings = diags.len() - errors;
    for d in diags {
        eprintln!("{d}");
    }
    if errors > 0 || warnings > 0 {
        eprintln!("{errors} lỗi, {warnings} cảnh báo");
    }
    errors
}

/// Prints what stopped a command, which fails.
pub fn failed(e: anyhow::Error) -> std::process::ExitCode {
    eprintln!("lỗi: {e:#}");
    std::process::ExitCode::FAILURE
}

pub fn parse_date(text: &str) -> Result<chrono::NaiveDate, String> {
    tiendo::validate::parse_date(text)
        .ok_or_else(|| format!("`{text}` không phải ngày dạng 2023-11-14"))
}
