//! Settings → the request as sent: method, URL, every header and the body.
//!
//! The real send, `-v`, and the coming `--offline` and `--curl` all read the one
//! `PreparedRequest` built here, so they cannot drift apart.

mod body;
mod form;
mod input;

use anyhow::Result;
use base64::Engine;
use reqwest::header::HeaderValue;
use reqwest::{Method, Url};

use crate::error::usage;
use crate::http::{Headers, PreparedRequest, RequestBody, host_header};
use crate::items::{HeaderEdit, Item};
use crate::settings::{Auth, ItemEncoding, RequestSettings};
use crate::transport::limits::TimeLimits;
use body::BuiltBody;
pub use body::sources as body_sources;
use input::{Assembled, Input};
use percent_encoding::percent_decode_str;

/// The longest URL the HTTP library can carry in a request line.
const MAX_URL: usize = u16::MAX as usize - 1;

/// Where request building reports what the user should know while it works (the printer).
pub trait Notices {
    /// `hit: MESSAGE` on stderr.
    fn note(&mut self, message: &str);
    /// `hit: warning: MESSAGE` on stderr.
    fn warning(&mut self, message: &str);
}

/// The method: the one given, else PUT for `-T`, POST with a body, GET without (SPEC §1).
pub fn method(settings: &RequestSettings, has_body: bool) -> Method {
    match &settings.method {
        Some(method) => method.clone(),
        None if settings.upload.is_some() => Method::PUT,
        None if has_body => Method::POST,
        None => Method::GET,
    }
}

/// The method of a request not built yet (nothing read): whether it has a body is told by
/// its body sources.
pub fn method_of_unbuilt(settings: &RequestSettings) -> Method {
    method(settings, !body_sources(settings).is_empty())
}

/// Builds the request from settings, reading files and stdin as they ask.
pub async fn prepare(
    settings: &RequestSettings,
    notices: &mut dyn Notices,
    limits: TimeLimits,
) -> Result<PreparedRequest> {
    let mut input = Input { notices, limits };
    let mut url = settings.url.clone();
    // Credentials in the URL become the Authorization header, unless -u or --bearer give it.
    let auth = match (take_credentials(&mut url), &settings.auth) {
        (Some(_), Some(given)) => {
            input
                .notices
                .warning("-u/--bearer replaces the user and password in the URL");
            Some(given.clone())
        }
        (from_url, given) => from_url.or_else(|| given.clone()),
    };
    for item in &settings.items {
        if let Item::Query { name, value } = item {
            url.query_pairs_mut().append_pair(name, value);
        }
    }

    body::check_sources(settings)?;
    let mut built = body::build(settings, &mut input).await?;
    if settings.data_in_query && !settings.data.is_empty() {
        data_into_query(&mut url, settings, &mut input).await?;
    }

    if url.as_str().len() > MAX_URL {
        return Err(usage(format!(
            "the URL is {} bytes long, more than the {MAX_URL} hit can send (servers refuse \
             far less: 8 KiB for nginx and Apache); send the data in a body instead",
            url.as_str().len()
        )));
    }
    let method = method(settings, !built.body.is_empty());

    if method == Method::HEAD && !built.body.is_empty() {
        return Err(usage(
            "HEAD asks for the headers alone and carries no body, but the request has one; \
             drop the data, or use GET",
        ));
    }
    let reads_stdin = matches!(method, Method::POST | Method::PUT | Method::PATCH);
    // A WebSocket's stdin is its messages.
    if built.body.is_empty() && settings.stdin_allowed && !settings.websocket {
        let multipart = settings.item_encoding == ItemEncoding::Multipart;
        if reads_stdin && !multipart {
            if let Some(from_stdin) = body::from_stdin(&mut input).await? {
                built = from_stdin;
            }
        } else if crate::transport::stdin::has_data_waiting() {
            if multipart {
                return Err(usage(
                    "--multipart sends request items as form parts, and there are none; stdin \
                     is not made into a part (give items, or drop --multipart)",
                ));
            }
            input.notices.warning(&format!(
                "stdin has data, and a {method} sends none: it was not read (hit POST URL \
                 sends it, or -T - with any method; --no-stdin leaves stdin alone quietly)"
            ));
        }
    }

    use_given_boundary(settings, &mut built.body);
    let mut headers = headers(settings, &url, auth.as_ref(), &built, input.notices)?;
    if let RequestBody::Multipart(form) = &built.body {
        with_boundary(&mut headers, &form.boundary);
    }
    Ok(PreparedRequest {
        method,
        url,
        headers,
        body: built.body,
    })
}

