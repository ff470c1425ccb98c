//! hit: read the command line once, run the mode it names, turn the outcome into an exit code.

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
mod oauth;
mod openapi;
mod output;
mod policy;
mod request;
mod settings;
mod transport;

use std::process::ExitCode;

use anyhow::Result;

use crate::cli::{Invocation, Refused};
use crate::commands::{auth, generate, operations, profile, run_file, save, serve, test};
use crate::error::Exit;

fn main() -> ExitCode {
    generate::complete_if_asked();
    std::panic::set_hook(Box::new(|info| {
        output::report_panic(info);
        std::process::exit(error::exit_code_for_panic());
    }));
    // args_os: an argument that is not UTF-8 (a file name) must not stop hit here.
    let result = match Invocation::read(std::env::args_os().collect(), &save::lookup) {
        Ok(Invocation::Request(parsed)) => commands::request::run(*parsed),
        Ok(Invocation::Serve(args)) => serve::run(args).map(|()| Exit::Success),
        Ok(Invocation::Explain(args)) => explain::run(args).map(|()| Exit::Success),
        Ok(Invocation::RunFile(args)) => run_file::run(*args),
        Ok(Invocation::Test(args)) => test::run(*args),
        Ok(Invocation::Profile(args)) => profile::run(args).map(|()| Exit::Success),
        Ok(Invocation::Auth(args)) => auth::run(*args).map(|()| Exit::Success),
        Ok(Invocation::Save(args)) => save::run(*args).map(|()| Exit::Success),
        Ok(Invocation::SaveHelp) => save::help().map(|()| Exit::Success),
        Ok(Invocation::Generate(kind)) => generate::print(kind).map(|()| Exit::Success),
        Ok(Invocation::Operations { profile, color }) => {
            operations::list(&profile, color).map(|()| Exit::Success)
        }
        Err(Refused::Clap { err, instead, help }) => usage_error(&err, instead, help),
        Err(Refused::Error(err)) => Err(err),
    };
    finish(result)
}

/// clap's report: help and version on stdout, a usage error as one `hit: error:` line.
fn usage_error(err: &clap::Error, instead: Option<String>, help: &str) -> Result<Exit> {
    output::report_usage(err, instead, help).map(|()| error::exit_code_for_clap(err))
}

/// An error is reported on one line, unless it is quiet (Ctrl-C, a closed stdout).
fn finish(result: Result<Exit>) -> ExitCode {
    match result {
        Ok(exit) => exit.into(),
        Err(err) => {
            if !error::is_quiet(&err) {
                output::report_error(&err);
            }
            error::kind(&err).1.into()
        }
    }
}
