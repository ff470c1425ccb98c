//! The one object that writes to stdout and stderr: colour decisions, sections, bodies,
//! warnings and errors.

mod body;
mod document;
mod json;
mod palette;
pub mod progress;
mod write_out;

use std::io::{self, BufWriter, Write};
use std::net::SocketAddr;
use std::time::Duration;

use anyhow::Result;
use reqwest::header::{CONTENT_LENGTH, CONTENT_TYPE, HOST, HeaderMap, LOCATION};
use reqwest::{Method, Response, StatusCode, Url, Version};

use crate::error::HitError;
use crate::request::{Part, RequestBody};
use crate::settings::{OutputSettings, Sections};
use crate::transport::Incoming;
use body::{BodyStyle, BodyView};
pub use palette::Palette;
pub use write_out::Template;

/// Request-ID headers in order of preference (SPEC §4).
const REQUEST_ID_HEADERS: &[&str] = &[
    "x-request-id",
    "request-id",
    "x-correlation-id",
    "x-amzn-requestid",
    "x-amz-request-id",
    "x-github-request-id",
    "cf-ray",
    "x-cloud-trace-context",
    "traceparent",
    "x-ms-request-id",
    "fly-request-id",
];

/// The first request-ID header present in a response: its name and value.
pub fn request_id(headers: &HeaderMap) -> Option<(&'static str, String)> {
    REQUEST_ID_HEADERS.iter().find_map(|name| {
        let value = headers.get(*name)?;
        Some((
            *name,
            String::from_utf8_lossy(value.as_bytes()).into_owned(),
        ))
    })
}

/// Writes one line to stderr. A closed stderr is ignored: `eprintln!` would panic.
fn to_stderr(line: &str) {
    let _ = writeln!(io::stderr(), "{line}");
}

/// Prints `hit: error: ...` with the cause chain on one line. The only error printer.
pub fn report_error(err: &anyhow::Error) {
    let message = format!("{err:#}").replace('\n', " ");
    to_stderr(&format!("hit: error: {}", body::neutralised(&message)));
}

/// Reports a clap error: help and version go to stdout (exit 0); a usage error becomes one
/// `hit: error:` line (exit 2). Returns the exit code.
pub fn report_usage(err: &clap::Error) -> u8 {
    use clap::error::ErrorKind;
    match err.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = err.print();
            crate::error::code::SUCCESS
        }
        _ => {
            // clap's first paragraph is the message; tips and usage follow a blank line.
            let rendered = err.render().to_string();
            let message: Vec<&str> = rendered
                .lines()
                .take_while(|line| !line.trim().is_empty())
                .map(str::trim)
                .collect();
            let message = message.join(" ");
            let message = message.strip_prefix("error: ").unwrap_or(&message);
            to_stderr(&format!("hit: error: {message} (see 'hit --help')"));
            crate::error::code::USAGE
        }
    }
}

/// The panic hook: one line, never a backtrace, then exit 1.
pub fn report_panic(info: &std::panic::PanicHookInfo<'_>) {
    let message = info
        .payload()
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| info.payload().downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_string());
    let location = info
        .location()
        .map(|l| format!(" at {}:{}", l.file(), l.line()))
        .unwrap_or_default();
    to_stderr(&format!(
        "hit: error: internal error: {message}{location} (this is a bug in hit; please report it)"
    ));
    std::process::exit(i32::from(crate::error::code::FAILURE));
}

/// Whether `data` is a JSON object or array (curl's `-d` rule, and the printer's sniffing).
pub fn is_json_document(data: &[u8]) -> bool {
    starts_like_json(data) && json::is_valid(data)
}

/// The largest body `--output-format json` embeds; a larger one is left out (and said to
/// be), so memory stays small whatever the body's size.
pub const DOCUMENT_BODY_LIMIT: usize = 16 * 1024 * 1024;

/// What is known about a finished exchange: for `m`, `-w` and `--output-format json`.
pub struct Facts<'a> {
    pub method: &'a Method,
    /// The final URL, after redirects.
    pub url: &'a Url,
    pub request_headers: &'a [(String, String)],
    pub status: StatusCode,
    pub version: Version,
    pub headers: &'a HeaderMap,
    pub remote: Option<SocketAddr>,
    pub time_to_first_byte: Duration,
    pub total: Duration,
    /// Body bytes received.
    pub size: u64,
    pub redirects: u32,
    /// Attempts made, counting the first.
    pub attempts: u32,
    /// The file the body was saved to.
    pub saved_to: Option<&'a std::path::Path>,
}

