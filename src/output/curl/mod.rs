//! `--curl`: the request as one curl command, built from the same `PreparedRequest` hit
//! sends, written as a person would write it. Running it sends the same method, URL,
//! headers and body bytes, but for hit's own defaults that curl replaces with its own: the
//! `User-Agent` (curl's, unless the user set one), `Accept-Encoding` (none, unless the user
//! set one: curl and hit both hand over the decoded body) and, with `--json`, the `Accept`
//! hit sends with JSON items (`application/json`, as curl's `--json` sends it). Headers curl
//! writes the same by itself (`Host`, `Accept: */*`, `Content-Length`, the form
//! `Content-Type` of `-d`) are left out. Secrets are read from shell variables
//! (`-H "Authorization: Bearer $HIT_TOKEN"`), unless `--show-secrets`. Options with a curl
//! meaning carry over; where curl has no equivalent, a comment line says so.

mod options;
mod shell;

use base64::Engine;

use crate::http::{Part, PreparedRequest, RequestBody, StdinTransform, host_header};
use crate::output::redact;
use crate::settings::{Auth, Redaction, Settings};
use shell::{SecretSplit, Variables, quote};

/// A body longer than this goes through `printf ... |`: one argument to an external
/// program may hold at most 128 KiB on Linux, and a shell builtin has no such limit.
const MAX_ARGUMENT: usize = 64 * 1024;

/// Data and forms up to this size are sent by curl without `Expect: 100-continue` (curl 7
/// asks for larger ones; curl 8 from 1 MiB).
const EXPECT_THRESHOLD: u64 = 1024;

/// hit's own `User-Agent`.
const USER_AGENT: &str = concat!("hit/", env!("CARGO_PKG_VERSION"));

/// The `Accept` hit sends with JSON items (`request::body`).
const JSON_ACCEPT: &str = "application/json, */*;q=0.5";

/// The `Accept-Encoding` hit sends unless told otherwise.
const ACCEPT_ENCODING: &str = "gzip, deflate, br";

/// The command for `--curl`, and the line for stderr naming the shell variables it reads.
pub struct Export {
    pub command: String,
    /// `set TOKEN ...`, when the command reads secrets from shell variables.
    pub variables: Option<String>,
}

/// The command, then one `# ...` line for each thing curl cannot do as hit does.
/// Credentials are read from shell variables unless `--show-secrets` (SPEC §8).
pub fn command(settings: &Settings, request: &PreparedRequest) -> Export {
    let mut command = Command {
        redaction: settings.output.redaction.clone(),
        variables: Variables::with_known(&settings.output.redaction.variables),
        ..Command::default()
    };
    method(&mut command, request);
    let url = redact::url_text(&command.redaction, request.url.as_str());
    let word = command.secret_word(request.url.as_str().as_bytes(), url, "SECRET");
    command.words.push(word);
    if request.url.as_str().contains(['[', ']', '{', '}']) {
        // curl reads brackets and braces in a URL as globs.
        command.flag("--globoff");
    }
    let json = json_body(request);
    headers(&mut command, settings, request, json);
    body(&mut command, request, json);
    options::options(&mut command, settings, request);
    if settings.filter.is_some() {
        command.note("--jq and --check run in hit only; pipe curl's output into jq instead");
    }
    if command.hidden {
        command.note(format!(
            "secrets are shown as {}; add --show-secrets to print the command with them",
            redact::HIDDEN
        ));
    }
    let variables = variables_line(&command.variables);
    Export {
        command: command.render(),
        variables,
    }
}

/// The stderr line naming the shell variables the command reads: those to set, and those
/// hit read the secrets from (a profile's, a `.http` file's `$processEnv`), set already
/// where hit ran.
fn variables_line(variables: &Variables) -> Option<String> {
    let (known, new) = variables.names();
    let plural = |names: &[&str]| match names.len() {
        1 => ("it", "secret"),
        _ => ("them", "secrets"),
    };
    let line = match (known.is_empty(), new.is_empty()) {
        (true, true) => return None,
        (_, false) => {
            let (it, secret) = plural(&new);
            let mut line = format!(
                "set {} before running the command, which reads the {secret} from {it}",
                and_list(&new)
            );
            if !known.is_empty() {
                line.push_str(&format!(", and from {} as hit did", and_list(&known)));
            }
            line
        }
        (false, true) => {
            let (it, secret) = plural(&known);
            format!(
                "the command reads the {secret} from {}, where hit read {it}",
                and_list(&known)
            )
        }
    };
    let (_, all) = plural(&[known, new].concat());
    Some(format!("{line} (--show-secrets prints the {all} instead)"))
}

