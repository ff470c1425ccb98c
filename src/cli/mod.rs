//! The command line: its one reading (`Invocation`), the clap definitions and value parsers.
//!
//! Nothing outside `settings` sees these types.

use clap::{ArgMatches, CommandFactory, FromArgMatches, Parser};

mod auth;
mod body;
mod compat;
mod curl_options;
mod explain;
mod files;
mod filter;
pub mod help;
mod hints;
mod invocation;
mod learn;
mod oauth;
mod output;
mod profile;
mod profile_use;
mod request;
mod retry;
mod run;
mod save;
mod serve;
mod stream;
mod test;
mod tls;
mod transfer;
mod values;

use crate::items::DataKind;
pub use auth::AuthArgs;
pub use body::BodyArgs;
pub use compat::CompatArgs;
pub use explain::ExplainArgs;
pub use files::FilesArgs;
pub use filter::FilterArgs;
use help::foreign_option;
use help::{ABOUT, ARGS_HELP, COMMANDS, EXAMPLES, EXIT_STATUS};
pub use invocation::{Found, Generate, Invocation, OperationWords, Refused, SavedRequestWords};
pub use learn::LearnArgs;
pub use oauth::{AuthAction, AuthCommandArgs, AuthProfile, OAuthArgs};
pub use output::{OutputArgs, SectionsArgs, StyleArgs};
pub use profile::{Action, AddArgs, ProfileArgs};
pub use profile_use::ProfileUseArgs;
pub use request::RequestArgs;
pub use retry::RetryArgs;
pub use run::{DataArgs, EnvArgs, RunArgs, RunOptions};
pub use save::SaveArgs;
pub use serve::ServeArgs;
pub use stream::StreamArgs;
pub use test::TestArgs;
pub use tls::{LimitArgs, ProxyArgs, TlsArgs};
pub use transfer::{ConnectionArgs, TransferArgs};
pub use values::{ColorWhen, OutputFormat, Pretty, status_list, time_limit};

/// The parsed command line.
#[derive(Parser, Debug)]
#[command(
    name = "hit",
    version,
    about = ABOUT,
    override_usage = "hit [OPTIONS] [METHOD] URL [ITEM ...]\n       hit COMMAND [ARGS]",
    before_help = COMMANDS,
    help_template = "{about-with-newline}\n{usage-heading} {usage}\n\n{before-help}{all-args}{after-help}",
    max_term_width = 100
)]
pub struct Cli {
    /// The method (optional), the URL and request items (--help shows the item syntax)
    #[arg(
        value_name = "ARGS",
        long_help = ARGS_HELP
    )]
    pub args: Vec<String>,

    #[command(flatten)]
    pub request: RequestArgs,

    #[command(flatten)]
    pub body: BodyArgs,

    #[command(flatten)]
    pub auth: AuthArgs,

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
    pub files: FilesArgs,

    #[command(flatten)]
    pub output: OutputArgs,

    #[command(flatten)]
    pub profile: ProfileUseArgs,

    #[command(flatten)]
    pub learn: LearnArgs,

    #[command(flatten)]
    pub filter: FilterArgs,

    #[command(flatten)]
    pub stream: StreamArgs,

    #[command(flatten)]
    pub compat: CompatArgs,
}

/// The command line, plus what derive cannot give: the order of the `--data*` values.
pub struct Parsed {
    pub cli: Cli,
    /// Every `-d`/`--data-*` value in command-line order (curl joins them with `&`).
    pub data: Vec<(DataKind, String)>,
    /// What to say once before the request: a curl or HTTPie spelling hit reads its own
    /// way, or a letter that means something else in the other tool.
    pub notes: Vec<String>,
    /// `hit @PROFILE/OPERATION`: the OpenAPI operation the request calls.
    pub operation: Option<OperationCall>,
}

/// An operation of a profile's OpenAPI document, called by name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OperationCall {
    pub profile: String,
    pub name: String,
}

/// The command-line definition, with the examples and exit codes after the options.
pub fn command() -> clap::Command {
    Cli::command()
        .after_help(format!("{EXAMPLES}\n\n{EXIT_STATUS}"))
        // The last of an option given twice wins, as in curl: a saved request's options
        // come first, the command line's after them.
        .args_override_self(true)
        // Left out of `-h`, an option keeps its words for `--help` and the man page as
        // long help (the man page reads only that of such an option).
        .mut_args(|arg| match arg.get_help().cloned() {
            Some(help) if arg.is_hide_short_help_set() && arg.get_long_help().is_none() => {
                arg.long_help(help)
            }
            _ => arg,
        })
}

/// Parses a command line (its first word is the program's name); clap's own errors are
/// returned for the caller to report.
pub fn parse_from<I, T>(args: I) -> Result<Parsed, clap::Error>
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let args = compat::httpie_form(args.into_iter().map(Into::into).collect());
    let matches = command().try_get_matches_from(args)?;
    let mut cli = Cli::from_arg_matches(&matches)?;
    let data = data_in_order(&matches);
    (cli.body.form, cli.body.form_literal) = form_in_order(&matches);
    let mut notes = CompatArgs::apply(&mut cli)
        .map_err(|message| command().error(clap::error::ErrorKind::ValueValidation, message))?;
    notes.extend(hints::hints(&cli));
    Ok(Parsed {
        cli,
        data,
        notes,
        operation: None,
    })
}

fn data_in_order(matches: &ArgMatches) -> Vec<(DataKind, String)> {
    let kinds = [
        ("data", DataKind::Data),
        ("data_raw", DataKind::Raw),
        ("data_binary", DataKind::Binary),
        ("data_urlencode", DataKind::Urlencode),
    ];
    let mut found: Vec<(usize, DataKind, String)> = Vec::new();
    for (id, kind) in kinds {
        let (Some(indices), Some(values)) =
            (matches.indices_of(id), matches.get_many::<String>(id))
        else {
            continue;
        };
        found.extend(indices.zip(values).map(|(i, v)| (i, kind, v.clone())));
    }
    found.sort_by_key(|(i, _, _)| *i);
    found.into_iter().map(|(_, f, v)| (f, v)).collect()
}

/// `-F` and `--form-string` values in command-line order, each with whether it is taken
/// as written (`--form-string`).
fn form_in_order(matches: &ArgMatches) -> (Vec<String>, Vec<bool>) {
    let mut found: Vec<(usize, String, bool)> = Vec::new();
    for (id, literal) in [("form", false), ("form_string", true)] {
        let (Some(indices), Some(values)) =
            (matches.indices_of(id), matches.get_many::<String>(id))
        else {
            continue;
        };
        found.extend(indices.zip(values).map(|(i, v)| (i, v.clone(), literal)));
    }
    found.sort_by_key(|(i, _, _)| *i);
    found
        .into_iter()
        .map(|(_, v, literal)| (v, literal))
        .unzip()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn form_fields_keep_their_order_and_kind() {
        let words = [
            "hit",
            "-F",
            "a=1",
            "--form-string",
            "b=@x",
            "-F",
            "c=-2",
            "x.org",
        ];
        let body = parse_from(words).expect("parsed").cli.body;
        assert_eq!(body.form, ["a=1", "b=@x", "c=-2"]);
        assert_eq!(body.form_literal, [false, true, false]);
    }
}