/// What stdout's pipe is widened to (Linux's default limit for unprivileged users).
#[cfg(target_os = "linux")]
const PIPE_SIZE: usize = 1 << 20;

/// stdout without std's line buffering, which looks for the last newline in every write: a
/// scan of every chunk of a big body. `Printer` buffers and flushes itself.
struct RawStdout;

impl Write for RawStdout {
    #[cfg(unix)]
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match rustix::io::write(io::stdout(), buf) {
            // A closed stdout swallows output, as std's does.
            Err(rustix::io::Errno::BADF) => Ok(buf.len()),
            result => Ok(result?),
        }
    }

    #[cfg(not(unix))]
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        io::stdout().write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        io::stdout().flush()
    }
}

/// Owns stdout and decides what reaches it.
pub struct Printer {
    out: BufWriter<RawStdout>,
    sections: Sections,
    format: bool,
    palette: Option<Palette>,
    terminal: bool,
    warnings: bool,
    indent: usize,
    sort_keys: bool,
    /// `--stream`: flush after every chunk of the body.
    stream: bool,
    /// The body written so far does not end with a newline.
    body_open_line: bool,
    /// `--fail`: a 4xx/5xx body is not shown.
    fail: bool,
    /// Progress bars on stderr.
    progress: bool,
    /// The download under way, for the line Ctrl-C leaves.
    partial: Option<Partial>,
}

/// A file being downloaded: what an interruption leaves behind.
pub struct Partial {
    pub path: String,
    /// The options that resume it.
    pub resume: String,
    /// Bytes in the file (or handed to its buffer, which is written out when dropped).
    pub kept: u64,
}

impl Printer {
    pub fn new(settings: &OutputSettings) -> Printer {
        // A pipe holds 64 KiB by default; a bigger one lets a big body reach a slower
        // reader in fewer, larger writes. Not a pipe, or not allowed: nothing changes.
        #[cfg(target_os = "linux")]
        let _ = rustix::pipe::fcntl_setpipe_size(io::stdout(), PIPE_SIZE);
        Printer {
            out: BufWriter::with_capacity(128 * 1024, RawStdout),
            sections: settings.sections,
            format: settings.format,
            palette: settings.color.then(Palette::new),
            terminal: settings.stdout_is_terminal,
            warnings: settings.warnings,
            indent: settings.indent,
            sort_keys: settings.sort_keys,
            stream: settings.stream,
            body_open_line: false,
            fail: settings.fail,
            progress: settings.progress,
            partial: None,
        }
    }

    /// Whether transfers draw progress bars on stderr.
    pub fn shows_progress(&self) -> bool {
        self.progress
    }

    /// A download has started.
    pub fn downloading(&mut self, partial: Partial) {
        self.partial = Some(partial);
    }

    /// The download under way now has `kept` bytes.
    pub fn downloaded(&mut self, kept: u64) {
        if let Some(partial) = &mut self.partial {
            partial.kept = kept;
        }
    }

    /// The download has finished or failed with its own message.
    pub fn download_ended(&mut self) {
        self.partial = None;
    }

    /// After Ctrl-C: says what an unfinished download kept, even with `-s` (this is what an
    /// error would have said).
    pub fn interrupted(&mut self) {
        if let Some(Partial { path, resume, kept }) = self.partial.take() {
            to_stderr(&format!(
                "hit: interrupted: '{}' is incomplete ({kept} bytes kept; {} resumes it)",
                body::neutralised(&path),
                body::neutralised(&resume)
            ));
        }
    }

    /// Whether the response body goes to stdout.
    pub fn wants_body(&self) -> bool {
        self.sections.response_body
    }

    /// Whether the `m` section is printed.
    pub fn wants_meta(&self) -> bool {
        self.sections.meta
    }

    /// `hit: warning: ...` on stderr, unless `-q`/`-s`.
    pub fn warning(&mut self, message: &str) {
        self.note(&format!("warning: {message}"));
    }

