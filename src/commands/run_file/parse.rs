//! The `.http` file format of the JetBrains HTTP Client and the VS Code REST Client, read
//! into requests whose `{{…}}` placeholders are still to be filled.
//!
//! Requests are separated by `###` lines (the rest of the line is a title). Before a
//! request line come comments (`#`, `//`, where `@name NAME` names the request and
//! `@check EXPR` is hit's `--check`) and file variables (`@var = value`); then `[METHOD] URL [HTTP/1.1]`, query continuation lines
//! (indented `?a=b`, `&c=d`), headers up to a blank line, and the body up to the next
//! `###`, whose lines `< ./file` stand for the file's bytes.

use super::script;
use crate::error::usage;

/// A piece of text from the file, and the line (1-based) it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    pub text: String,
    pub line: usize,
}

/// A file variable, `@name = value`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variable {
    pub name: String,
    pub value: Text,
}

/// A piece of a request body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BodyPart {
    /// Lines of text, joined by `\n`.
    Text(Text),
    /// `< ./file`: the file's bytes, its path relative to the `.http` file.
    File(Text),
}

/// One request of the file, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// `# @name NAME`.
    pub name: Option<String>,
    /// The rest of the `###` line before it.
    pub title: Option<String>,
    /// GET when the request line has none.
    pub method: String,
    pub url: Text,
    pub headers: Vec<(Text, Text)>,
    pub body: Vec<BodyPart>,
    /// `# @check EXPR`: hit's `--check EXPR`.
    pub checks: Vec<Text>,
    /// `< {% … %}` before the request line, `> {% … %}` after it.
    pub scripts: script::Scripts,
}

impl Request {
    /// The line of the request line, for messages.
    pub fn line(&self) -> usize {
        self.url.line
    }
}

/// A parsed `.http` file.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct HttpFile {
    pub variables: Vec<Variable>,
    pub requests: Vec<Request>,
}

/// Where the parser is within a request's block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    BeforeRequest,
    Headers,
    Body,
}

/// One block, between two `###` lines.
struct Block {
    place: Place,
    name: Option<String>,
    title: Option<String>,
    checks: Vec<Text>,
    request: Option<Request>,
    body_lines: Vec<(usize, String)>,
    scripts: script::Reader,
}

impl Block {
    fn new(title: Option<String>) -> Block {
        Block {
            place: Place::BeforeRequest,
            name: None,
            title,
            checks: Vec::new(),
            request: None,
            body_lines: Vec::new(),
            scripts: script::Reader::default(),
        }
    }

    /// The block's request, with its body lines gathered into parts.
    fn finish(mut self) -> Option<Request> {
        let mut request = self.request.take()?;
        while self
            .body_lines
            .last()
            .is_some_and(|(_, l)| l.trim().is_empty())
        {
            self.body_lines.pop();
        }
        request.body = body_parts(&self.body_lines);
        request.scripts = self.scripts.finish();
        Some(request)
    }
}

/// Reads a `.http` file's text; `file` names it in messages (`FILE:LINE: ...`).
pub fn parse(file: &str, source: &str) -> anyhow::Result<HttpFile> {
    let mut parsed = HttpFile::default();
    let mut block = Block::new(None);
    for (index, raw) in source.lines().enumerate() {
        let line = index + 1;
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        if block
            .scripts
            .take(raw, line, block.place == Place::BeforeRequest)
        {
            continue;
        }
        if let Some(rest) = raw.strip_prefix("###") {
            let title = rest.trim();
            let title = (!title.is_empty()).then(|| title.to_string());
            let done = std::mem::replace(&mut block, Block::new(title));
            parsed.requests.extend(done.finish());
            continue;
        }
        let at = |message: String| usage(format!("{file}:{line}: {message}"));
        match block.place {
            Place::BeforeRequest => {
                before_request(&mut block, &mut parsed, raw, line).map_err(at)?
            }
            Place::Headers => header_line(&mut block, raw, line).map_err(at)?,
            Place::Body => block.body_lines.push((line, raw.to_string())),
        }
    }
    if let Some(line) = block.scripts.open_line() {
        return Err(usage(format!("{file}:{line}: '{{%' without its '%}}'")));
    }
    parsed.requests.extend(block.finish());
    Ok(parsed)
}

