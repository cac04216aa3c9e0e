use std::path::PathBuf;
use std::process::ExitCode;

use tiendo::committee;
use tiendo::site::{self, BuildOptions, Outcome};

// Help texts: `args` and `commands.build` of src/cmd/texts/{vi,en}.yaml.
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    site: super::SiteArgs,
    #[arg(long, default_value = "public")]
    output: PathBuf,
    #[arg(long)]
    offline: bool,
    #[arg(long)]
    secret_path: Option<String>,
    #[arg(long)]
    passphrase_file: Option<PathBuf>,
    #[arg(long, short)]
    quiet: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let committee = args.site.committee();
    if !committee && (args.secret_path.is_some() || args.passphrase_file.is_some()) {
        anyhow::bail!("--secret-path và --passphrase-file chỉ dùng với --audience committee");
    }
    let passphrase = match committee {
        true => committee::passphrase(args.passphrase_file.as_deref())?,
        false => None,
    };
    let options = BuildOptions {
        content: args.site.content,
        output: args.output.clone(),
        as_of: args.site.as_of,
        committee,
        theme: args.site.theme,
        offline: args.offline,
        secret_path: args.secret_path,
        passphrase,
    };
    let progress = super::progress::Progress::new(args.quiet);
    let outcome = site::build_with(&options, &|step| progress.step(step));
    progress.finish();
    match outcome? {
        Outcome::Done(report, diags) => {
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
