//! The command line and the environment merged into plain settings.
//!
//! This is the last layer that sees clap types.

mod args;
mod combine;
pub mod contract;
mod cookies;
mod filter;
mod netrc;
mod output;
mod profile;
mod proxy;
mod request;
mod secrets;
mod spec;
pub mod store;
mod stream;
mod unsent;
pub mod write_out;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Result;
use reqwest::{Method, Url};

use crate::cli::{
    AuthProfile, Cli, ConnectionArgs, LearnArgs, LimitArgs, Parsed, RetryArgs, TlsArgs,
    TransferArgs, time_limit,
};
use crate::error::usage;
use crate::http::reroute::{ConnectTo, ResolveRule};
use crate::items::{DataKind, HeaderEdit, Item};
use crate::policy::lint::Lint;
use crate::policy::paginate::Paginate;
use crate::policy::retry::RetryPolicy;
use combine::Combine;
use request::{Source, request_settings};

pub use args::{normalize_url, positionals, split_positionals};
pub use cookies::CookieFiles;
pub use filter::FilterSettings;
pub use output::{
    OutputSettings, Redaction, SaveSettings, Sections, Target, explains_failures, use_color,
};
pub use proxy::{Proxy, ProxySettings};
pub use secrets::by_reference as secret_by_reference;
pub use spec::{RequestSpec, RunShared, SpecBody};
pub use stream::{Step, StreamSettings, WebSocketSettings};
pub use unsent::Unsent;
pub use write_out::Template;

/// Everything a request needs, with no clap types left.
#[derive(Debug)]
pub struct Settings {
    pub request: RequestSettings,
    pub transport: TransportSettings,
    pub retry: RetryPolicy,
    pub output: OutputSettings,
    pub learn: LearnSettings,
    pub cookies: CookieFiles,
    /// `--paginate`: the most pages to fetch (`--max-pages`, 100 by default) and the field
    /// of object pages to merge.
    pub paginate: Option<Paginate>,
    /// `--jq` and `--check`.
    pub filter: Option<std::sync::Arc<FilterSettings>>,
    /// `--count`, `--until`, `--sse-reconnect` and the WebSocket session.
    pub stream: StreamSettings,
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
    /// `--strict` and `--validate`, as asked; `contract` is what they hold the request to
    /// (an OpenAPI operation), set by the command that knows it.
    pub strict: bool,
    pub validate: bool,
    pub contract: Option<contract::ContractSettings>,
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
    /// A body given as bytes (a request of `hit run`'s file): sent as it is.
    pub exact_body: Option<Vec<u8>>,
    pub json: Vec<String>,
    /// `-F` and `--form-string` values in command-line order.
    pub form: Vec<FormField>,
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
    /// Query parameters whose values are secrets (an API key an OpenAPI document puts in
    /// the query): the secret-in-query lint names them whatever they are called.
    pub secret_query: Vec<String>,
    /// Secrets taken from environment variables, with the name of each.
    pub secret_variables: Vec<(String, String)>,
    /// Said on stderr before the request is sent.
    pub warnings: Vec<String>,
    /// Send `Accept-Encoding` (not with `--raw` alone, as curl does not).
    pub accept_encoding: bool,
    /// `--digest`, `--anyauth`: the user and password go only in answer to a 401.
    pub challenge: Option<Challenge>,
    /// The request opens a WebSocket: a `ws://`/`wss://` URL, `--ws`, or `.http`'s
    /// `WEBSOCKET`.
    pub websocket: bool,
}

/// One multipart field from the command line.
#[derive(Debug, Clone)]
pub struct FormField {
    /// `NAME=CONTENT` as given.
    pub raw: String,
    /// curl's `--form-string`: the content is the value as written (no `@file`, `<file` or
    /// `;type=`).
    pub literal: bool,
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
    Basic {
        user: String,
        password: String,
    },
    Bearer(String),
    /// A profile's `[auth] type = "oauth2"`: the exchange gets its access token from the
    /// authorization server (crate::oauth) and sends it as a bearer token.
    OAuth2(Box<OAuthUse>),
}

