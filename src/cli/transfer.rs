//! How a request travels: redirects, time limits, codings, HTTP versions, routes, pages.

use std::path::PathBuf;

use clap::Args;

use super::values::seconds;
use crate::http::reroute::{ConnectTo, ResolveRule};
use crate::policy::paginate::FieldPath;

/// Redirects and time limits.
#[derive(Args, Debug, Clone, Default)]
pub struct TransferArgs {
    /// Follow redirects
    #[arg(
        short = 'L',
        long,
        alias = "follow",
        overrides_with = "no_location",
        help_heading = "Transfer"
    )]
    pub location: bool,

    /// Do not follow redirects, even when the profile says to
    #[arg(long, overrides_with = "location", help_heading = "Transfer")]
    pub no_location: bool,

    /// The most redirects to follow with -L [default: 10]
    #[arg(long, value_name = "N", help_heading = "Transfer")]
    pub max_redirs: Option<usize>,

    /// The most seconds the whole run may take: waiting for stdin, every attempt and every
    /// retry wait included (0: no limit)
    #[arg(short = 'm', long, value_name = "SECONDS", value_parser = seconds, help_heading = "Transfer")]
    pub max_time: Option<f64>,

    /// The most seconds to wait for the connection (0: no limit)
    #[arg(long, value_name = "SECONDS", value_parser = seconds, help_heading = "Transfer")]
    pub connect_timeout: Option<f64>,

    /// The most seconds any one pause may last: waiting for the response to start, for
    /// the next bytes of its body, or for stdin (0: no limit)
    #[arg(long, value_name = "SECONDS", value_parser = seconds, help_heading = "Transfer")]
    pub timeout: Option<f64>,

    /// With -L, send Authorization and Cookie to other origins too
    #[arg(long, help_heading = "Transfer")]
    pub location_trusted: bool,

    /// curl's `--proto =https`: an http:// URL is refused.
    #[arg(skip)]
    pub https_only: bool,

    /// curl's `--proto =https` or `--proto-redir =https`: a redirect to http:// is not
    /// followed.
    #[arg(skip)]
    pub https_redirects_only: bool,
}

/// How the bytes travel: codings, the HTTP version, the address family, routes, pages and the URL as typed.
#[derive(Args, Debug, Clone, Default)]
pub struct ConnectionArgs {
    /// Accepted for curl compatibility: responses are always decoded (unless --raw)
    #[arg(long, help_heading = "Transfer")]
    pub compressed: bool,

    /// Pass the body on as received, content codings not undone (and, as in curl, no
    /// Accept-Encoding unless --compressed)
    #[arg(long, help_heading = "Transfer")]
    pub raw: bool,

    /// Speak HTTP/1.1 only
    #[arg(long = "http1.1", overrides_with_all = ["http2", "http2_prior_knowledge"], help_heading = "Transfer")]
    pub http1_1: bool,

    /// Use HTTP/2 where the server offers it over TLS (the default)
    #[arg(long, overrides_with_all = ["http1_1", "http2_prior_knowledge"], help_heading = "Transfer")]
    pub http2: bool,

    /// Speak HTTP/2 from the first byte, also over plain http (h2c)
    #[arg(long, overrides_with_all = ["http1_1", "http2"], help_heading = "Transfer")]
    pub http2_prior_knowledge: bool,

    /// Connect over IPv4 only
    #[arg(short = '4', long, overrides_with = "ipv6", help_heading = "Transfer")]
    pub ipv4: bool,

    /// Connect over IPv6 only
    #[arg(short = '6', long, overrides_with = "ipv4", help_heading = "Transfer")]
    pub ipv6: bool,

    /// Connect to ADDRESS for HOST:PORT instead of looking the host up: example.org:443:127.0.0.1
    #[arg(long, value_name = "HOST:PORT:ADDRESS", value_parser = ResolveRule::parse, help_heading = "Transfer")]
    pub resolve: Vec<ResolveRule>,

    /// Connect to HOST2:PORT2 for HOST1:PORT1; an empty part matches any, or keeps the URL's
    #[arg(long, value_name = "HOST1:PORT1:HOST2:PORT2", value_parser = ConnectTo::parse, help_heading = "Transfer")]
    pub connect_to: Vec<ConnectTo>,

    /// Connect through this Unix domain socket instead of TCP
    #[arg(long, value_name = "PATH", help_heading = "Transfer")]
    pub unix_socket: Option<PathBuf>,

    /// Follow the RFC 8288 Link rel="next" of each page; JSON array pages, or the items of
    /// object pages, are merged into one array (one element per line with --stream)
    #[arg(long, help_heading = "Transfer")]
    pub paginate: bool,

    /// With --paginate, the most pages to fetch [default: 100]
    #[arg(
        long,
        value_name = "N",
        requires = "paginate",
        help_heading = "Transfer"
    )]
    pub max_pages: Option<u32>,

    /// With --paginate, the array of object pages to merge: .products, .data.items [default:
    /// the one array field that changes from page to page]
    #[arg(
        long,
        value_name = "PATH",
        value_parser = FieldPath::parse,
        requires = "paginate",
        help_heading = "Transfer"
    )]
    pub paginate_field: Option<FieldPath>,

    /// Accepted for curl compatibility: hit never expands {} and [] in URLs
    #[arg(short = 'g', long, help_heading = "Transfer")]
    pub globoff: bool,

    /// Send the path as typed: a path with . or .. segments, which hit's URL parser removes, is refused
    #[arg(long, help_heading = "Transfer")]
    pub path_as_is: bool,
}
