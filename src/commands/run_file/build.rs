//! A request of the file, its placeholders filled, as the format means it: GraphQL
//! requests as JSON, `Basic user pass` encoded, form bodies continued on `&` lines joined,
//! and written-out multipart bodies sent with CRLF line ends and their files' bytes.

use std::path::PathBuf;

use base64::Engine;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use crate::settings::SpecBody;

/// A piece of a body, filled in.
pub enum BodyPiece {
    Text(String),
    /// `< ./file`: read when the body is built.
    File(PathBuf),
}

/// The method, headers and body a filled request sends.
pub struct Shaped {
    pub method: String,
    pub headers: Vec<(String, String)>,
    pub body: Option<SpecBody>,
}

/// Shapes the request; `read` reads a `< ./file` part (its message names the line).
pub fn shape(
    method: &str,
    mut headers: Vec<(String, String)>,
    pieces: Vec<BodyPiece>,
    read: &mut dyn FnMut(&PathBuf) -> anyhow::Result<Vec<u8>>,
) -> anyhow::Result<Shaped> {
    for (name, value) in &mut headers {
        if name.eq_ignore_ascii_case("authorization") {
            *value = basic(value);
        }
    }
    let graphql_header = headers.iter().position(|(n, v)| {
        n.eq_ignore_ascii_case("x-request-type") && v.eq_ignore_ascii_case("graphql")
    });
    if method.eq_ignore_ascii_case("GRAPHQL") || graphql_header.is_some() {
        if let Some(at) = graphql_header {
            headers.remove(at);
        }
        if content_type(&headers).is_none() {
            headers.push(("Content-Type".into(), "application/json".into()));
        }
        let text = pieces
            .iter()
            .map(|p| match p {
                BodyPiece::Text(text) => Ok(text.clone()),
                BodyPiece::File(path) => Ok(String::from_utf8_lossy(&read(path)?).into_owned()),
            })
            .collect::<anyhow::Result<Vec<_>>>()?
            .join("\n");
        let method = if method.eq_ignore_ascii_case("GRAPHQL") {
            "POST"
        } else {
            method
        };
        return Ok(Shaped {
            method: method.to_string(),
            body: Some(SpecBody::Text(graphql(&text)?)),
            headers,
        });
    }
    let kind = content_type(&headers)
        .unwrap_or_default()
        .to_ascii_lowercase();
    let body = match &pieces[..] {
        [] => None,
        [BodyPiece::File(path)] => Some(SpecBody::File(path.clone())),
        _ if kind.starts_with("multipart/") => {
            Some(SpecBody::Bytes(joined(&pieces, "\r\n", read)?))
        }
        _ if pieces.iter().all(|p| matches!(p, BodyPiece::Text(_))) => {
            let text = joined(&pieces, "\n", read)?;
            let text = String::from_utf8(text).expect("text pieces are text");
            let text = if is_form(&headers) { form(&text) } else { text };
            Some(SpecBody::Text(text))
        }
        _ => Some(SpecBody::Bytes(joined(&pieces, "\n", read)?)),
    };
    Ok(Shaped {
        method: method.to_string(),
        headers,
        body,
    })
}

fn content_type(headers: &[(String, String)]) -> Option<&str> {
    headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("content-type"))
        .map(|(_, v)| v.as_str())
}

/// The pieces' bytes, text lines and pieces separated by `newline`.
fn joined(
    pieces: &[BodyPiece],
    newline: &str,
    read: &mut dyn FnMut(&PathBuf) -> anyhow::Result<Vec<u8>>,
) -> anyhow::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    for (i, piece) in pieces.iter().enumerate() {
        if i > 0 {
            bytes.extend_from_slice(newline.as_bytes());
        }
        match piece {
            BodyPiece::Text(text) => {
                let lines: Vec<&str> = text.split('\n').collect();
                bytes.extend_from_slice(lines.join(newline).as_bytes());
            }
            BodyPiece::File(path) => bytes.extend(read(path)?),
        }
    }
    Ok(bytes)
}

/// What a value filled into a form body keeps as it is: what REST Client's and JetBrains'
/// form encoding keeps (`encodeURI`'s set: `user@host`, `api://x` go as written), except
/// `&`, `=`, `+` and `#`, which are percent-encoded so that a value cannot add fields or
/// turn into spaces.
const FORM_VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'!')
    .remove(b'~')
    .remove(b'*')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')')
    .remove(b';')
    .remove(b',')
    .remove(b'/')
    .remove(b'?')
    .remove(b':')
    .remove(b'@')
    .remove(b'$');

/// A value filled into a form body, percent-encoded by `FORM_VALUE`; a `%`
/// followed by two hex digits is taken as already encoded, any other `%` is encoded.
pub fn form_value(value: &str) -> String {
    let mut encoded = String::new();
    let mut rest = value;
    while let Some(at) = rest.find('%') {
        encoded.extend(utf8_percent_encode(&rest[..at], FORM_VALUE));
        let after = &rest.as_bytes()[at + 1..];
        if after.len() >= 2 && after[0].is_ascii_hexdigit() && after[1].is_ascii_hexdigit() {
            encoded.push_str(&rest[at..at + 3]);
            rest = &rest[at + 3..];
        } else {
            encoded.push_str("%25");
            rest = &rest[at + 1..];
        }
    }
    encoded.extend(utf8_percent_encode(rest, FORM_VALUE));
    encoded
}

