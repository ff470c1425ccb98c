//! The command-line definition: clap types and value parsers only.
//!
//! Nothing outside `settings` sees these types.

use std::path::PathBuf;

use clap::{ArgAction, ArgMatches, CommandFactory, FromArgMatches, Parser};

mod curl_options;
mod early;
mod explain;
mod filter;
pub mod help;
mod profile;
mod run;
mod run_options;
mod serve;
mod values;

pub use early::{Generate, command_args, generate_request};
pub use explain::ExplainArgs;
pub use filter::FilterArgs;
pub use help::foreign_option;
use help::{ABOUT, ARGS_HELP, EXAMPLES, EXIT_STATUS};
pub use profile::{Action, AddArgs, ProfileArgs};
pub use run::RunArgs;
pub use run_options::Passed;
pub use serve::ServeArgs;
pub use values::{
    ColorWhen, ConnectTo, ContinueAt, OutputFormat, Pretty, Resolve, StatusList, status_list,
};
use values::{byte_count, connect_to, continue_at, indent, resolve, seconds};

/// The parsed command line.
#[derive(Parser, Debug)]
#[command(
    name = "hit",
    version,
    about = ABOUT,
    override_usage = "hit [OPTIONS] [METHOD] URL [ITEM ...]",
    max_term_width = 100
)]
pub struct Cli {
    /// The method (optional), the URL and request items (--help shows the item syntax)
    #[arg(
        value_name = "ARGS",
        long_help = ARGS_HELP
    )]
    pub args: Vec<String>,

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

    /// Body data, curl-style: '@file' reads a file (newlines stripped), '@-' stdin
    #[arg(short = 'd', long = "data", value_name = "DATA", help_heading = "Body")]
    pub data: Vec<String>,

    /// Body data sent exactly as given; '@' has no special meaning
    #[arg(long, value_name = "DATA", help_heading = "Body")]
    pub data_raw: Vec<String>,

    /// Body data; '@file' reads the file byte for byte
    #[arg(long, value_name = "DATA", help_heading = "Body")]
    pub data_binary: Vec<String>,

    /// Body data, URL-encoded: 'content', 'name=content', '@file' or 'name@file'
    #[arg(long, value_name = "DATA", help_heading = "Body")]
    pub data_urlencode: Vec<String>,

    /// A JSON body, curl-style (sets Content-Type and Accept to application/json)
    #[arg(long, value_name = "DATA", help_heading = "Body")]
    pub json: Vec<String>,

    /// A multipart field: name=value, name=@file (upload) or name=<file (text from file)
    #[arg(
        short = 'F',
        long = "form",
        value_name = "NAME=CONTENT",
        help_heading = "Body"
    )]
    pub form: Vec<String>,

    /// Send data items as application/x-www-form-urlencoded
    #[arg(long, conflicts_with = "multipart", help_heading = "Body")]
    pub urlencoded: bool,

    /// Send data items as multipart/form-data
    #[arg(long, help_heading = "Body")]
    pub multipart: bool,

    /// Upload a file as the body (PUT unless a method is given); '-' is stdin
    #[arg(short = 'T', long, value_name = "FILE", help_heading = "Body")]
    pub upload_file: Option<PathBuf>,

    /// Put -d data into the URL query and send a GET
    #[arg(short = 'G', long, help_heading = "Body")]
    pub get: bool,

    /// Never read the request body from stdin
    #[arg(long, help_heading = "Body")]
    pub no_stdin: bool,

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

    /// Follow redirects
    #[arg(
        short = 'L',
        long,
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
    #[arg(long = "timeout", value_name = "SECONDS", value_parser = seconds, help_heading = "Transfer")]
    pub idle_timeout: Option<f64>,

    /// With -L, send Authorization and Cookie to other origins too
    #[arg(long, help_heading = "Transfer")]
    pub location_trusted: bool,

    /// Retry up to N times after a timeout, a lost connection or a 408, 425, 429, 500, 502,
    /// 503 or 504; only idempotent requests (GET, HEAD, OPTIONS, TRACE, PUT, DELETE or any
    /// with an Idempotency-Key)
    #[arg(long, value_name = "N", help_heading = "Retry")]
    pub retry: Option<u32>,

    /// The first retry waits up to this many seconds, each next one up to twice as long
    /// (at most 30; Retry-After may ask for longer) [default: 1]
    #[arg(long, value_name = "SECONDS", value_parser = seconds, help_heading = "Retry")]
    pub retry_delay: Option<f64>,

    /// Retry only while the next attempt starts within this many seconds of the first
    /// (0: no limit) [default: 300]
    #[arg(long, value_name = "SECONDS", value_parser = seconds, help_heading = "Retry")]
    pub retry_max_time: Option<f64>,

    /// The statuses to retry, comma-separated: 503,429 or 5xx
    #[arg(long, value_name = "CODES", value_parser = status_list, help_heading = "Retry")]
    pub retry_on: Option<StatusList>,

    /// Send 'Idempotency-Key: KEY' on every attempt; 'auto' makes a random key
    #[arg(long, value_name = "KEY|auto", help_heading = "Retry")]
    pub idempotency_key: Option<String>,

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
    #[arg(long, value_name = "HOST:PORT:ADDRESS", value_parser = resolve, help_heading = "Transfer")]
    pub resolve: Vec<Resolve>,

    /// Connect to HOST2:PORT2 for HOST1:PORT1; an empty part matches any, or keeps the URL's
    #[arg(long, value_name = "HOST1:PORT1:HOST2:PORT2", value_parser = connect_to, help_heading = "Transfer")]
    pub connect_to: Vec<ConnectTo>,

    /// Connect through this Unix domain socket instead of TCP
    #[arg(long, value_name = "PATH", help_heading = "Transfer")]
    pub unix_socket: Option<PathBuf>,

    /// Follow the RFC 8288 Link rel="next" of each page; JSON array pages are merged into one
    /// array (one element per line with --stream)
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

    /// Accepted for curl compatibility: hit never expands {} and [] in URLs
    #[arg(short = 'g', long, help_heading = "Transfer")]
    pub globoff: bool,

    /// Send the path as typed: a path with . or .. segments, which hit's URL parser removes, is refused
    #[arg(long, help_heading = "Transfer")]
    pub path_as_is: bool,

    /// Skip TLS certificate verification (unsafe)
    #[arg(
        short = 'k',
        long,
        overrides_with = "no_insecure",
        help_heading = "TLS and proxy"
    )]
    pub insecure: bool,

    /// Verify TLS certificates, even when the profile says insecure
    #[arg(long, overrides_with = "insecure", help_heading = "TLS and proxy")]
    pub no_insecure: bool,

    /// Present this client certificate (PEM; its key too, unless --key)
    #[arg(short = 'E', long, value_name = "FILE", help_heading = "TLS and proxy")]
    pub cert: Option<PathBuf>,

    /// The private key of --cert (PEM, not encrypted)
    #[arg(
        long,
        value_name = "FILE",
        requires = "cert",
        help_heading = "TLS and proxy"
    )]
    pub key: Option<PathBuf>,

    /// Trust only the CA certificates in this PEM file
    #[arg(long, value_name = "FILE", help_heading = "TLS and proxy")]
    pub cacert: Option<PathBuf>,

    /// Refuse a response body larger than this, after decoding: 500000, 500k, 20M, 1G
    #[arg(long, value_name = "BYTES", value_parser = byte_count, help_heading = "Transfer")]
    pub max_filesize: Option<u64>,

    /// Send every request through this http or https proxy (http:// when no scheme is
    /// given); without it, http_proxy, https_proxy, all_proxy and no_proxy are honoured
    #[arg(short = 'x', long, value_name = "URL", help_heading = "TLS and proxy")]
    pub proxy: Option<String>,

    /// Hosts to reach without a proxy, comma-separated, in place of NO_PROXY ('*' for all)
    #[arg(long, value_name = "HOSTS", help_heading = "TLS and proxy")]
    pub noproxy: Option<String>,

    /// Credentials for the proxy
    #[arg(
        short = 'U',
        long,
        value_name = "USER:PASSWORD",
        help_heading = "TLS and proxy"
    )]
    pub proxy_user: Option<String>,

    /// Write the response body to FILE instead of stdout ('-' is stdout); an existing file
    /// is kept unless --clobber or -C -
    #[arg(short = 'o', long, value_name = "FILE", help_heading = "Files")]
    pub output: Option<PathBuf>,

    /// Save the body in the current directory under the last part of the URL path
    #[arg(short = 'O', long, conflicts_with = "output", help_heading = "Files")]
    pub remote_name: bool,

    /// Save the body under the file name the server gives in Content-Disposition (implies
    /// -O, whose name is the fallback)
    #[arg(
        short = 'J',
        long,
        conflicts_with_all = ["output", "continue_at"],
        help_heading = "Files"
    )]
    pub remote_header_name: bool,

    /// Replace an existing file (without it, -O and -J pick 'name-1.ext' and -o refuses)
    #[arg(long, help_heading = "Files")]
    pub clobber: bool,

    /// Resume a download into an existing file: '-' asks for the bytes after its end
    #[arg(short = 'C', long, value_name = "-", value_parser = continue_at, help_heading = "Files")]
    pub continue_at: Option<ContinueAt>,

    /// Send a HEAD request and print the response headers
    #[arg(short = 'I', long, help_heading = "Output")]
    pub head: bool,

    /// Print the response headers too
    #[arg(short = 'i', long, help_heading = "Output")]
    pub include: bool,

    /// Print the request as well as the response (-vv adds metadata)
    #[arg(short = 'v', long, action = ArgAction::Count, help_heading = "Output")]
    pub verbose: u8,

    /// What to print: H request headers, B request body, h response headers,
    /// b response body, m metadata
    #[arg(
        short = 'p',
        long = "print",
        value_name = "WHAT",
        help_heading = "Output"
    )]
    pub print: Option<String>,

    /// Print only the response headers
    #[arg(
        long = "headers",
        conflicts_with = "body_only",
        help_heading = "Output"
    )]
    pub headers_only: bool,

    /// Print only the response body
    #[arg(long = "body", help_heading = "Output")]
    pub body_only: bool,

    /// Print nothing to stdout and no warnings; the line that explains a non-zero exit
    /// (failing status, error, failed check) stays. -qq silences that too
    #[arg(short = 'q', long, action = ArgAction::Count, help_heading = "Output")]
    pub quiet: u8,

    /// No warnings, no progress and no error lines, as curl's -s (usage errors still show)
    #[arg(short = 's', long, help_heading = "Output")]
    pub silent: bool,

    /// With -s: still show errors and a failing status, as curl's -sS does
    #[arg(short = 'S', long, help_heading = "Output")]
    pub show_error: bool,

    /// Formatting and colours (default: all on a terminal, none in a pipe)
    #[arg(long, value_enum, value_name = "STYLE", help_heading = "Output")]
    pub pretty: Option<Pretty>,

    /// When to use colours
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorWhen::Auto, help_heading = "Output")]
    pub color: ColorWhen,

    /// Spaces per level of pretty-printed JSON, 0 to 16 (0: compact)
    #[arg(long, value_name = "N", default_value_t = 4, value_parser = indent, help_heading = "Output")]
    pub indent: usize,

    /// Print JSON objects with their keys sorted (reads the whole body first)
    #[arg(long, help_heading = "Output")]
    pub sort_keys: bool,

    /// Print each part of the body as it arrives (automatic for text/event-stream and
    /// application/x-ndjson)
    #[arg(long, help_heading = "Output")]
    pub stream: bool,

    /// Print the whole exchange as one JSON document instead of the sections
    #[arg(long, value_enum, value_name = "FORMAT", help_heading = "Output")]
    pub output_format: Option<OutputFormat>,

    /// After the transfer print FORMAT with curl's variables: %{http_code}, %{time_total},
    /// %{size_download}, %{url_effective}, %header{name}, ... ('@file' reads it from a file)
    #[arg(short = 'w', long, value_name = "FORMAT", help_heading = "Output")]
    pub write_out: Option<String>,

    /// Do not print the body of a 4xx or 5xx response (say so on stderr instead)
    #[arg(short = 'f', long, help_heading = "Output")]
    pub fail: bool,

    /// Exit 0 for 3xx, 4xx and 5xx responses too
    #[arg(long, help_heading = "Output")]
    pub ignore_status: bool,

    /// Show credentials where hit prints them (Authorization, Cookie, Set-Cookie, URL
    /// passwords and a profile's secrets are shown as •••• without it)
    #[arg(long, help_heading = "Output")]
    pub show_secrets: bool,

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

    /// Silence one of the warnings about the request given before it is sent (-q silences
    /// them all)
    #[arg(long, value_name = "NAME", value_parser = lint_names(), help_heading = "Learn")]
    pub no_lint: Vec<String>,

    #[command(flatten)]
    pub filter: FilterArgs,
}

