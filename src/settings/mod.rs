//! The command line and the environment merged into plain settings.
//!
//! This is the last layer that sees clap types.

mod args;
mod combine;
mod cookies;
mod filter;
mod netrc;
mod output;
mod profile;
mod proxy;
mod secrets;
pub mod store;
mod unsent;
pub mod write_out;

use std::path::PathBuf;
use std::time::Duration;

use anyhow::Result;
use reqwest::{Method, Url};

use crate::cli::{
    Cli, ConnectionArgs, LearnArgs, LimitArgs, Parsed, TlsArgs, TransferArgs, time_limit,
};
use crate::error::usage;
use crate::http::reroute::{ConnectTo, ResolveRule};
use crate::items::{DataKind, HeaderEdit, Item};
use crate::policy::lint::Lint;
use crate::policy::retry::RetryPolicy;
use combine::Combine;

pub use args::{normalize_url, positionals, split_positionals};
pub use cookies::CookieFiles;
pub use filter::FilterSettings;
pub use output::{OutputSettings, Redaction, SaveSettings, Sections, Target, explains_failures};
pub use proxy::{Proxy, ProxySettings};
pub use unsent::Unsent;
pub use write_out::Template;

/// What the command line asks hit to do.
#[derive(Debug)]
pub enum Mode {
    /// Send a request (today's path).
    Request(Box<Settings>),
    /// A command word in first position: `serve`, `explain`, `profile`, `save`, `run`.
    Command(Command),
}

/// The words reserved in first position for hit's commands (SPEC §1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    Serve,
    Explain,
    Profile,
    Save,
    Run,
}

impl Command {
    const ALL: [Command; 5] = [
        Command::Serve,
        Command::Explain,
        Command::Profile,
        Command::Save,
        Command::Run,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Command::Serve => "serve",
            Command::Explain => "explain",
            Command::Profile => "profile",
            Command::Save => "save",
            Command::Run => "run",
        }
    }

    fn from_word(word: &str) -> Option<Command> {
        Command::ALL.into_iter().find(|c| c.name() == word)
    }
}

/// Everything a request needs, with no clap types left.
#[derive(Debug)]
pub struct Settings {
    pub request: RequestSettings,
    pub transport: TransportSettings,
    pub retry: RetryPolicy,
    pub output: OutputSettings,
    pub learn: LearnSettings,
    pub cookies: CookieFiles,
    /// `--paginate`: the most pages to fetch (`--max-pages`, 100 by default).
    pub paginate: Option<u32>,
    /// `--jq` and `--check`.
    pub filter: Option<std::sync::Arc<FilterSettings>>,
}

/// `--offline`, `--curl`, `--explain` and the lints.
#[derive(Debug, Default)]
pub struct LearnSettings {
    /// Show the request instead of sending it.
    pub preview: Option<Preview>,
    /// `--explain`: annotate the exchange.
    pub explain: bool,
    /// `--no-lint NAME`.
    pub silenced: Vec<Lint>,
}

/// What `--offline` and `--curl` print in place of sending.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Preview {
    Offline,
    Curl,
}

/// What to send.
#[derive(Debug)]
pub struct RequestSettings {
    /// The method the user asked for (positional, `-X`, `-I`, `-G`); `None` means infer it.
    pub method: Option<Method>,
    pub url: Url,
    pub items: Vec<Item>,
    /// Headers from `-H`, `-A`, `-e`, `-b`, `--idempotency-key` and `--accept`, in that order.
    pub headers: Vec<(String, HeaderEdit)>,
    /// `-d`/`--data-*` values in command-line order.
    pub data: Vec<Data>,
    pub json: Vec<String>,
    pub form: Vec<String>,
    pub upload: Option<PathBuf>,
    pub item_encoding: ItemEncoding,
    /// `-G`: `-d` data goes into the query string.
    pub data_in_query: bool,
    pub auth: Option<Auth>,
    /// Stdin may become the body (it is not a terminal and `--no-stdin` is off).
    pub stdin_allowed: bool,
    /// A profile's headers: sent unless the command line names them.
    pub profile_headers: Vec<(String, String)>,
    /// Headers whose values are a profile's secrets: hidden in output, and dropped on a
    /// redirect to another origin.
    pub secret_headers: Vec<String>,
    /// Said on stderr before the request is sent.
    pub warnings: Vec<String>,
    /// Send `Accept-Encoding` (not with `--raw` alone, as curl does not).
    pub accept_encoding: bool,
    /// `--digest`, `--anyauth`: the user and password go only in answer to a 401.
    pub challenge: Option<Challenge>,
}