    /// `hit: ...` on stderr, unless `-q`/`-s`.
    pub fn note(&mut self, message: &str) {
        if self.warnings {
            // Keep stdout and stderr in order on a shared terminal.
            let _ = self.out.flush();
            // Warnings repeat what servers send (request IDs, Location).
            to_stderr(&format!("hit: {}", body::neutralised(message)));
        }
    }

    fn write(&mut self, bytes: &[u8]) -> Result<()> {
        self.out.write_all(bytes).map_err(stdout_error)
    }

    fn painted(&mut self, style: fn(&Palette) -> &(String, String), text: &str) -> Result<()> {
        match &self.palette {
            Some(p) => {
                let (prefix, suffix) = style(p);
                let line = format!("{prefix}{text}{suffix}");
                self.write(line.as_bytes())
            }
            None => self.write(text.as_bytes()),
        }
    }

    /// Flushes stdout.
    pub fn finish(&mut self) -> Result<()> {
        self.out.flush().map_err(stdout_error)
    }

    /// Prints the `H` and `B` sections of the request about to be sent.
    pub fn request(&mut self, request: &reqwest::Request, body: &RequestBody) -> Result<()> {
        if self.sections.request_headers {
            self.request_head(request)?;
        }
        if self.sections.request_body {
            self.request_body(request, body)?;
        }
        Ok(())
    }

    fn request_head(&mut self, request: &reqwest::Request) -> Result<()> {
        let url = request.url();
        let mut target = url.path().to_string();
        if let Some(query) = url.query() {
            target = format!("{target}?{query}");
        }
        self.painted(|p| &p.method, request.method().as_str())?;
        self.write(b" ")?;
        self.painted(|p| &p.url, &target)?;
        self.write(b" ")?;
        self.painted(|p| &p.version, version_name(request.version()))?;
        self.write(b"\n")?;
        let version = request.version();
        let headers = request.headers();
        if !headers.contains_key(HOST) {
            let host = match (url.host_str(), url.port()) {
                (Some(h), Some(p)) => format!("{h}:{p}"),
                (Some(h), None) => h.to_string(),
                _ => String::new(),
            };
            self.header_line(version, "host", &host, false)?;
        }
        for (name, value) in headers {
            let value = String::from_utf8_lossy(value.as_bytes());
            self.header_line(version, name.as_str(), &value, false)?;
        }
        if !headers.contains_key(CONTENT_LENGTH)
            && let Some(bytes) = request.body().and_then(reqwest::Body::as_bytes)
        {
            self.header_line(version, "content-length", &bytes.len().to_string(), false)?;
        }
        self.write(b"\n")
    }

    fn request_body(&mut self, request: &reqwest::Request, body: &RequestBody) -> Result<()> {
        match body {
            RequestBody::Empty => Ok(()),
            RequestBody::Bytes(bytes) => {
                let content_type = request
                    .headers()
                    .get(CONTENT_TYPE)
                    .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
                let ended_line = self.body_bytes(bytes, content_type.as_deref())?;
                // A blank line between the request and the response.
                self.write(if ended_line { b"\n" } else { b"\n\n" })
            }
            RequestBody::File { path, len } => {
                let summary = format!("({len} bytes streamed from '{}')", path.display());
                self.painted(|p| &p.notice, &summary)?;
                self.write(b"\n\n")
            }
            RequestBody::Multipart(parts) => {
                let names: Vec<String> = parts
                    .iter()
                    .map(|p| match p {
                        Part::Text { name, .. } => name.clone(),
                        Part::File { name, path, .. } => format!("{name}=@{}", path.display()),
                    })
                    .collect();
                let summary = format!("(multipart/form-data: {})", names.join(", "));
                self.painted(|p| &p.notice, &summary)?;
                self.write(b"\n\n")
            }
        }
    }

    fn header_line(
        &mut self,
        version: Version,
        name: &str,
        value: &str,
        highlight: bool,
    ) -> Result<()> {
        let name = display_name(version, name);
        let neutralised;
        let value = if self.terminal {
            neutralised = body::neutralised(value);
            &neutralised
        } else {
            value
        };
        if highlight {
            self.painted(|p| &p.request_id, &format!("{name}: {value}"))?;
        } else {
            self.painted(|p| &p.header_name, &name)?;
            self.write(b": ")?;
            self.write(value.as_bytes())?;
        }
        self.write(b"\n")
    }

