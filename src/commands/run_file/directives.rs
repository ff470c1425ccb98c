//! hit's own directives in a `.http` file's comments, beyond the IDEs' (`@name`,
//! `@no-redirect`, `@no-cookie-jar`) and `@check`: for the whole file, `# @import
//! ./auth.http` (another file's named requests, sent when a reference needs them), `# @data
//! rows.csv` (the file runs once per row) and `# @secret NAME` (a value hidden in output);
//! for one request, `# @capture NAME JQ` (a variable from its response), `# @retry N`,
//! `# @expect-status N` (the status it passes with), `# @validate` (its response checked
//! against the profile's OpenAPI document), and `# @count N` and `# @until JQ` (a
//! WebSocket's or an event stream's end, as `--count` and `--until`).

use super::parse::{Text, is_name_char};

/// The directives that are the file's, wherever they stand before a request line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileDirectives {
    /// `# @import PATH`, relative to the file.
    pub imports: Vec<Text>,
    /// `# @data PATH`, relative to the file.
    pub data: Option<Text>,
    /// `# @secret NAME`: the names whose values are hidden in output.
    pub secrets: Vec<Text>,
}

/// The directives of one request.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RequestDirectives {
    pub captures: Vec<Capture>,
    /// `# @retry N`: the request may be sent N more times, under hit's retry rules.
    pub retry: Option<u32>,
    /// `# @expect-status N`: the status the request passes with, 4xx and 5xx included;
    /// any other fails it.
    pub expect_status: Option<u16>,
    /// `# @validate`: the response is checked against the operation of the profile's
    /// OpenAPI document that the request's method and path are, as `--validate` does.
    pub validate: bool,
    /// `# @count N`: the WebSocket (or event stream) ends after N messages, as `--count`.
    pub count: Option<u64>,
    /// `# @until JQ`: it ends at the first message the filter is true of, as `--until`.
    pub until: Option<Text>,
}

/// `# @capture NAME JQ`: the jq result of the response body, as the variable NAME of the
/// requests after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Capture {
    pub name: String,
    pub jq: Text,
}

/// The most `# @retry` allows, as `--retry` does not bound it: enough for any flaky
/// server, few enough that a typo does not hammer one.
const MAX_RETRY: u32 = 100;

/// A comment's file directive, read into `file`; `Ok(false)` when it is none.
pub fn file_comment(file: &mut FileDirectives, comment: &str, line: usize) -> Result<bool, String> {
    if let Some(path) = tag(comment, "import") {
        if path.is_empty() {
            return Err("'@import' needs a file: # @import ./auth.http".into());
        }
        file.imports.push(text(path, line));
        return Ok(true);
    }
    if let Some(path) = tag(comment, "data") {
        if path.is_empty() {
            return Err("'@data' needs a CSV file: # @data ./rows.csv".into());
        }
        if let Some(first) = &file.data {
            return Err(format!(
                "a second '@data' (the first is on line {}): a file runs over one CSV",
                first.line
            ));
        }
        file.data = Some(text(path, line));
        return Ok(true);
    }
    if let Some(name) = tag(comment, "secret") {
        if name.is_empty() || !name.chars().all(is_name_char) {
            return Err(format!(
                "'@secret {name}': name one variable: # @secret token"
            ));
        }
        file.secrets.push(text(name, line));
        return Ok(true);
    }
    Ok(false)
}