/// Which challenges `--digest` and `--anyauth` answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Challenge {
    Digest,
    Any,
}

/// One `-d`/`--data-*` value and how curl reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Data {
    pub kind: DataKind,
    pub value: String,
}

/// How `name=value` items are encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemEncoding {
    Json,
    Urlencoded,
    Multipart,
}

#[derive(Debug, Clone)]
pub enum Auth {
    Basic { user: String, password: String },
    Bearer(String),
}

/// How to send requests: everything a `Transport` is built from.
#[derive(Debug, Clone)]
pub struct TransportSettings {
    pub follow_redirects: bool,
    pub max_redirects: usize,
    /// `--location-trusted`: credentials follow redirects to other origins.
    pub location_trusted: bool,
    /// `-m`: the most one attempt may take.
    pub max_time: Option<Duration>,
    pub connect_timeout: Option<Duration>,
    /// `--timeout`: the longest wait for the response to start or the next body bytes.
    pub idle_timeout: Option<Duration>,
    pub insecure: bool,
    pub cacert: Option<PathBuf>,
    pub proxies: ProxySettings,
    /// `--max-filesize`: the largest body accepted, after decoding.
    pub max_filesize: Option<u64>,
    /// `--http1.1`, `--http2-prior-knowledge`.
    pub version: HttpVersion,
    /// `-4`, `-6`.
    pub family: Option<IpFamily>,
    /// `--resolve`.
    pub resolve: Vec<ResolveRule>,
    /// `--connect-to`.
    pub connect_to: Vec<ConnectTo>,
    pub unix_socket: Option<PathBuf>,
    /// `--raw`: content codings are not undone.
    pub raw: bool,
    /// `-E/--cert` and `--key`: the certificate to present, and the key when apart.
    pub client_cert: Option<(PathBuf, Option<PathBuf>)>,
}

/// Which HTTP version to speak.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum HttpVersion {
    /// HTTP/1.1 over http, HTTP/2 when TLS agrees on it.
    #[default]
    Negotiated,
    Http1Only,
    /// HTTP/2 from the first byte, also over plain http.
    Http2PriorKnowledge,
}

/// `-4`, `-6`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IpFamily {
    V4,
    V6,
}

/// Which standard streams are terminals.
#[derive(Debug, Clone, Copy)]
pub struct Terminal {
    pub stdin: bool,
    pub stdout: bool,
    pub stderr: bool,
    /// TERM is set and not `dumb`: a terminal that can redraw a line.
    pub draws: bool,
}

/// An environment variable that is set, not empty and not "0".
fn env_flag(name: &str) -> bool {
    std::env::var_os(name).is_some_and(|v| !v.is_empty() && v != "0")
}

impl Mode {
    /// Decides what the command line asks for, and for a request, its settings.
    pub fn from_cli(parsed: Parsed, terminal: Terminal) -> Result<Mode> {
        if let Some(command) = parsed.cli.args.first().and_then(|w| Command::from_word(w)) {
            return Ok(Mode::Command(command));
        }
        Settings::from_cli(parsed, terminal).map(|s| Mode::Request(Box::new(s)))
    }
}

