//! The `.http` file format of the JetBrains HTTP Client and the VS Code REST Client, read
//! into requests whose `{{…}}` placeholders are still to be filled.
//!
//! Requests are separated by `###` lines (the rest of the line is a title); a UTF-8 BOM is
//! skipped. Before a request line come comments (`#`, `//`, where `@name NAME` names the
//! request, `@no-redirect` and `@no-cookie-jar` set how it is sent, `@check EXPR` is hit's
//! `--check`, and hit's own directives are read by `directives`) and file variables
//! (`@var = value`); a `# @name` written above a `###` line names the request below it. Then `[METHOD] URL [HTTP/1.1]`, indented lines
//! that continue the URL (`/path`, `?a=b`, `&c=d`), headers up to a blank line, and the
//! body up to the next `###`, whose lines `< ./file` stand for the file's bytes and
//! `<@ ./file` for its text with placeholders filled; `>> ./file` and `>>! ./file` save
//! the response, and IntelliJ's history lines (`<> …`) are skipped. A `WEBSOCKET`
//! request's body is its messages instead (`websocket`).

use super::directives::{self, FileDirectives, RequestDirectives, tag};
use super::script;
use super::websocket::{self, Step};
use crate::error::usage;

/// A piece of text from the file, and the line (1-based) it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    pub text: String,
    pub line: usize,
}

/// A file variable, `@name = value`: it applies from its line on (`value.line`).
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
    /// `<@ ./file`: the file's text, its `{{…}}` placeholders filled.
    Filled(Text),
}

/// `>> ./file` (a new name when the file exists) or `>>! ./file` (overwritten): where the
/// response body is saved, relative to the `.http` file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Save {
    pub path: Text,
    pub overwrite: bool,
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
    /// A `WEBSOCKET` request's messages (its body is none).
    pub messages: Vec<Step>,
    /// `# @check EXPR`: hit's `--check EXPR`.
    pub checks: Vec<Text>,
    /// `>> ./file`, `>>! ./file`.
    pub save: Option<Save>,
    /// `# @no-cookie-jar`: no cookies kept from or sent to the run's jar.
    pub no_cookie_jar: bool,
    /// `# @no-redirect`: a redirect is the response.
    pub no_redirect: bool,
    /// `< {% … %}` before the request line, `> {% … %}` after it.
    pub scripts: script::Scripts,
    /// `# @capture`, `# @retry`.
    pub directives: RequestDirectives,
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
    /// `# @import`, `# @data`, `# @secret`.
    pub directives: FileDirectives,
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
    /// A `# @name` after the request line, among its headers: the next request's.
    next_name: Option<String>,
    /// `# @no-cookie-jar`, `# @no-redirect`.
    no_cookie_jar: bool,
    no_redirect: bool,
    directives: RequestDirectives,
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
            next_name: None,
            no_cookie_jar: false,
            no_redirect: false,
            directives: RequestDirectives::default(),
            request: None,
            body_lines: Vec::new(),
            scripts: script::Reader::default(),
        }
    }

    /// The block's request, with its body lines gathered into parts, and the `# @name`
    /// written at its end, above the next `###` line, which names the next request.
    fn finish(mut self, file: &str) -> anyhow::Result<(Option<Request>, Option<String>)> {
        let mut next_name = self.next_name.take();
        if self.request.is_none() {
            return Ok((None, self.name));
        }
        self.body_lines.retain(|(_, l)| !l.starts_with("<> "));
        // Blank lines between the headers and the body are not the body's, as the IDEs read
        // them.
        let blank = self.body_lines.iter();
        let leading = blank.take_while(|(_, l)| l.trim().is_empty()).count();
        self.body_lines.drain(..leading);
        loop {
            match self.body_lines.last() {
                Some((_, l)) if l.trim().is_empty() => {}
                Some((_, l)) if comment(l.trim()).and_then(|c| tag(c, "name")).is_some() => {
                    let name = comment(l.trim()).and_then(|c| tag(c, "name"));
                    next_name = next_name.or(name.map(str::to_string));
                }
                _ => break,
            }
            self.body_lines.pop();
        }
        // A comment above a JSON or XML body is the file's, not the body's.
        let first = self
            .body_lines
            .iter()
            .position(|(_, l)| comment(l.trim()).is_none());
        if let Some(first) = first.filter(|&i| {
            i > 0
                && self.body_lines[i]
                    .1
                    .trim_start()
                    .starts_with(['{', '[', '<'])
        }) {
            self.body_lines.drain(..first);
        }
        let mut request = self.request.take();
        if let Some(request) = request.as_mut() {
            request.save = take_save(&mut self.body_lines);
            request.scripts = self.scripts.finish();
            if websocket::is_websocket(&request.method) {
                (websocket::steps(&self.body_lines))
                    .and_then(|steps| websocket::refuse(request).map(|()| steps))
                    .map(|steps| request.messages = steps)
                    .map_err(|(line, why)| usage(format!("{file}:{line}: {why}")))?;
            } else {
                request.body = body_parts(&self.body_lines);
            }
        }
        Ok((request, next_name))
    }
}