/// `A`, `A and B`, `A, B and C`.
fn and_list(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

#[derive(Default)]
struct Command {
    redaction: Redaction,
    /// `printf '...' | ` for a body that cannot be an argument.
    stdin: Option<String>,
    words: Vec<String>,
    notes: Vec<String>,
    /// Some word shows `••••` in place of a secret.
    hidden: bool,
    variables: Variables,
}

impl Command {
    /// The shell word for `sent`, which hit shows as `shown` when that hides secrets: each
    /// secret a shell variable (named after the key before it, else `hint`), or `••••` when
    /// the two do not line up.
    fn secret_word(&mut self, sent: &[u8], shown: Option<String>, hint: &str) -> String {
        let Some(shown) = shown else {
            return quote(sent);
        };
        match SecretSplit::of(sent, shown.as_bytes()) {
            Some(pieces) => self.variables.word(&pieces, hint),
            None => {
                self.hidden = true;
                quote(shown.as_bytes())
            }
        }
    }

    fn flag(&mut self, flag: &str) {
        self.words.push(flag.to_string());
    }

    fn option(&mut self, flag: &str, value: impl AsRef<[u8]>) {
        self.option_word(flag, quote(value.as_ref()));
    }

    /// An option whose value is already a shell word.
    fn option_word(&mut self, flag: &str, word: String) {
        self.flag(flag);
        self.words.push(word);
    }

    fn note(&mut self, note: impl Into<String>) {
        self.notes.push(note.into());
    }

    fn render(self) -> String {
        let mut line = self
            .stdin
            .map(|printf| format!("{printf} | "))
            .unwrap_or_default();
        line.push_str("curl ");
        line.push_str(&self.words.join(" "));
        for note in self.notes {
            line.push_str("\n# ");
            line.push_str(&note);
        }
        line
    }
}

/// The body goes as `--json`: JSON bytes curl can take as an argument, sent with the
/// Content-Type `--json` sets.
fn json_body(request: &PreparedRequest) -> bool {
    let RequestBody::Bytes(bytes) = &request.body else {
        return false;
    };
    request.headers.get("content-type") == Some("application/json")
        && bytes.len() <= MAX_ARGUMENT
        && !bytes.starts_with(b"@")
        && !bytes.contains(&0)
}

/// curl picks GET, or POST when it sends data; `-I` is its HEAD.
fn method(command: &mut Command, request: &PreparedRequest) {
    let method = request.method.as_str();
    let has_body = !request.body.is_empty();
    match method {
        "HEAD" => command.flag("-I"),
        "GET" if !has_body => {}
        "POST" if has_body => {}
        // --upload-file is curl's PUT, and curl follows its redirects as hit does.
        "PUT" if matches!(request.body, RequestBody::File { .. }) => {}
        _ => command.option("-X", method),
    }
}

/// The body goes with one of curl's `--data` options (`-d`, `--data-raw`, `--data-binary`),
/// which add a form Content-Type of their own.
fn data_body(request: &PreparedRequest, json: bool) -> bool {
    match &request.body {
        RequestBody::Bytes(_) => !json,
        RequestBody::Stdin(_) => true,
        RequestBody::File { .. } => request.method.as_str() != "PUT",
        _ => false,
    }
}

/// Whether curl writes a header with this value by itself, for this request and body.
fn curl_writes(request: &PreparedRequest, json: bool, lower: &str, value: &str) -> bool {
    match lower {
        // curl writes the same Host, and the length and framing of what it sends.
        "host" => value == host_header(&request.url),
        "content-length" => true,
        // hit streams stdin in chunks; curl does too when told.
        "transfer-encoding" => !matches!(request.body, RequestBody::Stdin(_)),
        "content-type" => match &request.body {
            // curl writes its own boundary.
            RequestBody::Multipart(_) => true,
            _ if json => true,
            _ => data_body(request, json) && value == "application/x-www-form-urlencoded",
        },
        "accept" => value == "*/*" || (json && [JSON_ACCEPT, "application/json"].contains(&value)),
        // hit's own defaults, for which curl sends its own.
        "user-agent" => value == USER_AGENT,
        "accept-encoding" => value == ACCEPT_ENCODING,
        _ => false,
    }
}

fn headers(command: &mut Command, settings: &Settings, request: &PreparedRequest, json: bool) {
    let basic = basic_credentials(settings, request);
    for (name, value) in request.headers.iter() {
        let lower = name.to_ascii_lowercase();
        if curl_writes(request, json, &lower, value)
            || (lower == "authorization" && basic.as_ref().is_some_and(|b| b.header == value))
        {
            continue;
        }
        let hint = match lower.as_str() {
            "authorization" => "TOKEN".to_string(),
            "proxy-authorization" => "PROXY_TOKEN".to_string(),
            "cookie" => "COOKIE".to_string(),
            _ if command
                .redaction
                .headers
                .iter()
                .any(|h| h.eq_ignore_ascii_case(name)) =>
            {
                lower.to_ascii_uppercase().replace('-', "_")
            }
            _ => "SECRET".to_string(),
        };
        let header = match value {
            "" => format!("{name};"),
            _ => format!("{name}: {value}"),
        };
        let shown = redact::header(&command.redaction, name, value.as_bytes());
        let shown = shown.map(|shown| match shown.as_str() {
            "" => format!("{name};"),
            _ => format!("{name}: {shown}"),
        });
        let word = command.secret_word(header.as_bytes(), shown, &hint);
        command.option_word("-H", word);
    }
    if let Some(basic) = basic {
        let hidden = redact::user_password(&command.redaction, &basic.user, &basic.password);
        let pair = format!("{}:{}", basic.user, basic.password);
        let word = command.secret_word(pair.as_bytes(), hidden, "PASSWORD");
        command.option_word("-u", word);
    }
    // What curl sends by itself and hit does not.
    for default in ["User-Agent", "Accept"] {
        if !request.headers.contains(default) {
            command.option("-H", format!("{default}:"));
        }
    }
    if data_body(request, json) && !request.headers.contains("content-type") {
        command.option("-H", "Content-Type:");
    }
    // curl sends an upload (-T) or a file with Expect whatever its size.
    let large = match &request.body {
        RequestBody::Bytes(_) | RequestBody::Multipart(_) => {
            request.body.len().is_none_or(|len| len > EXPECT_THRESHOLD)
        }
        _ => true,
    };
    if !request.body.is_empty() && large && !request.headers.contains("expect") {
        // curl asks for 100 Continue before a large or streamed upload; hit does not.
        command.option("-H", "Expect:");
    }
    let encoding = request.headers.get("accept-encoding");
    if encoding.is_some_and(|value| value != ACCEPT_ENCODING) {
        // hit decodes what it receives; curl does with --compressed.
        command.flag("--compressed");
    }
}

/// The Authorization header `-u user:password` makes, with that user and password, when
/// the request sends one: from `-u`, from the URL, or written whole.
struct Basic {
    header: String,
    user: String,
    password: String,
}

fn basic_credentials(settings: &Settings, request: &PreparedRequest) -> Option<Basic> {
    let (user, password) = match (&settings.request.auth, request.headers.get("authorization")) {
        (Some(Auth::Basic { user, password }), _) => (user.clone(), password.clone()),
        (_, Some(header)) => {
            let token = header.strip_prefix("Basic ")?;
            let decoded = base64::engine::general_purpose::STANDARD
                .decode(token)
                .ok()?;
            let decoded = String::from_utf8(decoded).ok()?;
            let (user, password) = decoded.split_once(':')?;
            (user.to_string(), password.to_string())
        }
        _ => return None,
    };
    let token = base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"));
    Some(Basic {
        header: format!("Basic {token}"),
        user,
        password,
    })
}

/// A `-F` value inside double quotes, as curl reads it.
fn quoted(text: &str) -> String {
    text.replace('\\', "\\\\").replace('"', "\\\"")
}

fn body(command: &mut Command, request: &PreparedRequest, json: bool) {
    match &request.body {
        RequestBody::Empty => {}
        RequestBody::Bytes(bytes) => bytes_body(command, bytes, json),
        RequestBody::File { path, .. } if request.method.as_str() == "PUT" => {
            command.option("--upload-file", path.as_os_str().as_encoded_bytes());
        }
        RequestBody::File { path, .. } => {
            let mut word = b"@".to_vec();
            word.extend_from_slice(path.as_os_str().as_encoded_bytes());
            command.option("--data-binary", word);
        }
        RequestBody::Multipart(form) => {
            for part in &form.parts {
                multipart(command, part);
            }
            command.note("curl writes its own multipart boundary; the parts are the same");
        }
        RequestBody::Stdin(stdin) => {
            let flag = match stdin.transform {
                StdinTransform::Unchanged => "--data-binary",
                StdinTransform::NoNewlines => "--data",
                StdinTransform::PercentEncoded => "--data-urlencode",
            };
            command.option(flag, "@-");
            let mut note = "hit read the body from stdin: give this command the same input".into();
            if !stdin.head.is_empty() || !stdin.tail.is_empty() {
                note = format!(
                    "{note}; hit also sent the -d values around it, joined with '&', which this \
                     command leaves out"
                );
            }
            command.note(note);
        }
    }
}

/// `--json BODY`, `-d BODY`, or `--data-raw` for a body that starts with `@` (which `-d`
/// reads as a file name); `printf ... | curl --data-binary @-` for one no argument can hold.
fn bytes_body(command: &mut Command, bytes: &[u8], json: bool) {
    let shown = redact::values_in(&command.redaction, bytes);
    let shown = match shown {
        std::borrow::Cow::Owned(shown) => Some(shown),
        std::borrow::Cow::Borrowed(_) => None,
    };
    let pieces = shown.as_ref().map(|shown| SecretSplit::of(bytes, shown));
    let pieces = match pieces {
        Some(Some(pieces)) => Some(pieces),
        Some(None) => {
            // Secrets that could not be told apart: shown as `••••`, as other views do.
            command.hidden = true;
            let shown = shown.clone().unwrap_or_default();
            return plain_body(command, &shown, json);
        }
        None => None,
    };
    let Some(pieces) = pieces else {
        return plain_body(command, bytes, json);
    };
    if bytes.len() <= MAX_ARGUMENT && !bytes.contains(&0) {
        let word = command.variables.word(&pieces, "SECRET");
        let flag = match () {
            _ if json => "--json",
            _ if bytes.starts_with(b"@") => "--data-raw",
            _ => "-d",
        };
        command.option_word(flag, word);
    } else {
        command.stdin = Some(command.variables.printf(&pieces, "SECRET"));
        command.option("--data-binary", "@-");
    }
}

/// [`bytes_body`] for bytes with no secret in them.
fn plain_body(command: &mut Command, bytes: &[u8], json: bool) {
    if json {
        command.option("--json", bytes);
    } else if bytes.len() <= MAX_ARGUMENT && !bytes.contains(&0) {
        let flag = if bytes.starts_with(b"@") {
            "--data-raw"
        } else {
            "-d"
        };
        command.option(flag, bytes);
    } else {
        let format = quote(shell::printf_format(bytes).as_bytes());
        command.stdin = Some(format!("printf -- {format}"));
        command.option("--data-binary", "@-");
    }
}

fn multipart(command: &mut Command, part: &Part) {
    match part {
        Part::Text {
            name,
            value,
            mime: None,
        } => {
            command.option("--form-string", format!("{name}={value}"));
        }
        Part::Text {
            name,
            value,
            mime: Some(mime),
        } => {
            let value = quoted(value);
            command.option("-F", format!("{name}=\"{value}\";type={mime}"));
        }
        Part::File {
            name,
            path,
            mime,
            filename,
            ..
        } => {
            let path = quoted(&path.to_string_lossy());
            let mut word = format!("{name}=@\"{path}\";type={mime}");
            if let Some(filename) = filename {
                word.push_str(&format!(";filename=\"{}\"", quoted(filename)));
            }
            command.option("-F", word);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_listed_in_words() {
        assert_eq!(and_list(&["A"]), "A");
        assert_eq!(and_list(&["A", "B"]), "A and B");
        assert_eq!(and_list(&["A", "B", "C"]), "A, B and C");
    }

    #[test]
    fn the_line_says_which_variables_to_set() {
        let mut variables = Variables::with_known(&[("k".into(), "GH_TOKEN".into())]);
        assert_eq!(variables_line(&variables), None);
        for (sent, shown) in [("Bearer k", "Bearer ••••"), ("a:pw", "a:••••")] {
            let pieces = SecretSplit::of(sent.as_bytes(), shown.as_bytes()).unwrap();
            variables.word(&pieces, "PASSWORD");
        }
        assert_eq!(
            variables_line(&variables).unwrap(),
            "set HIT_PASSWORD before running the command, which reads the secret from it, and from \
             GH_TOKEN as hit did (--show-secrets prints the secrets instead)"
        );
    }
}
