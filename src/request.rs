//! Settings → the request to send: method, URL, headers and body.
//!
//! Everything that prints or sends a request reads this one value.

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, Result};
use base64::Engine;
use bytes::Bytes;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_encode};
use reqwest::{Method, Url};
use tokio::io::AsyncReadExt;

use crate::cli::DataFlag;
use crate::error::{excerpt, io_reason, usage};
use crate::items::{self, Field, FieldValue, HeaderEdit, Item};
use crate::output::Printer;
use crate::settings::{Auth, ItemEncoding, RequestSettings};

/// `Accept` for requests with JSON items (SPEC §2).
const JSON_ACCEPT: &str = "application/json, */*;q=0.5";
const JSON: &str = "application/json";
const FORM: &str = "application/x-www-form-urlencoded";

/// A request ready to be printed or sent.
#[derive(Debug, Clone)]
pub struct PreparedRequest {
    pub method: Method,
    pub url: Url,
    /// Headers in the order they are sent; a name may repeat.
    pub headers: Vec<(String, String)>,
    pub body: RequestBody,
}

/// Where the request body comes from.
#[derive(Debug, Clone)]
pub enum RequestBody {
    Empty,
    Bytes(Bytes),
    /// `-T FILE`: streamed from disk.
    File {
        path: PathBuf,
        len: u64,
    },
    /// multipart/form-data; file parts are streamed from disk.
    Multipart(Vec<Part>),
}

/// One multipart/form-data part.
#[derive(Debug, Clone)]
pub enum Part {
    Text {
        name: String,
        value: String,
    },
    File {
        name: String,
        path: PathBuf,
        mime: Option<String>,
    },
}

/// A body and the headers that describe it.
struct BuiltBody {
    body: RequestBody,
    content_type: Option<String>,
    accept: Option<&'static str>,
}

impl BuiltBody {
    fn none() -> BuiltBody {
        BuiltBody {
            body: RequestBody::Empty,
            content_type: None,
            accept: None,
        }
    }
}

/// Builds the request from settings, reading files and stdin as they ask.
pub async fn prepare(settings: &RequestSettings, printer: &mut Printer) -> Result<PreparedRequest> {
    let mut url = settings.url.clone();
    for item in &settings.items {
        if let Item::Query { name, value } = item {
            url.query_pairs_mut().append_pair(name, value);
        }
    }

    check_body_sources(settings)?;
    let mut built = build_body(settings, printer).await?;
    if settings.data_in_query && !settings.data.is_empty() {
        let data = join_data(&settings.data, printer).await?;
        let data = String::from_utf8(data)
            .map_err(|_| usage("-G puts -d data into the URL, so it must be text"))?;
        let query = match url.query() {
            Some(q) if !q.is_empty() => format!("{q}&{data}"),
            _ => data,
        };
        url.set_query(Some(&query));
    }

    let method = match &settings.method {
        Some(method) => method.clone(),
        None if settings.upload.is_some() => Method::PUT,
        None if !matches!(built.body, RequestBody::Empty) => Method::POST,
        None => Method::GET,
    };

    if matches!(built.body, RequestBody::Empty)
        && settings.stdin_allowed
        && matches!(method, Method::POST | Method::PUT | Method::PATCH)
    {
        let bytes = read_stdin(printer).await?;
        if !bytes.is_empty() {
            let content_type = sniff_content_type(&bytes);
            built = BuiltBody {
                body: RequestBody::Bytes(bytes.into()),
                content_type,
                accept: None,
            };
        }
    }

    let (headers, accept_kept) = headers(settings, &built)?;
    if accept_kept {
        printer.warning(
            "the HTTP client always sends an Accept header, so 'Accept:' sends 'Accept: */*'; 'Accept;' sends it empty",
        );
    }
    Ok(PreparedRequest {
        method,
        url,
        headers,
        body: built.body,
    })
}

