//! Request items (`Name:Value`, `name==value`, `name=value`, `name:=json`, `name@file`, ...),
//! split as HTTPie splits them; the nested JSON keys of data fields (`user[name]=x`,
//! `tags[]=a`) are `nested`.

mod nested;
mod numbers;

use std::borrow::Cow;
use std::fs;
use std::path::PathBuf;

use serde_json::Value;

use crate::error::excerpt;

pub use nested::json_body;

/// Which `--data*` option a value came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataKind {
    /// `-d`: `@file` is read with newlines removed.
    Data,
    /// `--data-raw`: no `@file`.
    Raw,
    /// `--data-binary`: `@file` is read as it is.
    Binary,
    /// `--data-urlencode`.
    Urlencode,
}

impl DataKind {
    /// The option as the user wrote it, for messages.
    pub fn option(self) -> &'static str {
        match self {
            DataKind::Data => "-d",
            DataKind::Raw => "--data-raw",
            DataKind::Binary => "--data-binary",
            DataKind::Urlencode => "--data-urlencode",
        }
    }
}

/// One request item from the command line.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// `Name:Value`, `Name:`, `Name;`, `Name:@file`
    Header { name: String, edit: HeaderEdit },
    /// `name==value`, `name==@file`
    Query { name: String, value: String },
    /// `name=value`, `name=@file`, `name:=json`, `name:=@file`
    Field(Field),
    /// `name@path` or `name@path;type=mime/type`
    File {
        name: String,
        path: PathBuf,
        mime: Option<String>,
    },
}

/// What a header item does to the request's headers.
#[derive(Debug, Clone, PartialEq)]
pub enum HeaderEdit {
    Set(String),
    /// `Name:`: drop the header, including a default one.
    Remove,
    /// `Name;`: send the header with an empty value.
    Empty,
}

/// A data field: its key and its value.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The key with separator escapes resolved: the form field name, and the nested JSON
    /// key (`user[name]`), whose own escapes (`\[`, `\1`) `nested` reads.
    pub name: String,
    pub value: FieldValue,
    /// The item as typed, for error messages.
    pub raw: String,
}

#[derive(Debug, Clone, PartialEq)]
pub enum FieldValue {
    Text(String),
    /// `:=`: a JSON value, its numbers as typed.
    Json(Value),
}

impl FieldValue {
    /// The value in a JSON body.
    pub fn to_json(&self) -> Value {
        match self {
            FieldValue::Text(text) => Value::String(text.clone()),
            FieldValue::Json(value) => value.clone(),
        }
    }

    /// The value in a form, as HTTPie sends it: text as it is, and of a `:=` value a
    /// string's text, a number as typed, `true` or `false`. An array, an object or null has
    /// no form: the error names which it is.
    pub fn form_text(&self) -> Result<Cow<'_, str>, &'static str> {
        let value = match self {
            FieldValue::Text(text) => return Ok(Cow::Borrowed(text)),
            FieldValue::Json(value) => value,
        };
        match value {
            Value::String(text) => Ok(Cow::Borrowed(text)),
            Value::Number(number) => Ok(Cow::Owned(number.to_string())),
            Value::Bool(true) => Ok(Cow::Borrowed("true")),
            Value::Bool(false) => Ok(Cow::Borrowed("false")),
            Value::Array(_) => Err("an array"),
            Value::Object(_) => Err("an object"),
            Value::Null => Err("null"),
        }
    }
}

/// The characters of the separators: a backslash before one of them makes it literal.
/// Before any other character the backslash stays, as in HTTPie, for `nested` to read.
const ESCAPABLE: &[char] = &[':', '=', '@', ';'];

/// Separators, longest first so that the first match at a position is the longest.
const SEPARATORS: &[&str] = &[":=@", "==@", ":@", "=@", "==", ":=", ":", "=", "@", ";"];

#[derive(Debug, Clone, Copy, PartialEq)]
struct Tok {
    c: char,
    escaped: bool,
}

fn tokenize(s: &str) -> Vec<Tok> {
    let mut toks = Vec::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match chars.peek() {
            Some(&next) if c == '\\' && ESCAPABLE.contains(&next) => {
                chars.next();
                toks.push(Tok {
                    c: next,
                    escaped: true,
                });
            }
            // The backslash and the character after it stay, for `nested` to read.
            Some(&next) if c == '\\' => {
                chars.next();
                toks.push(Tok { c, escaped: false });
                toks.push(Tok {
                    c: next,
                    escaped: false,
                });
            }
            _ => toks.push(Tok { c, escaped: false }),
        }
    }
    toks
}

