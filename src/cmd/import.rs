use std::path::{Path, PathBuf};
use std::process::ExitCode;

use tiendo::diagnostics::terminal_safe;
use tiendo::import::{self, Form, Imported, ScoresOptions, TasksOptions};
use tiendo::model::Model;
use tiendo::site::{self, Outcome};
use tiendo::validate;

// Help texts: `args` and `commands.import scores`, `commands.import tasks`
// of src/cmd/texts/{vi,en}.yaml.
#[derive(clap::Subcommand)]
pub enum What {
    Scores(ScoresArgs),
    Tasks(TasksArgs),
}

#[derive(clap::Args)]
pub struct Common {
    sheet_file: PathBuf,
    #[arg(long, default_value = "content")]
    content: PathBuf,
    #[arg(long)]
    sheet: Option<String>,
    #[arg(long)]
    output: Option<PathBuf>,
    #[arg(long)]
    skip_bad: bool,
    #[arg(long)]
    force: bool,
    #[arg(long)]
    framework: Option<String>,
    #[arg(long)]
    dry_run: bool,
    #[arg(long, default_value = "text", value_parser = ["text", "json"])]
    format: String,
}

#[derive(clap::Args)]
pub struct ScoresArgs {
    #[command(flatten)]
    common: Common,
    #[arg(long, value_parser = super::parse_date)]
    date: chrono::NaiveDate,
    #[arg(long)]
    stage: String,
    #[arg(long)]
    source: Option<String>,
    #[arg(long)]
    title: Option<String>,
    #[arg(long, value_parser = ["long", "wide", "per-unit", "units-as-rows"])]
    form: Option<String>,
}

#[derive(clap::Args)]
pub struct TasksArgs {
    #[command(flatten)]
    common: Common,
    #[arg(long)]
    source: String,
    #[arg(long, value_parser = super::parse_date)]
    issued: Option<chrono::NaiveDate>,
}

pub fn run(what: What) -> anyhow::Result<ExitCode> {
    match what {
        What::Scores(args) => {
            let Some(stage) = import::stage_name(&args.stage) else {
                anyhow::bail!(
                    "giai đoạn `{}` không hợp lệ: dùng tự đánh giá, rà soát, thẩm định hoặc công bố",
                    args.stage
                );
            };
            let options = ScoresOptions {
                date: args.date,
                stage: stage.to_string(),
                framework: args.common.framework.clone(),
                sheet: args.common.sheet.clone(),
                source: args.source,
                title: args.title,
                form: args.form.as_deref().and_then(Form::parse),
            };
            let default = format!("scores/{}.yaml", args.date);
            let date = args.date;
            let what = Kind::Scores {
                date,
                stage: stage.to_string(),
            };
            run_import(&args.common, &default, what, |model, path| {
                let again = model.snapshots.iter().any(|s| s.date == date);
                if again && !args.common.force && !args.common.dry_run {
                    anyhow::bail!(
                        "thư mục nội dung đã có đợt điểm ngày {date}: chọn ngày khác, hoặc ghi đè đúng tệp của đợt đó bằng --output TỆP --force"
                    );
                }
                import::import_scores(model, path, &options)
            })
        }
        What::Tasks(args) => {
            let options = TasksOptions {
                source: args.source.clone(),
                issued: args.issued,
                framework: args.common.framework.clone(),
                sheet: args.common.sheet.clone(),
            };
            let default = format!("tasks/{}.yaml", import::file_stem_for(&args.source));
            run_import(&args.common, &default, Kind::Tasks, |model, path| {
                import::import_tasks(model, path, &options)
            })
        }
    }
}

/// What is imported, for the summary.
enum Kind {
    Scores {
        date: chrono::NaiveDate,
        stage: String,
    },
    Tasks,
}

