//! Request items (`Name:Value`, `name==value`, `name=value`, `name:=json`, `name@file`, ...)
//! and the nested JSON paths of data fields (`user[name]=x`, `tags[]=a`).

use std::fs;
use std::path::PathBuf;

use serde_json::{Map, Value};

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

/// A data field: its name as typed, its nested JSON path and its value.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The key with escapes resolved (the form field name).
    pub name: String,
    pub path: Vec<PathSegment>,
    pub value: FieldValue,
    /// The item as typed, for error messages.
    pub raw: String,
}

#[derive(Debug, Clone, PartialEq)]
pub enum FieldValue {
    Text(String),
    Json(Value),
}

/// One step of a nested JSON path.
#[derive(Debug, Clone, PartialEq)]
pub enum PathSegment {
    Key(String),
    Index(usize),
    Append,
}

/// Characters a backslash can escape.
const ESCAPABLE: &[char] = &['\\', ':', '=', '@', ';', '[', ']'];

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
        let key_toks = &toks[..at];
        let key = text(key_toks);
        let value = text(&toks[at + sep.len()..]);
        let read = |path: &str| read_item_file(raw, path);

        let item = match sep {
            ":" | ";" | ":@" => {
                if !valid_header_name(&key) {
                    return Err(bad(&format!("'{key}' is not a valid header name")));
                }
                let edit = match sep {
                    ";" if !value.is_empty() => {
                        return Err(bad("'Name;' sends an empty header and takes no value"));
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
                    return Err(bad("the file field has no name"));
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
                    path: PathBuf::from(path),
                    mime,
                }
            }
            _ => {
                let path = parse_path(key_toks).map_err(|why| bad(&why))?;
                let value = match sep {
                    "=" => FieldValue::Text(value),
                    "=@" => FieldValue::Text(read(&value)?),
                    ":=" => FieldValue::Json(parse_json(raw, &value)?),
                    _ => FieldValue::Json(parse_json(raw, &read(&value)?)?),
                };
                Item::Field(Field {
                    name: key,
                    path,
                    value,
                    raw: raw.to_string(),
                })
            }
        };
        Ok(item)
    }
}

/// Whether `name` can be sent as a header name (an RFC 9110 token).
pub fn valid_header_name(name: &str) -> bool {
    reqwest::header::HeaderName::from_bytes(name.as_bytes()).is_ok()
}

fn trim_newline(mut s: String) -> String {
    while s.ends_with('\n') || s.ends_with('\r') {
        s.pop();
    }
    s
}

fn read_item_file(raw: &str, path: &str) -> Result<String, String> {
    fs::read_to_string(path)
        .map_err(|e| format!("bad item '{raw}': {}", crate::error::cannot_read(path, &e)))
}

fn parse_json(raw: &str, json: &str) -> Result<Value, String> {
    serde_json::from_str(json).map_err(|e| format!("bad item '{raw}': invalid JSON: {e}"))
}

/// `name`, `name[key]`, `name[]`, `name[0][key]`, `[]` (a top-level array).
fn parse_path(toks: &[Tok]) -> Result<Vec<PathSegment>, String> {
    let is_open = |t: &Tok| t.c == '[' && !t.escaped;
    let first_bracket = toks.iter().position(is_open).unwrap_or(toks.len());
    let name = text(&toks[..first_bracket]);
    let mut path = Vec::new();
    if first_bracket == toks.len() {
        if name.is_empty() {
            return Err("the field has no name".into());
        }
        path.push(PathSegment::Key(name));
        return Ok(path);
    }
    if !name.is_empty() {
        path.push(PathSegment::Key(name));
    }
    let mut rest = &toks[first_bracket..];
    while let Some(open) = rest.first() {
        if !is_open(open) {
            return Err(format!(
                "unexpected '{}' after ']' in the field name (escape brackets as \\[ and \\])",
                text(rest)
            ));
        }
        let Some(close) = rest.iter().position(|t| t.c == ']' && !t.escaped) else {
            return Err("missing ']' in the field name (escape a literal '[' as \\[)".into());
        };
        let inside = text(&rest[1..close]);
        path.push(if inside.is_empty() {
            PathSegment::Append
        } else if inside.bytes().all(|b| b.is_ascii_digit()) {
            let index = inside
                .parse()
                .map_err(|_| format!("array index {inside} is too large"))?;
            PathSegment::Index(index)
        } else {
            PathSegment::Key(inside)
        });
        rest = &rest[close + 1..];
    }
    Ok(path)
}