fn text(toks: &[Tok]) -> String {
    toks.iter().map(|t| t.c).collect()
}

fn unescaped_at(toks: &[Tok], at: usize, pattern: &str) -> bool {
    let mut i = at;
    for c in pattern.chars() {
        match toks.get(i) {
            Some(t) if t.c == c && !t.escaped => i += 1,
            _ => return false,
        }
    }
    true
}

/// Splits an item at its earliest separator, preferring the longest at that position.
fn split(toks: &[Tok]) -> Option<(usize, &'static str)> {
    (0..toks.len()).find_map(|i| {
        SEPARATORS
            .iter()
            .find(|sep| unescaped_at(toks, i, sep))
            .map(|sep| (i, *sep))
    })
}

impl Item {
    /// Parses one item, reading any `@file` it names.
    pub fn parse(raw: &str) -> Result<Item, String> {
        let bad = |why: &str| format!("bad item '{raw}': {why}");
        let toks = tokenize(raw);
        let Some((at, sep)) = split(&toks) else {
            return Err(bad(
                "no separator (expected Name:Value, name==value, name=value, name:=json or name@file)",
            ));
        };
        let key = text(&toks[..at]);
        let value = text(&toks[at + sep.len()..]);
        let read = |path: &str| read_item_file(raw, path);

        let item = match sep {
            ":" | ";" | ":@" => {
                if let Some((shown, why)) = bad_header_name(&key) {
                    return Err(format!("bad item '{shown}': {why}"));
                }
                let edit = match sep {
                    ";" if !value.is_empty() => {
                        return Err(format!(
                            "bad item '{key};…': 'Name;' sends an empty header and takes no value"
                        ));
                    }
                    ";" => HeaderEdit::Empty,
                    ":@" => HeaderEdit::Set(trim_newline(read(&value)?)),
                    _ if value.trim().is_empty() => HeaderEdit::Remove,
                    _ => HeaderEdit::Set(value.trim_start().to_string()),
                };
                Item::Header { name: key, edit }
            }
            "==" | "==@" => {
                if key.is_empty() {
                    return Err(bad("the query parameter has no name"));
                }
                let value = if sep == "==@" {
                    trim_newline(read(&value)?)
                } else {
                    value
                };
                Item::Query { name: key, value }
            }
            "@" => {
                if key.is_empty() {
                    return Err(bad(
                        "a file item needs a field name (name@file); to send the file as the \
                         body, use -T FILE or --data-binary @FILE",
                    ));
                }
                let (path, mime) = match value.rsplit_once(";type=") {
                    Some((path, mime)) => (path.to_string(), Some(mime.to_string())),
                    None => (value, None),
                };
                if path.is_empty() {
                    return Err(bad("no file named after '@'"));
                }
                Item::File {
                    name: key,
                    path: home(&path),
                    mime,
                }
            }
            _ => {
                let value = match sep {
                    "=" => FieldValue::Text(value),
                    "=@" => FieldValue::Text(read(&value)?),
                    _ => {
                        let text = if sep == ":=" { value } else { read(&value)? };
                        FieldValue::Json(parse_json(raw, &text)?)
                    }
                };
                Item::Field(Field {
                    name: key,
                    value,
                    raw: raw.to_string(),
                })
            }
        };
        Ok(item)
    }
}

/// Whether `name` can be sent as a header name (an RFC 9110 token).
/// `-H 'Name: value'`, `-H 'Name:'` (remove), `-H 'Name;'` (empty), as curl reads them.
pub fn header_option(raw: &str) -> Result<(String, HeaderEdit), String> {
    if let Some((name, value)) = raw.split_once(':') {
        header_line(name, value)
    } else if let Some(name) = raw.strip_suffix(';') {
        named_edit(name.trim(), HeaderEdit::Empty)
    } else {
        let shown = name_part(raw);
        Err(format!("bad --header '{shown}': expected 'Name: value'"))
    }
}

/// A header given as its name and value (as a `.http` file's header lines are), read as
/// `-H 'Name: value'` reads them: an empty value removes the header.
pub fn header_line(name: &str, value: &str) -> Result<(String, HeaderEdit), String> {
    let value = value.trim();
    let edit = if value.is_empty() {
        HeaderEdit::Remove
    } else {
        HeaderEdit::Set(value.to_string())
    };
    named_edit(name.trim(), edit)
}

