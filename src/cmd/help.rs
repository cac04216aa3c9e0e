//! `tiendo help`: the help of a command, or a topic an officer reads
//! without a network and without the repository: the content
//! format, the sheets `import` reads, the committee's link. Each topic's
//! text is one file of `topics/`, built into the binary; the English
//! reference (content-format.md, import.md, the README) says the same at
//! more length, and tests/help_topics.rs keeps them naming the same fields.

use std::process::ExitCode;

use clap::Command;

// Help texts: `commands.help` of src/cmd/texts/{vi,en}.yaml.
#[derive(clap::Args)]
pub struct Args {
    topic: Vec<String>,
}

pub struct Topic {
    /// What an officer types: `tiendo help noi-dung`.
    pub name: &'static str,
    pub text: &'static str,
}

pub const TOPICS: &[Topic] = &[
    Topic {
        name: "noi-dung",
        text: include_str!("topics/noi-dung.md"),
    },
    Topic {
        name: "nhap",
        text: include_str!("topics/nhap.md"),
    },
    Topic {
        name: "ban-chi-dao",
        text: include_str!("topics/ban-chi-dao.md"),
    },
];

/// The topic an officer asked for, typed with or without accents
/// (`nội dung`, `noi-dung`).
pub fn topic(asked: &str) -> Option<&'static Topic> {
    let slug = tiendo::slug::slugify(asked);
    TOPICS.iter().find(|t| t.name == slug)
}

/// Prints a topic, a command's help (`tiendo help import scores`), or,
/// with nothing asked, the help of `tiendo` with the list of topics.
pub fn run(args: Args, mut command: Command) -> anyhow::Result<ExitCode> {
    let asked = args.topic.join(" ");
    if let Some(topic) = topic(&asked) {
        print!("{}", topic.text);
        return Ok(ExitCode::SUCCESS);
    }
    let mut found = &mut command;
    for word in &args.topic {
        let names: Vec<String> = found
            .get_subcommands()
            .map(|c| c.get_name().to_string())
            .filter(|name| name != "help")
            .collect();
        match found.find_subcommand_mut(word) {
            Some(sub) => found = sub,
            None => {
                let topics: Vec<&str> = TOPICS.iter().map(|t| t.name).collect();
                anyhow::bail!(
                    "không có chủ đề hay lệnh `{asked}`\n  gợi ý: các chủ đề: {}; các lệnh: {}",
                    topics.join(", "),
                    names.join(", ")
                );
            }
        }
    }
    found.print_help()?;
    Ok(ExitCode::SUCCESS)
}
