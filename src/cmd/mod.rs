pub mod build;
pub mod check;
pub mod errors;
pub mod help;
pub mod import;
pub mod lang;
pub mod new;
pub mod progress;
pub mod schema;
pub mod serve;

use std::path::PathBuf;

use tiendo::diagnostics::{Diagnostic, Diagnostics, Severity};

/// What `build` and `serve` both read: one struct, flattened into each,
/// so that the two commands take the same flags with the same help
/// (`args` of src/cmd/texts/{vi,en}.yaml).
#[derive(clap::Args)]
pub struct SiteArgs {
    #[arg(long, default_value = "content")]
    pub content: PathBuf,
    #[arg(long, value_parser = parse_date)]
    pub as_of: Option<chrono::NaiveDate>,
    #[arg(long, default_value = "public", value_parser = ["public", "committee"])]
    pub audience: String,
    #[arg(long)]
    pub theme: Option<PathBuf>,
}

impl SiteArgs {
    /// Whether the site is the steering committee's.
    pub fn committee(&self) -> bool {
        self.audience == "committee"
    }
}

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

pub fn parse_date(text: &str) -> Result<chrono::NaiveDate, String> {
    tiendo::validate::parse_date(text)
        .ok_or_else(|| format!("`{text}` không phải ngày dạng 2023-11-14"))
}
