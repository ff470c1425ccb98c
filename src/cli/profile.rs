//! `hit profile`'s command line. The profile names offered as completions are added by
//! `profile::command()`, which can read the store.

use clap::{Args, Parser, Subcommand};

use super::{OAuthArgs, ProxyArgs, RetryArgs, SectionsArgs, StyleArgs, TlsArgs, TransferArgs};

/// `hit profile`: keep a base URL, headers, credentials and defaults per API.
#[derive(Parser, Debug)]
#[command(
    name = "hit profile",
    about = "Keep a base URL, headers, credentials and defaults per API",
    after_help = "Examples:\n  hit profile add gh --base-url https://api.github.com --bearer-env GITHUB_TOKEN\n  \
                  hit -P gh /user\n  hit profile show gh\n  \
                  hit profile add pets --openapi petstore.yaml\n  hit @pets\n\nProfiles live in ~/.config/hit/profiles \
                  (HIT_CONFIG_DIR/profiles when set), one private TOML file each.",
    max_term_width = 100
)]
pub struct ProfileArgs {
    #[command(subcommand)]
    pub action: Action,
}

#[derive(Subcommand, Debug)]
pub enum Action {
    /// Create a profile (--force replaces one, keeping its saved requests)
    Add(Box<AddArgs>),
    /// List the profiles and their base URLs
    List,
    /// Print a profile as it applies (extends included), secrets hidden, and its saved
    /// requests
    Show {
        name: String,
        /// Show literal secrets stored with --store-secret
        #[arg(long)]
        show_secrets: bool,
    },
    /// Read a profile's OpenAPI document again and say which operations changed
    Sync { name: String },
    /// Delete a profile, its saved requests and its cookie jar
    Rm { name: String },
    /// Open a copy in $VISUAL or $EDITOR; it replaces the profile only if it is valid
    Edit { name: String },
}

#[derive(Args, Debug)]
pub struct AddArgs {
    pub name: String,
    /// What a URL starting with '/' (or a bare path) is joined to
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// A header sent with every request: -H 'Name: value'
    #[arg(short = 'H', long = "header", value_name = "HEADER")]
    pub headers: Vec<String>,
    /// A query item added to every request: --query per_page=100
    #[arg(long, value_name = "NAME=VALUE")]
    pub query: Vec<String>,
    /// A header whose value is read from an environment variable: 'X-Api-Key=API_KEY'
    #[arg(long, value_name = "HEADER=VAR")]
    pub header_env: Vec<String>,
    /// Bearer token from this environment variable
    #[arg(long, value_name = "VAR", group = "secret")]
    pub bearer_env: Option<String>,
    /// Bearer token printed by this command (run once per run, 10 s at most)
    #[arg(long, value_name = "COMMAND", group = "secret")]
    pub bearer_cmd: Option<String>,
    /// A literal bearer token (stored in the file: needs --store-secret)
    #[arg(long, value_name = "TOKEN", group = "secret")]
    pub bearer: Option<String>,
    /// Basic auth user (with --password-env VAR; 'user:password' needs --store-secret)
    #[arg(
        short = 'u',
        long,
        value_name = "USER[:PASSWORD]",
        conflicts_with = "secret"
    )]
    pub user: Option<String>,
    /// The basic auth password from this environment variable
    #[arg(long, value_name = "VAR", requires = "user")]
    pub password_env: Option<String>,
    /// Store a literal secret (--bearer, -u user:password, a credential header) in the file
    #[arg(long)]
    pub store_secret: bool,
    #[command(flatten)]
    pub oauth: OAuthArgs,
    /// The API's OpenAPI document (3.0 or 3.1, JSON or YAML): hit @NAME lists its operations
    #[arg(long, value_name = "FILE|URL", conflicts_with = "discover")]
    pub openapi: Option<String>,
    /// Find the OpenAPI document from --base-url (its Link rel="service-desc", then
    /// /openapi.json and the like, on the same origin)
    #[arg(long, requires = "base_url")]
    pub discover: bool,
    /// A value for a variable of the document's server URL (its default otherwise)
    #[arg(long, value_name = "NAME=VALUE")]
    pub server_var: Vec<String>,
    /// Start from another profile's settings
    #[arg(long, value_name = "PROFILE")]
    pub extends: Option<String>,
    #[command(flatten)]
    pub transfer: TransferArgs,
    #[command(flatten)]
    pub retry: RetryArgs,
    #[command(flatten)]
    pub tls: TlsArgs,
    #[command(flatten)]
    pub proxy: ProxyArgs,
    #[command(flatten)]
    pub sections: SectionsArgs,
    #[command(flatten)]
    pub style: StyleArgs,
    /// Keep a cookie jar for this profile (a 0600 file beside it)
    #[arg(long)]
    pub cookies: bool,
    /// Replace a profile of the same name (its saved requests are kept)
    #[arg(long)]
    pub force: bool,
}