/// A comment's request directive, read into `request`; `Ok(false)` when it is none.
pub fn request_comment(
    request: &mut RequestDirectives,
    comment: &str,
    line: usize,
) -> Result<bool, String> {
    if let Some(rest) = tag(comment, "capture") {
        let (name, jq) = rest
            .split_once(char::is_whitespace)
            .map(|(name, jq)| (name, jq.trim()))
            .unwrap_or((rest, ""));
        if name.is_empty() || !name.chars().all(is_name_char) || jq.is_empty() {
            return Err(format!(
                "'@capture {rest}': a capture is written # @capture NAME JQ (# @capture token \
                 .token)"
            ));
        }
        if !cfg!(feature = "jq") {
            return Err(without_jq("capture"));
        }
        request.captures.push(Capture {
            name: name.to_string(),
            jq: text(jq, line),
        });
        return Ok(true);
    }
    if let Some(count) = tag(comment, "retry") {
        let count = count
            .parse::<u32>()
            .ok()
            .filter(|n| *n <= MAX_RETRY)
            .ok_or_else(|| {
                format!("'@retry {count}': a number of retries from 0 to {MAX_RETRY}")
            })?;
        request.retry = Some(count);
        return Ok(true);
    }
    if let Some(status) = tag(comment, "expect-status") {
        let code = status
            .parse::<u16>()
            .ok()
            .filter(|n| (100..=599).contains(n))
            .ok_or_else(|| format!("'@expect-status {status}': a status from 100 to 599"))?;
        request.expect_status = Some(code);
        return Ok(true);
    }
    if let Some(count) = tag(comment, "count") {
        let n = count.parse::<u64>().ok().filter(|n| *n > 0);
        let n = n.ok_or_else(|| {
            format!("'@count {count}': a number of messages from 1 on (# @count 3)")
        })?;
        request.count = Some(n);
        return Ok(true);
    }
    if let Some(until) = tag(comment, "until") {
        if until.is_empty() {
            return Err("'@until' needs a jq expression: # @until .done".into());
        }
        if !cfg!(feature = "jq") {
            return Err(without_jq("until"));
        }
        request.until = Some(text(until, line));
        return Ok(true);
    }
    if let Some(rest) = tag(comment, "validate") {
        if !rest.is_empty() {
            return Err(format!(
                "'@validate {rest}': it takes nothing; the profile's OpenAPI document (-P NAME) \
                 decides the operation"
            ));
        }
        request.validate = true;
        return Ok(true);
    }
    Ok(false)
}

/// The line for a directive that needs jq in a build without it.
fn without_jq(directive: &str) -> String {
    format!(
        "'@{directive}': this build of hit was built without jq (the cargo feature 'jq'); a \
         default build has it"
    )
}

/// Whether a variable's name, or the jq path that captures it, says it holds a credential:
/// such a capture is hidden in output without a `# @secret`.
pub fn looks_secret(text: &str) -> bool {
    const INSIDE: [&str; 5] = ["token", "secret", "password", "passwd", "credential"];
    const WORDS: [&str; 9] = [
        "key",
        "apikey",
        "auth",
        "authorization",
        "bearer",
        "jwt",
        "session",
        "sid",
        "cookie",
    ];
    let lower = text.to_ascii_lowercase();
    if INSIDE.iter().any(|word| lower.contains(word)) {
        return true;
    }
    // Words of the name (`api_key`, `apiKey`, `.data.jwt`): `monkey` is not a key.
    let mut words = Vec::new();
    let mut word = String::new();
    let mut after_lower = false;
    for c in text.chars() {
        if !c.is_ascii_alphanumeric() || (c.is_ascii_uppercase() && after_lower) {
            words.push(std::mem::take(&mut word));
        }
        after_lower = c.is_ascii_lowercase();
        if c.is_ascii_alphanumeric() {
            word.push(c.to_ascii_lowercase());
        }
    }
    words.push(word);
    words.iter().any(|word| WORDS.contains(&word.as_str()))
}

fn text(text: &str, line: usize) -> Text {
    Text {
        text: text.to_string(),
        line,
    }
}

