//! The `tiendo` command line: a thin layer over the library.

// No function over 70 lines (clippy.toml); tests are excepted.
#![warn(clippy::too_many_lines)]
#![cfg_attr(test, allow(clippy::too_many_lines))]

mod cmd;

// Rendering allocates many small strings from both cores; the system
// allocator spent a third of the build in malloc and free.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "tiendo",
    version,
    about = "Xây dựng trang tiến độ cải cách hành chính (CCHC / PAR INDEX) từ tệp YAML và Markdown"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the static site from the content folder
    Build(cmd::build::Args),
    /// Check the content folder without writing anything
    Check(cmd::check::Args),
    /// Create a new site folder with example content to start from
    New(cmd::new::Args),
    /// Preview the site at http://127.0.0.1:1111/, following every edit
    Serve(cmd::serve::Args),
    /// Import a score sheet or a task list from Excel, LibreOffice or CSV
    #[command(subcommand)]
    Import(cmd::import::What),
    /// Write the JSON Schema of every kind of content file into a folder, for editors
    Schema(cmd::schema::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Build(args) => cmd::build::run(args),
        Command::Check(args) => cmd::check::run(args),
        Command::Import(what) => cmd::import::run(what),
        Command::Schema(args) => cmd::schema::run(args),
        Command::New(args) => cmd::new::run(args),
        Command::Serve(args) => cmd::serve::run(args),
    };
    result.unwrap_or_else(cmd::failed)
}