/// Builds the JSON body from data fields, in order. `None` when there are no fields.
pub fn json_body(fields: &[&Field]) -> Result<Option<Value>, String> {
    let mut root = Value::Null;
    for field in fields {
        let value = match &field.value {
            FieldValue::Text(s) => Value::String(s.clone()),
            FieldValue::Json(v) => v.clone(),
        };
        insert(&mut root, &field.path, value)
            .map_err(|why| format!("bad item '{}': {why}", field.raw))?;
    }
    Ok((!root.is_null()).then_some(root))
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// How far past the end of an array an index may reach (`a[5]=x` pads with nulls).
const MAX_INDEX_GAP: usize = 1000;

fn insert(slot: &mut Value, path: &[PathSegment], value: Value) -> Result<(), String> {
    let Some((segment, rest)) = path.split_first() else {
        *slot = value;
        return Ok(());
    };
    match segment {
        PathSegment::Key(key) => {
            if slot.is_null() {
                *slot = Value::Object(Map::new());
            }
            let Value::Object(map) = slot else {
                return Err(format!(
                    "'{key}' needs an object here, but this is {}",
                    kind(slot)
                ));
            };
            let child = map.entry(key.clone()).or_insert(Value::Null);
            if rest.is_empty() && !child.is_null() {
                // A repeated key collects its values into an array, as HTTPie does.
                match child {
                    Value::Array(items) => items.push(value),
                    other => *other = Value::Array(vec![other.take(), value]),
                }
                return Ok(());
            }
            insert(child, rest, value)
        }
        PathSegment::Append | PathSegment::Index(_) => {
            if slot.is_null() {
                *slot = Value::Array(Vec::new());
            }
            let Value::Array(items) = slot else {
                return Err(format!(
                    "'[]' needs an array here, but this is {}",
                    kind(slot)
                ));
            };
            let index = match segment {
                PathSegment::Index(i) => *i,
                _ => items.len(),
            };
            if index > items.len() + MAX_INDEX_GAP {
                return Err(format!(
                    "index {index} would pad an array of {} items with over {MAX_INDEX_GAP} nulls",
                    items.len()
                ));
            }
            if items.len() <= index {
                items.resize(index + 1, Value::Null);
            }
            insert(&mut items[index], rest, value)
        }
    }
}

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
        json_body(&fields.iter().collect::<Vec<_>>())
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
        assert_eq!(field("n:=3").value, FieldValue::Json(json!(3)));
        assert!(matches!(
            Item::parse("photo@me.png").unwrap(),
            Item::File { .. }
        ));
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

    #[test]
    fn backslash_escapes_separators() {
        let f = field(r"a\=b=c");
        assert_eq!(f.name, "a=b");
        assert_eq!(f.value, FieldValue::Text("c".into()));
        let f = field(r"path=C\:\\dir");
        assert_eq!(f.value, FieldValue::Text(r"C:\dir".into()));
        let f = field(r"a\[0]=x");
        assert_eq!(f.path, vec![PathSegment::Key("a[0]".into())]);
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
        assert!(Item::parse("a[b=1").is_err());
        assert!(Item::parse("=1").is_err());
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
    }

    #[test]
    fn top_level_array() {
        let v = body(&["[]:=1", "[]=two"]).unwrap().unwrap();
        assert_eq!(v, json!([1, "two"]));
    }

    #[test]
    fn repeated_key_collects_values() {
        let v = body(&["a=1", "a=2", "a=3"]).unwrap().unwrap();
        assert_eq!(v, json!({"a": ["1", "2", "3"]}));
    }

    #[test]
    fn huge_indexes_are_refused() {
        assert!(body(&["a[1000]=x"]).is_ok());
        let err = body(&["a[100000000000]=x"]).unwrap_err();
        assert_eq!(
            err,
            "bad item 'a[100000000000]=x': index 100000000000 would pad an array of 0 items with over 1000 nulls"
        );
        assert!(Item::parse("a[18446744073709551616]=x").is_err());
    }

    #[test]
    fn type_conflicts_are_errors() {
        let err = body(&["a=1", "a[b]=2"]).unwrap_err();
        assert!(err.starts_with("bad item 'a[b]=2'"), "{err}");
        assert!(body(&["a=1", "[]=2"]).is_err());
    }
}
