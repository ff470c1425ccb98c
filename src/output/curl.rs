//! `--curl`: the request as one curl command, built from the same `PreparedRequest` hit
//! sends, so that running it sends the same method, URL, headers and body bytes. Options
//! with a curl meaning carry over; where curl has no equivalent, a comment line says so.

use std::borrow::Cow;

use base64::Engine;

use crate::facts;
use crate::http::{Part, PreparedRequest, RequestBody, StdinTransform, host_header};
use crate::output::redact;
use crate::settings::{
    Auth, Challenge, HttpVersion, IpFamily, Redaction, Settings, TransportSettings,
};

/// A body longer than this goes through `printf ... |`: one argument to an external
/// program may hold at most 128 KiB on Linux, and a shell builtin has no such limit.
const MAX_ARGUMENT: usize = 64 * 1024;

/// The command, then one `# ...` line for each thing curl cannot do as hit does.
/// Credentials are shown as `••••` unless `--show-secrets` (SPEC §8).
pub fn command(settings: &Settings, request: &PreparedRequest) -> String {
    let mut command = Command::default();
    method(&mut command, request);
    let redaction = &settings.output.redaction;
    let url = redact::url_text(redaction, request.url.as_str());
    let url = command.shown(url, request.url.as_str());
    command.words.push(quote(url.as_bytes()));
    if request.url.as_str().contains(['[', ']', '{', '}']) {
        // curl reads brackets and braces in a URL as globs.
        command.flag("--globoff");
    }
    headers(&mut command, settings, request);
    body(&mut command, request, redaction);
    options(&mut command, settings, request);
    if settings.filter.is_some() {
        command.note("--jq and --check run in hit only; pipe curl's output into jq instead");
    }
    if command.hidden {
        command.note(format!(
            "secrets are shown as {}; add --show-secrets to print the command with them",
            redact::HIDDEN
        ));
    }
    command.render()
}

#[derive(Default)]
struct Command {
    /// `printf '...' | ` for a body that cannot be an argument.
    stdin: Option<String>,
    words: Vec<String>,
    notes: Vec<String>,
    /// Some word shows `••••` in place of a secret.
    hidden: bool,
}

impl Command {
    /// What a word shows: `hidden`, the word with its secret as `••••`, or else the word
    /// as sent.
    fn shown(&mut self, hidden: Option<String>, sent: &str) -> String {
        self.hidden |= hidden.is_some();
        hidden.unwrap_or_else(|| sent.to_string())
    }

    fn flag(&mut self, flag: &str) {
        self.words.push(flag.to_string());
    }

