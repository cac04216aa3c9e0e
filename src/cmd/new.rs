use std::path::PathBuf;
use std::process::ExitCode;

use tiendo::new::Example;

// Help texts: `commands.new` of src/cmd/texts/{vi,en}.yaml.
#[derive(clap::Args)]
pub struct Args {
    dir: PathBuf,
    #[arg(long, value_parser = super::parse_date)]
    as_of: Option<chrono::NaiveDate>,
    #[arg(long, default_value = "tinh", value_parser = Example::NAMES)]
    example: String,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let example = Example::named(&args.example).unwrap_or_default();
    let written = tiendo::new::create(&args.dir, example, args.as_of)?;
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
