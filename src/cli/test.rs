//! `hit test`'s command line: the files, the reports, how many files run at once, and the
//! option groups every request of the files gets.

use std::path::PathBuf;

use clap::Parser;

use super::{DataArgs, EnvArgs, RunOptions};

/// `hit test [PATH …] [--report KIND=PATH]… [--jobs N] [OPTIONS]`
#[derive(Parser, Debug)]
#[command(
    name = "test",
    bin_name = "hit test",
    about = "Run .http files as a test suite: every file checked before anything is sent, \
             files in parallel, a summary and reports CI systems read",
    after_help = "Examples:\n  hit test\n  hit test api/ smoke.http --env staging\n  \
                  hit test 'tests/**/*.http' --report junit=report.xml --report html=report\n\n\
                  A request passes when its status is not 4xx/5xx (unless # @expect-status \
                  says otherwise or a check names $__status) and its checks and script tests \
                  hold. Exit codes: 0 everything passed, 1 a test failed, 2 a usage or parse \
                  error (nothing was sent), 130 interrupted.",
    max_term_width = 100
)]
pub struct TestArgs {
    /// Files, folders (searched for *.http and *.rest) and glob patterns; the current
    /// folder when none is given
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Write a report: junit=FILE, tap=FILE, json=FILE or html=DIR (repeatable)
    #[arg(long, value_name = "KIND=PATH")]
    pub report: Vec<String>,
    /// How many files run at once (requests inside a file run in order); the number of
    /// CPUs by default
    #[arg(short = 'j', long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
    #[command(flatten)]
    pub env: EnvArgs,
    #[command(flatten)]
    pub data: DataArgs,
    /// Stop each file at its first failure; the requests after it are reported as skipped
    #[arg(long)]
    pub fail_fast: bool,
    /// Do not run the files' JavaScript (pre-request scripts and response handlers)
    #[arg(long)]
    pub no_scripts: bool,
    #[command(flatten)]
    pub options: RunOptions,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn definition_is_consistent() {
        <TestArgs as clap::CommandFactory>::command().debug_assert();
    }
}
