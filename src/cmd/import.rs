use std::path::{Path, PathBuf};
use std::process::ExitCode;

use tiendo::import::{self, Imported, ScoresOptions, TasksOptions};
use tiendo::model::Model;
use tiendo::site::{self, Outcome};
use tiendo::validate;

#[derive(clap::Subcommand)]
pub enum What {
    /// Read a score sheet (.xlsx, .ods, .csv) into a snapshot file in scores/
    Scores(ScoresArgs),
    /// Read a task list (.xlsx, .ods, .csv) into a directive file in tasks/
    Tasks(TasksArgs),
}

#[derive(clap::Args)]
pub struct Common {
    /// The spreadsheet to read
    sheet_file: PathBuf,
    /// Content folder whose units and criteria the sheet names
    #[arg(long, default_value = "content")]
    content: PathBuf,
    /// Read only this sheet of the workbook (by default every visible sheet)
    #[arg(long)]
    sheet: Option<String>,
    /// The file to write (default: in the content folder)
    #[arg(long)]
    output: Option<PathBuf>,
    /// Write the rows that are right even when some are wrong (those are still reported)
    #[arg(long)]
    skip_bad: bool,
    /// Replace the output file if it exists
    #[arg(long)]
    force: bool,
    /// Framework (scorecard id) of the criteria, when the units' own is not meant
    #[arg(long)]
    framework: Option<String>,
}

#[derive(clap::Args)]
pub struct ScoresArgs {
    #[command(flatten)]
    common: Common,
    /// Date of the snapshot (YYYY-MM-DD or DD/MM/YYYY)
    #[arg(long, value_parser = super::parse_date)]
    date: chrono::NaiveDate,
    /// Stage: tự đánh giá, rà soát, thẩm định or công bố (accents optional)
    #[arg(long)]
    stage: String,
    /// The report the scores come from (`source:` of the snapshot)
    #[arg(long)]
    source: Option<String>,
    /// Title of the snapshot
    #[arg(long)]
    title: Option<String>,
}

#[derive(clap::Args)]
pub struct TasksArgs {
    #[command(flatten)]
    common: Common,
    /// The directive the tasks come from (`Công văn số …`)
    #[arg(long)]
    source: String,
    /// Date the directive was issued
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
            };
            let default = format!("scores/{}.yaml", args.date);
            let date = args.date;
            run_import(&args.common, &default, |model, path| {
                if model.snapshots.iter().any(|s| s.date == date) && !args.common.force {
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
            run_import(&args.common, &default, |model, path| {
                import::import_tasks(model, path, &options)
            })
        }
    }
}

fn run_import(
    common: &Common,
    default_output: &str,
    read: impl FnOnce(&Model, &Path) -> anyhow::Result<Imported>,
) -> anyhow::Result<ExitCode> {
    let output = common
        .output
        .clone()
        .unwrap_or_else(|| common.content.join(default_output));
    if output.exists() && !common.force {
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
    let warnings = imported.problems.warning_count();
    for p in imported.problems.sorted() {
        eprintln!("{p}");
    }
    if errors > 0 || warnings > 0 {
        eprintln!("{errors} lỗi, {warnings} cảnh báo");
    }
    if errors > 0 && !common.skip_bad {
        eprintln!(
            "không ghi tệp: hãy sửa các dòng trên trong bảng tính, hoặc dùng --skip-bad để chỉ nhập các dòng đúng"
        );
        return Ok(ExitCode::FAILURE);
    }
    if imported.taken == 0 {
        eprintln!("không có dòng nào để nhập; không ghi tệp");
        return Ok(ExitCode::FAILURE);
    }
    import::write_file(&output, &imported.yaml)?;
    eprintln!("đã ghi {} mục vào {}", imported.taken, output.display());
    Ok(ExitCode::SUCCESS)
}
