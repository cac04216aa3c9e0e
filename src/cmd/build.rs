use std::path::PathBuf;
use std::process::ExitCode;

use tiendo::committee;
use tiendo::site::{self, BuildOptions, Outcome};

#[derive(clap::Args)]
pub struct Args {
    /// Content folder
    #[arg(long, default_value = "content")]
    content: PathBuf,
    /// Output folder; replaced as a whole once the build succeeds
    #[arg(long, default_value = "public")]
    output: PathBuf,
    /// Compute task statuses as of this date (YYYY-MM-DD) instead of site.yaml's as_of
    #[arg(long, value_parser = super::parse_date)]
    as_of: Option<chrono::NaiveDate>,
    /// Who the site is for: public (default) or committee (includes committee-only notes, not indexed)
    #[arg(long, default_value = "public", value_parser = ["public", "committee"])]
    audience: String,
    /// Theme folder with templates/ and static/style.css (default: the built-in theme)
    #[arg(long)]
    theme: Option<PathBuf>,
    /// Make a copy to open from the file system (a USB stick, a zip): links name index.html
    #[arg(long)]
    offline: bool,
    /// Committee build: the secret folder name to use instead of the one kept in .tiendo/committee-secret beside the content folder
    #[arg(long)]
    secret_path: Option<String>,
    /// Committee build: encrypt every page and data file with the passphrase on this file's first line (or set TIENDO_PASSPHRASE)
    #[arg(long)]
    passphrase_file: Option<PathBuf>,
    /// Show no progress, even on a terminal
    #[arg(long, short)]
    quiet: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let committee = args.audience == "committee";
    if !committee && (args.secret_path.is_some() || args.passphrase_file.is_some()) {
        anyhow::bail!("--secret-path và --passphrase-file chỉ dùng với --audience committee");
    }
    let passphrase = match committee {
        true => committee::passphrase(args.passphrase_file.as_deref())?,
        false => None,
    };
    let options = BuildOptions {
        content: args.content,
        output: args.output.clone(),
        as_of: args.as_of,
        committee,
        theme: args.theme,
        offline: args.offline,
        secret_path: args.secret_path,
        passphrase,
    };
    let progress = super::progress::Progress::new(args.quiet);
    let outcome = site::build_with(&options, &|step| progress.step(step));
    progress.finish();
    match outcome? {
        Outcome::Done(report, diags) => {
            if let Some(timings) = &report.timings {
                eprint!("{timings}");
            }
            super::report(diags);
            eprintln!(
                "đã tạo {} trang ({} tệp, {} KB) trong {}",
                report.pages,
                report.files,
                report.bytes / 1024,
                args.output.display()
            );
            if let Some(link) = report.link {
                eprintln!("đường dẫn chia sẻ cho Ban Chỉ đạo (không công bố): {link}");
                println!("{link}");
            }
            Ok(ExitCode::SUCCESS)
        }
        Outcome::Invalid(diags) => {
            super::report(diags);
            eprintln!(
                "không tạo trang: hãy sửa các lỗi trên; thư mục {} giữ nguyên",
                args.output.display()
            );
            Ok(ExitCode::FAILURE)
        }
    }
}
