//! OAuth on the command line: `hit profile add NAME --oauth FLOW …` and `hit auth`.

use clap::{Args, Parser, Subcommand};

use super::values::seconds;
use super::{ConnectionArgs, TlsArgs, TransferArgs};
use crate::http::reroute::{ConnectTo, ResolveRule};

/// `hit profile add`'s OAuth options: they write `[auth] type = "oauth2"`.
#[derive(Args, Debug, Clone, Default)]
pub struct OAuthArgs {
    /// Get tokens from an OAuth 2.0 authorization server by this flow: client_credentials,
    /// authorization_code (PKCE), device_code or refresh_token
    #[arg(
        long,
        value_name = "FLOW",
        conflicts_with = "secret",
        conflicts_with = "user",
        help_heading = "OAuth"
    )]
    pub oauth: Option<String>,
    /// The client ID registered with the authorization server
    #[arg(long, value_name = "ID", requires = "oauth", help_heading = "OAuth")]
    pub client_id: Option<String>,
    /// The client secret from this environment variable
    #[arg(long, value_name = "VAR", requires = "oauth", help_heading = "OAuth")]
    pub client_secret_env: Option<String>,
    /// The client secret printed by this command
    #[arg(
        long,
        value_name = "COMMAND",
        requires = "oauth",
        help_heading = "OAuth"
    )]
    pub client_secret_cmd: Option<String>,
    /// Find the endpoints from this issuer (OpenID Connect discovery, then RFC 8414)
    #[arg(long, value_name = "URL", requires = "oauth", help_heading = "OAuth")]
    pub issuer: Option<String>,
    /// The token endpoint
    #[arg(long, value_name = "URL", requires = "oauth", help_heading = "OAuth")]
    pub token_url: Option<String>,
    /// The authorization endpoint (authorization_code)
    #[arg(long, value_name = "URL", requires = "oauth", help_heading = "OAuth")]
    pub authorization_url: Option<String>,
    /// The device authorization endpoint (device_code)
    #[arg(long, value_name = "URL", requires = "oauth", help_heading = "OAuth")]
    pub device_authorization_url: Option<String>,
    /// The revocation endpoint, for hit auth logout (RFC 7009)
    #[arg(long, value_name = "URL", requires = "oauth", help_heading = "OAuth")]
    pub revocation_url: Option<String>,
    /// A scope to ask for (repeat it for more)
    #[arg(
        long = "scope",
        value_name = "SCOPE",
        requires = "oauth",
        help_heading = "OAuth"
    )]
    pub scopes: Vec<String>,
    /// The audience parameter of the token request
    #[arg(
        long,
        value_name = "AUDIENCE",
        requires = "oauth",
        help_heading = "OAuth"
    )]
    pub audience: Option<String>,
    /// The resource the token is for (RFC 8707)
    #[arg(long, value_name = "URI", requires = "oauth", help_heading = "OAuth")]
    pub resource: Option<String>,
    /// Another parameter of every token request: --token-param prompt=consent
    #[arg(
        long,
        value_name = "NAME=VALUE",
        requires = "oauth",
        help_heading = "OAuth"
    )]
    pub token_param: Vec<String>,
    /// The loopback port of the authorization_code redirect (a free one by default)
    #[arg(long, value_name = "PORT", requires = "oauth", help_heading = "OAuth")]
    pub redirect_port: Option<u16>,
    /// The refresh token (flow refresh_token, in CI) from this environment variable
    #[arg(long, value_name = "VAR", requires = "oauth", help_heading = "OAuth")]
    pub refresh_token_env: Option<String>,
    /// The refresh token (flow refresh_token) printed by this command
    #[arg(
        long,
        value_name = "COMMAND",
        requires = "oauth",
        help_heading = "OAuth"
    )]
    pub refresh_token_cmd: Option<String>,
}