/// A multipart body is written with the boundary of the user's Content-Type, if it has one.
fn use_given_boundary(settings: &RequestSettings, body: &mut RequestBody) {
    if let RequestBody::Multipart(form) = body
        && let Some(boundary) = given_boundary(settings)
    {
        form.boundary = boundary;
    }
}

/// The boundary of a multipart Content-Type the user gave (`-H 'Content-Type:
/// multipart/related; boundary=X'`): the parts are written with it, so that the body
/// matches the header the user sends.
fn given_boundary(settings: &RequestSettings) -> Option<String> {
    let item_headers = settings.items.iter().filter_map(|i| match i {
        Item::Header { name, edit } => Some((name, edit)),
        _ => None,
    });
    let given = settings
        .headers
        .iter()
        .map(|(name, edit)| (name, edit))
        .chain(item_headers)
        .rfind(|(name, _)| name.eq_ignore_ascii_case("content-type"))?;
    let HeaderEdit::Set(value) = given.1 else {
        return None;
    };
    if !crate::http::media::media_type(value).starts_with("multipart/") {
        return None;
    }
    crate::http::media::parameter(value, "boundary").filter(|b| valid_boundary(b))
}

/// RFC 2046 §5.1.1: 1 to 70 characters, none a control character.
fn valid_boundary(boundary: &str) -> bool {
    (1..=70).contains(&boundary.len()) && !boundary.chars().any(|c| c.is_control())
}

/// A multipart type the user gave (`Content-Type: multipart/related`) gets the boundary
/// the parts are written with, as curl adds it: without it the body cannot be read.
fn with_boundary(headers: &mut Headers, boundary: &str) {
    let Some(given) = headers.get("content-type") else {
        return;
    };
    let multipart = crate::http::media::media_type(given).starts_with("multipart/");
    if multipart && !given.to_ascii_lowercase().contains("boundary=") {
        let value = format!("{given}; boundary={boundary}");
        headers.set("Content-Type", value);
    }
}

/// `-G`: the `-d` data appended to the query.
async fn data_into_query(
    url: &mut Url,
    settings: &RequestSettings,
    input: &mut Input<'_>,
) -> Result<()> {
    let data = input::join_data(&settings.data).await?;
    let Assembled::Bytes(data) = data.assemble(input).await? else {
        return Err(usage(
            "-G puts -d data into the URL, and stdin gave more than 1 MiB of it",
        ));
    };
    let data = String::from_utf8(data)
        .map_err(|_| usage("-G puts -d data into the URL, so it must be text"))?;
    let query = match url.query() {
        Some(q) if !q.is_empty() => format!("{q}&{data}"),
        _ => data,
    };
    url.set_query(Some(&query));
    Ok(())
}

/// `-C -`: asks for the rest of a file from byte `offset`, unencoded: a range counts the
/// bytes as sent, and the tail of a gzip stream cannot be decoded on its own.
pub fn resume_from(request: &mut PreparedRequest, offset: u64) -> Result<()> {
    if request.headers.contains("range") {
        return Err(usage(
            "-C - sends its own Range header; drop the one given with -H or an item",
        ));
    }
    request.headers.remove("accept-encoding");
    request.headers.push("Accept-Encoding", "identity");
    request.headers.push("Range", format!("bytes={offset}-"));
    Ok(())
}

/// Host, User-Agent, Accept, Accept-Encoding, then the body's Content-Type and auth.
fn defaults(
    settings: &RequestSettings,
    url: &Url,
    auth: Option<&Auth>,
    built: &BuiltBody,
) -> Vec<(String, String)> {
    let mut defaults: Vec<(&str, String)> = vec![
        ("Host", host_header(url)),
        (
            "User-Agent",
            concat!("hit/", env!("CARGO_PKG_VERSION")).into(),
        ),
        ("Accept", built.accept.unwrap_or("*/*").into()),
    ];
    if settings.accept_encoding {
        defaults.push(("Accept-Encoding", "gzip, deflate, br".into()));
    }
    if let Some(content_type) = &built.content_type {
        defaults.push(("Content-Type", content_type.clone()));
    }
    match auth {
        // --digest, --anyauth: the credentials go in answer to a 401 (exchange::exchange).
        Some(Auth::Basic { .. }) if settings.challenge.is_some() => {}
        Some(Auth::Basic { user, password }) => {
            let token =
                base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"));
            defaults.push(("Authorization", format!("Basic {token}")));
        }
        Some(Auth::Bearer(token)) => defaults.push(("Authorization", format!("Bearer {token}"))),
        // The exchange has made it a bearer token by now (exchange::authorize).
        Some(Auth::OAuth2(_)) | None => {}
    }
    defaults
        .into_iter()
        .map(|(name, value)| (name.to_string(), value))
        .collect()
}

