//! `hit run`'s command line.

use std::path::PathBuf;

use clap::Parser;

use super::Passed;

/// `hit run FILE [NAME …] [--env NAME] [--continue] [OPTIONS]`
#[derive(Parser, Debug)]
#[command(
    name = "run",
    bin_name = "hit run",
    about = "Send the requests of a .http file (JetBrains HTTP Client, VS Code REST Client) in \
             order over one connection",
    after_help = "Examples:\n  hit run api.http\n  hit run api.http login me --env dev\n  \
                  hit run api.http --continue -v\n\nThe exit code is the worst of the requests': \
                  130 (interrupted) first, then the highest."
)]
pub struct RunArgs {
    /// The .http file
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Only these requests (by # @name or ### title), after those whose responses they use
    #[arg(value_name = "NAME")]
    pub names: Vec<String>,
    /// Variables of environment NAME in http-client.env.json (and
    /// http-client.private.env.json, whose values win) beside FILE
    #[arg(long, value_name = "NAME")]
    pub env: Option<String>,
    /// Go on after a request fails; without it the first failure stops the run
    #[arg(long = "continue")]
    pub keep_going: bool,
    #[command(flatten)]
    pub options: Passed,
}