/// A line before the request line: blank, a comment, a variable, or the request line.
fn before_request(
    block: &mut Block,
    parsed: &mut HttpFile,
    raw: &str,
    line: usize,
) -> Result<(), String> {
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return Ok(());
    }
    if let Some(comment) = comment(trimmed) {
        if let Some(name) = tag(comment, "name") {
            if name.is_empty() || name.contains(char::is_whitespace) {
                return Err(format!("'@name {name}': a request name is one word"));
            }
            block.name = Some(name.to_string());
        }
        if let Some(check) = tag(comment, "check") {
            if check.is_empty() {
                return Err("'@check' needs an expression: # @check .status == \"ok\"".into());
            }
            let text = check.to_string();
            block.checks.push(Text { text, line });
        }
        return Ok(());
    }
    if let Some(definition) = trimmed.strip_prefix('@') {
        let (name, value) = definition
            .split_once('=')
            .ok_or_else(|| format!("'{trimmed}': a variable is written @NAME = VALUE"))?;
        let name = name.trim();
        if name.is_empty() || !name.chars().all(is_name_char) {
            return Err(format!("'{trimmed}': '{name}' is not a variable name"));
        }
        parsed.variables.push(Variable {
            name: name.to_string(),
            value: Text {
                text: value.trim().to_string(),
                line,
            },
        });
        return Ok(());
    }
    let (method, url) = request_line(trimmed)?;
    block.request = Some(Request {
        name: block.name.clone(),
        title: block.title.clone(),
        method,
        url: Text { text: url, line },
        headers: Vec::new(),
        body: Vec::new(),
        checks: std::mem::take(&mut block.checks),
        scripts: script::Scripts::default(),
    });
    block.place = Place::Headers;
    Ok(())
}

/// A line after the request line, before the body.
fn header_line(block: &mut Block, raw: &str, line: usize) -> Result<(), String> {
    let Some(request) = block.request.as_mut() else {
        unreachable!("headers come after a request line");
    };
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        block.place = Place::Body;
        return Ok(());
    }
    // An indented `?a=b` or `&c=d` goes on with the URL.
    let continues_url = raw.starts_with(char::is_whitespace)
        && request.headers.is_empty()
        && (trimmed.starts_with('?') || trimmed.starts_with('&'));
    if continues_url {
        request.url.text.push_str(trimmed);
        return Ok(());
    }
    if let Some(comment) = comment(trimmed) {
        // A check written among the headers is the request's all the same.
        if let Some(check) = tag(comment, "check").filter(|c| !c.is_empty()) {
            request.checks.push(Text {
                text: check.to_string(),
                line,
            });
        }
        return Ok(());
    }
    let (name, value) = trimmed.split_once(':').ok_or_else(|| {
        format!("'{trimmed}' is not a header (Name: value); a blank line comes before the body")
    })?;
    let name = name.trim();
    if name.is_empty() || name.contains(char::is_whitespace) {
        return Err(format!("'{trimmed}': '{name}' is not a header name"));
    }
    let text = |text: &str| Text {
        text: text.to_string(),
        line,
    };
    request.headers.push((text(name), text(value.trim())));
    Ok(())
}

/// `[METHOD] URL [HTTP/VERSION]` into the method (GET when absent) and the URL.
fn request_line(line: &str) -> Result<(String, String), String> {
    let (first, rest) = match line.split_once(char::is_whitespace) {
        Some((first, rest)) => (first, rest.trim()),
        None => (line, ""),
    };
    let is_method = first.chars().all(|c| c.is_ascii_uppercase());
    let (method, url) = if is_method && !rest.is_empty() {
        (first.to_string(), rest)
    } else if is_method && KNOWN_METHODS.contains(&first) {
        return Err(format!("'{line}': the request line has no URL"));
    } else {
        ("GET".to_string(), line)
    };
    let url = match url.rsplit_once(char::is_whitespace) {
        Some((url, version)) if version.starts_with("HTTP/") => url.trim_end(),
        _ if url.starts_with("HTTP/") => {
            return Err(format!("'{line}': the request line has no URL"));
        }
        _ => url,
    };
    Ok((method, url.to_string()))
}

const KNOWN_METHODS: [&str; 9] = [
    "GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH",
];

/// The text of a `#` or `//` comment line.
fn comment(line: &str) -> Option<&str> {
    line.strip_prefix("//")
        .or_else(|| line.strip_prefix('#'))
        .map(str::trim)
}