/// The user and password of a URL, percent-decoded, taken out of it.
fn take_credentials(url: &mut Url) -> Option<Auth> {
    if url.username().is_empty() && url.password().is_none() {
        return None;
    }
    let decode = |s: &str| percent_decode_str(s).decode_utf8_lossy().into_owned();
    let auth = Auth::Basic {
        user: decode(url.username()),
        password: decode(url.password().unwrap_or_default()),
    };
    let _ = url.set_username("");
    let _ = url.set_password(None);
    Some(auth)
}

/// The defaults, then the user's edits in order, then what the connection needs:
/// `Host` first and the body's length last, as HTTP/1.1 clients send them.
fn headers(
    settings: &RequestSettings,
    url: &Url,
    auth: Option<&Auth>,
    built: &BuiltBody,
    notices: &mut dyn Notices,
) -> Result<Headers> {
    let mut defaults = defaults(settings, url, auth, built);
    // A profile's header replaces a built-in one of the same name.
    for (name, value) in &settings.profile_headers {
        defaults.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
        defaults.push((name.clone(), value.clone()));
    }
    // Each entry remembers whether it is a default, so the user's first value of a name
    // replaces it while later values of the same name are sent as well.
    let mut edited: Vec<(String, String, bool)> =
        defaults.into_iter().map(|(n, v)| (n, v, true)).collect();
    let item_headers = settings.items.iter().filter_map(|i| match i {
        Item::Header { name, edit } => Some((name.clone(), edit.clone())),
        _ => None,
    });
    for (name, edit) in settings.headers.iter().cloned().chain(item_headers) {
        edited.retain(|(n, _, default)| !(*default && n.eq_ignore_ascii_case(&name)));
        match edit {
            HeaderEdit::Set(value) => edited.push((name, value, false)),
            HeaderEdit::Empty => edited.push((name, String::new(), false)),
            HeaderEdit::Remove => edited.retain(|(n, _, _)| !n.eq_ignore_ascii_case(&name)),
        }
    }
    let mut headers: Headers = edited.into_iter().map(|(n, v, _)| (n, v)).collect();
    // The HTTP client cannot send a request without these; show what it really sends.
    if !headers.contains("host") {
        let mut with_host = Headers::default();
        with_host.push("Host", host_header(url));
        with_host.extend(headers);
        headers = with_host;
    }
    if !headers.contains("accept") {
        headers.push("Accept", "*/*");
        notices.warning(
            "the HTTP client always sends an Accept header, so 'Accept:' sends 'Accept: */*'; 'Accept;' sends it empty",
        );
    }
    framing(&mut headers, &built.body, notices);
    for (name, value) in headers.iter() {
        if HeaderValue::from_str(value).is_err() {
            return Err(usage(format!(
                "bad value for header '{name}': control characters are not allowed"
            )));
        }
    }
    Ok(headers)
}

/// The headers that say where the body ends (RFC 9112 §6): a Content-Length that matches
/// the body, whatever the user gave, or chunks for a stream of unknown length.
fn framing(headers: &mut Headers, body: &RequestBody, notices: &mut dyn Notices) {
    if headers.contains("transfer-encoding") && !body.is_empty() {
        // The user chose the framing; the connection sends the body in chunks.
        headers.remove("content-length");
        return;
    }
    let real = body.len().map(|len| len.to_string());
    if let Some(given) = headers.get("content-length").map(str::to_string)
        && Some(&given) != real.as_ref()
        && !(body.is_empty() && given.trim() == "0")
    {
        let why = match &real {
            Some(len) => format!("the body has {len} bytes"),
            None if body.is_empty() => "the request has no body".to_string(),
            None => "the body streams from stdin, in chunks".to_string(),
        };
        notices.warning(&format!(
            "not sending 'Content-Length: {given}': {why}, and a length that disagrees with \
             it would corrupt the request"
        ));
        headers.remove("content-length");
    }
    match real {
        Some(len) if !headers.contains("content-length") => headers.push("Content-Length", len),
        // A stream of unknown length goes in chunks (RFC 9112 §7.1).
        None if !body.is_empty() => headers.push("Transfer-Encoding", "chunked"),
        _ => {}
    }
}
