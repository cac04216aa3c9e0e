use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// The folder to create (it must not exist, or be empty)
    dir: PathBuf,
    /// The date the example's figures stand at (`as_of`; default: today)
    #[arg(long, value_parser = super::parse_date)]
    as_of: Option<chrono::NaiveDate>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let as_of = args.as_of.unwrap_or_else(tiendo::new::today);
    let written = tiendo::new::create(&args.dir, as_of)?;
    eprintln!(
        "đã tạo trang mẫu ({} tệp) trong {}",
        written.len(),
        args.dir.display()
    );
    eprintln!(
        "tiếp theo: cd {} && tiendo serve   (xem README.md trong thư mục đó)",
        args.dir.display()
    );
    Ok(ExitCode::SUCCESS)
}
