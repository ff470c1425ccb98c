//! The `H` and `B` sections: the request as sent, read from the one `PreparedRequest`.

use anyhow::Result;
use reqwest::Version;

use super::{Printer, redact};
use crate::http::{Multipart, Part, PreparedRequest, RequestBody, version_name};

/// Fields that belong to an HTTP/1.1 connection.
const CONNECTION_FIELDS: &[&str] = &[
    "connection",
    "keep-alive",
    "proxy-connection",
    "transfer-encoding",
    "upgrade",
];

impl Printer {
    /// What is hidden of what is shown from here on: each request of a `.http` file hides
    /// its own values.
    pub fn set_redaction(&mut self, redaction: &crate::settings::Redaction) {
        self.redaction = redaction.clone();
    }

    /// Prints the `H` and `B` sections of a request. `version` is the HTTP version the
    /// connection uses, `None` when it never became known (the request failed before a
    /// response): the request line then claims none.
    pub fn request(&mut self, request: &PreparedRequest, version: Option<Version>) -> Result<()> {
        self.sending = None;
        self.trace_request(request, version)?;
        if std::mem::take(&mut self.chosen_method) {
            self.chosen_method_line(request)?;
        }
        if self.sections.request_headers {
            self.request_head(request, version)?;
        }
        if self.sections.request_body {
            self.request_body(request)?;
        }
        Ok(())
    }

    /// `POST /products`, dimmed: the method data items chose, said once (a retry or a
    /// redirect does not repeat it).
    fn chosen_method_line(&mut self, request: &PreparedRequest) -> Result<()> {
        let target = redact::values(&self.redaction, &request.target()).into_owned();
        self.painted(|p| &p.dim, &format!("{} {target}", request.method))?;
        self.write(b"\n")
    }

    /// A request is being sent whose version is not known yet: it is printed with the
    /// response, or without a version if Ctrl-C comes first.
    pub fn sending(&mut self, request: &PreparedRequest) {
        if self.sections.request_headers || self.sections.request_body {
            self.sending = Some(request.clone());
        }
    }

    /// `--offline`: the request as it would go on the wire over HTTP/1.1, body included.
    pub fn offline(&mut self, request: &PreparedRequest) -> Result<()> {
        self.request_head(request, Some(Version::HTTP_11))?;
        // The bytes as they go, not reformatted (a terminal still gets control characters
        // shown safely).
        self.format = false;
        self.request_body(request)
    }

    /// `--curl`: the command on stdout, and on stderr the shell variables it reads.
    pub fn curl(&mut self, export: &super::curl::Export) -> Result<()> {
        self.write(export.command.as_bytes())?;
        self.write(b"\n")?;
        if let Some(variables) = &export.variables {
            self.note(variables);
        }
        Ok(())
    }

    pub(super) fn request_head(
        &mut self,
        request: &PreparedRequest,
        version: Option<Version>,
    ) -> Result<()> {
        self.painted(|p| &p.method, request.method.as_str())?;
        self.write(b" ")?;
        let target = request.target();
        self.painted(|p| &p.url, &redact::values(&self.redaction, &target))?;
        if let Some(version) = version {
            self.write(b" ")?;
            self.painted(|p| &p.version, version_name(version))?;
        }
        self.write(b"\n")?;
        let version = version.unwrap_or_default();
        let h2 = matches!(version, Version::HTTP_2 | Version::HTTP_3);
        for (name, value) in request.headers.iter() {
            // HTTP/2 has no connection-specific fields (RFC 9113 §8.2.2): they are not sent.
            if h2
                && CONNECTION_FIELDS
                    .iter()
                    .any(|f| name.eq_ignore_ascii_case(f))
            {
                continue;
            }
            let shown = redact::header(&self.redaction, name, value.as_bytes());
            let value = shown.as_deref().unwrap_or(value);
            self.header_line(version, name, value.as_bytes(), false)?;
        }
        self.write(b"\n")
    }

    pub(super) fn request_body(&mut self, request: &PreparedRequest) -> Result<()> {
        let summary = match &request.body {
            RequestBody::Empty => return Ok(()),
            RequestBody::Bytes(bytes) => {
                let content_type = request.headers.get("content-type");
                let bytes = redact::values_in(&self.redaction, bytes);
                let ended_line = self.whole_body(&bytes, content_type)?;
                // A blank line between the request and the response.
                return self.write(if ended_line { b"\n" } else { b"\n\n" });
            }
            RequestBody::File { path, len } => {
                format!("({len} bytes streamed from '{}')", path.display())
            }
            RequestBody::Stdin(stdin) => match stdin.len {
                Some(len) => format!("({len} bytes streamed from stdin)"),
                None => "(streamed from stdin)".to_string(),
            },
            RequestBody::Multipart(form) => {
                let shown = multipart_shown(form);
                let shown = redact::values_in(&self.redaction, &shown).into_owned();
                let ended_line = self.whole_body(&shown, Some("multipart/form-data"))?;
                return self.write(if ended_line { b"\n" } else { b"\n\n" });
            }
        };
        self.painted(|p| &p.notice, &summary)?;
        self.write(b"\n\n")
    }
}

/// A multipart body as it is sent, with each file's content replaced by one line naming the
/// file and its size (it is streamed from disk when the request goes).
fn multipart_shown(form: &Multipart) -> Vec<u8> {
    let mut shown = Vec::new();
    for part in &form.parts {
        shown.extend(form.head(part));
        match part {
            Part::Text { value, .. } => shown.extend(value.as_bytes()),
            Part::File { path, len, .. } => {
                let line = format!("({len} bytes from '{}')", path.display());
                shown.extend(line.as_bytes());
            }
        }
        shown.extend(Multipart::PART_END);
    }
    shown.extend(form.tail());
    shown
}
