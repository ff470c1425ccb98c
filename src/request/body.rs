//! The request body: which source it comes from, and its bytes or the files it streams.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use anyhow::Result;
use reqwest::header::HeaderValue;

use super::input::{self, Assembled, Input, Pieces};
use crate::error::{cannot_read, excerpt, usage};
use crate::http::media::is_json_document;
use crate::http::{Multipart, Part, RequestBody};
use crate::items::{self, Field, Item};
use crate::settings::{ItemEncoding, RequestSettings};

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

    /// Bytes, or a stream from stdin; `sniff`: the content type follows curl's `-d` rule.
    fn assembled(assembled: Assembled, content_type: Option<String>, sniff: bool) -> BuiltBody {
        match assembled {
            Assembled::Bytes(bytes) => {
                let sniffed = sniff.then(|| sniff_content_type(&bytes)).flatten();
                BuiltBody::bytes(bytes, sniffed.or(content_type))
            }
            Assembled::Stream(stream) => {
                let sniffed = (sniff && starts_like_json(&stream.head)).then(|| JSON.to_string());
                BuiltBody::new(RequestBody::Stdin(stream), sniffed.or(content_type))
            }
        }
    }

    fn none() -> BuiltBody {
        BuiltBody::new(RequestBody::Empty, None)
    }
}

/// SPEC §2: one body source per request; `-F` parts and data items may be combined.
pub fn check_sources(settings: &RequestSettings) -> Result<()> {
    let sources = sources(settings);
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
    let raw_body =
        !settings.data.is_empty() || !settings.json.is_empty() || settings.upload.is_some();
    if settings.item_encoding == ItemEncoding::Multipart && raw_body {
        return Err(usage(format!(
            "--multipart sends the request items as form parts, but {} is a raw body; \
             -F name=value adds a part",
            sources.first().map_or("the data", String::as_str)
        )));
    }
    Ok(())
}

/// The body sources the settings name, each as the user wrote it (`-d '@x.json'`, the
/// request item 'a=1'), `-F` parts and data items counting as one.
pub fn sources(settings: &RequestSettings) -> Vec<String> {
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
        sources.push(format!("-F '{}'", excerpt(&form.raw)));
    }
    if let Some(path) = &settings.upload {
        sources.push(format!("-T '{}'", path.display()));
    }
    if settings.exact_body.is_some() {
        sources.push("the file's body".to_string());
    }
    sources
}