fn lint_names() -> clap::builder::PossibleValuesParser {
    clap::builder::PossibleValuesParser::new(crate::lint::Lint::ALL.map(|lint| lint.name()))
}

/// Which `--data*` flag a value came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DataFlag {
    Data,
    Raw,
    Binary,
    Urlencode,
}

/// The command line, plus what derive cannot give: the order of the `--data*` values.
pub struct Parsed {
    pub cli: Cli,
    /// Every `-d`/`--data-*` value in command-line order (curl joins them with `&`).
    pub data: Vec<(DataFlag, String)>,
}

/// The command-line definition, with the examples and exit codes after the options.
pub fn command() -> clap::Command {
    Cli::command()
        .after_help(format!("{EXAMPLES}\n\n{EXIT_STATUS}"))
        // The last of an option given twice wins, as in curl: a saved request's options
        // come first, the command line's after them.
        .args_override_self(true)
}

/// Parses a command line (its first word is the program's name); clap's own errors are
/// returned for the caller to report.
pub fn parse_from<I, T>(args: I) -> Result<Parsed, clap::Error>
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let matches = command().try_get_matches_from(args)?;
    let cli = Cli::from_arg_matches(&matches)?;
    let data = data_in_order(&matches);
    Ok(Parsed { cli, data })
}

fn data_in_order(matches: &ArgMatches) -> Vec<(DataFlag, String)> {
    let flags = [
        ("data", DataFlag::Data),
        ("data_raw", DataFlag::Raw),
        ("data_binary", DataFlag::Binary),
        ("data_urlencode", DataFlag::Urlencode),
    ];
    let mut found: Vec<(usize, DataFlag, String)> = Vec::new();
    for (id, flag) in flags {
        let (Some(indices), Some(values)) =
            (matches.indices_of(id), matches.get_many::<String>(id))
        else {
            continue;
        };
        found.extend(indices.zip(values).map(|(i, v)| (i, flag, v.clone())));
    }
    found.sort_by_key(|(i, _, _)| *i);
    found.into_iter().map(|(_, f, v)| (f, v)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