/// The OAuth client of a profile, for the request that uses it.
#[derive(Debug, Clone)]
pub struct OAuthUse {
    pub profile: String,
    pub config: store::AuthConfig,
}

/// How to send requests: everything a `Transport` is built from.
#[derive(Debug, Clone)]
pub struct TransportSettings {
    pub follow_redirects: bool,
    pub max_redirects: usize,
    /// `--location-trusted`: credentials follow redirects to other origins.
    pub location_trusted: bool,
    /// curl's `--proto =https`: redirects to http:// are not followed.
    pub https_redirects_only: bool,
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

/// The option groups with the profile's defaults layered under them.
struct Layered {
    active: Option<Arc<profile::Active>>,
    transfer: TransferArgs,
    tls: TlsArgs,
    retry: RetryArgs,
    output: OutputSettings,
}

impl Layered {
    /// Precedence, in one place: the command line over the profile.
    fn new(cli: &Cli, terminal: Terminal) -> Result<Layered> {
        if let Some(var) = cli.profile.vars.first() {
            return Err(usage(format!(
                "--var {var}: --var fills {{NAME}} in a saved request (hit @NAME --var \
                 NAME=VALUE), and this is not one"
            )));
        }
        let active = profile::Active::load(cli)?.map(Arc::new);
        Layered::with(cli, terminal, active)
    }

    /// The option groups of `cli` over `active`, a profile loaded already (`hit run` loads
    /// it once for all its requests).
    fn with(
        cli: &Cli,
        terminal: Terminal,
        active: Option<Arc<profile::Active>>,
    ) -> Result<Layered> {
        let defaults = active.as_deref().map(profile::Active::defaults);
        let defaults = defaults.unwrap_or_default();
        let shown = cli.output.clone().combine(defaults.output);
        Ok(Layered {
            transfer: cli.transfer.clone().combine(defaults.transfer),
            tls: cli.tls.clone().combine(defaults.tls),
            retry: cli.retry.clone().combine(defaults.retry),
            output: output::output_settings(&shown, &cli.files, &cli.filter, terminal)?,
            active,
        })
    }

    fn transport(&self, cli: &Cli, proxies: ProxySettings) -> TransportSettings {
        let (connection, limit) = (&cli.connection, &cli.limit);
        TransportSettings::from_args(&self.transfer, connection, &self.tls, limit, proxies)
    }
}

impl Settings {
    /// What a redirect may take along and where it may go: `--location-trusted`, the
    /// profile's secret headers, `--proto =https`.
    pub fn redirect_trust(&self) -> crate::policy::redirect::Trust<'_> {
        crate::policy::redirect::Trust {
            trusted: self.transport.location_trusted,
            secret: &self.request.secret_headers,
            https_only: self.transport.https_redirects_only,
        }
    }

    pub fn from_cli(parsed: Parsed, terminal: Terminal) -> Result<Settings> {
        let Parsed { cli, data, .. } = parsed;
        let layered = Layered::new(&cli, terminal)?;
        Settings::build(&cli, &Source::Line(data), layered, terminal)
    }

