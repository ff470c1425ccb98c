//! curl's `-F`: `name=value`, `name=@file`, `name=<file`, each followed by `;type=…` and
//! `;filename=…` as curl reads them, a file name or a parameter value quoted with `"` when
//! it holds a `;` (`-F 'f=@"a;b.txt";type=text/plain'`).

use std::path::Path;

use anyhow::Result;

use super::body::{file_len, file_part};
use crate::error::{cannot_read, usage};
use crate::http::multipart::Part;

/// One `-F` value as a part; `literal` (curl's `--form-string`): the content is the value
/// as written.
pub fn form_part(raw: &str, literal: bool) -> Result<Part> {
    let option = if literal { "--form-string" } else { "-F" };
    let bad = |why: String| usage(format!("bad {option} '{raw}': {why}"));
    let Some((name, content)) = raw.split_once('=') else {
        return Err(bad(match literal {
            true => "expected name=value".into(),
            false => "expected name=value, name=@file or name=<file".into(),
        }));
    };
    if literal {
        return Ok(Part::Text {
            name: name.to_string(),
            value: content.to_string(),
            mime: None,
        });
    }
    let (kind, content) = match content.as_bytes().first() {
        Some(b'@') => (Kind::File, &content[1..]),
        Some(b'<') => (Kind::TextFile, &content[1..]),
        _ => (Kind::Text, content),
    };
    let (main, params) = split(content).map_err(bad)?;
    let mut mime: Option<String> = None;
    let mut filename = None;
    let mut last = "";
    for (key, value) in &params {
        match key.trim().to_ascii_lowercase().as_str() {
            "type" => mime = Some(value.clone()),
            "filename" => filename = Some(value.clone()),
            // `type=text/html; charset=utf-8`: curl keeps the media type's parameters.
            _ if last == "type" => {
                if let Some(mime) = &mut mime {
                    mime.push_str(&format!(";{key}={value}"));
                }
                continue;
            }
            _ => {
                return Err(bad(format!(
                    "hit reads ;type= and ;filename=, not ;{}= (for a value with a ';', \
                     quote it or use --form-string)",
                    key.trim()
                )));
            }
        }
        last = if key.trim().eq_ignore_ascii_case("type") {
            "type"
        } else {
            ""
        };
    }
    match kind {
        Kind::File => {
            let path = Path::new(&main);
            let len = file_len(path).map_err(bad)?;
            let mime = mime.unwrap_or_else(|| curls_type(path).to_string());
            file_part(name, path, Some(&mime), len, filename)
        }
        Kind::TextFile => {
            let value = std::fs::read_to_string(&main).map_err(|e| bad(cannot_read(&main, &e)))?;
            Ok(Part::Text {
                name: name.to_string(),
                value,
                mime,
            })
        }
        Kind::Text => Ok(Part::Text {
            name: name.to_string(),
            value: main,
            mime,
        }),
    }
}

/// The type curl gives a `-F name=@file` part without `;type=`: from its short table of
/// extensions, else `application/octet-stream` (curl's `ContentTypeForFilename`).
fn curls_type(path: &Path) -> &'static str {
    const TABLE: &[(&str, &str)] = &[
        ("gif", "image/gif"),
        ("jpg", "image/jpeg"),
        ("jpeg", "image/jpeg"),
        ("png", "image/png"),
        ("svg", "image/svg+xml"),
        ("txt", "text/plain"),
        ("htm", "text/html"),
        ("html", "text/html"),
        ("pdf", "application/pdf"),
        ("xml", "application/xml"),
    ];
    let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    TABLE
        .iter()
        .find(|(known, _)| known.eq_ignore_ascii_case(extension))
        .map_or("application/octet-stream", |(_, mime)| mime)
}

enum Kind {
    Text,
    File,
    /// `<file`: the file's text as the value.
    TextFile,
}

/// `main;key=value;key="quoted;value"` → the main part and the parameters. A main part or
/// value in double quotes may hold `;`, and `\"` or `\\` inside quotes stand for `"` and `\`.
fn split(content: &str) -> Result<(String, Vec<(String, String)>), String> {
    let mut chars = content.chars().peekable();
    let main = word(&mut chars)?;
    let mut params = Vec::new();
    while chars.peek() == Some(&';') {
        chars.next();
        let key: String = chars.by_ref().take_while(|c| *c != '=').collect();
        let value = word(&mut chars)?;
        params.push((key, value));
    }
    Ok((main, params))
}

/// Up to the next `;` outside quotes.
fn word(chars: &mut std::iter::Peekable<std::str::Chars>) -> Result<String, String> {
    let mut out = String::new();
    if chars.peek() == Some(&'"') {
        chars.next();
        loop {
            match chars.next() {
                Some('\\') => out.extend(chars.next()),
                Some('"') => break,
                Some(c) => out.push(c),
                None => return Err("a quote is not closed".into()),
            }
        }
        // What follows a closing quote, up to the next `;`, is ignored, as curl does.
        while chars.peek().is_some_and(|c| *c != ';') {
            chars.next();
        }
        return Ok(out);
    }
    while let Some(c) = chars.peek().copied() {
        if c == ';' {
            break;
        }
        out.push(c);
        chars.next();
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(content: &str) -> (String, Vec<(String, String)>) {
        split(content).unwrap()
    }

    #[test]
    fn reads_curls_parameters() {
        assert_eq!(parts("a.txt"), ("a.txt".into(), vec![]));
        assert_eq!(
            parts("x.htm;type=text/html;filename=y.htm"),
            (
                "x.htm".into(),
                vec![
                    ("type".into(), "text/html".into()),
                    ("filename".into(), "y.htm".into())
                ]
            )
        );
        assert_eq!(
            parts("\"a;b.txt\";type=text/plain"),
            ("a;b.txt".into(), vec![("type".into(), "text/plain".into())])
        );
        assert_eq!(
            parts("f;filename=\"my \\\"report\\\";v2.pdf\""),
            (
                "f".into(),
                vec![("filename".into(), "my \"report\";v2.pdf".into())]
            )
        );
        assert!(split("\"open").is_err());
    }

    #[test]
    fn text_parts_take_a_type_and_unknown_parameters_are_refused() {
        let Part::Text { value, mime, .. } = form_part("a=1;type=text/plain", false).unwrap()
        else {
            panic!("a text part");
        };
        assert_eq!((value.as_str(), mime.as_deref()), ("1", Some("text/plain")));
        let err = form_part("a=1;headers=X-A: b", false)
            .unwrap_err()
            .to_string();
        assert!(err.contains("not ;headers="), "{err}");
        let Part::Text { mime, .. } =
            form_part("a=1;type=text/html; charset=utf-8", false).unwrap()
        else {
            panic!("a text part");
        };
        assert_eq!(mime.as_deref(), Some("text/html; charset=utf-8"));
    }
}
