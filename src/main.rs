//! The `tiendo` command line: a thin layer over the library.

mod cmd;

// Rendering allocates many small strings from both cores; the system
// allocator spent a third of the build in malloc and free.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::process::ExitCode;

use clap::{CommandFactory as _, FromArgMatches as _, Parser, Subcommand};

use cmd::lang::{Language, localize};

// Every text of the help is in src/cmd/texts/{vi,en}.yaml (see cmd::lang).
#[derive(Parser)]
#[command(name = "tiendo", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    Build(cmd::build::Args),
    Check(cmd::check::Args),
    New(cmd::new::Args),
    Serve(cmd::serve::Args),
    #[command(subcommand)]
    Import(cmd::import::What),
    Schema(cmd::schema::Args),
    Help(cmd::help::Args),
}

/// The command line's structure, as derived, before its texts.
fn cli() -> clap::Command {
    Cli::command()
}

/// Parses the command line; a mistake is told in the language of the
/// help and ends the program (exit code 2).
fn parse(language: Language, command: clap::Command) -> Cli {
    let parsed = command
        .try_get_matches()
        .and_then(|matches| Cli::from_arg_matches(&matches));
    match parsed {
        Ok(cli) => cli,
        Err(e) if language == Language::Vi => e.apply::<cmd::errors::Vietnamese>().exit(),
        Err(e) => e.exit(),
    }
}

fn main() -> ExitCode {
    let language = Language::from_env();
    let command = localize(cli(), &language.texts());
    let cli = parse(language, command.clone());
    let result = match cli.command {
        Command::Build(args) => cmd::build::run(args),
        Command::Check(args) => cmd::check::run(args),
        Command::Import(what) => cmd::import::run(what),
        Command::Schema(args) => cmd::schema::run(args),
        Command::New(args) => cmd::new::run(args),
        Command::Serve(args) => cmd::serve::run(args),
        Command::Help(args) => cmd::help::run(args, command),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("lỗi: {e:#}");
            ExitCode::FAILURE
        }
    }
}
