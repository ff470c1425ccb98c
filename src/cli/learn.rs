//! `--offline`, `--curl`, `--explain` and `--no-lint`.

use clap::Args;

/// Show or explain the request instead of (or beside) sending it.
#[derive(Args, Debug, Clone, Default)]
pub struct LearnArgs {
    /// Print the request exactly as it would be sent, and send nothing
    #[arg(long, help_heading = "Learn")]
    pub offline: bool,

    /// Print the same request as a curl command, and send nothing
    #[arg(long, conflicts_with = "offline", help_heading = "Learn")]
    pub curl: bool,

    /// After the exchange, explain what the method promised, what the status means and
    /// what the notable response headers ask (on stderr)
    #[arg(long, help_heading = "Learn")]
    pub explain: bool,

    /// Refuse to send a request that breaks the OpenAPI document of its operation
    /// (hit @PROFILE/OPERATION, or -P with a document): exit 2 instead of a warning
    #[arg(long, help_heading = "Learn")]
    pub strict: bool,

    /// Check the response against the profile's OpenAPI document: a documented status and
    /// content type, required headers, the body's schema; exit 1 when it breaks them
    /// (--contract is the same)
    #[arg(long, alias = "contract", help_heading = "Learn")]
    pub validate: bool,

    /// Silence one of the warnings about the request given before it is sent (-q silences
    /// them all)
    #[arg(long, value_name = "NAME", value_parser = lint_names(), help_heading = "Learn")]
    pub no_lint: Vec<String>,
}

fn lint_names() -> clap::builder::PossibleValuesParser {
    clap::builder::PossibleValuesParser::new(crate::policy::lint::Lint::ALL.map(|lint| lint.name()))
}
