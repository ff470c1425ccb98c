//! Shell completions and the man page, generated from the clap definition
//! (`hit --generate KIND`), and committed under `completions/` and `man/`.

use std::io::Write;

use anyhow::Result;
use clap::builder::PossibleValuesParser;
use clap_complete::Shell;
use clap_mangen::roff::{Roff, roman};

use clap_complete::engine::{ArgValueCandidates, ArgValueCompleter, CompletionCandidate};

use crate::cli::{self, Generate};
use crate::commands::profile::{self, Store};
use crate::commands::{auth, run_file, serve, test};
use crate::explain;
use crate::facts::METHODS;

mod operations;
mod scripts;

/// `hit --generate KIND`: the script or page, rendered first, so that one cut short by a
/// full disk is an error, not a panic.
pub fn print(kind: Generate) -> Result<()> {
    let mut text = Vec::new();
    generate(kind, &mut text)?;
    crate::output::Console::plain().print(&text)
}

/// `COMPLETE=bash hit`: the shell asks for completions (profiles, saved requests), and
/// clap_complete answers and exits. Only a shell's name counts: a COMPLETE=1 meant for
/// another program must not stop hit.
pub fn complete_if_asked() {
    if std::env::var("COMPLETE").is_ok_and(|shell| DYNAMIC_SHELLS.contains(&shell.as_str())) {
        clap_complete::CompleteEnv::with_factory(dynamic_command).complete();
    }
}

/// Writes the completion script or man page for `kind`.
pub fn generate(kind: Generate, out: &mut dyn Write) -> Result<()> {
    let shell = match kind {
        Generate::Bash => Shell::Bash,
        Generate::Zsh => Shell::Zsh,
        Generate::Fish => Shell::Fish,
        Generate::Powershell => Shell::PowerShell,
        Generate::Elvish => Shell::Elvish,
        Generate::Man => return man_page(out),
    };
    let script = match shell {
        Shell::Zsh => scripts::zsh(
            &script(shell, completion_command()),
            &script(shell, with_commands(completion_command())),
        ),
        Shell::Bash => scripts::bash(script(shell, with_commands(completion_command()))),
        Shell::Fish => scripts::fish(
            script(shell, with_commands(completion_command())),
            &explain_topics(),
        ),
        _ => script(shell, with_commands(completion_command())),
    };
    out.write_all(script.as_bytes())?;
    Ok(())
}

/// The words `hit explain` takes.
fn explain_topics() -> Vec<String> {
    let command = explain::command();
    let topic = command.get_arguments().find(|arg| arg.get_id() == "topic");
    topic
        .map(|arg| {
            arg.get_possible_values()
                .iter()
                .map(|value| value.get_name().to_string())
                .collect()
        })
        .unwrap_or_default()
}

/// clap_complete's script for `command`.
fn script(shell: Shell, mut command: clap::Command) -> String {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "hit", &mut script);
    String::from_utf8(script).expect("clap_complete writes UTF-8")
}

fn with_commands(command: clap::Command) -> clap::Command {
    with_explain(command, explain::command())
}

/// `command` with hit's commands, `hit explain` as `explain` defines it.
fn with_explain(command: clap::Command, explain: clap::Command) -> clap::Command {
    command
        .subcommand(serve::command())
        .subcommand(explain)
        .subcommand(run_file::command())
        .subcommand(test::command())
        .subcommand(profile::command().name("profile"))
        .subcommand(auth::command())
        .args_conflicts_with_subcommands(true)
        .disable_help_subcommand(true)
}

/// The shells `COMPLETE=SHELL hit` answers.
pub const DYNAMIC_SHELLS: [&str; 5] = ["bash", "elvish", "fish", "powershell", "zsh"];

/// The command as `COMPLETE=bash hit` sees it (clap_complete's engine, run by the shell at
/// each Tab): as the static scripts, plus the profiles for `-P` and the saved requests
/// (`@NAME`, `@PROFILE/NAME`) for the first word.
pub fn dynamic_command() -> clap::Command {
    let explain = explain::command().mut_arg("topic", |arg| {
        arg.add(ArgValueCompleter::new(explain_topic))
    });
    with_explain(completion_command(), explain)
        .mut_arg("profile", |arg| {
            arg.add(ArgValueCandidates::new(profile::completion_names))
        })
        .mut_arg("args", |arg| arg.add(ArgValueCompleter::new(first_word)))
}

