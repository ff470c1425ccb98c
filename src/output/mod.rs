//! The one object that writes to stdout and stderr: colour decisions, sections, bodies,
//! warnings and errors.

mod body;
pub mod console;
pub mod curl;
mod document;
mod facts;
mod json;
mod merge;
mod messages;
mod palette;
mod passing;
mod program;
pub mod progress;
pub mod redact;
mod report;
mod request;
mod sorted;
mod status;
mod stream;
mod trace;
mod write_out;

use std::io::{BufWriter, Write};

use anyhow::Result;
use bytes::Bytes;
use reqwest::Version;
use reqwest::header::{CONTENT_TYPE, HeaderMap};

use crate::http::media::{is_json_body, is_streamed_type, is_valid_json, media_type};
use crate::http::{ResponseHead, header_text, version_name};
use crate::settings::{OutputSettings, Redaction, Sections};
use crate::transport::Incoming;
pub use body::neutralised;
use body::{BodyStyle, BodyView};
pub use console::Console;
pub use facts::{Facts, Failure, bytes_per_second};
pub use merge::Merged;
pub use messages::{Payload, Way};
pub use palette::Palette;
pub use passing::EXCERPT;
pub use progress::UploadBars;
pub use report::{report_error, report_panic, report_usage};
pub use status::describe_status;
pub use stream::StreamView;

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
    REQUEST_ID_HEADERS
        .iter()
        .find_map(|name| Some((*name, header_text(headers, *name)?)))
}

/// A JSON body up to this size is read whole and checked before it is formatted.
const CHECKED_JSON: u64 = 1 << 20;

/// The largest body `--output-format json` embeds; a larger one is left out (and said to
/// be), so memory stays small whatever the body's size.
pub const DOCUMENT_BODY_LIMIT: usize = 16 * 1024 * 1024;