    fn option(&mut self, flag: &str, value: impl AsRef<[u8]>) {
        self.flag(flag);
        self.words.push(quote(value.as_ref()));
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

/// A shell word for any bytes: shlex's single quotes for plain text, Bash's `$'...'` for
/// text with control characters or bytes that are not UTF-8 (bash and zsh read both).
fn quote(bytes: &[u8]) -> String {
    if let Ok(text) = std::str::from_utf8(bytes)
        && !text.chars().any(char::is_control)
        && let Ok(quoted) = shlex::try_quote(text)
    {
        return quoted.into_owned();
    }
    let quoted = shell_quote::Bash::quote_vec(bytes);
    String::from_utf8_lossy(&quoted).into_owned()
}

/// curl picks GET, or POST when it sends data; `-I` is its HEAD.
fn method(command: &mut Command, request: &PreparedRequest) {
    let method = request.method.as_str();
    let has_body = !request.body.is_empty();
    match method {
        "HEAD" => command.flag("--head"),
        "GET" if !has_body => {}
        "POST" if has_body => {}
        // --upload-file is curl's PUT, and curl follows its redirects as hit does.
        "PUT" if matches!(request.body, RequestBody::File { .. }) => {}
        _ => command.option("--request", method),
    }
}

fn headers(command: &mut Command, settings: &Settings, request: &PreparedRequest) {
    let redaction = &settings.output.redaction;
    let basic = basic_credentials(settings);
    for (name, value) in request.headers.iter() {
        let lower = name.to_ascii_lowercase();
        let skip = match lower.as_str() {
            // curl writes the same Host, and the length and framing of what it sends.
            "host" => value == host_header(&request.url),
            "content-length" => true,
            // hit streams stdin in chunks; curl does too when told.
            "transfer-encoding" => !matches!(request.body, RequestBody::Stdin(_)),
            // curl writes its own boundary.
            "content-type" => matches!(request.body, RequestBody::Multipart(_)),
            "authorization" => basic.as_ref().is_some_and(|(header, _)| header == value),
            _ => false,
        };
        if skip {
            continue;
        }
        let value = command.shown(redact::header(redaction, name, value.as_bytes()), value);
        match value.as_str() {
            "" => command.option("--header", format!("{name};")),
            _ => command.option("--header", format!("{name}: {value}")),
        }
    }
    if let Some((_, (user, password))) = basic {
        let hidden = redact::user_password(redaction, user, password);
        let pair = command.shown(hidden, &format!("{user}:{password}"));
        command.option("--user", pair);
    }
    // What curl sends by itself and hit does not.
    for default in ["User-Agent", "Accept"] {
        if !request.headers.contains(default) {
            command.option("--header", format!("{default}:"));
        }
    }
    // curl's --data options add a form Content-Type; hit sends none here.
    let data = match &request.body {
        RequestBody::Bytes(_) | RequestBody::Stdin(_) => true,
        RequestBody::File { .. } => request.method.as_str() != "PUT",
        _ => false,
    };
    if data && !request.headers.contains("content-type") {
        command.option("--header", "Content-Type:");
    }
    if !request.body.is_empty() && !request.headers.contains("expect") {
        // curl asks for 100 Continue before a large or streamed upload; hit does not.
        command.option("--header", "Expect:");
    }
    if request.headers.contains("accept-encoding") {
        // hit decodes what it receives; curl does with --compressed.
        command.flag("--compressed");
    }
}

/// The header `-u user:password` makes, and the user and password, when the Authorization
/// header came from it.
fn basic_credentials(settings: &Settings) -> Option<(String, (&str, &str))> {
    let Some(Auth::Basic { user, password }) = &settings.request.auth else {
        return None;
    };
    let token = base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"));
    Some((format!("Basic {token}"), (user, password)))
}

/// A `-F` value inside double quotes, as curl reads it.
fn quoted(text: &str) -> String {
    text.replace('\\', "\\\\").replace('"', "\\\"")
}

fn body(command: &mut Command, request: &PreparedRequest, redaction: &Redaction) {
    let shown = match &request.body {
        RequestBody::Bytes(bytes) => redact::values_in(redaction, bytes),
        _ => Cow::Borrowed(&[][..]),
    };
    command.hidden |= matches!(shown, Cow::Owned(_));
    match &request.body {
        RequestBody::Empty => {}
        RequestBody::Bytes(_) if shown.len() <= MAX_ARGUMENT && !shown.contains(&0) => {
            command.option("--data-raw", &*shown);
        }
        RequestBody::Bytes(_) => {
            let format = quote(printf_format(&shown).as_bytes());
            command.stdin = Some(format!("printf -- {format}"));
            command.option("--data-binary", "@-");
        }
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
                        command.option("--form", format!("{name}=\"{value}\";type={mime}"));
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
                        command.option("--form", word);
                    }
                }
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

/// A `printf` format that writes exactly these bytes: `\ooo` for anything but printable
/// ASCII, and `%` and `\` doubled.
fn printf_format(bytes: &[u8]) -> String {
    let mut format = String::with_capacity(bytes.len());
    for &byte in bytes {
        match byte {
            b'%' => format.push_str("%%"),
            b'\\' => format.push_str("\\\\"),
            b' '..=b'~' => format.push(char::from(byte)),
            _ => format.push_str(&format!("\\{byte:03o}")),
        }
    }
    format
}

fn options(command: &mut Command, settings: &Settings, request: &PreparedRequest) {
    let transport = &settings.transport;
    if transport.follow_redirects {
        redirect_note(command, request);
        command.flag("--location");
        // curl's default is 50.
        command.option("--max-redirs", transport.max_redirects.to_string());
        if transport.location_trusted {
            command.flag("--location-trusted");
        }
    }
    if transport.insecure {
        command.flag("--insecure");
    }
    if let Some(cacert) = &transport.cacert {
        command.option("--cacert", cacert.as_os_str().as_encoded_bytes());
    }
    let redaction = &settings.output.redaction;
    if let Some(proxy) = &transport.proxies.explicit {
        let url = redact::url_text(redaction, proxy.url.as_str());
        let url = command.shown(url, proxy.url.as_str());
        command.option("--proxy", url);
    }
    if transport.proxies.off {
        command.option("--noproxy", "*");
    }
    let proxy = transport.proxies.for_url(&request.url);
    if proxy.is_some_and(|proxy| !proxy.is_socks()) {
        // curl adds this old field through an http proxy; hit does not.
        command.option("--proxy-header", "Proxy-Connection:");
    }
    if let Some((user, password)) = &transport.proxies.credentials {
        let hidden = redact::user_password(redaction, user, password);
        let pair = command.shown(hidden, &format!("{user}:{password}"));
        command.option("--proxy-user", pair);
    }
    if let Some(limit) = transport.connect_timeout {
        command.option("--connect-timeout", seconds(limit));
    }
    if let Some(limit) = transport.max_time {
        command.option("--max-time", seconds(limit));
    }
    if let Some(limit) = transport.idle_timeout {
        command.note(format!(
            "--timeout {}: curl has no limit on one pause; --speed-limit 1 --speed-time {} \
             comes close",
            seconds(limit),
            limit.as_secs().max(1)
        ));
    }
    if let Some(max) = transport.max_filesize {
        command.option("--max-filesize", max.to_string());
    }
    connection(command, transport);
    match settings.request.challenge {
        Some(Challenge::Digest) => command.flag("--digest"),
        Some(Challenge::Any) => command.flag("--anyauth"),
        None => {}
    }
    retry(command, settings, request);
}

/// How the connection is made: HTTP version, address family, addresses, socket, decoding.
fn connection(command: &mut Command, transport: &TransportSettings) {
    match transport.version {
        HttpVersion::Negotiated => {}
        HttpVersion::Http1Only => command.flag("--http1.1"),
        HttpVersion::Http2PriorKnowledge => command.flag("--http2-prior-knowledge"),
    }
    match transport.family {
        Some(IpFamily::V4) => command.flag("--ipv4"),
        Some(IpFamily::V6) => command.flag("--ipv6"),
        None => {}
    }
    for rule in &transport.resolve {
        let address = match rule.address {
            std::net::IpAddr::V6(v6) => format!("[{v6}]"),
            v4 => v4.to_string(),
        };
        command.option(
            "--resolve",
            format!("{}:{}:{address}", rule.host, rule.port),
        );
    }
    for rule in &transport.connect_to {
        command.option("--connect-to", rule.text.as_str());
    }
    if let Some(path) = &transport.unix_socket {
        command.option("--unix-socket", path.as_os_str().as_encoded_bytes());
    }
    if transport.raw {
        command.flag("--raw");
    }
    if let Some((cert, key)) = &transport.client_cert {
        command.option("--cert", cert.as_os_str().as_encoded_bytes());
        if let Some(key) = key {
            command.option("--key", key.as_os_str().as_encoded_bytes());
        }
    }
}

/// With `--request`, curl sends that method on every hop; hit follows RFC 9110 §15.4.
fn redirect_note(command: &mut Command, request: &PreparedRequest) {
    let method = request.method.as_str();
    let plain = match method {
        "GET" | "HEAD" => true,
        "POST" => request.body.is_empty() || !request.headers.contains("content-type"),
        "PUT" => matches!(request.body, RequestBody::File { .. }),
        _ => false,
    };
    if !plain {
        command.note(format!(
            "on a redirect curl repeats {method} and every --header, and drops the body after \
             301 or 302; hit repeats method and body only after 307 or 308, and turns a 303 \
             (and a POST after 301 or 302) into a GET without body or Content-Type"
        ));
    }
}

fn retry(command: &mut Command, settings: &Settings, request: &PreparedRequest) {
    let policy = &settings.retry;
    if policy.retry == 0 {
        return;
    }
    let method = request.method.as_str();
    if !facts::is_idempotent_method(method) && !request.headers.contains("idempotency-key") {
        command.note(format!(
            "--retry is left out: curl would retry this {method}, which is not idempotent; \
             hit retries it only with an Idempotency-Key (--idempotency-key auto)"
        ));
        return;
    }
    command.option("--retry", policy.retry.to_string());
    if let Some(limit) = policy.max_time {
        command.option("--retry-max-time", seconds(limit));
    }
    command.note(
        "curl retries 408, 429, 500, 502, 503, 504 and timeouts with its own backoff; hit \
         retries the statuses of --retry-on (425 too by default), waits with jitter from \
         --retry-delay and never retries once the body has started",
    );
}

/// A duration as curl's options take it (`--max-time 2.5`): seconds, to the millisecond,
/// without trailing zeros. An argument for curl, not a duration for people.
fn seconds(duration: std::time::Duration) -> String {
    let text = format!("{:.3}", duration.as_secs_f64());
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_quoted_for_the_shell() {
        assert_eq!(quote(b"plain"), "plain");
        assert_eq!(quote(b"it's here"), r#""it's here""#);
        assert_eq!(quote(b"$HOME `x`"), "'$HOME `x`'");
        assert_eq!(quote(b"a\nb"), "$'a\\nb'");
        assert_eq!(quote(b"\xff"), "$'\\xFF'");
    }

    #[test]
    fn printf_formats_reproduce_any_bytes() {
        assert_eq!(
            printf_format(b"a%b\\c\x00\n\xff"),
            "a%%b\\\\c\\000\\012\\377"
        );
    }

    #[test]
    fn seconds_are_short() {
        assert_eq!(seconds(std::time::Duration::from_millis(2500)), "2.5");
        assert_eq!(seconds(std::time::Duration::from_secs(30)), "30");
    }
}
