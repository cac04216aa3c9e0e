use std::path::PathBuf;
use std::process::ExitCode;

use tiendo::site::{self, Outcome};

#[derive(clap::Args)]
pub struct Args {
    /// Content folder
    #[arg(long, default_value = "content")]
    content: PathBuf,
    /// Also check a theme folder: its templates, stylesheet and words
    #[arg(long)]
    theme: Option<PathBuf>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    match site::check(&args.content, None, args.theme.as_deref())? {
        Outcome::Done((), diags) => {
            super::report(diags);
            eprintln!("nội dung hợp lệ");
            Ok(ExitCode::SUCCESS)
        }
        Outcome::Invalid(diags) => {
            super::report(diags);
            Ok(ExitCode::FAILURE)
        }
    }
}