    /// Prints the `h` section: status line and headers in received order.
    pub fn response_head(&mut self, response: &Response) -> Result<()> {
        if !self.sections.response_headers {
            return Ok(());
        }
        let status = response.status();
        let version = response.version();
        self.painted(|p| &p.version, version_name(version))?;
        self.write(b" ")?;
        let status_text = status_text(status);
        match &self.palette {
            Some(p) => {
                let (prefix, suffix) = p.status(status.as_u16());
                let line = format!("{prefix}{status_text}{suffix}");
                self.write(line.as_bytes())?;
            }
            None => self.write(status_text.as_bytes())?,
        }
        self.write(b"\n")?;
        let highlighted = request_id(response.headers()).map(|(name, _)| name);
        for (name, value) in response.headers() {
            let value = String::from_utf8_lossy(value.as_bytes());
            let highlight = Some(name.as_str()) == highlighted;
            self.header_line(version, name.as_str(), &value, highlight)?;
        }
        self.write(b"\n")
    }

    /// Prints the head of a response that was not the last (a redirect followed, or an
    /// attempt retried): shown only when the request is shown too, as a conversation.
    pub fn passing_response_head(&mut self, response: &Response) -> Result<()> {
        if self.sections.request_headers {
            self.response_head(response)?;
        }
        Ok(())
    }

    /// Streams the `b` section to stdout and returns the number of body bytes received.
    ///
    /// In a pipe, or with `--pretty none`, the bytes go out exactly as received. On a
    /// terminal the body is decoded, neutralised and, when it is JSON, pretty-printed; a
    /// binary body is replaced by a notice. `--stream` (or an event stream) flushes each
    /// chunk as it arrives.
    pub async fn response_body(&mut self, incoming: &mut Incoming) -> Result<u64> {
        let content_type = incoming
            .response
            .headers()
            .get(CONTENT_TYPE)
            .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
        let essence = content_type.as_deref().map(media_type);
        let stream = self.stream
            || matches!(
                essence.as_deref(),
                Some("text/event-stream" | "application/x-ndjson")
            );
        let mut view: Option<BodyView> = None;
        let mut received = 0u64;
        let mut out = Vec::new();
        while let Some(chunk) = incoming.chunk().await? {
            received += chunk.len() as u64;
            let view = view.get_or_insert_with(|| self.body_view(content_type.as_deref(), &chunk));
            view.push_in_slices(&chunk, &mut out, |bytes| self.body_out(bytes))?;
            if stream {
                self.finish()?;
            }
        }
        if let Some(mut view) = view {
            out.clear();
            view.finish(&mut out);
            self.body_out(&out)?;
            if view.is_binary() {
                self.binary_notice(received)?;
            }
        }
        self.end_body_line()?;
        Ok(received)
    }

    /// Decides how a body is shown from its Content-Type and first bytes.
    fn body_view(&self, content_type: Option<&str>, first: &[u8]) -> BodyView {
        let json = is_json_body(content_type, first);
        // One JSON value per line reads best kept to its line: colour it, keep the layout.
        let ndjson = content_type.map(media_type).as_deref() == Some("application/x-ndjson");
        BodyView::new(BodyStyle {
            terminal: self.terminal,
            indent: (self.format && !ndjson).then_some(self.indent),
            palette: self.palette.clone(),
            // Sorting needs the whole document: not for a stream of values.
            sort_keys: self.sort_keys && !ndjson && !self.stream,
            json: json || ndjson,
            charset: content_type.and_then(charset),
        })
    }

    /// Writes body output, remembering whether it ended a line.
    fn body_out(&mut self, bytes: &[u8]) -> Result<()> {
        if let Some(&last) = bytes.last() {
            self.body_open_line = last != b'\n';
            self.write(bytes)?;
        }
        Ok(())
    }

    /// On a terminal, a body that does not end its line gets a newline, so the prompt (or
    /// what follows) starts on a line of its own.
    fn end_body_line(&mut self) -> Result<()> {
        if std::mem::take(&mut self.body_open_line) && self.terminal {
            self.write(b"\n")?;
        }
        Ok(())
    }

