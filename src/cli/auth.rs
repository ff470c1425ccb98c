//! Credentials: `-u`, `--bearer`, `--digest`/`--anyauth` and netrc.

use std::path::PathBuf;

use clap::Args;

/// Credentials: -u, --bearer, the challenge schemes and netrc.
#[derive(Args, Debug, Clone, Default)]
pub struct AuthArgs {
    /// Basic auth: user:password (without ':password' hit asks on a terminal)
    #[arg(
        short = 'u',
        long,
        value_name = "USER[:PASSWORD]",
        help_heading = "Auth"
    )]
    pub user: Option<String>,

    /// Send 'Authorization: Bearer TOKEN'
    #[arg(
        long,
        value_name = "TOKEN",
        conflicts_with = "user",
        help_heading = "Auth"
    )]
    pub bearer: Option<String>,

    /// With -u or a netrc entry: send credentials only when a 401 asks, answering its
    /// Digest challenge (RFC 7616)
    #[arg(long, overrides_with = "anyauth", help_heading = "Auth")]
    pub digest: bool,

    /// With -u or a netrc entry: send credentials only when a 401 asks, in the strongest
    /// scheme it offers (Digest, else Basic)
    #[arg(long, overrides_with = "digest", help_heading = "Auth")]
    pub anyauth: bool,

    /// Take the user and password for the URL's host from ~/.netrc
    #[arg(short = 'n', long, help_heading = "Auth")]
    pub netrc: bool,

    /// Take the user and password for the URL's host from this netrc file
    #[arg(long, value_name = "FILE", help_heading = "Auth")]
    pub netrc_file: Option<PathBuf>,

    /// As --netrc, and a missing file is no error
    #[arg(long, help_heading = "Auth")]
    pub netrc_optional: bool,
}
