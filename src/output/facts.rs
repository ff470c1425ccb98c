//! What is known after an exchange, and the sections made from it: `m`, `-w` and
//! `--output-format json`, also for a request that got no response.

use std::time::Duration;

use anyhow::Result;
use reqwest::Method;
use reqwest::Url;

use super::{Printer, body, document, write_out};
use crate::http::duration::human;
use crate::http::timing::Timing;
use crate::http::{Headers, ResponseHead, version_name};
use crate::settings::Template;

/// What is known about a finished exchange: for `m`, `-w` and `--output-format json`.
pub struct Facts<'a> {
    pub method: &'a Method,
    /// The final URL, after redirects.
    pub url: &'a Url,
    pub request_headers: &'a Headers,
    pub response: &'a ResponseHead,
    /// The phases of the exchange, its total included.
    pub timing: Timing,
    /// Body bytes received.
    pub size: u64,
    pub redirects: u32,
    /// Attempts made, counting the first.
    pub attempts: u32,
    /// The file the body was saved to.
    pub saved_to: Option<&'a std::path::Path>,
}

/// A request that got no response, for `-w` and `--output-format json`.
pub struct Failure<'a> {
    pub request: &'a crate::http::PreparedRequest,
    /// `connect`, `timeout`, ... (`crate::error::kind`).
    pub kind: &'static str,
    pub message: String,
    pub exit_code: crate::error::Exit,
    pub total: Duration,
    /// Attempts made: 0 when the request could not be built, more after retries.
    pub attempts: u32,
}

/// The transfer rate: `bytes` over `took`, 0 when no time passed.
pub fn bytes_per_second(bytes: u64, took: Duration) -> f64 {
    let secs = took.as_secs_f64();
    if secs > 0.0 { bytes as f64 / secs } else { 0.0 }
}

impl Printer {
    /// Prints the `m` section.
    pub fn meta(&mut self, facts: &Facts) -> Result<()> {
        if !self.sections.meta {
            return Ok(());
        }
        let remote = facts
            .response
            .remote
            .map_or_else(|| "unknown".to_string(), |a| a.to_string());
        let rate = bytes_per_second(facts.size, facts.timing.total);
        let lines = [
            (
                "HTTP version",
                version_name(facts.response.version).to_string(),
            ),
            ("Remote address", remote),
            ("Attempts", facts.attempts.to_string()),
            ("Redirects", facts.redirects.to_string()),
            ("Time to first byte", human(facts.timing.ttfb)),
            ("Total time", human(facts.timing.total)),
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
        self.write_out_text(&write_out::render(template, facts))
    }

    fn write_out_text(&mut self, text: &str) -> Result<()> {
        if self.terminal {
            // Headers and URLs come from the server.
            return self.write(body::neutralised(text).as_bytes());
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
        let document = document::render(facts, body, omitted, &self.redaction);
        if !self.whole_body(&document, Some("application/json"))? {
            self.write(b"\n")?;
        }
        Ok(())
    }

    /// What `-w` and `--output-format json` print when no response came (curl's `-w`
    /// prints `000` for the status then).
    pub fn failure(
        &mut self,
        failure: &Failure,
        write_out: Option<&Template>,
        document: bool,
    ) -> Result<()> {
        if document
            && !self.whole_body(
                &document::render_failure(failure, &self.redaction),
                Some("application/json"),
            )?
        {
            self.write(b"\n")?;
        }
        if let Some(template) = write_out {
            self.write_out_text(&write_out::render_failure(template, failure))?;
        }
        self.finish()
    }
}