    fn binary_notice(&mut self, size: u64) -> Result<()> {
        let notice = format!(
            "+-- binary body not shown on a terminal ({size} bytes); use -o FILE or a pipe --+"
        );
        self.end_body_line()?;
        self.painted(|p| &p.notice, &notice)?;
        self.write(b"\n")
    }

    /// Writes a whole request body as a response body would be shown. Returns whether the
    /// output ends with a newline.
    fn body_bytes(&mut self, body: &[u8], content_type: Option<&str>) -> Result<bool> {
        let mut view = self.body_view(content_type, body);
        let mut out = Vec::new();
        view.push_in_slices(body, &mut out, |bytes| self.body_out(bytes))?;
        out.clear();
        view.finish(&mut out);
        self.body_out(&out)?;
        if view.is_binary() {
            self.binary_notice(body.len() as u64)?;
        }
        let open = self.body_open_line;
        self.end_body_line()?;
        Ok(!open || self.terminal)
    }

    /// Prints the `m` section.
    pub fn meta(&mut self, facts: &Facts) -> Result<()> {
        if !self.sections.meta {
            return Ok(());
        }
        let secs = facts.total.as_secs_f64();
        let rate = if secs > 0.0 {
            facts.size as f64 / secs
        } else {
            0.0
        };
        let remote = facts
            .remote
            .map_or_else(|| "unknown".to_string(), |a| a.to_string());
        let lines = [
            ("HTTP version", version_name(facts.version).to_string()),
            ("Remote address", remote),
            ("Attempts", facts.attempts.to_string()),
            ("Redirects", facts.redirects.to_string()),
            (
                "Time to first byte",
                format_duration(facts.time_to_first_byte),
            ),
            ("Total time", format_duration(facts.total)),
            ("Body size", format!("{} B", facts.size)),
            ("Speed", format!("{} B/s", rate.round())),
        ];
        self.write(b"\n")?;
        for (name, value) in lines {
            self.painted(|p| &p.header_name, name)?;
            self.write(format!(": {value}\n").as_bytes())?;
        }
        Ok(())
    }

    /// Prints `-w/--write-out`.
    pub fn write_out(&mut self, template: &Template, facts: &Facts) -> Result<()> {
        let text = template.render(facts);
        if self.terminal {
            // Headers and URLs come from the server.
            return self.write(body::neutralised(&text).as_bytes());
        }
        self.write(text.as_bytes())
    }

    /// Prints `--output-format json`: compact in a pipe, formatted as `--pretty` says on a
    /// terminal. `body` is `None` when it was not kept, and `omitted` says why.
    pub fn document(
        &mut self,
        facts: &Facts,
        body: Option<&[u8]>,
        omitted: Option<String>,
    ) -> Result<()> {
        let document = document::render(facts, body, omitted);
        let mut view = self.body_view(Some("application/json"), &document);
        let mut out = Vec::new();
        view.push_in_slices(&document, &mut out, |bytes| self.body_out(bytes))?;
        out.clear();
        view.finish(&mut out);
        self.body_out(&out)?;
        if std::mem::take(&mut self.body_open_line) {
            self.write(b"\n")?;
        }
        Ok(())
    }

    /// The stderr line for a response a script should notice (SPEC §5): 4xx/5xx, or a
    /// redirect that was not followed because `-L` was off, when stdout is not a terminal;
    /// with `--fail` a 4xx/5xx is reported on a terminal too, since its body is not shown.
    pub fn status_warning(&mut self, status: StatusCode, headers: &HeaderMap, following: bool) {
        if self.terminal && !(self.fail && status.as_u16() >= 400) {
            return;
        }
        if status.as_u16() >= 400 {
            self.warning(&describe_status(status, headers));
        } else if status.is_redirection() && status != StatusCode::NOT_MODIFIED && !following {
            let id = request_id(headers)
                .map(|(_, value)| format!(" (request id: {value})"))
                .unwrap_or_default();
            let location = headers
                .get(LOCATION)
                .map(|l| format!(" to {}", String::from_utf8_lossy(l.as_bytes())))
                .unwrap_or_default();
            self.warning(&format!(
                "{}{location}{id} was not followed (pass -L to follow redirects)",
                status_text(status)
            ));
        }
    }
}

