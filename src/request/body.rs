//! The request body: which source it comes from, and its bytes or the files it streams.

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, Result};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_encode};
use reqwest::header::HeaderValue;
use tokio::io::AsyncReadExt;

use super::Notices;
use crate::error::{cannot_read, excerpt, usage};
use crate::http::media::is_json_document;
use crate::http::{Multipart, Part, RequestBody};
use crate::items::{self, Field, FieldValue, Item};
use crate::settings::{Data, DataKind, ItemEncoding, RequestSettings};

/// `Accept` for requests with JSON items (SPEC §2).
const JSON_ACCEPT: &str = "application/json, */*;q=0.5";
const JSON: &str = "application/json";
const FORM: &str = "application/x-www-form-urlencoded";

/// A body and the headers that describe it.
pub struct BuiltBody {
    pub body: RequestBody,
    pub content_type: Option<String>,
    pub accept: Option<&'static str>,
}

impl BuiltBody {
    fn new(body: RequestBody, content_type: Option<String>) -> BuiltBody {
        BuiltBody {
            body,
            content_type,
            accept: None,
        }
    }

    fn bytes(bytes: Vec<u8>, content_type: Option<String>) -> BuiltBody {
        BuiltBody::new(RequestBody::Bytes(bytes.into()), content_type)
    }

    fn none() -> BuiltBody {
        BuiltBody::new(RequestBody::Empty, None)
    }
}

