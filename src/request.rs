//! Settings → the request to send: method, URL, headers and body.
//!
//! Everything that prints or sends a request reads this one value.

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, Result};
use base64::Engine;
use reqwest::{Method, Url};
use tokio::io::AsyncReadExt;

use crate::cli::DataFlag;
use crate::error::usage;
use crate::items::{self, Field, FieldValue, HeaderEdit, Item};
use crate::output::Printer;
use crate::settings::{Auth, ItemEncoding, RequestSettings};

/// `Accept` for requests with JSON items (SPEC §2).
const JSON_ACCEPT: &str = "application/json, */*;q=0.5";
const JSON: &str = "application/json";
const FORM: &str = "application/x-www-form-urlencoded";

/// A request ready to be printed or sent.
#[derive(Debug)]
pub struct PreparedRequest {
    pub method: Method,
    pub url: Url,
    /// Headers in the order they are sent; a name may repeat.
    pub headers: Vec<(String, String)>,
    pub body: RequestBody,
}

/// Where the request body comes from.
#[derive(Debug)]
pub enum RequestBody {
    Empty,
    Bytes(Vec<u8>),
    /// `-T FILE`: streamed from disk.
    File {
        path: PathBuf,
        len: u64,
    },
    /// multipart/form-data; file parts are streamed from disk.
    Multipart(Vec<Part>),
}

/// One multipart/form-data part.
#[derive(Debug)]
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

impl RequestBody {
    /// A one-line description of a streamed body, for `-v`.
    pub fn describe(&self) -> String {
        match self {
            RequestBody::Empty => String::new(),
            RequestBody::Bytes(b) => format!("({} bytes)", b.len()),
            RequestBody::File { path, len } => {
                format!("({len} bytes streamed from '{}')", path.display())
            }
            RequestBody::Multipart(parts) => {
                let names: Vec<String> = parts
                    .iter()
                    .map(|p| match p {
                        Part::Text { name, .. } => name.clone(),
                        Part::File { name, path, .. } => format!("{name}=@{}", path.display()),
                    })
                    .collect();
                format!("(multipart/form-data: {})", names.join(", "))
            }
        }
    }
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
        let query = match url.query() {
            Some(q) if !q.is_empty() => format!("{q}&{data}"),
            _ => data,
        };
        url.set_query(Some(&query));
        built = BuiltBody::none();
    }

    let method = match &settings.method {
        Some(m) => {
            Method::from_bytes(m.as_bytes()).map_err(|_| usage(format!("bad method '{m}'")))?
        }
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
                body: RequestBody::Bytes(bytes),
                content_type,
                accept: None,
            };
        }
    }

    let headers = headers(settings, &built)?;
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
            sources.push(format!("the request item '{raw}'"));
        }
    }
    if let Some((flag, value)) = settings.data.first()
        && !settings.data_in_query
    {
        sources.push(format!("{} '{value}'", data_flag_name(*flag)));
    }
    if let Some(json) = settings.json.first() {
        sources.push(format!("--json '{json}'"));
    }
    if let Some(form) = settings.form.first() {
        sources.push(format!("-F '{form}'"));
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
        for part in &parts {
            if let Part::File { path, .. } = part {
                file_len(path)?;
            }
        }
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
                    body: RequestBody::Bytes(form.finish().into_bytes()),
                    content_type: Some(FORM.into()),
                    accept: None,
                })
            }
            _ => {
                let json = items::json_body(&fields)
                    .map_err(usage)?
                    .unwrap_or_default();
                Ok(BuiltBody {
                    body: RequestBody::Bytes(serde_json::to_vec(&json)?),
                    content_type: Some(JSON.into()),
                    accept: Some(JSON_ACCEPT),
                })
            }
        };
    }
    if !settings.data.is_empty() && !settings.data_in_query {
        let data = join_data(&settings.data, printer).await?.into_bytes();
        let content_type = sniff_content_type(&data).unwrap_or_else(|| FORM.into());
        return Ok(BuiltBody {
            body: RequestBody::Bytes(data),
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
            body: RequestBody::Bytes(body),
            content_type: Some(JSON.into()),
            accept: Some(JSON),
        });
    }
    if let Some(path) = &settings.upload {
        if path == Path::new("-") {
            return Ok(BuiltBody {
                body: RequestBody::Bytes(read_stdin(printer).await?),
                content_type: None,
                accept: None,
            });
        }
        let len = file_len(path)?;
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
            Item::File { name, path, mime } => parts.push(Part::File {
                name: name.clone(),
                path: path.clone(),
                mime: mime.clone(),
            }),
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
        return Ok(Part::File {
            name: name.to_string(),
            path: PathBuf::from(path),
            mime,
        });
    }
    let value = match content.strip_prefix('<') {
        Some(path) => std::fs::read_to_string(path)
            .with_context(|| format!("cannot read '{path}' for -F '{raw}'"))?,
        None => content.to_string(),
    };
    Ok(Part::Text {
        name: name.to_string(),
        value,
    })
}