impl Settings {
    pub fn from_cli(parsed: Parsed, terminal: Terminal) -> Result<Settings> {
        let Parsed { cli, data } = parsed;
        if let Some(var) = cli.profile.vars.first() {
            return Err(usage(format!(
                "--var {var}: --var fills {{NAME}} in a saved request (hit @NAME --var \
                 NAME=VALUE), and this is not one"
            )));
        }
        let active = profile::Active::load(&cli)?;
        // Precedence, in one place: the command line over the profile.
        let defaults = active.as_ref().map(profile::Active::defaults);
        let defaults = defaults.unwrap_or_default();
        let transfer = cli.transfer.clone().combine(defaults.transfer);
        let tls = cli.tls.clone().combine(defaults.tls);
        let retry = cli.retry.clone().combine(defaults.retry);
        let shown = cli.output.clone().combine(defaults.output);
        let mut output = output::output_settings(&shown, &cli.files, &cli.filter, terminal)?;
        let base = active.as_ref().and_then(|a| a.base_url.as_ref());
        let request = request_settings(&cli, data, terminal, active.as_ref()).map_err(|err| {
            unsent::unsent(err, &output, || {
                let (method, url, _) = args::target(&cli, base).ok()?;
                let method = method.and_then(|m| Method::from_bytes(m.as_bytes()).ok());
                Some((method.unwrap_or(Method::GET), url))
            })
        })?;
        let proxies = proxies(&cli, active.as_ref(), &request.url)?;
        output.redaction.headers = request.secret_headers.clone();
        let cookies = CookieFiles::from_cli(&cli, active.as_ref());
        Ok(Settings {
            request,
            transport: TransportSettings::from_args(
                &transfer,
                &cli.connection,
                &tls,
                &cli.limit,
                proxies,
            ),
            retry: retry.policy(),
            output,
            learn: learn_settings(&cli.learn),
            cookies,
            paginate: cli
                .connection
                .paginate
                .then(|| cli.connection.max_pages.unwrap_or(100)),
            filter: filter::filter_settings(&cli.filter)?,
        })
    }
}

impl TransportSettings {
    /// The transport the option groups describe (profile defaults already layered in).
    pub fn from_args(
        transfer: &TransferArgs,
        connection: &ConnectionArgs,
        tls: &TlsArgs,
        limit: &LimitArgs,
        proxies: ProxySettings,
    ) -> TransportSettings {
        TransportSettings {
            follow_redirects: transfer.location,
            max_redirects: transfer.max_redirs.unwrap_or(10),
            location_trusted: transfer.location_trusted,
            max_time: time_limit(transfer.max_time),
            connect_timeout: time_limit(transfer.connect_timeout),
            idle_timeout: time_limit(transfer.timeout),
            insecure: tls.insecure,
            cacert: tls.cacert.clone(),
            proxies,
            // 0 is no limit, as in curl.
            max_filesize: limit.max_filesize.filter(|max| *max > 0),
            version: if connection.http1_1 {
                HttpVersion::Http1Only
            } else if connection.http2_prior_knowledge {
                HttpVersion::Http2PriorKnowledge
            } else {
                HttpVersion::Negotiated
            },
            family: match (connection.ipv4, connection.ipv6) {
                (true, _) => Some(IpFamily::V4),
                (_, true) => Some(IpFamily::V6),
                _ => None,
            },
            resolve: connection.resolve.clone(),
            connect_to: connection.connect_to.clone(),
            unix_socket: connection.unix_socket.clone(),
            raw: connection.raw,
            client_cert: tls.cert.clone().map(|cert| (cert, tls.key.clone())),
        }
    }
}

/// `-x`, then the environment, then the profile's proxy.
fn proxies(cli: &Cli, active: Option<&profile::Active>, url: &Url) -> Result<ProxySettings> {
    let user = cli.proxy.proxy_user.as_deref();
    let settings = ProxySettings::new(cli.proxy.proxy.as_deref(), user)?;
    let mut settings = match active.filter(|_| cli.proxy.proxy.is_none()) {
        Some(active) => match active.proxy(&settings, url) {
            Some(proxy) => ProxySettings::new(Some(&proxy), user)?,
            None => settings,
        },
        None => settings,
    };
    if let Some(hosts) = &cli.proxy.noproxy {
        settings.no_proxy = proxy::host_list(hosts);
    }
    Ok(settings)
}

fn learn_settings(learn: &LearnArgs) -> LearnSettings {
    let preview = match (learn.offline, learn.curl) {
        (true, _) => Some(Preview::Offline),
        (_, true) => Some(Preview::Curl),
        _ => None,
    };
    LearnSettings {
        preview,
        explain: learn.explain,
        silenced: learn
            .no_lint
            .iter()
            .filter_map(|name| Lint::from_name(name))
            .collect(),
    }
}

