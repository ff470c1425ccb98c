//! hit: parse, decide the mode, build the runtime, run, turn the outcome into an exit code.

#![deny(clippy::print_stdout, clippy::print_stderr)]

mod cli;
mod curl;
mod download;
mod error;
mod explain;
mod generate;
mod http;
mod items;
mod limits;
mod lint;
mod output;
mod private_file;
mod profile;
mod redirect;
mod request;
mod retry;
mod run;
mod serve;
mod settings;
mod stdin;
mod transport;

use std::process::ExitCode;

use anyhow::Result;

use crate::error::{HitError, Outcome};
use crate::output::Printer;
use crate::settings::{Command, Mode, Settings, Terminal};

fn main() -> ExitCode {
    std::panic::set_hook(Box::new(|info| {
        output::report_panic(info);
        std::process::exit(i32::from(error::exit_code_for_panic()));
    }));
    if let Some(kind) = cli::generate_request() {
        let result = kind
            .map_err(error::usage)
            .and_then(|kind| generate::generate(kind, &mut std::io::stdout().lock()));
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
    let parsed = match cli::parse() {
        Ok(parsed) => parsed,
        Err(err) => return usage_error(&err, cli::foreign_option(&err), "hit --help"),
    };
    let result = Mode::from_cli(parsed, Terminal::detect()).and_then(|mode| match mode {
        Mode::Request(settings) => run(*settings),
        Mode::Command(command) => Err(not_yet(command)),
    });
    finish(result)
}

fn usage_error(err: &clap::Error, foreign: Option<String>, help: &str) -> ExitCode {
    output::report_usage(err, foreign, help);
    ExitCode::from(error::exit_code_for_clap(err))
}

/// The commands SPEC §1 reserves, until each is built; a built one that came after options.
fn not_yet(command: Command) -> anyhow::Error {
    let word = command.name();
    if matches!(command, Command::Serve | Command::Explain) {
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
            result = run::run(settings, &mut printer) => result,
            _ = &mut interrupted => {
                printer.interrupted();
                Err(HitError::Interrupted.into())
            }
        }
    })
}

fn finish(result: Result<Option<Outcome>>) -> ExitCode {
    if let Err(err) = &result
        && !error::is_quiet(err)
    {
        output::report_error(err);
    }
    ExitCode::from(error::exit_code(&result))
}