/// `hit auth`: log in to a profile's OAuth authorization server, and its tokens.
#[derive(Parser, Debug)]
#[command(
    name = "hit auth",
    bin_name = "hit auth",
    about = "Log in with OAuth 2.0 for a profile; see, use and forget its tokens",
    after_help = "Examples:\n  hit profile add api --base-url https://api.example.com --oauth authorization_code \\\n    \
                  --client-id hit-cli --issuer https://auth.example.com --scope read\n  \
                  hit auth login api\n  hit auth status api\n  hit -P api /me\n  \
                  hit auth token api | other-tool --token-stdin\n  hit auth logout api\n\n\
                  PROFILE defaults to $HIT_PROFILE, else 'default'. Tokens are kept in \
                  ~/.local/share/hit/tokens (HIT_DATA_DIR/tokens when set), one private file \
                  per profile.",
    max_term_width = 100
)]
pub struct AuthCommandArgs {
    #[command(subcommand)]
    pub action: AuthAction,
}

#[derive(Subcommand, Debug)]
pub enum AuthAction {
    /// Get tokens by the profile's flow: a browser (authorization_code), a code typed on
    /// another device (device_code), or none (client_credentials, refresh_token)
    Login {
        #[command(flatten)]
        profile: AuthProfile,
        /// Print the authorization URL and read the redirect URL (or the code) from stdin
        #[arg(long)]
        no_browser: bool,
    },
    /// Show the flow, scopes, expiry and whether a refresh token is held (never a token)
    Status {
        #[command(flatten)]
        profile: AuthProfile,
    },
    /// Print the access token, renewed first if it is about to expire (for another program)
    Token {
        #[command(flatten)]
        profile: AuthProfile,
    },
    /// Forget the tokens, revoking them where the server has a revocation endpoint
    Logout {
        #[command(flatten)]
        profile: AuthProfile,
    },
}

/// The profile, and the options of a request that reach its authorization server the way
/// the API's requests do (the profile's own proxy, CA and limits apply too).
#[derive(Args, Debug)]
pub struct AuthProfile {
    /// The profile (default: $HIT_PROFILE, else 'default')
    #[arg(value_name = "PROFILE", env = "HIT_PROFILE", default_value = "default")]
    pub name: String,
    /// The most seconds one answer of the authorization server may take
    #[arg(short = 'm', long, value_name = "SECONDS", value_parser = seconds)]
    pub max_time: Option<f64>,
    /// The most seconds to wait for the connection
    #[arg(long, value_name = "SECONDS", value_parser = seconds)]
    pub connect_timeout: Option<f64>,
    /// The most seconds any one pause may last (30 by default)
    #[arg(long, value_name = "SECONDS", value_parser = seconds)]
    pub timeout: Option<f64>,
    /// Connect to ADDRESS for HOST:PORT instead of looking the host up
    #[arg(long, value_name = "HOST:PORT:ADDRESS", value_parser = ResolveRule::parse)]
    pub resolve: Vec<ResolveRule>,
    /// Connect to HOST2:PORT2 for HOST1:PORT1
    #[arg(long, value_name = "HOST1:PORT1:HOST2:PORT2", value_parser = ConnectTo::parse)]
    pub connect_to: Vec<ConnectTo>,
    /// Skip TLS certificate verification (unsafe)
    #[arg(short = 'k', long)]
    pub insecure: bool,
    /// Trust only the CA certificates in this PEM file
    #[arg(long, value_name = "FILE")]
    pub cacert: Option<std::path::PathBuf>,
}

impl AuthProfile {
    /// The options as the request option groups they belong to.
    pub fn groups(&self) -> (TransferArgs, ConnectionArgs, TlsArgs) {
        let transfer = TransferArgs {
            max_time: self.max_time,
            connect_timeout: self.connect_timeout,
            timeout: self.timeout,
            ..TransferArgs::default()
        };
        let connection = ConnectionArgs {
            resolve: self.resolve.clone(),
            connect_to: self.connect_to.clone(),
            ..ConnectionArgs::default()
        };
        let tls = TlsArgs {
            insecure: self.insecure,
            cacert: self.cacert.clone(),
            ..TlsArgs::default()
        };
        (transfer, connection, tls)
    }
}
