//! `hit run`'s command line: the file, the requests to send, and the option groups of the
//! main command line that apply to every request of the file.

use std::path::PathBuf;

use clap::{Args, Parser};

use super::{
    ConnectionArgs, FilterArgs, LearnArgs, LimitArgs, OutputArgs, ProfileUseArgs, ProxyArgs,
    RetryArgs, TlsArgs, TransferArgs,
};

/// `hit run FILE [NAME …] [--env NAME] [--continue] [OPTIONS]`
#[derive(Parser, Debug)]
#[command(
    name = "run",
    bin_name = "hit run",
    about = "Send the requests of a .http file (JetBrains HTTP Client, VS Code REST Client) in \
             order over one connection",
    after_help = "Examples:\n  hit run api.http\n  hit run api.http login me --env dev\n  \
                  hit run api.http --continue -v\n\nThe exit code is the worst of the requests': \
                  130 (interrupted) first, then the highest.",
    max_term_width = 100
)]
pub struct RunArgs {
    /// The .http file
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Only these requests (by # @name or ### title), after those whose responses they use
    #[arg(value_name = "NAME")]
    pub names: Vec<String>,
    #[command(flatten)]
    pub env: EnvArgs,
    /// Stop at the first request that fails; without it the run goes on with the requests
    /// that do not use a failed one's response
    #[arg(long)]
    pub fail_fast: bool,
    /// Going on after a failure is the default; kept so that older command lines run
    #[arg(long = "continue", hide = true, conflicts_with = "fail_fast")]
    pub keep_going: bool,
    /// Do not run the file's JavaScript (pre-request scripts and response handlers); each
    /// one skipped is named
    #[arg(long)]
    pub no_scripts: bool,
    #[command(flatten)]
    pub data: DataArgs,
    #[command(flatten)]
    pub options: RunOptions,
}

/// Where a run's variables come from: `hit run`'s and `hit test`'s.
#[derive(Args, Debug, Clone, Default)]
pub struct EnvArgs {
    /// Variables of environment NAME in http-client.env.json (and
    /// http-client.private.env.json, whose values win) beside FILE or in a folder above it,
    /// or in .vscode/settings.json's rest-client.environmentVariables
    #[arg(long, value_name = "NAME")]
    pub env: Option<String>,
    /// The environments file to read instead of the http-client.env.json found
    #[arg(long, value_name = "FILE")]
    pub env_file: Option<PathBuf>,
    /// The private environments file to read instead of the http-client.private.env.json
    /// found
    #[arg(long, value_name = "FILE")]
    pub private_env_file: Option<PathBuf>,
    /// A variable of the run, winning over the environment's and the file's (repeatable)
    #[arg(
        short = 'V',
        long = "env-var",
        alias = "env-variables",
        value_name = "NAME=VALUE"
    )]
    pub env_vars: Vec<String>,
}

/// `--data FILE`: what `hit run` and `hit test` share to run a file once per CSV row.
#[derive(Args, Debug, Clone, Default)]
pub struct DataArgs {
    /// Run the file once per row of this CSV file, its header row naming the variables
    /// (instead of the file's # @data)
    #[arg(long, value_name = "FILE.csv")]
    pub data: Option<PathBuf>,
}

/// The main command line's option groups that every request of a file gets: the groups
/// that describe the request itself (method, URL, headers, body, credentials, files) are
/// the file's.
#[derive(Args, Debug, Clone, Default)]
pub struct RunOptions {
    #[command(flatten)]
    pub transfer: TransferArgs,

    #[command(flatten)]
    pub retry: RetryArgs,

    #[command(flatten)]
    pub connection: ConnectionArgs,

    #[command(flatten)]
    pub tls: TlsArgs,

    #[command(flatten)]
    pub limit: LimitArgs,

    #[command(flatten)]
    pub proxy: ProxyArgs,

    #[command(flatten)]
    pub output: OutputArgs,

    #[command(flatten)]
    pub profile: ProfileUseArgs,

    #[command(flatten)]
    pub learn: LearnArgs,

    #[command(flatten)]
    pub filter: FilterArgs,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn definition_is_consistent() {
        <RunArgs as clap::CommandFactory>::command().debug_assert();
    }
}
