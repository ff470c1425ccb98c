//! hit: parse, build the runtime, run, turn the outcome into an exit code.

#![deny(clippy::print_stdout, clippy::print_stderr)]

mod app;
mod cli;
mod download;
mod error;
mod generate;
mod items;
mod output;
mod redirect;
mod request;
mod retry;
mod settings;
mod transport;

use std::process::ExitCode;

use anyhow::Result;

use crate::error::{HitError, Outcome};
use crate::output::Printer;
use crate::settings::{Settings, Terminal};

fn main() -> ExitCode {
    std::panic::set_hook(Box::new(output::report_panic));
    let parsed = match cli::parse() {
        Ok(parsed) => parsed,
        Err(err) => return ExitCode::from(output::report_usage(&err)),
    };
    if let Some(kind) = parsed.cli.generate {
        let result = generate::generate(kind, &mut std::io::stdout().lock());
        return finish(result.map(|()| None));
    }
    let result = Settings::from_cli(parsed, Terminal::detect()).and_then(run);
    finish(result.map(Some))
}

fn run(settings: Settings) -> Result<Outcome> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let mut printer = Printer::new(&settings.output);
    runtime.block_on(async {
        // Polling once installs the handler, before anything is sent.
        let mut interrupted = std::pin::pin!(tokio::signal::ctrl_c());
        let _ = futures_util::poll!(&mut interrupted);
        tokio::select! {
            result = app::run(settings, &mut printer) => result,
            _ = &mut interrupted => {
                printer.interrupted();
                Err(HitError::Interrupted.into())
            }
        }
    })
}

fn finish(result: Result<Option<Outcome>>) -> ExitCode {
    let code = match result {
        Ok(None) => error::code::SUCCESS,
        Ok(Some(outcome)) => error::exit_code(&Ok(outcome)),
        Err(err) => {
            if !error::is_quiet(&err) {
                output::report_error(&err);
            }
            error::exit_code(&Err(err))
        }
    };
    ExitCode::from(code)
}
