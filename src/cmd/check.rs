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
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let json = args.format == "json";
    let show = |diags: Diagnostics| {
        if json {
            for d in diags.sorted() {
                println!("{}", d.to_json());
            }
        } else {
            super::report(diags);
        }
    };
    match site::check(&args.content, None, args.theme.as_deref())? {
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
