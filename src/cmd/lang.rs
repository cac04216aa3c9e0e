//! The command line in the officer's language: clap's derive gives the
//! structure (commands, flags, types, defaults), and one table of texts per
//! language (`texts/vi.yaml`, `texts/en.yaml`) gives every word of the help,
//! applied to the `Command` at start-up. Vietnamese unless the locale
//! (`LC_ALL`, else `LC_MESSAGES`, else `LANG`) starts with `en`.
//!
//! A flag without a text in both tables fails the tests below, so a new
//! flag cannot ship in one language only.

use std::collections::BTreeMap;

use clap::{Arg, ArgAction, Command};
use serde::Deserialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    Vi,
    En,
}

impl Language {
    /// The language of the help, from the locale the way POSIX programs
    /// choose their messages' language.
    pub fn from_env() -> Language {
        Language::from_vars(|name| std::env::var(name).ok())
    }

    fn from_vars(var: impl Fn(&str) -> Option<String>) -> Language {
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .into_iter()
            .filter_map(var)
            .find(|value| !value.is_empty());
        match locale {
            Some(locale) if locale.starts_with("en") => Language::En,
            _ => Language::Vi,
        }
    }

    pub fn texts(self) -> Texts {
        let (yaml, name) = match self {
            Language::Vi => (include_str!("texts/vi.yaml"), "vi.yaml"),
            Language::En => (include_str!("texts/en.yaml"), "en.yaml"),
        };
        // Built in and parsed by the tests: a mistake here is ours.
        serde_yaml::from_str(yaml).unwrap_or_else(|e| panic!("src/cmd/texts/{name}: {e}"))
    }
}

/// The help of the command line in one language.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Texts {
    pub headings: Headings,
    /// What `tiendo` is, at the head of `tiendo --help`.
    pub about: String,
    /// The texts of flags several commands share, by the flag's id.
    pub args: BTreeMap<String, ArgText>,
    /// Each command's, by its path (`build`, `import scores`).
    pub commands: BTreeMap<String, CommandText>,
    /// The topics of `tiendo help`, by name: their titles.
    pub topics: BTreeMap<String, String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Headings {
    pub usage: String,
    pub commands: String,
    pub arguments: String,
    pub options: String,
    /// The placeholder of a command in a usage line (`<LỆNH>`).
    pub command: String,
    /// …and of the options (`[TÙY_CHỌN]`).
    pub options_placeholder: String,
    /// Before a flag's default value (`[mặc định: content]`).
    pub default: String,
    /// Above the list of topics.
    pub topics: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommandText {
    pub about: String,
    #[serde(default)]
    pub args: BTreeMap<String, ArgText>,
}

/// A flag's help, with the name of its value when it takes one.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum ArgText {
    Help(String),
    Value { value: String, help: String },
}

impl ArgText {
    pub fn help(&self) -> &str {
        match self {
            ArgText::Help(help) | ArgText::Value { help, .. } => help,
        }
    }

    fn value(&self) -> Option<&str> {
        match self {
            ArgText::Help(_) => None,
            ArgText::Value { value, .. } => Some(value),
        }
    }
}

impl Texts {
    /// The text of flag `id` of the command at `path`: its own, else the
    /// shared one.
    pub fn arg(&self, path: &str, id: &str) -> Option<&ArgText> {
        self.commands
            .get(path)
            .and_then(|c| c.args.get(id))
            .or_else(|| self.args.get(id))
    }

    /// The topics as the end of `tiendo --help` lists them.
    fn topic_list(&self) -> String {
        let width = self.topics.keys().map(|k| k.len()).max().unwrap_or(0);
        let mut out = format!("{}:\n", self.headings.topics);
        // In the order of `help::TOPICS`, the content format first.
        for topic in super::help::TOPICS {
            let name = topic.name;
            let title = self.topics.get(name).map_or("", String::as_str);
            out.push_str(&format!("  tiendo help {name:width$}  {title}\n"));
        }
        out
    }
}

/// `command` (the derived one) with every text of `texts`.
pub fn localize(command: Command, texts: &Texts) -> Command {
    let version = Arg::new("version")
        .short('V')
        .long("version")
        .action(ArgAction::Version);
    let command = command
        .about(texts.about.clone())
        .after_help(texts.topic_list())
        .disable_version_flag(true)
        .arg(version);
    apply(command, "", texts)
}