/// Whether the headers say the body is a form.
pub fn is_form(headers: &[(String, String)]) -> bool {
    content_type(headers).is_some_and(|t| {
        t.to_ascii_lowercase()
            .starts_with("application/x-www-form-urlencoded")
    })
}

/// A form body whose lines after the first start with `&`: one line.
fn form(text: &str) -> String {
    let mut joined = String::new();
    for (i, line) in text.split('\n').enumerate() {
        let trimmed = line.trim();
        if i > 0 && !trimmed.starts_with('&') {
            joined.push('\n');
            joined.push_str(line);
        } else {
            joined.push_str(if i > 0 { trimmed } else { line.trim_end() });
        }
    }
    joined
}

/// `Basic user pass` and `Basic user:pass` as JetBrains documents them: encoded. A value
/// already encoded (one word without `:`) is left as it is.
fn basic(value: &str) -> String {
    let Some((scheme, rest)) = value.split_once(char::is_whitespace) else {
        return value.to_string();
    };
    let rest = rest.trim();
    if !scheme.eq_ignore_ascii_case("basic") || rest.is_empty() {
        return value.to_string();
    }
    let credentials = match rest.split_once(char::is_whitespace) {
        Some((user, password)) => format!("{user}:{}", password.trim()),
        None if rest.contains(':') => rest.to_string(),
        None => return value.to_string(),
    };
    let encoded = base64::engine::general_purpose::STANDARD.encode(credentials);
    format!("{scheme} {encoded}")
}

/// A GraphQL body: the query, then after a blank line the variables as JSON, sent as
/// `{"query": …, "operationName": …, "variables": …}`; the name is the first named
/// operation's, which a server needs to pick one when the document holds several.
fn graphql(text: &str) -> anyhow::Result<String> {
    let lines: Vec<&str> = text.lines().collect();
    let blank = lines.iter().position(|l| l.trim().is_empty());
    let (query, variables) = match blank {
        Some(at) => (lines[..at].join("\n"), lines[at..].join("\n")),
        None => (lines.join("\n"), String::new()),
    };
    let mut body = serde_json::Map::new();
    body.insert(
        "query".into(),
        serde_json::Value::String(query.trim().into()),
    );
    if let Some(name) = operation_name(&query) {
        body.insert("operationName".into(), name.into());
    }
    if !variables.trim().is_empty() {
        let variables: serde_json::Value =
            serde_json::from_str(variables.trim()).map_err(|err| {
                anyhow::anyhow!("the GraphQL variables after the query are not JSON: {err}")
            })?;
        body.insert("variables".into(), variables);
    }
    Ok(serde_json::Value::Object(body).to_string())
}

/// `GetUser` in `query GetUser($id: ID!) { … }`: the first operation's name, if it has one.
fn operation_name(query: &str) -> Option<&str> {
    query.lines().find_map(|line| {
        let line = line.trim_start();
        let rest = ["query", "mutation", "subscription"]
            .iter()
            .find_map(|kind| line.strip_prefix(kind))?;
        let rest = rest.strip_prefix(char::is_whitespace)?.trim_start();
        let end = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        let name = &rest[..end];
        name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
            .then_some(name)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basic_credentials_are_encoded() {
        assert_eq!(basic("Basic user pass"), "Basic dXNlcjpwYXNz");
        assert_eq!(basic("Basic user:pass"), "Basic dXNlcjpwYXNz");
        assert_eq!(basic("Basic dXNlcjpwYXNz"), "Basic dXNlcjpwYXNz");
        assert_eq!(basic("Bearer a b"), "Bearer a b");
    }

    #[test]
    fn form_lines_are_joined() {
        assert_eq!(form("a=1\n  &b=2\n&c=3"), "a=1&b=2&c=3");
        assert_eq!(form_value("<x y>api://a!%3C"), "%3Cx%20y%3Eapi://a!%3C");
        assert_eq!(form_value("p+ss&admin=1%"), "p%2Bss%26admin%3D1%25");
        assert_eq!(
            form_value("a#b%2x%41é-_.!~*'()"),
            "a%23b%252x%41%C3%A9-_.!~*'()"
        );
    }

    #[test]
    fn graphql_query_and_variables() {
        let body = graphql("query { a }\n\n{\"x\": 1}").unwrap();
        assert_eq!(body, r#"{"query":"query { a }","variables":{"x":1}}"#);
        assert_eq!(graphql("{ a }").unwrap(), r#"{"query":"{ a }"}"#);
        let body = graphql("# users\nquery  Users($n: Int) { a }\n\n{\"n\": 1}").unwrap();
        assert_eq!(
            body,
            r##"{"query":"# users\nquery  Users($n: Int) { a }","operationName":"Users","variables":{"n":1}}"##
        );
        assert_eq!(operation_name("query { a }"), None);
        assert_eq!(operation_name("mutation\tadd_one { a }"), Some("add_one"));
        assert_eq!(operation_name("queryx Y { a }"), None);
    }
}