/// SPEC §2: one body source per request; `-F` parts and data items may be combined.
fn check_body_sources(settings: &RequestSettings) -> Result<()> {
    let mut sources: Vec<String> = Vec::new();
    let body_item = settings
        .items
        .iter()
        .find(|i| matches!(i, Item::Field(_) | Item::File { .. }));
    if let Some(item) = body_item {
        let raw = match item {
            Item::Field(f) => f.raw.clone(),
            Item::File { name, path, .. } => format!("{name}@{}", path.display()),
            _ => unreachable!("only body items are searched"),
        };
        if settings.form.is_empty() {
            sources.push(format!("the request item '{}'", excerpt(&raw)));
        }
    }
    if let Some((flag, value)) = settings.data.first()
        && !settings.data_in_query
    {
        sources.push(format!("{} '{}'", data_flag_name(*flag), excerpt(value)));
    }
    if let Some(json) = settings.json.first() {
        sources.push(format!("--json '{}'", excerpt(json)));
    }
    if let Some(form) = settings.form.first() {
        sources.push(format!("-F '{}'", excerpt(form)));
    }
    if let Some(path) = &settings.upload {
        sources.push(format!("-T '{}'", path.display()));
    }
    if let [first, second, ..] = sources.as_slice() {
        return Err(usage(format!(
            "two request bodies: {first} and {second}; a request has one body, so use one of them"
        )));
    }
    if settings.data_in_query && !sources.is_empty() {
        return Err(usage(format!(
            "-G puts -d data into the query and sends no body, but {} asks for one",
            sources[0]
        )));
    }
    Ok(())
}

fn data_flag_name(flag: DataFlag) -> &'static str {
    match flag {
        DataFlag::Data => "-d",
        DataFlag::Raw => "--data-raw",
        DataFlag::Binary => "--data-binary",
        DataFlag::Urlencode => "--data-urlencode",
    }
}

async fn build_body(settings: &RequestSettings, printer: &mut Printer) -> Result<BuiltBody> {
    let fields: Vec<&Field> = settings
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Field(f) => Some(f),
            _ => None,
        })
        .collect();
    let has_files = settings
        .items
        .iter()
        .any(|i| matches!(i, Item::File { .. }));

    if !settings.form.is_empty()
        || has_files
        || (settings.item_encoding == ItemEncoding::Multipart && !fields.is_empty())
    {
        if settings.item_encoding == ItemEncoding::Urlencoded && has_files {
            return Err(usage(
                "file items need multipart/form-data; drop --urlencoded or the file item",
            ));
        }
        let mut parts = settings
            .form
            .iter()
            .map(|f| form_part(f))
            .collect::<Result<Vec<_>>>()?;
        parts.extend(item_parts(&settings.items)?);
        return Ok(BuiltBody {
            body: RequestBody::Multipart(parts),
            content_type: None,
            accept: None,
        });
    }
    if !fields.is_empty() {
        return match settings.item_encoding {
            ItemEncoding::Urlencoded => {
                let mut form = url::form_urlencoded::Serializer::new(String::new());
                for field in &fields {
                    form.append_pair(&field.name, text_value(field)?);
                }
                Ok(BuiltBody {
                    body: RequestBody::Bytes(form.finish().into()),
                    content_type: Some(FORM.into()),
                    accept: None,
                })
            }
            _ => {
                let json = items::json_body(&fields)
                    .map_err(usage)?
                    .unwrap_or_default();
                Ok(BuiltBody {
                    body: RequestBody::Bytes(serde_json::to_vec(&json)?.into()),
                    content_type: Some(JSON.into()),
                    accept: Some(JSON_ACCEPT),
                })
            }
        };
    }
    if !settings.data.is_empty() && !settings.data_in_query {
        let data = join_data(&settings.data, printer).await?;
        let content_type = sniff_content_type(&data).unwrap_or_else(|| FORM.into());
        return Ok(BuiltBody {
            body: RequestBody::Bytes(data.into()),
            content_type: Some(content_type),
            accept: None,
        });
    }
    if !settings.json.is_empty() {
        // curl's --json: values are concatenated as given.
        let mut body = Vec::new();
        for value in &settings.json {
            body.extend(match value.strip_prefix('@') {
                Some(path) => read_input(path, printer).await?,
                None => value.clone().into_bytes(),
            });
        }
        return Ok(BuiltBody {
            body: RequestBody::Bytes(body.into()),
            content_type: Some(JSON.into()),
            accept: Some(JSON),
        });
    }
    if let Some(path) = &settings.upload {
        if path == Path::new("-") {
            return Ok(BuiltBody {
                body: RequestBody::Bytes(read_stdin(printer).await?.into()),
                content_type: None,
                accept: None,
            });
        }
        let len = file_len(path).map_err(anyhow::Error::msg)?;
        return Ok(BuiltBody {
            body: RequestBody::File {
                path: path.clone(),
                len,
            },
            content_type: None,
            accept: None,
        });
    }
    Ok(BuiltBody::none())
}