/// Reads a `.http` file's text; `file` names it in messages (`FILE:LINE: ...`).
pub fn parse(file: &str, source: &str) -> anyhow::Result<HttpFile> {
    let mut parsed = HttpFile::default();
    let mut block = Block::new(None);
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
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
            let (request, next_name) = done.finish(file)?;
            parsed.requests.extend(request);
            block.name = next_name;
            continue;
        }
        let at = |message: String| usage(format!("{file}:{line}: {message}"));
        match block.place {
            Place::BeforeRequest => {
                before_request(&mut block, &mut parsed, raw, line).map_err(at)?
            }
            Place::Headers => header_line(&mut block, &mut parsed, raw, line).map_err(at)?,
            Place::Body if ends_body(&block, raw) => {
                variable(&mut parsed, raw.trim(), line).map_err(at)?;
            }
            Place::Body => block.body_lines.push((line, raw.to_string())),
        }
    }
    if let Some(line) = block.scripts.open_line() {
        return Err(usage(format!("{file}:{line}: '{{%' without its '%}}'")));
    }
    parsed.requests.extend(block.finish(file)?.0);
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
        block.no_cookie_jar |= tag(comment, "no-cookie-jar").is_some();
        block.no_redirect |= tag(comment, "no-redirect").is_some();
        if !directives::file_comment(&mut parsed.directives, comment, line)? {
            directives::request_comment(&mut block.directives, comment, line)?;
        }
        return Ok(());
    }
    if trimmed.starts_with('@') {
        return variable(parsed, trimmed, line);
    }
    let (method, url) = request_line(trimmed)?;
    block.request = Some(Request {
        name: block.name.clone(),
        title: block.title.clone(),
        method,
        url: Text { text: url, line },
        headers: Vec::new(),
        body: Vec::new(),
        messages: Vec::new(),
        checks: std::mem::take(&mut block.checks),
        save: None,
        no_cookie_jar: block.no_cookie_jar,
        no_redirect: block.no_redirect,
        scripts: script::Scripts::default(),
        directives: std::mem::take(&mut block.directives),
    });
    block.place = Place::Headers;
    Ok(())
}

/// `@name = value`.
fn variable(parsed: &mut HttpFile, trimmed: &str, line: usize) -> Result<(), String> {
    let definition = &trimmed[1..];
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
    Ok(())
}

/// A variable after a request's body, before the next `###`: an `@name = value` line at
/// the start of a line, after a blank line, another such line, or none of the body.
/// There, as REST Client reads it, it is the file's variable, not body text.
fn ends_body(block: &Block, raw: &str) -> bool {
    let Some(definition) = raw.strip_prefix('@') else {
        return false;
    };
    let is_definition = definition.split_once('=').is_some_and(|(name, _)| {
        let name = name.trim();
        !name.is_empty() && name.chars().all(is_name_char)
    });
    is_definition
        && block
            .body_lines
            .last()
            .is_none_or(|(_, last)| last.trim().is_empty())
}