fn run_import(
    common: &Common,
    default_output: &str,
    kind: Kind,
    read: impl FnOnce(&Model, &Path) -> anyhow::Result<Imported>,
) -> anyhow::Result<ExitCode> {
    let output = common
        .output
        .clone()
        .unwrap_or_else(|| common.content.join(default_output));
    if output.exists() && !common.force && !common.dry_run {
        anyhow::bail!(
            "đã có tệp `{}`: dùng --force để ghi đè, hoặc --output để ghi vào tệp khác",
            output.display()
        );
    }
    let options = validate::Options {
        as_of: None,
        committee: true,
    };
    let model = match site::load_model(&common.content, &options)? {
        Outcome::Done(model, _) => model,
        Outcome::Invalid(diags) => {
            super::report(diags);
            eprintln!("không nhập: hãy sửa các lỗi của thư mục nội dung trước");
            return Ok(ExitCode::FAILURE);
        }
    };
    let imported = read(&model, &common.sheet_file)?;
    let errors = imported.problems.error_count();
    let refused = errors > 0 && !common.skip_bad;
    let empty = imported.taken == 0;
    let write = !refused && !empty && !common.dry_run;
    if write {
        import::write_file(&output, &imported.yaml)?;
    }
    if common.format == "json" {
        println!("{}", json(&imported, &kind, &output, write));
    } else {
        text(&imported, &kind, &output, common, refused);
    }
    Ok(if refused || empty {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// The summary for the officer: problems, what was read, then what was
/// (or would be) written.
fn text(imported: &Imported, kind: &Kind, output: &Path, common: &Common, refused: bool) {
    let (errors, warnings) = (
        imported.problems.error_count(),
        imported.problems.warning_count(),
    );
    for p in imported.problems.folded() {
        eprintln!("{p}");
    }
    if errors > 0 || warnings > 0 {
        eprintln!("{errors} lỗi, {warnings} cảnh báo");
    }
    eprintln!("đã đọc:");
    for t in &imported.tables {
        eprintln!("{}", terminal_safe(&t.line()));
    }
    for n in &imported.notes {
        eprintln!("{}", terminal_safe(n));
    }
    let what = match kind {
        Kind::Scores { .. } => {
            let units = imported.preview.units.len();
            format!(
                "{} điểm tiêu chí ({} giá trị) của {units} đơn vị",
                imported.taken, imported.values
            )
        }
        Kind::Tasks => format!("{} nhiệm vụ", imported.taken),
    };
    if common.dry_run {
        match kind {
            Kind::Scores { date, stage } => {
                println!("đợt {date}, {stage}:");
                print!("{}", terminal_safe(&imported.preview.text()));
            }
            Kind::Tasks => print!("{}", terminal_safe(&imported.yaml)),
        }
    }
    if refused {
        eprintln!(
            "không ghi tệp: hãy sửa các dòng trên trong bảng tính, hoặc dùng --skip-bad để chỉ nhập các dòng đúng"
        );
    } else if imported.taken == 0 {
        eprintln!("không có dòng nào để nhập; không ghi tệp");
    } else if common.dry_run {
        let exists = if output.exists() {
            " (tệp đã có: cần --force)"
        } else {
            ""
        };
        eprintln!(
            "chạy thử, không ghi tệp: sẽ ghi {what} vào {}{exists}",
            output.display()
        );
    } else {
        eprintln!("đã ghi {what} vào {}", output.display());
    }
}

/// The same for scripts, as one JSON object.
fn json(imported: &Imported, kind: &Kind, output: &Path, written: bool) -> serde_json::Value {
    let mut out = serde_json::json!({
        "output": output.display().to_string(),
        "written": written,
        "taken": imported.taken,
        "values": imported.values,
        "errors": imported.problems.error_count(),
        "warnings": imported.problems.warning_count(),
        "tables": imported.tables.iter().map(import::table_json).collect::<Vec<_>>(),
        "notes": imported.notes,
        "problems": imported.problems.clone_sorted().iter().map(import::problem_json).collect::<Vec<_>>(),
    });
    match kind {
        Kind::Scores { date, stage } => {
            out["date"] = date.to_string().into();
            out["stage"] = stage.clone().into();
            out["scores"] = imported.preview.json();
        }
        Kind::Tasks => out["yaml"] = imported.yaml.clone().into(),
    }
    out
}