fn named_edit(name: &str, edit: HeaderEdit) -> Result<(String, HeaderEdit), String> {
    if let Some((shown, why)) = bad_header_name(name) {
        return Err(format!(
            "bad --header '{shown}': {why} (the name is everything before ':')"
        ));
    }
    Ok((name.to_string(), edit))
}

pub fn valid_header_name(name: &str) -> bool {
    reqwest::header::HeaderName::from_bytes(name.as_bytes()).is_ok()
}

/// When `name` cannot be a header name: how to show it, and why. It is shown only up to
/// the first character a name cannot hold, since what follows may be a credential
/// (`-H 'X-Api-Key=s3cret:1'`).
fn bad_header_name(name: &str) -> Option<(String, String)> {
    if valid_header_name(name) {
        return None;
    }
    let why = match name.chars().find(|&c| !is_token_char(c)) {
        Some(' ') => "a header name cannot hold a space".to_string(),
        Some('\t') => "a header name cannot hold a tab".to_string(),
        Some(c) => format!("a header name cannot hold '{}'", c.escape_debug()),
        None if name.is_empty() => "the header name is empty".to_string(),
        None => "the header name is too long".to_string(),
    };
    Some((name_part(name), why))
}

/// `text` up to the first character a header name cannot hold (`X-Api-Key…` for
/// `X-Api-Key=s3cret`, `Authorization …` for `Authorization Bearer s3cret`).
fn name_part(text: &str) -> String {
    let Some((at, c)) = text.char_indices().find(|&(_, c)| !is_token_char(c)) else {
        return excerpt(text);
    };
    let head = excerpt(&text[..at]);
    match c.is_whitespace() {
        // A token has no '…': this one was shortened already.
        _ if head.ends_with('…') => head,
        true => format!("{head} …"),
        false => format!("{head}…"),
    }
}

/// RFC 9110 §5.6.2: the characters of a token, which a field name is.
pub fn is_token_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c)
}

fn trim_newline(mut s: String) -> String {
    while s.ends_with('\n') || s.ends_with('\r') {
        s.pop();
    }
    s
}

fn read_item_file(raw: &str, path: &str) -> Result<String, String> {
    fs::read_to_string(home(path))
        .map_err(|e| format!("bad item '{raw}': {}", crate::error::cannot_read(path, &e)))
}

/// `~/` at the start of a path is the home directory, as HTTPie reads it: the shell does
/// not expand it after `=@` or `@`.
fn home(path: &str) -> PathBuf {
    match (path.strip_prefix("~/"), std::env::home_dir()) {
        (Some(rest), Some(home)) => home.join(rest),
        _ => PathBuf::from(path),
    }
}

fn parse_json(raw: &str, json: &str) -> Result<Value, String> {
    numbers::parse(json).map_err(|e| format!("bad item '{raw}': invalid JSON: {e}"))
}