fn text_value(field: &Field) -> Result<&str> {
    match &field.value {
        FieldValue::Text(s) => Ok(s),
        FieldValue::Json(_) => Err(usage(format!(
            "bad item '{}': raw JSON (':=') needs a JSON body, not a form",
            field.raw
        ))),
    }
}

fn item_parts(items: &[Item]) -> Result<Vec<Part>> {
    let mut parts = Vec::new();
    for item in items {
        match item {
            Item::Field(field) => parts.push(Part::Text {
                name: field.name.clone(),
                value: text_value(field)?.to_string(),
            }),
            Item::File { name, path, mime } => {
                file_len(path)
                    .map_err(|why| usage(format!("bad item '{name}@{}': {why}", path.display())))?;
                parts.push(Part::File {
                    name: name.clone(),
                    path: path.clone(),
                    mime: mime.clone(),
                });
            }
            _ => {}
        }
    }
    Ok(parts)
}

/// curl's `-F name=value`, `-F name=@file[;type=mime]`, `-F name=<file`.
fn form_part(raw: &str) -> Result<Part> {
    let Some((name, content)) = raw.split_once('=') else {
        return Err(usage(format!(
            "bad -F '{raw}': expected name=value or name=@file"
        )));
    };
    if let Some(file) = content.strip_prefix('@') {
        let (path, mime) = match file.split_once(";type=") {
            Some((path, mime)) => (path, Some(mime.to_string())),
            None => (file, None),
        };
        file_len(Path::new(path)).map_err(|why| usage(format!("bad -F '{raw}': {why}")))?;
        return Ok(Part::File {
            name: name.to_string(),
            path: PathBuf::from(path),
            mime,
        });
    }
    let value = match content.strip_prefix('<') {
        Some(path) => std::fs::read_to_string(path).map_err(|e| {
            usage(format!(
                "bad -F '{raw}': cannot read '{path}': {}",
                io_reason(&e)
            ))
        })?,
        None => content.to_string(),
    };
    Ok(Part::Text {
        name: name.to_string(),
        value,
    })
}

/// The size of a file to stream, or why it cannot be streamed.
fn file_len(path: &Path) -> Result<u64, String> {
    let shown = path.display();
    let meta =
        std::fs::metadata(path).map_err(|e| format!("cannot read '{shown}': {}", io_reason(&e)))?;
    if !meta.is_file() {
        return Err(format!("cannot upload '{shown}': not a regular file"));
    }
    Ok(meta.len())
}

/// Joins `-d`/`--data-*` values with `&`, as curl does. Bytes stay bytes.
async fn join_data(data: &[(DataFlag, String)], printer: &mut Printer) -> Result<Vec<u8>> {
    let mut joined = Vec::new();
    for (i, (flag, value)) in data.iter().enumerate() {
        if i > 0 {
            joined.push(b'&');
        }
        match flag {
            DataFlag::Raw => joined.extend_from_slice(value.as_bytes()),
            DataFlag::Data | DataFlag::Binary => match value.strip_prefix('@') {
                // curl -d @file strips carriage returns and newlines; --data-binary keeps them.
                Some(path) if *flag == DataFlag::Data => joined.extend(
                    read_input(path, printer)
                        .await?
                        .into_iter()
                        .filter(|b| !matches!(b, b'\r' | b'\n')),
                ),
                Some(path) => joined.extend(read_input(path, printer).await?),
                None => joined.extend_from_slice(value.as_bytes()),
            },
            DataFlag::Urlencode => {
                joined.extend(urlencode_data(value, printer).await?.into_bytes())
            }
        }
    }
    Ok(joined)
}

/// curl's `--data-urlencode`: `content`, `=content`, `name=content`, `@file`, `name@file`.
/// Like curl, everything but letters, digits and `-._~` is percent-encoded.
async fn urlencode_data(value: &str, printer: &mut Printer) -> Result<String> {
    const KEEP: &AsciiSet = &NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'.')
        .remove(b'_')
        .remove(b'~');
    let encode = |bytes: &[u8]| percent_encode(bytes, KEEP).to_string();
    let eq = value.find('=');
    let at = value.find('@');
    let (name, content) = match (eq, at) {
        (Some(i), _) if at.is_none_or(|a| i < a) => {
            (&value[..i], encode(&value.as_bytes()[i + 1..]))
        }
        (_, Some(i)) => (
            &value[..i],
            encode(&read_input(&value[i + 1..], printer).await?),
        ),
        _ => ("", encode(value.as_bytes())),
    };
    Ok(if name.is_empty() {
        content
    } else {
        format!("{name}={content}")
    })
}

