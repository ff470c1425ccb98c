//! hit: parse, decide the mode, build the runtime, run, turn the outcome into an exit code.

#![deny(clippy::print_stdout, clippy::print_stderr)]
// Without jq, what only its results reach (the filter printer, halt codes) goes unused.
#![cfg_attr(not(feature = "jq"), allow(dead_code))]

mod cli;
mod commands;
mod error;
mod exchange;
mod explain;
mod facts;
mod files;
mod http;
mod items;
#[cfg_attr(not(feature = "jq"), path = "jq/absent.rs")]
mod jq;
mod output;
mod policy;
mod request;
mod settings;
mod transport;

use crate::commands::{generate, profile, run_file, save, serve};
use std::process::ExitCode;

use anyhow::Result;

use crate::error::{HitError, Outcome};
use crate::output::Printer;
use crate::settings::{Command, Mode, Settings};

fn main() -> ExitCode {
    // `COMPLETE=bash hit`: the shell asks for completions (profiles, saved requests). Only
    // a shell's name counts: a COMPLETE=1 meant for another program must not stop hit.
    if std::env::var("COMPLETE")
        .is_ok_and(|shell| generate::DYNAMIC_SHELLS.contains(&shell.as_str()))
    {
        clap_complete::CompleteEnv::with_factory(generate::dynamic_command).complete();
    }
    std::panic::set_hook(Box::new(|info| {
        output::report_panic(info);
        std::process::exit(i32::from(error::exit_code_for_panic()));
    }));
    if let Some(kind) = cli::generate_request() {
        // Rendered first: a script cut short by a full disk is an error, not a panic.
        let result = kind.map_err(error::usage).and_then(|kind| {
            let mut text = Vec::new();
            generate::generate(kind, &mut text)?;
            output::Console::plain().print(&text)
        });
        return finish(result.map(|()| None));
    }
    if let Some(args) = serve::requested() {
        return match args {
            Ok(args) => finish(serve::run(args).map(|()| None)),
            Err(err) => usage_error(&err, None, "hit serve --help"),
        };
    }
    if let Some(args) = explain::requested() {
        return match args {
            Ok(args) => finish(explain::run(args).map(|()| None)),
            Err(err) => usage_error(&err, None, "hit explain --help"),
        };
    }
    if let Some(args) = run_file::requested() {
        return match args {
            Ok(args) => match run_file::run(args) {
                Ok(code) => ExitCode::from(code),
                Err(err) => finish(Err(err)),
            },
            Err(err) => usage_error(&err, None, "hit run --help"),
        };
    }
    if let Some(args) = profile::requested() {
        return match args {
            Ok(args) => finish(profile::run(args).map(|()| None)),
            Err(err) => usage_error(&err, None, "hit profile --help"),
        };
    }
    if let Some(words) = save::save_requested() {
        return match save::parse_save(words) {
            Ok(Ok(Some(save))) => finish(save::save(save).map(|()| None)),
            Ok(Ok(None)) => ExitCode::SUCCESS,
            Ok(Err(err)) => usage_error(&err, cli::foreign_option(&err), "hit --help"),
            Err(err) => finish(Err(err)),
        };
    }
    let parsed = match parse() {
        Ok(parsed) => parsed,
        Err(Ok(err)) => return usage_error(&err, cli::foreign_option(&err), "hit --help"),
        Err(Err(err)) => return finish(Err(err)),
    };
    let explains = settings::explains_failures(&parsed.cli);
    let result = match Mode::from_cli(parsed, output::Console::terminal()) {
        Ok(Mode::Request(settings)) => run(*settings),
        Ok(Mode::Command(command)) => Err(not_yet(command)),
        Err(err) => Err(match err.downcast::<settings::Unsent>() {
            Ok(unsent) => exchange::unsent(unsent),
            Err(err) => err,
        }),
    };
    finish_request(result, explains)
}

/// The command line, with a saved request (`hit @NAME ...`) expanded into the words it
/// stands for.
fn parse() -> Result<cli::Parsed, Result<clap::Error, anyhow::Error>> {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let parsed = cli::parse_from(&args).map_err(Ok)?;
    match save::expand(&args, &parsed.cli) {
        Some(Ok(expanded)) => cli::parse_from(expanded).map_err(Ok),
        Some(Err(err)) => Err(Err(err)),
        None => Ok(parsed),
    }
}

fn usage_error(err: &clap::Error, foreign: Option<String>, help: &str) -> ExitCode {
    match output::report_usage(err, foreign, help) {
        Ok(()) => ExitCode::from(error::exit_code_for_clap(err)),
        Err(failed) => finish(Err(failed)),
    }
}

/// The commands SPEC §1 reserves, until each is built; a built one that came after options.
fn not_yet(command: Command) -> anyhow::Error {
    let word = command.name();
    if matches!(
        command,
        Command::Serve | Command::Explain | Command::Profile | Command::Save | Command::Run
    ) {
        return error::usage(format!(
            "'hit {word}' takes its own options after the word (hit {word} --help); \
             to reach a host named '{word}', write http://{word}/"
        ));
    }
    error::usage(format!(
        "'hit {word}' is a command this version of hit does not have yet; \
         to reach a host named '{word}', write http://{word}/"
    ))
}

fn run(settings: Settings) -> Result<Option<Outcome>> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let mut printer = Printer::new(&settings.output);
    runtime.block_on(async {
        // Polling once installs the handler, before anything is sent.
        let mut interrupted = std::pin::pin!(tokio::signal::ctrl_c());
        let _ = futures_util::poll!(&mut interrupted);
        tokio::select! {
            result = exchange::run(settings, &mut printer) => result,
            _ = &mut interrupted => {
                printer.interrupted();
                Err(HitError::Interrupted.into())
            }
        }
    })
}

/// `finish` for a request: `-s` (without `-S`) and `-qq` silence the error line, as curl's
/// `-s` does; a usage error is about the command line and is always shown.
fn finish_request(result: Result<Option<Outcome>>, explains: bool) -> ExitCode {
    match &result {
        Err(err) if !explains && error::kind(err).1 != error::code::USAGE => {
            ExitCode::from(error::exit_code(&result))
        }
        _ => finish(result),
    }
}

fn finish(result: Result<Option<Outcome>>) -> ExitCode {
    if let Err(err) = &result
        && !error::is_quiet(err)
    {
        output::report_error(err);
    }
    ExitCode::from(error::exit_code(&result))
}
