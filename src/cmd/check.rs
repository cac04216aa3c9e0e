use std::path::PathBuf;
use std::process::ExitCode;

use tiendo::diagnostics::Diagnostics;
use tiendo::site::{self, Outcome};

// Help texts: `args` and `commands.check` of src/cmd/texts/{vi,en}.yaml.
#[derive(clap::Args)]
pub struct Args {
    #[arg(long, default_value = "content")]
    content: PathBuf,
    #[arg(long)]
    theme: Option<PathBuf>,
    #[arg(long, default_value = "text", value_parser = ["text", "json"])]
    format: String,
    #[arg(long, short)]
    quiet: bool,
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