/// Owns stdout and decides what reaches it.
pub struct Printer {
    /// Where everything goes, and the quiet level, colour and bars.
    console: Console,
    out: BufWriter<trace::Sink>,
    sections: Sections,
    format: bool,
    palette: Option<Palette>,
    terminal: bool,
    indent: usize,
    sort_keys: bool,
    /// `--stream`: flush after every chunk of the body.
    stream: bool,
    /// The body written so far does not end with a newline.
    body_open_line: bool,
    /// Reused for a body's output between chunks.
    scratch: Vec<u8>,
    /// `--fail`: a 4xx/5xx body is not shown.
    fail: bool,
    /// The line for a failed status is printed (a warning, or `-sS`).
    status_failures: bool,
    /// The download under way, for the line Ctrl-C leaves.
    partial: Option<Partial>,
    /// A request sent but not printed yet (its HTTP version is not known yet).
    sending: Option<crate::http::PreparedRequest>,
    /// What is hidden of credentials in what is shown.
    redaction: Redaction,
    /// The last final status with its request ID, for `hit run -q`'s line.
    final_status: Option<String>,
    /// The request line is still to be shown dimmed above the response head, because data
    /// items chose the method (`settings::shows_chosen_method`).
    chosen_method: bool,
    /// `-D FILE`: `Some(None)` writes the heads to stdout (`-D -`).
    dump_header: Option<Option<trace::SideFile>>,
    /// `--trace FILE`.
    trace: Option<trace::SideFile>,
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
        let console = Console::new(settings);
        Printer {
            console,
            out: BufWriter::with_capacity(128 * 1024, trace::Sink::Stdout(console.out())),
            sections: settings.sections,
            format: settings.format,
            palette: console.palette(),
            terminal: settings.stdout_is_terminal,
            indent: settings.indent,
            sort_keys: settings.sort_keys,
            stream: settings.stream,
            body_open_line: false,
            scratch: Vec::new(),
            fail: settings.fail,
            status_failures: settings.status_failures,
            partial: None,
            sending: None,
            redaction: settings.redaction.clone(),
            final_status: None,
            chosen_method: settings.chosen_method,
            dump_header: settings.dump_header.as_deref().map(|path| {
                (path.as_os_str() != "-").then(|| trace::SideFile::new(path, settings.clobber))
            }),
            trace: settings
                .trace
                .as_deref()
                .map(|path| trace::SideFile::new(path, settings.clobber)),
        }
    }

    /// The last final response's status with its request ID (`404 Not Found (request id:
    /// x)`), once.
    pub fn take_final_status(&mut self) -> Option<String> {
        self.final_status.take()
    }

    /// Whether transfers draw progress bars on stderr.
    pub fn shows_progress(&self) -> bool {
        self.console.shows_progress()
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
        if let Some(request) = self.sending.take() {
            let _ = self.request(&request, None);
            let _ = self.finish();
        }
        if let Some(Partial { path, resume, kept }) = self.partial.take() {
            self.console.line(&format!(
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

    /// A heading above an exchange on stdout (`hit run`'s request titles), bold when
    /// coloured; `apart` sets it off from the exchange before by a blank line.
    pub fn heading(&mut self, text: &str, apart: bool) {
        let text = body::neutralised(text);
        let line = match &self.palette {
            Some(Palette {
                title: (on, off), ..
            }) => format!("{on}{text}{off}"),
            None => text,
        };
        let gap = if apart { "\n" } else { "" };
        let _ = writeln!(self.out, "{gap}{line}");
    }

    /// `hit: warning: ...` on stderr, unless `-q`/`-s`.
    pub fn warning(&mut self, message: &str) {
        self.note(&format!("warning: {message}"));
    }

    /// `--explain` lines on stderr: asked for, so `-q` and `-s` do not silence them.
    pub fn explained(&mut self, lines: &[String]) {
        let _ = self.out.flush();
        for line in lines {
            self.console.said(&format!("hit: explain: {line}"));
        }
    }

    /// `hit: ...` on stderr, unless `-q`/`-s`.
    pub fn note(&mut self, message: &str) {
        if self.console.says_notes() {
            // Keep stdout and stderr in order on a shared terminal.
            let _ = self.out.flush();
            // Warnings repeat what servers send (request IDs, Location).
            let message = if self.redaction.off {
                std::borrow::Cow::Borrowed(message)
            } else {
                redact::url_passwords(message)
            };
            self.console.note(&message);
        }
    }

    fn write(&mut self, bytes: &[u8]) -> Result<()> {
        self.out
            .write_all(bytes)
            .map_err(crate::error::stdout_error)
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

    /// `-c -`: the cookie jar, after the response, shown whatever `-q` or `-s` hide (it
    /// was asked for by name).
    pub fn cookie_jar(&mut self, netscape: &str) -> Result<()> {
        self.end_body_line()?;
        self.write(netscape.as_bytes())?;
        self.finish()
    }

    /// Flushes stdout.
    pub fn finish(&mut self) -> Result<()> {
        self.flush_side_files()?;
        self.out.flush().map_err(crate::error::stdout_error)
    }

    /// One header line. On a terminal its value is decoded and neutralised; in a pipe its
    /// bytes go out as they came, even those that are not UTF-8.
    fn header_line(
        &mut self,
        version: Version,
        name: &str,
        value: &[u8],
        highlight: bool,
    ) -> Result<()> {
        let name = display_name(version, name);
        let neutralised;
        let value = if self.terminal {
            neutralised = body::neutralised(&String::from_utf8_lossy(value));
            neutralised.as_bytes()
        } else {
            value
        };
        if highlight && self.palette.is_some() {
            let line = format!("{name}: {}", String::from_utf8_lossy(value));
            self.painted(|p| &p.request_id, &line)?;
        } else {
            self.painted(|p| &p.header_name, &name)?;
            self.write(b": ")?;
            self.write(value)?;
        }
        self.write(b"\n")
    }

    /// Prints the `h` section: status line and headers in received order.
    pub fn response_head(&mut self, response: &ResponseHead) -> Result<()> {
        self.side_head(response)?;
        if !self.sections.response_headers {
            return Ok(());
        }
        self.head_lines(response)
    }

    /// The status line and the headers, then an empty line.
    fn head_lines(&mut self, response: &ResponseHead) -> Result<()> {
        let status = response.status;
        let version = response.version;
        self.painted(|p| &p.version, version_name(version))?;
        self.write(b" ")?;
        let status_text = response.status_text();
        match &self.palette {
            Some(p) => {
                let (prefix, suffix) = p.status(status.as_u16());
                let line = format!("{prefix}{status_text}{suffix}");
                self.write(line.as_bytes())?;
            }
            None => self.write(status_text.as_bytes())?,
        }
        self.write(b"\n")?;
        let highlighted = request_id(&response.headers).map(|(name, _)| name);
        for (name, value) in &response.headers {
            let highlight = Some(name.as_str()) == highlighted;
            let shown = redact::header(&self.redaction, name.as_str(), value.as_bytes());
            let value = shown.as_ref().map_or(value.as_bytes(), |s| s.as_bytes());
            self.header_line(version, name.as_str(), value, highlight)?;
        }
        self.write(b"\n")
    }

    /// Streams the `b` section to stdout and returns the number of body bytes received.
    ///
    /// In a pipe, or with `--pretty none`, the bytes go out exactly as received. On a
    /// terminal the body is decoded, neutralised and, when it is JSON, pretty-printed; a
    /// binary body is replaced by a notice. `--stream` (or an event stream) flushes each
    /// chunk as it arrives.
    pub async fn response_body(&mut self, incoming: &mut Incoming) -> Result<u64> {
        let first = incoming.chunk().await?;
        self.body_from(incoming, first).await
    }

    /// `response_body`, with the first chunk already read.
    async fn body_from(&mut self, incoming: &mut Incoming, first: Option<Bytes>) -> Result<u64> {
        let content_type = header_text(&incoming.head.headers, CONTENT_TYPE);
        let stream = self.stream
            || content_type
                .as_deref()
                .map(media_type)
                .is_some_and(|t| is_streamed_type(&t));
        let Some(first) = first else {
            self.end_body_line()?;
            return Ok(0);
        };
        let mut view = self.body_view(content_type.as_deref(), &first);
        let mut received = first.len() as u64;
        let mut held = vec![first];
        let mut ended = false;
        // A small JSON body is checked whole before it is formatted: invalid JSON is then
        // shown as it came, not formatted up to its first mistake.
        if view.formats_json() && !stream {
            while !ended && received <= CHECKED_JSON {
                match incoming.chunk().await? {
                    Some(chunk) => {
                        received += chunk.len() as u64;
                        held.push(chunk);
                    }
                    None => ended = true,
                }
            }
            if ended && !is_valid_json(&held.concat()) {
                view = self.body_view_as(content_type.as_deref(), false);
            }
        }
        for chunk in held {
            self.trace_body(&chunk)?;
            self.show(&mut view, &chunk)?;
        }
        while !ended {
            if stream {
                self.finish()?;
            }
            match incoming.chunk().await? {
                Some(chunk) => {
                    received += chunk.len() as u64;
                    self.trace_body(&chunk)?;
                    self.show(&mut view, &chunk)?;
                }
                None => ended = true,
            }
        }
        self.close(&mut view, received)?;
        self.end_body_line()?;
        Ok(received)
    }

    /// Decides how a body is shown from its Content-Type and first bytes.
    fn body_view(&self, content_type: Option<&str>, first: &[u8]) -> BodyView {
        self.body_view_as(content_type, is_json_body(content_type, first))
    }

    /// A view of a body, as JSON or not.
    fn body_view_as(&self, content_type: Option<&str>, json: bool) -> BodyView {
        // One JSON value per line reads best kept to its line: colour it, keep the layout.
        let ndjson = content_type.map(media_type).as_deref() == Some("application/x-ndjson");
        BodyView::new(BodyStyle {
            terminal: self.terminal,
            indent: (self.format && !ndjson).then_some(self.indent),
            palette: self.palette.clone(),
            // Sorting needs the whole document: not for a stream of values.
            sort_keys: self.sort_keys && !ndjson && !self.stream,
            json: json || ndjson,
            charset: content_type.and_then(crate::http::media::charset),
        })
    }

    /// Shows one chunk of a body.
    fn show(&mut self, view: &mut BodyView, chunk: &[u8]) -> Result<()> {
        let mut out = std::mem::take(&mut self.scratch);
        let result = view.push_in_slices(chunk, &mut out, |bytes| self.body_out(bytes));
        self.scratch = out;
        if view.is_too_big() {
            anyhow::bail!(
                "--sort-keys holds the whole body, and this one is over {} MiB; drop \
                 --sort-keys, or save the body with -o FILE",
                body::SORT_LIMIT >> 20
            );
        }
        result
    }

    /// Shows what the view held back, and the notice for a binary body of `size` bytes.
    fn close(&mut self, view: &mut BodyView, size: u64) -> Result<()> {
        let mut out = std::mem::take(&mut self.scratch);
        out.clear();
        view.finish(&mut out);
        let result = self.body_out(&out);
        self.scratch = out;
        result?;
        if view.is_binary() {
            self.binary_notice(size)?;
        }
        Ok(())
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

    /// Writes a whole body held in memory as a response body would be shown. Returns
    /// whether the output ends with a newline.
    pub fn whole_body(&mut self, body: &[u8], content_type: Option<&str>) -> Result<bool> {
        let mut view = self.body_view(content_type, body);
        self.show(&mut view, body)?;
        self.close(&mut view, body.len() as u64)?;
        let open = self.body_open_line;
        self.end_body_line()?;
        Ok(!open || self.terminal)
    }
}

/// Header names as HTTP/1.1 carries them for hit: in Title-Case, which is also how hit sends
/// its own (the client title-cases them); HTTP/2 and later are lower case on the wire.
fn display_name(version: Version, name: &str) -> String {
    let lower = name.to_ascii_lowercase();
    if matches!(version, Version::HTTP_2 | Version::HTTP_3) {
        return lower;
    }
    let mut out = String::with_capacity(name.len());
    let mut upper = true;
    for c in lower.chars() {
        out.push(if upper { c.to_ascii_uppercase() } else { c });
        upper = c == '-';
    }
    out
}

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
    fn title_case_for_http1() {
        assert_eq!(
            display_name(Version::HTTP_11, "x-request-id"),
            "X-Request-Id"
        );
        assert_eq!(
            display_name(Version::HTTP_2, "X-Request-Id"),
            "x-request-id"
        );
    }
}
