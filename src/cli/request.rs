//! The request's own options: the URL, the method, headers and cookies.

use std::path::PathBuf;

use clap::Args;

/// The request line and headers: the URL, the method, headers and cookies.
#[derive(Args, Debug, Clone, Default)]
pub struct RequestArgs {
    /// The URL, as curl's --url gives it (then every positional word is an item)
    #[arg(long, value_name = "URL", help_heading = "Request")]
    pub url: Option<String>,

    /// Use this request method, whatever the positional METHOD says
    #[arg(
        short = 'X',
        long = "request",
        value_name = "METHOD",
        help_heading = "Request"
    )]
    pub method: Option<String>,

    /// Add a header: -H 'Name: value' ('Name:' removes it, 'Name;' sends it empty)
    #[arg(
        short = 'H',
        long = "header",
        value_name = "HEADER",
        allow_hyphen_values = true,
        help_heading = "Request"
    )]
    pub headers: Vec<String>,

    /// Set the User-Agent header
    #[arg(short = 'A', long, value_name = "NAME", help_heading = "Request")]
    pub user_agent: Option<String>,

    /// Set the Referer header
    #[arg(short = 'e', long, value_name = "URL", help_heading = "Request")]
    pub referer: Option<String>,

    /// Send cookies: -b 'name=value; other=value', or those of a cookie file (Netscape
    /// format, as curl writes) that match the URL
    #[arg(
        short = 'b',
        long = "cookie",
        value_name = "DATA|FILE",
        help_heading = "Request"
    )]
    pub cookies: Vec<String>,

    /// After the exchange, write every cookie (those read with -b FILE and those received)
    /// to FILE in the Netscape format curl uses
    #[arg(short = 'c', long, value_name = "FILE", help_heading = "Request")]
    pub cookie_jar: Option<PathBuf>,

    /// Set the Accept header ('json' is short for application/json)
    #[arg(long, value_name = "TYPE", help_heading = "Request")]
    pub accept: Option<String>,
}