/// Reads a file named by an option, or stdin for `-`.
async fn read_input(path: &str, printer: &mut Printer) -> Result<Vec<u8>> {
    if path == "-" {
        return read_stdin(printer).await;
    }
    tokio::fs::read(path)
        .await
        .map_err(|e| anyhow::anyhow!("cannot read '{path}': {}", io_reason(&e)))
}

/// Reads all of stdin, printing a hint once if nothing arrives for 5 seconds (SPEC §2).
async fn read_stdin(printer: &mut Printer) -> Result<Vec<u8>> {
    let mut stdin = tokio::io::stdin();
    let mut body = Vec::new();
    let mut first = [0u8; 8192];
    let hint = tokio::time::sleep(Duration::from_secs(5));
    tokio::pin!(hint);
    let n = loop {
        tokio::select! {
            n = stdin.read(&mut first) => break n.context("cannot read the body from stdin")?,
            () = &mut hint, if !hint.is_elapsed() => printer.note(
                "waiting for the request body on stdin (end it with Ctrl-D, or pass --no-stdin to send none)",
            ),
        }
    };
    body.extend_from_slice(&first[..n]);
    if n > 0 {
        stdin
            .read_to_end(&mut body)
            .await
            .context("cannot read the body from stdin")?;
    }
    Ok(body)
}

/// curl's rule for `-d`: JSON when the data is a JSON object or array.
fn sniff_content_type(data: &[u8]) -> Option<String> {
    crate::output::is_json_document(data).then(|| JSON.to_string())
}

/// Default headers, then the body's, then auth, then the user's edits in order. The flag
/// says that the user removed `Accept`, which the client puts back as `*/*`.
fn headers(settings: &RequestSettings, built: &BuiltBody) -> Result<(Vec<(String, String)>, bool)> {
    let mut headers: Vec<(String, String)> = vec![
        (
            "User-Agent".into(),
            concat!("hit/", env!("CARGO_PKG_VERSION")).into(),
        ),
        ("Accept".into(), built.accept.unwrap_or("*/*").into()),
        ("Accept-Encoding".into(), "gzip, deflate, br".into()),
    ];
    if let Some(content_type) = &built.content_type {
        headers.push(("Content-Type".into(), content_type.clone()));
    }
    match &settings.auth {
        Some(Auth::Basic { user, password }) => {
            let token =
                base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"));
            headers.push(("Authorization".into(), format!("Basic {token}")));
        }
        Some(Auth::Bearer(token)) => {
            headers.push(("Authorization".into(), format!("Bearer {token}")))
        }
        None => {}
    }
    // Each entry remembers whether it is one of ours, so the user's first value of a name
    // replaces our default while later values of the same name are sent as well.
    let mut headers: Vec<(String, String, bool)> =
        headers.into_iter().map(|(n, v)| (n, v, true)).collect();
    let item_headers = settings.items.iter().filter_map(|i| match i {
        Item::Header { name, edit } => Some((name.clone(), edit.clone())),
        _ => None,
    });
    for (name, edit) in settings.headers.iter().cloned().chain(item_headers) {
        headers.retain(|(n, _, default)| !(*default && n.eq_ignore_ascii_case(&name)));
        match edit {
            HeaderEdit::Set(value) => headers.push((name, value, false)),
            HeaderEdit::Empty => headers.push((name, String::new(), false)),
            HeaderEdit::Remove => headers.retain(|(n, _, _)| !n.eq_ignore_ascii_case(&name)),
        }
    }
    let mut headers: Vec<(String, String)> = headers.into_iter().map(|(n, v, _)| (n, v)).collect();
    // reqwest adds `Accept: */*` to any request without one; show what is really sent.
    let accept_kept = !headers
        .iter()
        .any(|(n, _)| n.eq_ignore_ascii_case("accept"));
    if accept_kept {
        headers.push(("Accept".into(), "*/*".into()));
    }
    for (name, value) in &headers {
        if reqwest::header::HeaderValue::from_str(value).is_err() {
            return Err(usage(format!(
                "bad value for header '{name}': control characters are not allowed"
            )));
        }
    }
    Ok((headers, accept_kept))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_json_like_curl() {
        assert_eq!(sniff_content_type(br#" {"a":1}"#).as_deref(), Some(JSON));
        assert_eq!(sniff_content_type(b"[1,2]").as_deref(), Some(JSON));
        assert_eq!(sniff_content_type(b"a=1&b=2"), None);
        assert_eq!(sniff_content_type(b"{broken"), None);
    }
}