/// Applies the texts to the command at `path` and, in turn, to its
/// subcommands.
fn apply(mut command: Command, path: &str, texts: &Texts) -> Command {
    if let Some(own) = texts.commands.get(path) {
        command = command.about(own.about.clone());
    }
    let help = Arg::new("help")
        .short('h')
        .long("help")
        .action(ArgAction::Help);
    command = command.disable_help_flag(true).arg(help);
    let ids: Vec<String> = command
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    for id in ids {
        command = command.mut_arg(&id, |arg| apply_arg(arg, texts.arg(path, &id), texts));
    }
    let names: Vec<String> = command
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect();
    for name in names {
        let sub = match path {
            "" => name.clone(),
            _ => format!("{path} {name}"),
        };
        command = command.mut_subcommand(&name, |c| apply(c, &sub, texts));
    }
    let h = &texts.headings;
    let usage = usage(&command, path, h);
    command
        .override_usage(usage)
        .help_template(format!(
            "{{about-with-newline}}\n{}: {{usage}}\n\n{{all-args}}{{after-help}}",
            h.usage
        ))
        .subcommand_help_heading(h.commands.clone())
        .subcommand_value_name(h.command.clone())
        .disable_help_subcommand(true)
}

fn apply_arg(arg: Arg, text: Option<&ArgText>, texts: &Texts) -> Arg {
    let h = &texts.headings;
    let heading = match arg.is_positional() {
        true => &h.arguments,
        false => &h.options,
    };
    let takes_values = arg.get_action().takes_values();
    let mut arg = arg.help_heading(heading.clone());
    if takes_values {
        // Said in the help text, in the language (below).
        arg = arg.hide_default_value(true).hide_possible_values(true);
    }
    let Some(text) = text else { return arg };
    let mut help = text.help().to_string();
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    if takes_values && !defaults.is_empty() {
        help = format!("{help} [{}: {}]", h.default, defaults.join(", "));
    }
    let arg = arg.help(help);
    match text.value() {
        Some(value) => arg.value_name(value.to_string()),
        None => arg,
    }
}

