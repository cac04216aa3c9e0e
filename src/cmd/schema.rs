use std::path::PathBuf;
use std::process::ExitCode;

// Help texts: `commands.schema` of src/cmd/texts/{vi,en}.yaml.
#[derive(clap::Args)]
pub struct Args {
    dir: PathBuf,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    for path in tiendo::schema::write_schemas(&args.dir)? {
        println!("{}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}