/// Methods, and `@NAME` for the saved requests of the active profile (`HIT_PROFILE` or
/// `default`) and `@PROFILE/NAME` for every profile's; `@NAME` and `@NAME/OPERATION` for a
/// profile with an OpenAPI document, and after an operation its parameters.
fn first_word(current: &std::ffi::OsStr) -> Vec<CompletionCandidate> {
    let current = current.to_string_lossy();
    let Ok(store) = Store::open() else {
        return Vec::new();
    };
    if let Some(words) = operations::parameters(&store, &operations::earlier_words(), &current) {
        return words;
    }
    if !current.starts_with('@') {
        return METHODS
            .iter()
            .filter(|m| m.name.starts_with(current.as_ref()))
            .map(|m| CompletionCandidate::new(m.name))
            .collect();
    }
    // `@NAME/…` of one profile: only that profile is read.
    let mut offered = Vec::new();
    let only = current[1..].split_once('/');
    if let Some((profile, prefix)) = only
        && let Some(names) = operations::names(&store, profile, prefix)
    {
        offered = names;
    }
    let active = std::env::var("HIT_PROFILE")
        .ok()
        .filter(|p| !p.is_empty())
        .unwrap_or_else(|| profile::DEFAULT.to_string());
    let mut words = Vec::new();
    for name in store.names().unwrap_or_default() {
        if only.is_some_and(|(profile, _)| profile != name) {
            continue;
        }
        let Ok(loaded) = store.load(&name) else {
            continue;
        };
        if loaded.openapi.is_some() && only.is_none() {
            words.push(format!("@{name}"));
            words.push(format!("@{name}/"));
        }
        for request in loaded.requests.keys() {
            if name == active {
                words.push(format!("@{request}"));
            }
            words.push(format!("@{name}/{request}"));
        }
    }
    offered.extend(
        words
            .into_iter()
            .filter(|w| w.starts_with(current.as_ref()))
            .map(CompletionCandidate::new),
    );
    offered
}

/// `hit explain`'s topics, and `@NAME/OPERATION` for the profiles with an OpenAPI
/// document.
fn explain_topic(current: &std::ffi::OsStr) -> Vec<CompletionCandidate> {
    let current = current.to_string_lossy();
    if !current.starts_with('@') {
        return (explain::topics().into_iter())
            .filter(|t| {
                t.to_ascii_lowercase()
                    .starts_with(&current.to_ascii_lowercase())
            })
            .map(CompletionCandidate::new)
            .collect();
    }
    let Ok(store) = Store::open() else {
        return Vec::new();
    };
    if let Some((profile, prefix)) = current[1..].split_once('/') {
        return operations::names(&store, profile, prefix).unwrap_or_default();
    }
    (store.names().unwrap_or_default().into_iter())
        .filter(|name| store.load(name).is_ok_and(|p| p.openapi.is_some()))
        .map(|name| format!("@{name}/"))
        .filter(|word| word.starts_with(current.as_ref()))
        .map(CompletionCandidate::new)
        .collect()
}

/// The command as completions see it: methods offered for the first word and for `-X`,
/// the usual `-p` letters. (Parsing accepts any method and any letters.)
fn completion_command() -> clap::Command {
    let methods: Vec<&str> = METHODS.iter().map(|m| m.name).collect();
    cli::command()
        .mut_arg("args", |arg| {
            arg.value_parser(PossibleValuesParser::new(methods.clone()))
        })
        .mut_arg("method", |arg| {
            arg.value_parser(PossibleValuesParser::new(methods.clone()))
        })
        .mut_arg("print", |arg| {
            arg.value_parser(PossibleValuesParser::new([
                "HBhbm", "HBhb", "Hhb", "hb", "Hh", "H", "B", "h", "b", "m",
            ]))
        })
}

/// The man page: clap's sections, with the item syntax, the examples and the exit codes
/// as literal lines, so that their columns survive.
fn man_page(out: &mut dyn Write) -> Result<()> {
    let command = cli::command().mut_arg("args", |arg| {
        arg.long_help("The method (optional), the URL and request items: see REQUEST ITEMS.")
    });
    let man = clap_mangen::Man::new(command);
    man.render_title(out)?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    literal_section(out, "COMMANDS", cli::help::COMMANDS)?;
    literal_section(out, "REQUEST ITEMS", cli::help::ARGS_HELP)?;
    man.render_options_section(out)?;
    let serve_help = serve::command().term_width(73).render_help().to_string();
    literal_section(out, "HIT SERVE", &serve_help)?;
    let explain_help = explain::command().term_width(73).render_help().to_string();
    literal_section(out, "HIT EXPLAIN", &explain_help)?;
    let run_help = run_file::command().term_width(73).render_help().to_string();
    literal_section(out, "HIT RUN", &run_help)?;
    let test_help = test::command().term_width(73).render_help().to_string();
    literal_section(out, "HIT TEST", &test_help)?;
    let profile_help = profile::command().term_width(73).render_help().to_string();
    literal_section(out, "HIT PROFILE", &profile_help)?;
    let auth_help = auth::command().term_width(73).render_help().to_string();
    literal_section(out, "HIT AUTH", &auth_help)?;
    literal_section(out, "SAVED REQUESTS", cli::help::SAVED_HELP)?;
    literal_section(out, "EXAMPLES", cli::help::EXAMPLES)?;
    literal_section(out, "EXIT STATUS", cli::help::EXIT_STATUS)?;
    literal_section(out, "ENVIRONMENT", cli::help::ENVIRONMENT)?;
    literal_section(out, "FILES", cli::help::FILES)?;
    man.render_version_section(out)?;
    Ok(())
}

/// A section of lines printed as they are (`.nf`), without its first line when that is
/// the help's own heading (`Examples:`).
fn literal_section(out: &mut dyn Write, title: &str, text: &str) -> Result<()> {
    let mut roff = Roff::new();
    roff.control("SH", [title]);
    roff.control("nf", []);
    let body = match text.split_once('\n') {
        Some((first, rest)) if first.ends_with(':') => rest,
        _ => text,
    };
    for line in body.lines() {
        roff.text([roman(line)]);
    }
    roff.control("fi", []);
    roff.to_writer(out)?;
    Ok(())
}