/// `@TAG VALUE` (or `@TAG=VALUE`) in a comment: the value.
fn tag<'a>(comment: &'a str, name: &str) -> Option<&'a str> {
    let rest = comment.strip_prefix('@')?.strip_prefix(name)?;
    if !(rest.is_empty() || rest.starts_with([' ', '\t', '='])) {
        return None;
    }
    Some(rest.trim_start_matches([' ', '\t', '=']).trim())
}

/// Letters, digits, `_`, `-` and `.`: what a variable's name is made of.
pub fn is_name_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '-' | '.')
}

/// The body lines into text parts and `< file` parts.
fn body_parts(lines: &[(usize, String)]) -> Vec<BodyPart> {
    let mut parts: Vec<BodyPart> = Vec::new();
    for (line, text) in lines {
        if let Some(path) = text.strip_prefix("< ").map(str::trim) {
            parts.push(BodyPart::File(Text {
                text: path.to_string(),
                line: *line,
            }));
            continue;
        }
        match parts.last_mut() {
            Some(BodyPart::Text(last)) => {
                last.text.push('\n');
                last.text.push_str(text);
            }
            _ => parts.push(BodyPart::Text(Text {
                text: text.clone(),
                line: *line,
            })),
        }
    }
    parts
}

#[cfg(test)]
mod split_tests;

#[cfg(test)]
mod tests {
    use super::*;

    fn text(text: &str, line: usize) -> Text {
        Text {
            text: text.to_string(),
            line,
        }
    }

    const FILE: &str = "@host = http://localhost:8080\n\
        # a comment\n\
        ### Log in\n\
        // @name login\n\
        POST {{host}}/login HTTP/1.1\n\
        Content-Type: application/json\n\
        # not a header\n\
        \n\
        {\"user\": \"ada\"}\n\
        \n\
        \n\
        ###\n\
        {{host}}/users\n    ?page=2\n    &size=10\n\
        ###\n\
        PUT {{host}}/upload\n\
        \n\
        < ./data.bin\n";

    #[test]
    fn requests_variables_and_bodies() {
        let parsed = parse("api.http", FILE).unwrap();
        assert_eq!(
            parsed.variables,
            vec![Variable {
                name: "host".into(),
                value: text("http://localhost:8080", 1)
            }]
        );
        let [login, users, upload] = &parsed.requests[..] else {
            panic!("{parsed:#?}");
        };
        assert_eq!(login.name.as_deref(), Some("login"));
        assert_eq!(login.title.as_deref(), Some("Log in"));
        assert_eq!(login.method, "POST");
        assert_eq!(login.url, text("{{host}}/login", 5));
        assert_eq!(
            login.headers,
            vec![(text("Content-Type", 6), text("application/json", 6))]
        );
        assert_eq!(
            login.body,
            vec![BodyPart::Text(text("{\"user\": \"ada\"}", 9))]
        );
        assert_eq!(users.method, "GET");
        assert_eq!(users.url.text, "{{host}}/users?page=2&size=10");
        assert!(users.body.is_empty());
        assert_eq!(upload.body, vec![BodyPart::File(text("./data.bin", 19))]);
    }

    #[test]
    fn malformed_lines_are_named() {
        for (source, message) in [
            ("POST\n", "x.http:1: 'POST': the request line has no URL"),
            (
                "GET HTTP/1.1\n",
                "x.http:1: 'GET HTTP/1.1': the request line has no URL",
            ),
            (
                "\nGET /a\nnot a header\n",
                "x.http:3: 'not a header' is not a header (Name: value); a blank line comes \
                 before the body",
            ),
            ("@ = 1\n", "x.http:1: '@ = 1': '' is not a variable name"),
            (
                "@x 1\n",
                "x.http:1: '@x 1': a variable is written @NAME = VALUE",
            ),
            (
                "# @name two words\nGET /\n",
                "x.http:1: '@name two words': a request name is one word",
            ),
        ] {
            let err = parse("x.http", source).unwrap_err();
            assert_eq!(err.to_string(), message, "{source:?}");
        }
    }

    #[test]
    fn crlf_and_empty_blocks() {
        let parsed = parse(
            "x.http",
            "###\r\n# only a comment\r\n###\r\nGET http://a/\r\nA: b\r\n",
        )
        .unwrap();
        assert_eq!(parsed.requests.len(), 1);
        assert_eq!(parsed.requests[0].headers[0].1.text, "b");
    }
}