/// The body the options and items ask for; stdin is read here only when an option names
/// it (`@-`, `-T -`).
pub async fn build(settings: &RequestSettings, input: &mut Input<'_>) -> Result<BuiltBody> {
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
    if let Some(bytes) = &settings.exact_body {
        return Ok(BuiltBody::bytes(bytes.clone(), None));
    }
    if !settings.form.is_empty()
        || has_files
        || (encoding == ItemEncoding::Multipart && !fields.is_empty())
    {
        return multipart_body(settings, has_files);
    }
    if !fields.is_empty() {
        return field_body(&fields, encoding);
    }
    if !settings.data_in_query
        && let Some(streamed) = binary_file(&settings.data)
    {
        return Ok(streamed);
    }
    if !settings.data.is_empty() && !settings.data_in_query {
        let data = input::join_data(&settings.data)
            .await?
            .assemble(input)
            .await?;
        return Ok(BuiltBody::assembled(data, Some(FORM.into()), true));
    }
    if !settings.json.is_empty() {
        let json = input::json_values(&settings.json)
            .await?
            .assemble(input)
            .await?;
        return Ok(BuiltBody {
            accept: Some(JSON),
            ..BuiltBody::assembled(json, Some(JSON.into()), false)
        });
    }
    match &settings.upload {
        Some(path) if path == Path::new("-") => {
            let body = Pieces::stdin_only("-T -").assemble(input).await?;
            Ok(BuiltBody::assembled(body, None, false))
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

/// A multipart form: the `-F` parts, then the items' (`has_files`: file items made it one).
fn multipart_body(settings: &RequestSettings, has_files: bool) -> Result<BuiltBody> {
    let encoding = settings.item_encoding;
    if encoding == ItemEncoding::Urlencoded && has_files {
        return Err(usage(
            "file items need multipart/form-data; drop --urlencoded or the file item",
        ));
    }
    let mut parts = settings
        .form
        .iter()
        .map(|f| super::form::form_part(&f.raw, f.literal))
        .collect::<Result<Vec<_>>>()?;
    let form = if encoding == ItemEncoding::Multipart {
        "with --multipart"
    } else if has_files {
        "in a multipart form (a file item makes one)"
    } else {
        "in a multipart form (-F makes one)"
    };
    parts.extend(item_parts(&settings.items, form)?);
    let form = Multipart::new(parts);
    let content_type = form.content_type();
    Ok(BuiltBody::new(
        RequestBody::Multipart(form),
        Some(content_type),
    ))
}

/// `name=value` items as JSON, or as a form with `--urlencoded`.
fn field_body(fields: &[&Field], encoding: ItemEncoding) -> Result<BuiltBody> {
    if encoding == ItemEncoding::Urlencoded {
        let mut form = url::form_urlencoded::Serializer::new(String::new());
        for field in fields {
            form.append_pair(&field.name, &form_value(field, "with --urlencoded")?);
        }
        return Ok(BuiltBody::bytes(form.finish().into(), Some(FORM.into())));
    }
    let pairs = fields
        .iter()
        .map(|f| (f.raw.as_str(), f.name.as_str(), f.value.to_json()));
    let json = items::json_body(pairs).map_err(usage)?.unwrap_or_default();
    Ok(BuiltBody {
        accept: Some(JSON_ACCEPT),
        ..BuiltBody::bytes(serde_json::to_vec(&json)?, Some(JSON.into()))
    })
}

/// Stdin as the body of a POST, PUT or PATCH that has no other (SPEC §2); `None` when it
/// is empty.
pub async fn from_stdin(input: &mut Input<'_>) -> Result<Option<BuiltBody>> {
    let body = Pieces::stdin_only("stdin").assemble(input).await?;
    if matches!(&body, Assembled::Bytes(bytes) if bytes.is_empty()) {
        return Ok(None);
    }
    Ok(Some(BuiltBody::assembled(body, None, true)))
}

/// A field's value in a form. HTTPie's rule: a `:=` string, number or boolean is sent as
/// its text, and an array, an object or null is refused, since a form has no way to say it.
fn form_value<'a>(field: &'a Field, form: &str) -> Result<Cow<'a, str>> {
    field.value.form_text().map_err(|kind| {
        usage(format!(
            "bad item '{}': cannot use complex JSON value types {form} ({kind}): a form field \
             takes a string, a number or a boolean",
            excerpt(&field.raw)
        ))
    })
}

/// The items' parts of a multipart form (`form`: how the form came to be, for messages).
fn item_parts(items: &[Item], form: &str) -> Result<Vec<Part>> {
    let mut parts = Vec::new();
    for item in items {
        match item {
            Item::Field(field) => parts.push(Part::Text {
                name: field.name.clone(),
                value: form_value(field, form)?.into_owned(),
                mime: None,
            }),
            Item::File { name, path, mime } => {
                let len = file_len(path)
                    .map_err(|why| usage(format!("bad item '{name}@{}': {why}", path.display())))?;
                parts.push(file_part(name, path, mime.as_deref(), len, None)?);
            }
            _ => {}
        }
    }
    Ok(parts)
}

/// A file part, with its Content-Type given or guessed from the file name.
pub(super) fn file_part(
    name: &str,
    path: &Path,
    mime: Option<&str>,
    len: u64,
    filename: Option<String>,
) -> Result<Part> {
    let mime = match mime {
        Some(mime) => mime.to_string(),
        None => mime_guess::from_path(path)
            .first_or_octet_stream()
            .to_string(),
    };
    let parsed = mime.parse::<mime_guess::mime::Mime>();
    if parsed.is_err() || HeaderValue::from_str(&mime).is_err() {
        return Err(usage(format!("bad content type '{mime}' for '{name}'")));
    }
    Ok(Part::File {
        name: name.to_string(),
        path: PathBuf::from(path),
        mime,
        len,
        filename,
    })
}

/// The size of a file to stream, or why it cannot be streamed.
pub(super) fn file_len(path: &Path) -> Result<u64, String> {
    let shown = path.display();
    let meta = std::fs::metadata(path).map_err(|e| cannot_read(&shown, &e))?;
    if !meta.is_file() {
        return Err(format!("cannot upload '{shown}': not a regular file"));
    }
    std::fs::File::open(path).map_err(|e| cannot_read(&shown, &e))?;
    Ok(meta.len())
}

/// The most of a `--data-binary @FILE` read into memory: a larger regular file is streamed
/// from disk with its length, as `-T FILE` is, so that memory stays small.
const BINARY_IN_MEMORY: u64 = 1 << 20;

/// `--data-binary @FILE` alone, FILE a regular file over `BINARY_IN_MEMORY`: streamed. Its
/// type is sniffed from its start, as for a body streamed from stdin.
fn binary_file(data: &[crate::settings::Data]) -> Option<BuiltBody> {
    use std::io::Read;
    let [only] = data else { return None };
    let path = only.value.strip_prefix('@').filter(|p| *p != "-")?;
    if only.kind != crate::items::DataKind::Binary {
        return None;
    }
    let meta = std::fs::metadata(path).ok().filter(|m| m.is_file())?;
    if meta.len() <= BINARY_IN_MEMORY {
        return None;
    }
    let mut start = [0u8; 64];
    let read = std::fs::File::open(path).ok()?.read(&mut start).ok()?;
    let content_type = if starts_like_json(&start[..read]) {
        JSON
    } else {
        FORM
    };
    let body = RequestBody::File {
        path: PathBuf::from(path),
        len: meta.len(),
    };
    Some(BuiltBody::new(body, Some(content_type.to_string())))
}

/// For a body streamed, of which only the start is known: JSON when it starts like a JSON
/// object or array.
fn starts_like_json(start: &[u8]) -> bool {
    matches!(start.trim_ascii_start().first(), Some(b'{' | b'['))
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