/// `@TAG VALUE` (or `@TAG=VALUE`) in a comment: the value.
pub fn tag<'a>(comment: &'a str, name: &str) -> Option<&'a str> {
    let rest = comment.strip_prefix('@')?.strip_prefix(name)?;
    if !(rest.is_empty() || rest.starts_with([' ', '\t', '='])) {
        return None;
    }
    Some(rest.trim_start_matches([' ', '\t', '=']).trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_directives() {
        let mut file = FileDirectives::default();
        assert_eq!(file_comment(&mut file, "@import ./auth.http", 1), Ok(true));
        assert_eq!(file_comment(&mut file, "@data rows.csv", 2), Ok(true));
        assert_eq!(file_comment(&mut file, "@secret token", 3), Ok(true));
        assert_eq!(file_comment(&mut file, "@name x", 4), Ok(false));
        assert_eq!(file.imports, [text("./auth.http", 1)]);
        assert_eq!(file.data, Some(text("rows.csv", 2)));
        assert_eq!(file.secrets, [text("token", 3)]);
        let second = file_comment(&mut file, "@data other.csv", 5).unwrap_err();
        assert!(second.contains("line 2"), "{second}");
        assert!(file_comment(&mut file, "@import", 6).is_err());
        assert!(file_comment(&mut file, "@secret two words", 7).is_err());
    }

    #[test]
    fn request_directives() {
        let mut request = RequestDirectives::default();
        assert_eq!(request_comment(&mut request, "@retry 2", 1), Ok(true));
        assert_eq!(request.retry, Some(2));
        assert!(request_comment(&mut request, "@retry many", 2).is_err());
        assert!(request_comment(&mut request, "@retry 101", 2).is_err());
        assert!(request_comment(&mut request, "@capture token", 3).is_err());
        let capture = request_comment(&mut request, "@capture token .data.token", 4);
        assert_eq!(capture.is_ok(), cfg!(feature = "jq"));
        if cfg!(feature = "jq") {
            assert_eq!(request.captures[0].name, "token");
            assert_eq!(request.captures[0].jq, text(".data.token", 4));
        }
        assert_eq!(request_comment(&mut request, "@retry-later", 5), Ok(false));
        assert_eq!(request_comment(&mut request, "@count 3", 6), Ok(true));
        assert_eq!(request.count, Some(3));
        for wrong in ["@count 0", "@count -1", "@count", "@until"] {
            assert!(request_comment(&mut request, wrong, 7).is_err(), "{wrong}");
        }
        let until = request_comment(&mut request, "@until .done", 8);
        assert_eq!(until.is_ok(), cfg!(feature = "jq"));
        if cfg!(feature = "jq") {
            assert_eq!(request.until, Some(text(".done", 8)));
        }
        assert_eq!(request_comment(&mut request, "@counter 1", 9), Ok(false));
    }

    #[test]
    fn directives_in_a_file() {
        let source = "# @import ./a.http\n# @retry 2\nGET http://a/\n# @retry 3\n\n###\n\
                      # @secret token\nGET http://b/\n";
        let parsed = super::super::parse::parse("x.http", source).unwrap();
        assert_eq!(parsed.directives.imports, [text("./a.http", 1)]);
        assert_eq!(parsed.directives.secrets, [text("token", 7)]);
        // A directive among the headers is the request's, as a check there is.
        assert_eq!(parsed.requests[0].directives.retry, Some(3));
        assert_eq!(parsed.requests[1].directives, RequestDirectives::default());
        let err = super::super::parse::parse("x.http", "# @retry -1\nGET http://a/\n");
        assert_eq!(
            err.unwrap_err().to_string(),
            "x.http:1: '@retry -1': a number of retries from 0 to 100"
        );
    }

    #[test]
    fn secret_looking_names() {
        for name in [
            "token",
            "accessToken",
            "API_KEY",
            "password",
            "Authorization",
            "sessionId",
            ".data.jwt",
            "auth",
            "client_secret",
        ] {
            assert!(looks_secret(name), "{name}");
        }
        for name in ["user", ".id", "monkey", "keyboard_layout", "author"] {
            assert!(!looks_secret(name), "{name}");
        }
    }
}