fn request_settings(
    cli: &Cli,
    data: Vec<(DataKind, String)>,
    terminal: Terminal,
    active: Option<&profile::Active>,
) -> Result<RequestSettings> {
    let headers = args::header_options(cli)?;
    let base = active.and_then(|a| a.base_url.as_ref());
    let (positional_method, url, raw_items) = args::target(cli, base)?;
    let mut items = raw_items
        .iter()
        .map(|raw| Item::parse(raw).map_err(usage))
        .collect::<Result<Vec<_>>>()?;
    let additions = match active {
        Some(active) => {
            default_query(&active.profile.query, &url, &mut items);
            active.additions(cli, &url, &named_headers(&headers, &items))?
        }
        None => profile::Additions::default(),
    };
    check_idempotency_keys(cli, &headers, &items)?;

    let method = cli
        .request
        .method
        .clone()
        .or_else(|| cli.output.head.then(|| "HEAD".to_string()))
        .or_else(|| cli.body.get.then(|| "GET".to_string()))
        .or(positional_method)
        .map(|m| {
            Method::from_bytes(m.as_bytes())
                .map_err(|_| usage(format!("bad method '{m}': not an HTTP token")))
        })
        .transpose()?;
    let auth = auth(cli, &url, terminal, additions.auth)?;
    let item_encoding = if cli.body.multipart {
        ItemEncoding::Multipart
    } else if cli.body.urlencoded {
        ItemEncoding::Urlencoded
    } else {
        ItemEncoding::Json
    };
    let data = data
        .into_iter()
        .map(|(kind, value)| Data { kind, value })
        .collect();
    Ok(RequestSettings {
        method,
        url,
        items,
        headers,
        data,
        json: cli.body.json.clone(),
        form: cli.body.form.clone(),
        upload: cli.body.upload_file.clone(),
        item_encoding,
        data_in_query: cli.body.get,
        auth,
        // `-b -` reads the jar from stdin, as curl does: stdin is not the body then.
        stdin_allowed: !cli.body.no_stdin && !terminal.stdin && !cookies::from_stdin(cli)?,
        profile_headers: additions.headers,
        secret_headers: additions.secret_headers,
        warnings: additions.warning.into_iter().collect(),
        accept_encoding: !cli.connection.raw || cli.connection.compressed,
        challenge: match (cli.auth.digest, cli.auth.anyauth) {
            (true, _) => Some(Challenge::Digest),
            (_, true) => Some(Challenge::Any),
            _ => None,
        },
    })
}

/// `-u` or `--bearer`, then the URL's own credentials (taken out of it later), then a netrc
/// entry, then the profile's.
fn auth(cli: &Cli, url: &Url, terminal: Terminal, profile: Option<Auth>) -> Result<Option<Auth>> {
    let url_has_credentials = !url.username().is_empty() || url.password().is_some();
    Ok(match (&cli.auth.user, &cli.auth.bearer) {
        (Some(user), _) => Some(args::basic_auth(user, terminal)?),
        (None, Some(token)) => Some(Auth::Bearer(token.clone())),
        (None, None) if url_has_credentials => None,
        (None, None) => netrc::credentials(cli, url)?.or(profile),
    })
}

/// The headers the command line gives or removes, by options or items.
fn named_headers(headers: &[(String, HeaderEdit)], items: &[Item]) -> Vec<String> {
    let from_items = items.iter().filter_map(|item| match item {
        Item::Header { name, .. } => Some(name.clone()),
        _ => None,
    });
    headers
        .iter()
        .map(|(name, _)| name.clone())
        .chain(from_items)
        .collect()
}

/// A profile's query items, for the names the URL and the items do not give.
fn default_query(defaults: &indexmap::IndexMap<String, String>, url: &Url, items: &mut Vec<Item>) {
    for (name, value) in defaults {
        let in_url = url.query_pairs().any(|(n, _)| n == name.as_str());
        let in_items = items
            .iter()
            .any(|item| matches!(item, Item::Query { name: n, .. } if n == name));
        if !in_url && !in_items {
            items.push(Item::Query {
                name: name.clone(),
                value: value.clone(),
            });
        }
    }
}

/// `--idempotency-key` is one of `headers` already; another key would be sent beside it.
fn check_idempotency_keys(
    cli: &Cli,
    headers: &[(String, HeaderEdit)],
    items: &[Item],
) -> Result<()> {
    let item_headers = items.iter().filter_map(|item| match item {
        Item::Header { name, .. } => Some(name),
        _ => None,
    });
    let keys = headers
        .iter()
        .map(|(name, _)| name)
        .chain(item_headers)
        .filter(|name| name.eq_ignore_ascii_case("idempotency-key"))
        .count();
    if cli.retry.idempotency_key.is_some() && keys > 1 {
        return Err(usage(
            "an Idempotency-Key header and --idempotency-key both give the key; give it once",
        ));
    }
    Ok(())
}
