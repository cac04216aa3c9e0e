use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Folder to write the schemas into (<kind>.schema.json)
    dir: PathBuf,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    for path in tiendo::schema::write_schemas(&args.dir)? {
        println!("{}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}