#[cfg(test)]
mod split_tests;

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn field(raw: &str) -> Field {
        match Item::parse(raw).unwrap() {
            Item::Field(f) => f,
            other => panic!("{raw} parsed as {other:?}"),
        }
    }

    fn body(raws: &[&str]) -> Result<Option<Value>, String> {
        let fields: Vec<Field> = raws.iter().map(|r| field(r)).collect();
        json_body(
            fields
                .iter()
                .map(|f| (f.raw.as_str(), f.name.as_str(), f.value.to_json())),
        )
    }

    #[test]
    fn separators_pick_the_earliest_then_longest() {
        assert_eq!(
            Item::parse("url==http://x?a=b").unwrap(),
            Item::Query {
                name: "url".into(),
                value: "http://x?a=b".into()
            }
        );
        assert_eq!(
            Item::parse("X-Api-Key: abc=def").unwrap(),
            Item::Header {
                name: "X-Api-Key".into(),
                edit: HeaderEdit::Set("abc=def".into())
            }
        );
        assert_eq!(field("email=a@b.c").value, FieldValue::Text("a@b.c".into()));
        assert_eq!(field("n:=3").value.to_json(), json!(3));
        assert_eq!(field("n:= [1, 2]").value.to_json(), json!([1, 2]));
        assert!(matches!(
            Item::parse("photo@me.png").unwrap(),
            Item::File { .. }
        ));
    }

    #[test]
    fn json_values_in_a_form_are_their_text_as_httpie_sends_them() {
        let form = |raw: &str| field(raw).value.form_text().map(|t| t.into_owned());
        assert_eq!(form(r#"option:="x""#), Ok("x".into()));
        assert_eq!(form(r#"s:="a \"b\" \u00e9""#), Ok("a \"b\" é".into()));
        assert_eq!(form("n:=1.50"), Ok("1.50".into()));
        assert_eq!(form("n:= 1E5 "), Ok("1E5".into()));
        assert_eq!(form("n:=-0"), Ok("-0".into()));
        assert_eq!(form("ok:=true"), Ok("true".into()));
        assert_eq!(form("ok:=false"), Ok("false".into()));
        assert_eq!(form("t=[1]"), Ok("[1]".into()));
        assert_eq!(form("a:=[1,2]"), Err("an array"));
        assert_eq!(form(r#"o:={"a":1}"#), Err("an object"));
        assert_eq!(form("z:=null"), Err("null"));
    }

    #[test]
    fn header_edits() {
        let edit = |raw| match Item::parse(raw).unwrap() {
            Item::Header { edit, .. } => edit,
            other => panic!("{other:?}"),
        };
        assert_eq!(edit("Accept:"), HeaderEdit::Remove);
        assert_eq!(edit("X-Empty;"), HeaderEdit::Empty);
        assert!(Item::parse("X-Empty;value").is_err());
        assert!(Item::parse("bad name:x").is_err());
    }

    /// HTTPie's rule: a backslash before a separator character makes it literal; before
    /// anything else both stay (and the nested key reads them).
    #[test]
    fn backslashes_as_httpie_reads_them() {
        let f = field(r"a\=b=c");
        assert_eq!(f.name, "a=b");
        assert_eq!(f.value, FieldValue::Text("c".into()));
        assert_eq!(
            field(r"path=C\:\dir").value,
            FieldValue::Text(r"C:\dir".into())
        );
        assert_eq!(field(r"a\[0]=x").name, r"a\[0]");
        assert_eq!(field(r"\\:=1").name, r"\\");
        assert_eq!(
            body(&[r"\1=a", r"\\1=b", r"foo[\1][type]=x"])
                .unwrap()
                .unwrap(),
            json!({"1": "a", r"\1": "b", "foo": {"1": {"type": "x"}}})
        );
    }

    #[test]
    fn empty_keys_are_allowed_as_httpie_allows_them() {
        assert_eq!(body(&["=empty"]).unwrap().unwrap(), json!({"": "empty"}));
        assert_eq!(
            body(&[":=[1,2,3]"]).unwrap().unwrap(),
            json!({"": [1, 2, 3]})
        );
    }

    #[test]
    fn home_directory_in_file_paths() {
        let home = std::env::home_dir().unwrap();
        assert_eq!(super::home("~/x.txt"), home.join("x.txt"));
        assert_eq!(super::home("a/~/x"), PathBuf::from("a/~/x"));
        assert!(matches!(
            Item::parse("f@~/doc.pdf").unwrap(),
            Item::File { path, .. } if path == home.join("doc.pdf")
        ));
    }

    #[test]
    fn file_upload_with_type() {
        assert_eq!(
            Item::parse("doc@report.pdf;type=application/pdf").unwrap(),
            Item::File {
                name: "doc".into(),
                path: "report.pdf".into(),
                mime: Some("application/pdf".into())
            }
        );
    }

    #[test]
    fn malformed_items_name_the_item() {
        let err = Item::parse("novalue").unwrap_err();
        assert!(err.starts_with("bad item 'novalue': no separator"), "{err}");
        let err = Item::parse("n:=nope").unwrap_err();
        assert!(err.starts_with("bad item 'n:=nope': invalid JSON"), "{err}");
        let err = Item::parse("x=@/no/such/file").unwrap_err();
        assert!(err.contains("cannot read '/no/such/file'"), "{err}");
        assert!(body(&["a[b=1"]).is_err());
    }

    #[test]
    fn nested_paths_build_json() {
        let v = body(&[
            "user[name]=Ada",
            "user[langs][]=en",
            "user[langs][]=fr",
            "tags[1]=b",
            "tags[0]=a",
            "n:=1",
        ])
        .unwrap()
        .unwrap();
        assert_eq!(
            serde_json::to_string(&v).unwrap(),
            r#"{"user":{"name":"Ada","langs":["en","fr"]},"tags":["a","b"],"n":1}"#
        );
        assert_eq!(
            body(&["[]:=1", "[]=two"]).unwrap().unwrap(),
            json!([1, "two"])
        );
        assert_eq!(
            body(&["a=1", "a=2", "a=3"]).unwrap().unwrap(),
            json!({"a": ["1", "2", "3"]})
        );
    }
}