fn file_len(path: &Path) -> Result<u64> {
    let meta =
        std::fs::metadata(path).with_context(|| format!("cannot read '{}'", path.display()))?;
    if !meta.is_file() {
        anyhow::bail!("cannot upload '{}': not a regular file", path.display());
    }
    Ok(meta.len())
}

/// Joins `-d`/`--data-*` values with `&`, as curl does.
async fn join_data(data: &[(DataFlag, String)], printer: &mut Printer) -> Result<String> {
    let mut parts = Vec::with_capacity(data.len());
    for (flag, value) in data {
        let part = match flag {
            DataFlag::Raw => value.clone(),
            DataFlag::Data | DataFlag::Binary => match value.strip_prefix('@') {
                Some(path) => {
                    let bytes = read_input(path, printer).await?;
                    let text = String::from_utf8(bytes)
                        .with_context(|| format!("'{path}' is not UTF-8 text"))?;
                    if *flag == DataFlag::Data {
                        // curl -d @file strips carriage returns and newlines.
                        text.replace(['\r', '\n'], "")
                    } else {
                        text
                    }
                }
                None => value.clone(),
            },
            DataFlag::Urlencode => urlencode_data(value, printer).await?,
        };
        parts.push(part);
    }
    Ok(parts.join("&"))
}

/// curl's `--data-urlencode`: `content`, `=content`, `name=content`, `@file`, `name@file`.
async fn urlencode_data(value: &str, printer: &mut Printer) -> Result<String> {
    let encode = |s: &str| url::form_urlencoded::byte_serialize(s.as_bytes()).collect::<String>();
    let eq = value.find('=');
    let at = value.find('@');
    match (eq, at) {
        (Some(i), _) if at.is_none_or(|a| i < a) => {
            let (name, content) = (&value[..i], &value[i + 1..]);
            Ok(if name.is_empty() {
                encode(content)
            } else {
                format!("{name}={}", encode(content))
            })
        }
        (_, Some(i)) => {
            let (name, path) = (&value[..i], &value[i + 1..]);
            let bytes = read_input(path, printer).await?;
            let content = String::from_utf8_lossy(&bytes);
            Ok(if name.is_empty() {
                encode(&content)
            } else {
                format!("{name}={}", encode(&content))
            })
        }
        _ => Ok(encode(value)),
    }
}

/// Reads a file named by an option, or stdin for `-`.
async fn read_input(path: &str, printer: &mut Printer) -> Result<Vec<u8>> {
    if path == "-" {
        return read_stdin(printer).await;
    }
    tokio::fs::read(path)
        .await
        .with_context(|| format!("cannot read '{path}'"))
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
    let first = data.trim_ascii_start().first()?;
    let is_json = matches!(first, b'{' | b'[')
        && serde_json::from_slice::<serde::de::IgnoredAny>(data).is_ok();
    is_json.then(|| JSON.to_string())
}

/// Default headers, then the body's, then auth, then the user's edits in order.
fn headers(settings: &RequestSettings, built: &BuiltBody) -> Result<Vec<(String, String)>> {
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
    let headers: Vec<(String, String)> = headers.into_iter().map(|(n, v, _)| (n, v)).collect();
    for (name, value) in &headers {
        if reqwest::header::HeaderValue::from_str(value).is_err() {
            return Err(usage(format!(
                "bad value for header '{name}': control characters are not allowed"
            )));
        }
    }
    Ok(headers)
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
