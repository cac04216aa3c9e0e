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
    /// Show no progress, even on a terminal
    #[arg(long, short)]
    quiet: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let progress = super::progress::Progress::new(args.quiet);
    let outcome = site::check_with(&args.content, None, args.theme.as_deref(), &|step| {
        progress.step(step)
    });
    progress.finish();
    match outcome? {
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
