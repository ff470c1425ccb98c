//! What to send: the method, URL, items, headers, data and credentials, from the command
//! line's words or from a request given as data, with the profile's part added.

use anyhow::Result;
use reqwest::{Method, Url};

use super::{
    Auth, Challenge, Data, FormField, ItemEncoding, RequestSettings, RequestSpec, Terminal, args,
    cookies, netrc, profile, spec,
};
use crate::cli::Cli;
use crate::error::usage;
use crate::items::{DataKind, HeaderEdit, Item};

/// What a request is built from: the command line's words, or a request given as data
/// (`hit run`'s).
pub(super) enum Source {
    /// The positionals and header options of the command line, and its `-d`/`--data-*`
    /// values in order.
    Line(Vec<(DataKind, String)>),
    Spec(RequestSpec),
}

impl Source {
    /// The method and URL, as far as they can be read, for a failure reported before the
    /// request is sent (`Unsent`).
    pub(super) fn fallback(&self, cli: &Cli, base: Option<&Url>) -> Option<(Method, Url)> {
        let (method, url) = match self {
            Source::Line(_) => {
                let (method, url, _) = args::target(cli, base).ok()?;
                (method, url)
            }
            Source::Spec(spec) => (
                Some(spec.method.clone()),
                args::target_url(&spec.url, base).ok()?,
            ),
        };
        let method = method.and_then(|m| Method::from_bytes(m.as_bytes()).ok());
        Some((method.unwrap_or(Method::GET), url))
    }
}

/// What the request names before the profile adds its part: the method word, the URL,
/// the items, the header edits and the data.
pub(super) struct Given {
    pub method: Option<String>,
    pub url: Url,
    pub items: Vec<Item>,
    pub headers: Vec<(String, HeaderEdit)>,
    pub data: Vec<Data>,
    /// A body given as bytes (`hit run`'s files), sent as it is.
    pub exact_body: Option<Vec<u8>>,
    /// A `ws://`/`wss://` URL (or `.http`'s `WEBSOCKET`): the request opens a WebSocket.
    pub websocket: bool,
}

/// What the command line's words give.
fn line_given(cli: &Cli, data: &[(DataKind, String)], base: Option<&Url>) -> Result<Given> {
    let headers = args::header_options(cli)?;
    let (positional_method, url, raw_items) = args::target(cli, base)?;
    let items = raw_items
        .iter()
        .map(|raw| Item::parse(raw).map_err(usage))
        .collect::<Result<Vec<_>>>()?;
    let method = cli
        .request
        .method
        .clone()
        .or_else(|| cli.output.head.then(|| "HEAD".to_string()))
        .or_else(|| cli.body.get.then(|| "GET".to_string()))
        .or(positional_method);
    let data = data
        .iter()
        .map(|(kind, value)| Data {
            kind: *kind,
            value: value.clone(),
        })
        .collect();
    Ok(Given {
        method,
        url,
        items,
        headers,
        data,
        exact_body: None,
        websocket: args::names_websocket(cli)?,
    })
}

pub(super) fn request_settings(
    cli: &Cli,
    source: &Source,
    terminal: Terminal,
    active: Option<&profile::Active>,
) -> Result<RequestSettings> {
    let base = active.and_then(|a| a.base_url.as_ref());
    let Given {
        method,
        url,
        mut items,
        headers,
        data,
        exact_body,
        websocket,
    } = match source {
        Source::Line(data) => line_given(cli, data, base)?,
        Source::Spec(spec) => spec::given(cli, spec, base)?,
    };
    let additions = match active {
        Some(active) => {
            default_query(&active.profile.query, &url, &mut items);
            active.additions(cli, &url, &named_headers(&headers, &items))?
        }
        None => profile::Additions::default(),
    };
    check_idempotency_keys(cli, &headers, &items)?;
    let method = method
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
    Ok(RequestSettings {
        method,
        url,
        items,
        headers,
        data,
        exact_body,
        websocket: websocket || cli.stream.ws,
        json: cli.body.json.clone(),
        form: cli
            .body
            .form
            .iter()
            .enumerate()
            .map(|(i, raw)| FormField {
                raw: raw.clone(),
                literal: cli.body.form_literal.get(i).copied().unwrap_or(false),
            })
            .collect(),
        upload: cli.body.upload_file.clone(),
        item_encoding,
        data_in_query: cli.body.get,
        auth,
        // `-b -` reads the jar from stdin, as curl does: stdin is not the body then.
        stdin_allowed: !cli.body.no_stdin && !terminal.stdin && !cookies::from_stdin(cli)?,
        profile_headers: additions.headers,
        secret_headers: additions.secret_headers,
        secret_query: Vec::new(),
        secret_variables: additions.secret_variables,
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