/// A line after the request line, before the body.
fn header_line(
    block: &mut Block,
    parsed: &mut HttpFile,
    raw: &str,
    line: usize,
) -> Result<(), String> {
    let Some(request) = block.request.as_mut() else {
        unreachable!("headers come after a request line");
    };
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        block.place = Place::Body;
        return Ok(());
    }
    // IntelliJ's history line, and `>> ./file` with no body before it.
    if raw.starts_with("<> ") {
        return Ok(());
    }
    if raw.starts_with(">>") {
        block.place = Place::Body;
        block.body_lines.push((line, raw.to_string()));
        return Ok(());
    }
    // An indented line before the headers goes on with the URL: `?a=b`, `&c=d`, `/path`.
    let continues_url = raw.starts_with(char::is_whitespace)
        && request.headers.is_empty()
        && comment(trimmed).is_none()
        && !trimmed.starts_with("HTTP/")
        && (trimmed.starts_with(['?', '&', '/']) || !is_header_like(trimmed));
    if continues_url {
        let part = match trimmed.rsplit_once(char::is_whitespace) {
            Some((part, version)) if version.starts_with("HTTP/") => part.trim_end(),
            _ => trimmed,
        };
        request.url.text.push_str(part);
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
        if !directives::file_comment(&mut parsed.directives, comment, line)? {
            directives::request_comment(&mut request.directives, comment, line)?;
        }
        // A name after the request line is the next request's, written above its `###`.
        if let Some(name) = tag(comment, "name").filter(|n| !n.is_empty()) {
            block.next_name = Some(name.to_string());
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

/// `Name: value`, the name a header name.
fn is_header_like(line: &str) -> bool {
    line.split_once(':').is_some_and(|(name, _)| {
        !name.is_empty() && crate::items::valid_header_name(name.trim_end())
    })
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

/// Letters, digits, `_`, `-` and `.`: what a variable's name is made of.
pub fn is_name_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '-' | '.')
}

/// The last `>> ./file` or `>>! ./file` line of the body, taken out with the lines after it
/// that are blank.
fn take_save(lines: &mut Vec<(usize, String)>) -> Option<Save> {
    let at = lines.iter().rposition(|(_, l)| l.starts_with(">>"))?;
    let (line, text) = lines.remove(at);
    let (overwrite, path) = match text.strip_prefix(">>!") {
        Some(path) => (true, path),
        None => (false, &text[2..]),
    };
    let path = Text {
        text: path.trim().to_string(),
        line,
    };
    lines.retain(|(_, l)| !l.starts_with(">>"));
    while lines.last().is_some_and(|(_, l)| l.trim().is_empty()) {
        lines.pop();
    }
    Some(Save { path, overwrite })
}

/// The body lines into text parts, `< file` and `<@ file` parts.
fn body_parts(lines: &[(usize, String)]) -> Vec<BodyPart> {
    let mut parts: Vec<BodyPart> = Vec::new();
    for (line, text) in lines {
        if let Some(path) = text.strip_prefix("<@").map(str::trim) {
            parts.push(BodyPart::Filled(Text {
                text: path.to_string(),
                line: *line,
            }));
            continue;
        }
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
    fn the_format_as_the_ides_write_it() {
        let source = "\u{feff}# @name first\n###\nGET http://a\n  /b\n  ?c=1 HTTP/1.1\n\n\
            // a comment\n{\"x\": 1}\n\n<> 2024-05-01T101010.200.json\n>>! ./out.json\n\
            # @name second\n\n###\n# @no-redirect\n# @no-cookie-jar\nGET http://a/\n\
            >> ./saved.txt\n# @name third\n###\nGET http://a/\n  # not the URL\n";
        let parsed = parse("x.http", source).unwrap();
        let [first, second, third] = &parsed.requests[..] else {
            panic!("{parsed:#?}");
        };
        assert_eq!(first.name.as_deref(), Some("first"));
        assert_eq!(first.url.text, "http://a/b?c=1");
        assert_eq!(first.body, vec![BodyPart::Text(text("{\"x\": 1}", 8))]);
        let save = first.save.as_ref().unwrap();
        assert_eq!(
            (save.path.text.as_str(), save.overwrite),
            ("./out.json", true)
        );
        assert_eq!(second.name.as_deref(), Some("second"));
        assert!(second.no_redirect && second.no_cookie_jar && second.body.is_empty());
        assert_eq!(second.save.as_ref().map(|s| s.overwrite), Some(false));
        assert!(!first.no_redirect && !first.no_cookie_jar);
        assert_eq!(third.name.as_deref(), Some("third"));
        assert_eq!(third.url.text, "http://a/");
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
