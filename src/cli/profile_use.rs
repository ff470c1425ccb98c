//! `-P NAME` and a saved request's `--var`s.

use clap::Args;

/// The profile a request uses, and the variables of a saved request.
#[derive(Args, Debug, Clone, Default)]
pub struct ProfileUseArgs {
    /// Use this saved profile: its base URL, headers, credentials and defaults
    #[arg(
        short = 'P',
        long,
        value_name = "NAME",
        env = "HIT_PROFILE",
        help_heading = "Profiles"
    )]
    pub profile: Option<String>,

    /// Fill {NAME} in a saved request (hit @NAME --var NAME=VALUE)
    #[arg(long = "var", value_name = "NAME=VALUE", help_heading = "Profiles")]
    pub vars: Vec<String>,
}