/// SPEC §2: one body source per request; `-F` parts and data items may be combined.
pub fn check_sources(settings: &RequestSettings) -> Result<()> {
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
    if let Some(data) = settings.data.first()
        && !settings.data_in_query
    {
        sources.push(format!("{} '{}'", data.kind.option(), excerpt(&data.value)));
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

/// The body the options and items ask for; stdin is read here only when an option names
/// it (`@-`, `-T -`).
pub async fn build(settings: &RequestSettings, notices: &mut dyn Notices) -> Result<BuiltBody> {
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
    let encoding = settings.item_encoding;
    if !settings.form.is_empty()
        || has_files
        || (encoding == ItemEncoding::Multipart && !fields.is_empty())
    {
        if encoding == ItemEncoding::Urlencoded && has_files {
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
        let form = Multipart::new(parts);
        let content_type = form.content_type();
        return Ok(BuiltBody::new(
            RequestBody::Multipart(form),
            Some(content_type),
        ));
    }
    if !fields.is_empty() {
        return field_body(&fields, encoding);
    }
    if !settings.data.is_empty() && !settings.data_in_query {
        let data = join_data(&settings.data, notices).await?;
        let content_type = sniff_content_type(&data).unwrap_or_else(|| FORM.into());
        return Ok(BuiltBody::bytes(data, Some(content_type)));
    }
    if !settings.json.is_empty() {
        // curl's --json: values are concatenated as given.
        let mut body = Vec::new();
        for value in &settings.json {
            body.extend(match value.strip_prefix('@') {
                Some(path) => read_input(path, notices).await?,
                None => value.clone().into_bytes(),
            });
        }
        return Ok(BuiltBody {
            accept: Some(JSON),
            ..BuiltBody::bytes(body, Some(JSON.into()))
        });
    }
    match &settings.upload {
        Some(path) if path == Path::new("-") => {
            Ok(BuiltBody::bytes(read_stdin(notices).await?, None))
        }
        Some(path) => {
            let len = file_len(path).map_err(anyhow::Error::msg)?;
            let body = RequestBody::File {
                path: path.clone(),
                len,
            };
            Ok(BuiltBody::new(body, None))
        }
        None => Ok(BuiltBody::none()),
    }
}

/// `name=value` items as JSON, or as a form with `--urlencoded`.
fn field_body(fields: &[&Field], encoding: ItemEncoding) -> Result<BuiltBody> {
    if encoding == ItemEncoding::Urlencoded {
        let mut form = url::form_urlencoded::Serializer::new(String::new());
        for field in fields {
            form.append_pair(&field.name, text_value(field)?);
        }
        return Ok(BuiltBody::bytes(form.finish().into(), Some(FORM.into())));
    }
    let json = items::json_body(fields).map_err(usage)?.unwrap_or_default();
    Ok(BuiltBody {
        accept: Some(JSON_ACCEPT),
        ..BuiltBody::bytes(serde_json::to_vec(&json)?, Some(JSON.into()))
    })
}

/// Stdin as the body of a POST, PUT or PATCH that has no other (SPEC §2); `None` when it
/// is empty.
pub async fn from_stdin(notices: &mut dyn Notices) -> Result<Option<BuiltBody>> {
    let bytes = read_stdin(notices).await?;
    if bytes.is_empty() {
        return Ok(None);
    }
    let content_type = sniff_content_type(&bytes);
    Ok(Some(BuiltBody::bytes(bytes, content_type)))
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
                let len = file_len(path)
                    .map_err(|why| usage(format!("bad item '{name}@{}': {why}", path.display())))?;
                parts.push(file_part(name, path, mime.as_deref(), len)?);
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
            Some((path, mime)) => (path, Some(mime)),
            None => (file, None),
        };
        let len =
            file_len(Path::new(path)).map_err(|why| usage(format!("bad -F '{raw}': {why}")))?;
        return file_part(name, Path::new(path), mime, len);
    }
    let value = match content.strip_prefix('<') {
        Some(path) => std::fs::read_to_string(path)
            .map_err(|e| usage(format!("bad -F '{raw}': {}", cannot_read(path, &e))))?,
        None => content.to_string(),
    };
    Ok(Part::Text {
        name: name.to_string(),
        value,
    })
}

/// A file part, with its Content-Type given or guessed from the file name.
fn file_part(name: &str, path: &Path, mime: Option<&str>, len: u64) -> Result<Part> {
    let mime = match mime {
        Some(mime) => mime.to_string(),
        None => mime_guess::from_path(path)
            .first_or_octet_stream()
            .to_string(),
    };
    if !mime.contains('/') || HeaderValue::from_str(&mime).is_err() {
        return Err(usage(format!("bad content type '{mime}' for '{name}'")));
    }
    Ok(Part::File {
        name: name.to_string(),
        path: PathBuf::from(path),
        mime,
        len,
    })
}

/// The size of a file to stream, or why it cannot be streamed.
fn file_len(path: &Path) -> Result<u64, String> {
    let shown = path.display();
    let meta = std::fs::metadata(path).map_err(|e| cannot_read(&shown, &e))?;
    if !meta.is_file() {
        return Err(format!("cannot upload '{shown}': not a regular file"));
    }
    Ok(meta.len())
}

/// Joins `-d`/`--data-*` values with `&`, as curl does. Bytes stay bytes.
pub async fn join_data(data: &[Data], notices: &mut dyn Notices) -> Result<Vec<u8>> {
    let mut joined = Vec::new();
    for (i, Data { kind, value }) in data.iter().enumerate() {
        if i > 0 {
            joined.push(b'&');
        }
        match kind {
            DataKind::Raw => joined.extend_from_slice(value.as_bytes()),
            DataKind::Data | DataKind::Binary => match value.strip_prefix('@') {
                // curl -d @file strips carriage returns and newlines; --data-binary keeps them.
                Some(path) if *kind == DataKind::Data => joined.extend(
                    read_input(path, notices)
                        .await?
                        .into_iter()
                        .filter(|b| !matches!(b, b'\r' | b'\n')),
                ),
                Some(path) => joined.extend(read_input(path, notices).await?),
                None => joined.extend_from_slice(value.as_bytes()),
            },
            DataKind::Urlencode => {
                joined.extend(urlencode_data(value, notices).await?.into_bytes())
            }
        }
    }
    Ok(joined)
}

/// curl's `--data-urlencode`: `content`, `=content`, `name=content`, `@file`, `name@file`.
/// Like curl, everything but letters, digits and `-._~` is percent-encoded.
async fn urlencode_data(value: &str, notices: &mut dyn Notices) -> Result<String> {
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
            encode(&read_input(&value[i + 1..], notices).await?),
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
async fn read_input(path: &str, notices: &mut dyn Notices) -> Result<Vec<u8>> {
    if path == "-" {
        return read_stdin(notices).await;
    }
    tokio::fs::read(path)
        .await
        .map_err(|e| anyhow::anyhow!(cannot_read(path, &e)))
}

/// Reads all of stdin, printing a hint once if nothing arrives for 5 seconds (SPEC §2).
async fn read_stdin(notices: &mut dyn Notices) -> Result<Vec<u8>> {
    let mut stdin = tokio::io::stdin();
    let mut body = Vec::new();
    let mut first = [0u8; 8192];
    let hint = tokio::time::sleep(Duration::from_secs(5));
    tokio::pin!(hint);
    let n = loop {
        tokio::select! {
            n = stdin.read(&mut first) => break n.context("cannot read the body from stdin")?,
            () = &mut hint, if !hint.is_elapsed() => notices.note(
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
    is_json_document(data).then(|| JSON.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_json_like_curl() {
        assert_eq!(sniff_content_type(br#" {"a":1}"#).as_deref(), Some(JSON));
        assert_eq!(sniff_content_type(b"a=1&b=2"), None);
    }
}