/// The usage line of a command: `tiendo build [TÙY_CHỌN]`, with the
/// required flags, the arguments and the subcommand in the language.
fn usage(command: &Command, path: &str, h: &Headings) -> String {
    let mut out = match path {
        "" => "tiendo".to_string(),
        _ => format!("tiendo {path}"),
    };
    let value_of = |arg: &Arg| match arg.get_value_names() {
        Some([name, ..]) => name.to_string(),
        _ => arg.get_id().to_string().to_uppercase(),
    };
    let optional = command.get_arguments().any(|a| {
        !a.is_positional()
            && !a.is_required_set()
            && !matches!(a.get_action(), ArgAction::Help | ArgAction::Version)
    });
    if optional {
        out.push_str(&format!(" [{}]", h.options_placeholder));
    }
    for arg in command.get_arguments().filter(|a| a.is_required_set()) {
        if let Some(long) = arg.get_long() {
            out.push_str(&format!(" --{long} <{}>", value_of(arg)));
        }
    }
    for arg in command.get_positionals() {
        let dots = match arg.get_action() {
            ArgAction::Append => "...",
            _ => "",
        };
        match arg.is_required_set() {
            true => out.push_str(&format!(" <{}>{dots}", value_of(arg))),
            false => out.push_str(&format!(" [{}]{dots}", value_of(arg))),
        }
    }
    if command.has_subcommands() {
        out.push_str(&format!(" <{}>", h.command));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every command of the tree with its path (`import scores`).
    fn commands(command: &Command, path: &str, out: &mut Vec<(String, Command)>) {
        out.push((path.to_string(), command.clone()));
        for sub in command.get_subcommands() {
            let sub_path = match path {
                "" => sub.get_name().to_string(),
                _ => format!("{path} {}", sub.get_name()),
            };
            commands(sub, &sub_path, out);
        }
    }

    /// The commands whose help is not in the tables yet: their flags'
    /// help is still the English of their doc comments. To translate one,
    /// add its `commands.<path>` (about and args) to both tables and take
    /// it off this list; the tests then hold it to both languages.
    const NOT_YET_IN_THE_TABLES: &[&str] = &[];

    #[test]
    fn the_locale_chooses_the_language() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(Language::from_vars(env(&[])), Language::Vi);
        assert_eq!(
            Language::from_vars(env(&[("LANG", "C.UTF-8")])),
            Language::Vi
        );
        assert_eq!(
            Language::from_vars(env(&[("LANG", "vi_VN.UTF-8")])),
            Language::Vi
        );
        assert_eq!(
            Language::from_vars(env(&[("LANG", "en_US.UTF-8")])),
            Language::En
        );
        // LC_ALL over LC_MESSAGES over LANG; an empty one does not count.
        let both = env(&[("LC_ALL", "vi_VN.UTF-8"), ("LANG", "en_GB.UTF-8")]);
        assert_eq!(Language::from_vars(both), Language::Vi);
        let messages = env(&[("LC_MESSAGES", "en_US.UTF-8"), ("LANG", "vi_VN")]);
        assert_eq!(Language::from_vars(messages), Language::En);
        let empty = env(&[("LC_ALL", ""), ("LANG", "en_US.UTF-8")]);
        assert_eq!(Language::from_vars(empty), Language::En);
    }

    #[test]
    fn every_flag_of_every_command_has_a_text_in_both_languages() {
        let mut all = Vec::new();
        commands(&crate::cli(), "", &mut all);
        for language in [Language::Vi, Language::En] {
            let texts = language.texts();
            let mut used_args = Vec::new();
            for (path, command) in &all {
                if NOT_YET_IN_THE_TABLES.contains(&path.as_str()) {
                    continue;
                }
                assert!(
                    path.is_empty() || texts.commands.contains_key(path),
                    "{language:?}: no `commands.{path}` (its about)"
                );
                for arg in command.get_arguments() {
                    let id = arg.get_id().as_str();
                    let text = texts.arg(path, id);
                    let Some(text) = text else {
                        panic!("{language:?}: no text for `{id}` of `tiendo {path}`")
                    };
                    // The values a flag takes are named in its help.
                    let values = match arg.get_action().takes_values() {
                        true => arg.get_possible_values(),
                        false => Vec::new(),
                    };
                    for value in values {
                        assert!(
                            text.help().contains(value.get_name()),
                            "{language:?}: `{id}` of `tiendo {path}` does not name `{}`",
                            value.get_name()
                        );
                    }
                    used_args.push((path.clone(), id.to_string()));
                }
            }
            // …and no text is left over from a flag that went.
            for (path, own) in &texts.commands {
                assert!(
                    all.iter().any(|(p, _)| p == path),
                    "{language:?}: `commands.{path}` names no command"
                );
                for id in own.args.keys() {
                    assert!(
                        used_args.contains(&(path.clone(), id.clone())),
                        "{language:?}: `commands.{path}.args.{id}` names no flag"
                    );
                }
            }
            for id in texts.args.keys() {
                assert!(
                    ["help", "version"].contains(&id.as_str())
                        || used_args.iter().any(|(_, a)| a == id),
                    "{language:?}: `args.{id}` names no flag"
                );
            }
        }
    }

    #[test]
    fn both_tables_have_the_same_entries() {
        let (vi, en) = (Language::Vi.texts(), Language::En.texts());
        let keys = |t: &Texts| {
            let mut keys: Vec<String> = t.args.keys().cloned().collect();
            for (path, c) in &t.commands {
                keys.push(path.clone());
                keys.extend(c.args.keys().map(|id| format!("{path}.{id}")));
            }
            keys.extend(t.topics.keys().map(|t| format!("topic {t}")));
            keys
        };
        assert_eq!(keys(&vi), keys(&en));
        let mut topics: Vec<&str> = super::super::help::TOPICS.iter().map(|t| t.name).collect();
        topics.sort();
        assert_eq!(vi.topics.keys().collect::<Vec<_>>(), topics);
    }

    #[test]
    fn the_help_has_no_word_of_clap_left() {
        for language in [Language::Vi, Language::En] {
            let texts = language.texts();
            let mut command = localize(crate::cli(), &texts);
            let mut all = Vec::new();
            commands(&command, "", &mut all);
            for (path, _) in all {
                if NOT_YET_IN_THE_TABLES.contains(&path.as_str()) {
                    continue;
                }
                let mut sub = &mut command;
                for word in path.split_whitespace() {
                    sub = sub.find_subcommand_mut(word).unwrap();
                }
                let help = sub.render_help().to_string();
                // Clap's own words: its help of -h and -V, its lists of
                // values (the texts name them), and in Vietnamese every
                // heading.
                let mut english = vec!["[possible", "Print help", "Print version"];
                if language == Language::Vi {
                    english.extend([
                        "Usage",
                        "Options",
                        "Arguments",
                        "Commands",
                        "OPTIONS",
                        "[default",
                    ]);
                }
                for word in english {
                    assert!(
                        !help.contains(word),
                        "{language:?} `tiendo {path} --help` has {word}:\n{help}"
                    );
                }
                assert!(help.contains(&texts.headings.usage), "{help}");
            }
        }
    }
}
