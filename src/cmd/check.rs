use std::path::PathBuf;
use std::process::ExitCode;

use tiendo::site::{self, Outcome};

#[derive(clap::Args)]
pub struct Args {
    /// Content folder
    #[arg(long, default_value = "content")]
    content: PathBuf,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    match site::check(&args.content, None)? {
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
