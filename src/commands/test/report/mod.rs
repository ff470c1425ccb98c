//! What a `hit test` run found, as data, and the reports written from it (JUnit, TAP 14,
//! JSON, HTML). Everything here is already redacted: credentials, `# @secret` values and
//! values from the environment never reach the model, so no writer has to think about them.

use std::time::{Duration, SystemTime};

mod html;
mod json;
mod junit;
mod tap;
mod target;
mod text;

#[cfg(test)]
mod fixture;

pub use target::{ReportTarget, check_writable, write};

/// One `hit test` run.
#[derive(Debug, Clone)]
pub struct Suite {
    pub started: SystemTime,
    pub duration: Duration,
    /// Ctrl-C ended the run: the files that did not finish are left out or cut short.
    pub interrupted: bool,
    /// In the order the files were named or found (not the order they finished in).
    pub files: Vec<FileRun>,
}

/// One file's run (one per data row for a data-driven file).
#[derive(Debug, Clone)]
pub struct FileRun {
    /// The file as named on the command line or found under a directory.
    pub path: String,
    /// `row 3: user=ann` when the file ran once per row of a data file.
    pub row: Option<String>,
    pub cases: Vec<Case>,
    pub duration: Duration,
}

/// One request of a file, as a test case.
#[derive(Debug, Clone)]
pub struct Case {
    /// `# @name`, else the `###` title, else `METHOD URL` as written.
    pub name: String,
    pub method: String,
    /// As sent, filled in and redacted; as written when it was never filled in.
    pub url: String,
    /// The file the request is written in: the file run, or the one it imports the
    /// request from (`# @import`).
    pub file: String,
    /// The request's line in `file`.
    pub line: usize,
    pub verdict: Verdict,
    /// Every check and script test, in the order they ran.
    pub checks: Vec<Check>,
    /// How many times it was sent: more than 1 under `# @retry`.
    pub attempts: u32,
    /// Passed only after a failed attempt.
    pub flaky: bool,
    pub timing: Timing,
    /// What went over the wire, for reports; `None` when nothing was sent.
    pub exchange: Option<Exchange>,
    /// `# @capture NAME JQ` values, secret ones hidden.
    pub captures: Vec<(String, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Passed,
    /// `reason` is one line: the status, the failed check with the actual value, or the
    /// connection error.
    Failed {
        reason: String,
    },
    /// Not sent: `reason` says why (it uses a failed request's response, `--fail-fast`).
    Skipped {
        reason: String,
    },
}

/// One check (`# @check`, `$__status`…) or script test (`client.test`/`client.assert`).
#[derive(Debug, Clone)]
pub struct Check {
    pub name: String,
    pub passed: bool,
    /// What was found instead, or the message, for a failed one.
    pub detail: Option<String>,
}

/// Time spent, as far as it was measured.
#[derive(Debug, Clone, Default)]
pub struct Timing {
    pub total: Duration,
    pub ttfb: Option<Duration>,
    pub dns: Option<Duration>,
    pub connect: Option<Duration>,
    pub tls: Option<Duration>,
}

/// The request and response heads and the start of their bodies.
#[derive(Debug, Clone, Default)]
pub struct Exchange {
    pub request_headers: Vec<(String, String)>,
    /// The start of the request body (as text, lossily), up to `EXCERPT` bytes.
    pub request_body: Option<String>,
    /// `HTTP/1.1`, `HTTP/2`.
    pub version: Option<String>,
    pub status: Option<u16>,
    pub reason: Option<String>,
    pub response_headers: Vec<(String, String)>,
    /// The start of the response body (as text, lossily), up to `EXCERPT` bytes.
    pub response_body: Option<String>,
    /// The body was longer than the excerpt.
    pub response_body_cut: bool,
    /// The response's request ID (`X-Request-Id` and kin), for finding it in server logs.
    pub request_id: Option<String>,
}

/// How much of a body a report keeps.
pub const EXCERPT: usize = 2048;

/// The counts a summary and every report give.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub files: usize,
    pub requests: usize,
    pub passed: usize,
    pub failed: usize,
    pub skipped: usize,
    pub flaky: usize,
    pub checks: usize,
    pub checks_failed: usize,
}

impl Suite {
    pub fn counts(&self) -> Counts {
        // A data-driven file's runs are one file.
        let mut paths: Vec<&str> = self.files.iter().map(|f| f.path.as_str()).collect();
        paths.sort_unstable();
        paths.dedup();
        let mut counts = Counts {
            files: paths.len(),
            ..Counts::default()
        };
        for case in self.files.iter().flat_map(|file| &file.cases) {
            counts.add(case);
        }
        counts
    }
}

impl FileRun {
    pub fn counts(&self) -> Counts {
        let mut counts = Counts {
            files: 1,
            ..Counts::default()
        };
        for case in &self.cases {
            counts.add(case);
        }
        counts
    }

    /// `file.http` or `file.http [row 3: user=ann]`: a report's name for this run.
    pub fn title(&self) -> String {
        match &self.row {
            Some(row) => format!("{} [{row}]", self.path),
            None => self.path.clone(),
        }
    }
}

impl Counts {
    fn add(&mut self, case: &Case) {
        self.requests += 1;
        match case.verdict {
            Verdict::Passed => self.passed += 1,
            Verdict::Failed { .. } => self.failed += 1,
            Verdict::Skipped { .. } => self.skipped += 1,
        }
        self.flaky += usize::from(case.flaky);
        self.checks += case.checks.len();
        self.checks_failed += case.checks.iter().filter(|c| !c.passed).count();
    }
}
