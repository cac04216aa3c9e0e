use std::path::PathBuf;
use std::process::ExitCode;

use tiendo::diagnostics::Diagnostics;
use tiendo::site::{self, Outcome};

#[derive(clap::Args)]
pub struct Args {
    /// Content folder
    #[arg(long, default_value = "content")]
    content: PathBuf,
    /// Also check a theme folder: its templates, stylesheet and words
    #[arg(long)]
    theme: Option<PathBuf>,
    /// text (for people, on stderr) or json (one object per problem and line, on stdout)
    #[arg(long, default_value = "text", value_parser = ["text", "json"])]
    format: String,
    /// Show no progress, even on a terminal
    #[arg(long, short)]
    quiet: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let json = args.format == "json";
    let show = |diags: Diagnostics| {
        if json {
            for d in diags.sorted() {
                match d.to_json() {
                    Ok(line) => println!("{line}"),
                    Err(e) => eprintln!("lỗi: {e}"),
                }
            }
        } else {
            super::report(diags);
        }
    };
    // A program reading the JSON wants nothing else on the terminal.
    let progress = super::progress::Progress::new(args.quiet || json);
    let outcome = site::check_with(&args.content, None, args.theme.as_deref(), &|step| {
        progress.step(step)
    });
    progress.finish();
    match outcome? {
        Outcome::Done((), diags) => {
            show(diags);
            if !json {
                eprintln!("nội dung hợp lệ");
            }
            Ok(ExitCode::SUCCESS)
        }
        Outcome::Invalid(diags) => {
            show(diags);
            Ok(ExitCode::FAILURE)
        }
    }
}
