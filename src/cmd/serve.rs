use std::net::IpAddr;
use std::process::ExitCode;
use std::sync::Mutex;

use tiendo::diagnostics::Severity;
use tiendo::serve::{self, Event};

// Help texts: `args` and `commands.serve` of src/cmd/texts/{vi,en}.yaml.
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    site: super::SiteArgs,
    #[arg(long, default_value_t = 1111)]
    port: u16,
    #[arg(long, default_value = "127.0.0.1")]
    bind: IpAddr,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let options = serve::Options {
        committee: args.site.committee(),
        content: args.site.content,
        theme: args.site.theme,
        as_of: args.site.as_of,
        bind: args.bind,
        port: args.port,
    };
    eprintln!("đang đọc {}…", options.content.display());
    // The problems printed last: the same ones are not printed again on
    // every save, only counted.
    let shown: Mutex<Option<Vec<String>>> = Mutex::new(None);
    serve::run(&options, &|event| tell(event, &shown))?;
    Ok(ExitCode::SUCCESS)
}

fn tell(event: Event, shown: &Mutex<Option<Vec<String>>>) {
    match event {
        Event::Listening(address) => {
            let shown = if address.ip().is_unspecified() {
                format!("http://127.0.0.1:{}/", address.port())
            } else {
                format!("http://{address}/")
            };
            eprintln!("xem trang ở {shown}  (Ctrl+C để dừng)");
        }
        Event::Updated {
            diagnostics,
            ok,
            pages,
            took,
            in_place,
        } => {
            let texts: Vec<String> = diagnostics.iter().map(|d| d.to_string()).collect();
            let mut shown = shown.lock().unwrap_or_else(|e| e.into_inner());
            let first = shown.is_none();
            let errors = if shown.as_ref() == Some(&texts) {
                let errors = diagnostics
                    .iter()
                    .filter(|d| d.severity == Severity::Error)
                    .count();
                if !diagnostics.is_empty() {
                    eprintln!(
                        "{errors} lỗi, {} cảnh báo (như trên)",
                        diagnostics.len() - errors
                    );
                }
                errors
            } else {
                super::print_diagnostics(diagnostics)
            };
            *shown = Some(texts);
            let ms = took.as_millis();
            if ok && first {
                eprintln!("đã đọc nội dung: {pages} trang, trong {ms} ms");
            } else if ok && in_place {
                eprintln!("đã cập nhật ghi chú: {pages} trang, trong {ms} ms");
            } else if ok {
                eprintln!("đã cập nhật: {pages} trang, trong {ms} ms");
            } else {
                eprintln!(
                    "{errors} lỗi: các trang hiện lỗi cho đến khi sửa xong; máy chủ vẫn chạy ({ms} ms)"
                );
            }
        }
        Event::Stopped => eprintln!("đã dừng"),
    }
}
