//! The lines on stderr that say what a script should notice about a final status: the
//! failing status with its request ID, checks that did not run, an error page kept out of
//! a download.

use std::io::Write;

use reqwest::StatusCode;
use reqwest::header::LOCATION;

use super::{Printer, body, redact, request_id};
use crate::http::{ResponseHead, header_text};
use crate::settings::Redaction;

impl Printer {
    /// The stderr line for a response a script should notice (SPEC §5): 4xx/5xx, or a
    /// redirect that was not followed because `-L` was off, unless a terminal shows the
    /// response; with `--fail` a 4xx/5xx is reported on a terminal too, since its body is
    /// not shown. `-q` and `-sS` keep it; `-s` and `-qq` silence it.
    pub fn status_warning(&mut self, head: &ResponseHead, following: bool) {
        self.final_status = Some(describe_status(head));
        if !self.status_failures {
            return;
        }
        let sections = self.sections;
        let shown = self.terminal && (sections.response_headers || sections.response_body);
        let fail = self.fail;
        if let Some(line) = status_failure(head, following, shown, fail, &self.redaction) {
            let _ = self.out.flush();
            self.console.said(&format!("hit: warning: {line}"));
        }
    }

    /// Under the status line: the `--check`s given were not run, because the status
    /// decided the exit code first. It explains the exit code, so it is silenced as the
    /// status line is.
    pub fn checks_not_run(&mut self, count: usize, status: u16) {
        if !self.status_failures {
            return;
        }
        let checks = if count == 1 {
            "1 check".to_string()
        } else {
            format!("{count} checks")
        };
        let _ = self.out.flush();
        self.console.line(&format!(
            "hit: warning: {checks} not run: the {status} status decides the exit code \
             (--ignore-status, or a check on $__status, lets the checks decide)"
        ));
    }
}

impl Printer {
    /// An error page kept out of a download: its first bytes under the status line, made
    /// safe for a terminal, then what became of the file. Silenced with the warnings.
    pub fn withheld(&mut self, excerpt: &[u8], size: u64, file: &str) {
        if !self.console.says_notes() {
            return;
        }
        let _ = self.out.flush();
        let text = body::utf8_prefix(excerpt);
        for line in text.lines() {
            self.console.said(line);
        }
        let cut = if size > excerpt.len() as u64 {
            format!("the first {} of {size} bytes above; ", excerpt.len())
        } else {
            String::new()
        };
        self.note(&format!(
            "{file}: the body is the server's error page ({cut}--ignore-status saves it)"
        ));
    }
}

/// What a script should notice about a final status, if anything.
fn status_failure(
    head: &ResponseHead,
    following: bool,
    shown: bool,
    fail: bool,
    redaction: &Redaction,
) -> Option<String> {
    let (status, headers) = (head.status, &head.headers);
    if shown && !(fail && status.as_u16() >= 400) {
        return None;
    }
    if status == StatusCode::PROXY_AUTHENTICATION_REQUIRED {
        return Some(format!(
            "{}: the proxy asks for credentials; pass -U/--proxy-user USER:PASSWORD",
            describe_status(head)
        ));
    }
    if status.as_u16() >= 400 {
        return Some(describe_status(head));
    }
    if status.is_redirection() && status != StatusCode::NOT_MODIFIED && !following {
        let id = request_id(headers)
            .map(|(_, value)| format!(" (request id: {value})"))
            .unwrap_or_default();
        let location = header_text(headers, LOCATION)
            .map(|l| redact::url_text(redaction, &l).unwrap_or(l))
            .map(|l| format!(" to {l}"))
            .unwrap_or_default();
        return Some(format!(
            "{}{location}{id} was not followed (pass -L to follow redirects)",
            head.status_text()
        ));
    }
    None
}

/// A status with the request ID, for warnings: `503 Service Unavailable (request id: x)`.
pub fn describe_status(head: &ResponseHead) -> String {
    match request_id(&head.headers) {
        Some((_, id)) => format!("{} (request id: {id})", head.status_text()),
        None => head.status_text(),
    }
}