fn stdout_error(err: io::Error) -> anyhow::Error {
    if err.kind() == io::ErrorKind::BrokenPipe {
        HitError::StdoutClosed.into()
    } else {
        anyhow::Error::new(err).context("cannot write to stdout")
    }
}

/// A status with the request ID, for warnings: `503 Service Unavailable (request id: x)`.
pub fn describe_status(status: StatusCode, headers: &HeaderMap) -> String {
    match request_id(headers) {
        Some((_, id)) => format!("{} (request id: {id})", status_text(status)),
        None => status_text(status),
    }
}

fn status_text(status: StatusCode) -> String {
    match status.canonical_reason() {
        Some(reason) => format!("{} {reason}", status.as_u16()),
        None => status.as_u16().to_string(),
    }
}

fn status_reason(status: StatusCode) -> &'static str {
    status.canonical_reason().unwrap_or_default()
}

fn version_name(version: Version) -> &'static str {
    match version {
        Version::HTTP_09 => "HTTP/0.9",
        Version::HTTP_10 => "HTTP/1.0",
        Version::HTTP_2 => "HTTP/2",
        Version::HTTP_3 => "HTTP/3",
        _ => "HTTP/1.1",
    }
}

/// HTTP/1 header names are shown in Title-Case, as servers usually send them; HTTP/2 and
/// later are lower case on the wire.
fn display_name(version: Version, name: &str) -> String {
    if matches!(version, Version::HTTP_2 | Version::HTTP_3) {
        return name.to_string();
    }
    let mut out = String::with_capacity(name.len());
    let mut upper = true;
    for c in name.chars() {
        out.push(if upper { c.to_ascii_uppercase() } else { c });
        upper = c == '-';
    }
    out
}

fn format_duration(d: Duration) -> String {
    let ms = d.as_secs_f64() * 1000.0;
    if ms < 1000.0 {
        format!("{ms:.1} ms")
    } else {
        format!("{:.2} s", ms / 1000.0)
    }
}

/// `application/json` and any `+json` type (RFC 6839), given a media type from `media_type`.
fn is_json_type(essence: &str) -> bool {
    essence == "application/json" || essence.ends_with("+json")
}

/// The media type of a Content-Type, lower case, without parameters.
fn media_type(content_type: &str) -> String {
    content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

/// The `charset` parameter of a Content-Type.
fn charset(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|param| {
        let (name, value) = param.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| value.trim().trim_matches('"').to_string())
    })
}

/// SPEC §4: a JSON type (`application/json`, `*+json`), or a text body (or one without a
/// type) that starts with `{` or `[`.
fn is_json_body(content_type: Option<&str>, first: &[u8]) -> bool {
    match content_type.map(media_type) {
        Some(t) => is_json_type(&t) || (t.starts_with("text/") && starts_like_json(first)),
        None => starts_like_json(first),
    }
}

fn starts_like_json(body: &[u8]) -> bool {
    matches!(body.trim_ascii_start().first(), Some(b'{' | b'['))
}

/// Header names used in tests of request-ID detection.
#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::{HeaderName, HeaderValue};

    #[test]
    fn request_id_prefers_the_listed_order() {
        let mut headers = HeaderMap::new();
        headers.insert(
            HeaderName::from_static("cf-ray"),
            HeaderValue::from_static("ray"),
        );
        headers.insert(
            HeaderName::from_static("x-request-id"),
            HeaderValue::from_static("abc"),
        );
        assert_eq!(
            request_id(&headers),
            Some(("x-request-id", "abc".to_string()))
        );
    }

    #[test]
    fn json_content_types() {
        assert!(is_json_type(&media_type("Application/JSON; charset=utf-8")));
        assert!(is_json_type(&media_type("application/problem+json")));
        assert!(!is_json_type(&media_type("text/html")));
    }

    #[test]
    fn title_case_for_http1() {
        assert_eq!(
            display_name(Version::HTTP_11, "x-request-id"),
            "X-Request-Id"
        );
        assert_eq!(
            display_name(Version::HTTP_2, "x-request-id"),
            "x-request-id"
        );
    }
}