    /// The settings of one request from `source`, under the option groups of `cli`.
    fn build(
        cli: &Cli,
        source: &Source,
        mut layered: Layered,
        terminal: Terminal,
    ) -> Result<Settings> {
        let active = layered.active.as_deref();
        let base = active.and_then(|a| a.base_url.as_ref());
        let request = request_settings(cli, source, terminal, active)
            .map_err(|err| unsent::unsent(err, &layered.output, || source.fallback(cli, base)))?;
        if cli.transfer.https_only && request.url.scheme() == "http" {
            return Err(usage(format!(
                "--proto allows only https, and {} is an http:// URL",
                crate::http::shown(&request.url)
            )));
        }
        let proxies = proxies(cli, active, Some(&request.url))?;
        let cookies = CookieFiles::from_cli(cli, active);
        let mut transport = layered.transport(cli, proxies);
        let stream = StreamSettings::new(cli, &request, &layered.output, &mut transport)?;
        if stream.websocket.is_some() {
            stream::quiet_head(cli, &mut layered.output.sections);
        }
        layered.output.redaction.headers = request.secret_headers.clone();
        layered.output.chosen_method = output::shows_chosen_method(&layered.output, &request);
        layered.output.redaction.variables = request.secret_variables.clone();
        Ok(Settings {
            request,
            transport,
            retry: layered.retry.policy(),
            output: layered.output,
            learn: learn_settings(&cli.learn),
            cookies,
            paginate: cli.connection.paginate.then(|| Paginate {
                max_pages: cli.connection.max_pages.unwrap_or(100),
                field: cli.connection.paginate_field.clone(),
            }),
            filter: filter::filter_settings(&cli.filter, stream.until.is_some())?,
            stream,
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
            https_redirects_only: transfer.https_redirects_only,
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

/// `-x` (or `--socks5`, `--socks5-hostname`), then the environment, then the profile's proxy
/// (for `url`; with none, the one transport of a run: unless the environment names any proxy).
fn proxies(
    cli: &Cli,
    active: Option<&profile::Active>,
    url: Option<&Url>,
) -> Result<ProxySettings> {
    let user = cli.proxy.proxy_user.as_deref();
    let args = &cli.proxy;
    let explicit = proxy::command_line_proxy(
        args.proxy.as_deref(),
        args.socks5.as_deref(),
        args.socks5_hostname.as_deref(),
    )?;
    let named = explicit
        .as_ref()
        .map(|(raw, source)| (raw.as_str(), *source));
    let settings = ProxySettings::new(named, user)?;
    let mut settings = match active.filter(|_| explicit.is_none()) {
        Some(active) => match active.proxy(&settings, url) {
            Some(proxy) => ProxySettings::new(Some((&proxy, "-x")), user)?,
            None => settings,
        },
        None => settings,
    };
    if let Some(hosts) = &cli.proxy.noproxy {
        settings.no_proxy = proxy::host_list(hosts);
    }
    Ok(settings)
}

/// `hit auth`'s view of a profile: its `[auth] type = "oauth2"`, and the transport its
/// authorization server is reached with (the command line over the profile's defaults).
pub fn oauth_profile(args: &AuthProfile) -> Result<(store::AuthConfig, TransportSettings)> {
    let name = &args.name;
    let active = profile::Active::named(name)?;
    let auth = (active.profile.auth.clone())
        .filter(|auth| auth.kind == store::AuthKind::OAuth2)
        .ok_or_else(|| {
            usage(format!(
                "profile '{name}' does not use OAuth; hit profile add {name} --oauth FLOW \
                 --client-id ID ... --force sets it up"
            ))
        })?;
    let defaults = active.defaults();
    let (transfer, connection, tls) = args.groups();
    let transfer = transfer.combine(defaults.transfer);
    let tls = tls.combine(defaults.tls);
    let server = (auth.token_url.as_deref())
        .or(auth.issuer.as_deref())
        .and_then(|raw| Url::parse(raw).ok());
    let environment = ProxySettings::new(None, None)?;
    let proxies = match active.proxy(&environment, server.as_ref()) {
        Some(proxy) => ProxySettings::new(Some((&proxy, "-x")), None)?,
        None => environment,
    };
    let limit = LimitArgs::default();
    let transport = TransportSettings::from_args(&transfer, &connection, &tls, &limit, proxies);
    Ok((auth, transport))
}

/// The transport of a request hit makes on its own (an OpenAPI document by URL): default
/// limits and TLS, the environment's proxies.
pub fn plain_transport() -> Result<TransportSettings> {
    let environment = ProxySettings::new(None, None)?;
    Ok(TransportSettings::from_args(
        &Default::default(),
        &Default::default(),
        &Default::default(),
        &LimitArgs::default(),
        environment,
    ))
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
        strict: learn.strict,
        validate: learn.validate,
        contract: None,
        silenced: learn
            .no_lint
            .iter()
            .filter_map(|name| Lint::from_name(name))
            .collect(),
    }
}
