//! How a run of a file went so far, and what is said of it: a skipped request, a flaky
//! one, the closing summary.

use std::collections::HashMap;

use super::parse::Request;
use super::plan::Plan;
use crate::error::{Exit, Outcome};
use crate::exchange::Kept;
use crate::http::duration;
use crate::output::Printer;

/// How the run went so far: the worst exit code, the requests that failed or were
/// skipped, and the counts for the summary.
#[derive(Default)]
pub struct Tally {
    pub failed: Vec<String>,
    /// The named requests among `failed` that were skipped rather than sent.
    pub passed_over: Vec<String>,
    pub skipped: usize,
    pub failures: usize,
    pub sent: usize,
    /// The imported requests sent because a request used them (`# @import`).
    pub imported: usize,
    pub worst: Exit,
    /// Under -q, the one line that explains the exit code, said at the end.
    pub explained: Option<String>,
    /// The responses later requests use, by request name.
    pub kept: HashMap<String, Kept>,
    /// The captures (`# @capture NAME`) of the requests that failed or were skipped, with
    /// what to say of a request that uses one.
    pub failed_captures: Vec<(String, String)>,
}

/// `NAME`, the `### title`, or `METHOD URL` as written: how a line names a request.
pub fn what(request: &Request) -> String {
    let what = request.name.as_ref().or(request.title.as_ref());
    what.map_or_else(
        || format!("{} {}", request.method, request.url.text),
        |name| name.clone(),
    )
}

impl Tally {
    /// A request not sent: it uses `uses` (`the response of 'NAME'`, `{{token}}, captured
    /// by 'NAME'`), which failed or was skipped. The reason, which `hit run` says.
    pub fn skip(&mut self, request: &Request, uses: &str) -> String {
        self.skipped += 1;
        self.failed.extend(request.name.clone());
        let skipped = self
            .passed_over
            .iter()
            .any(|n| uses.ends_with(&format!("'{n}'")));
        let how = if skipped { "was skipped" } else { "failed" };
        self.passed_over.extend(request.name.clone());
        self.not_captured(request);
        format!("skipped {}: it uses {uses}, which {how}", what(request))
    }

    /// A request sent, that ended with `code`.
    pub fn count(&mut self, request: &Request, code: Exit) {
        self.worst = self.worst.worse(code);
        self.sent += 1;
        if code == Exit::Success {
            self.captured(request);
        } else {
            self.failures += 1;
            self.failed.extend(request.name.clone());
            self.not_captured(request);
        }
    }

    /// What `request` uses that failed or was skipped: `the response of 'NAME'`, or
    /// `{{token}}, captured by 'NAME'`.
    pub fn failed_use(&self, plan: &Plan<'_>, request: &Request) -> Option<String> {
        let dependencies = plan.dependencies(request).into_iter();
        if let Some(failed) = dependencies.into_iter().find(|d| self.failed.contains(d)) {
            return Some(format!("the response of '{failed}'"));
        }
        let free = plan.free_variables(request).into_iter();
        free.filter_map(|v| self.failed_capture(&v)).next()
    }

    /// The request failed or was skipped: its captures are not there for later requests.
    pub fn not_captured(&mut self, request: &Request) {
        for capture in &request.directives.captures {
            let uses = format!("{{{{{}}}}}, captured by '{}'", capture.name, what(request));
            self.failed_captures.push((capture.name.clone(), uses));
        }
    }

    /// The request passed: its captures are there, whatever an earlier request did.
    fn captured(&mut self, request: &Request) {
        let captures = &request.directives.captures;
        let failed = &mut self.failed_captures;
        failed.retain(|(name, _)| captures.iter().all(|c| c.name != *name));
    }

    /// What to say of a request that uses the variable `name`, when the request that
    /// captures it failed or was skipped.
    pub fn failed_capture(&self, name: &str) -> Option<String> {
        let mut failed = self.failed_captures.iter();
        failed
            .find(|(n, _)| n == name)
            .map(|(_, uses)| uses.clone())
    }

    /// `FILE:LINE: NAME passed after N attempts (flaky)`, for a request that passed only
    /// after a retry (`# @retry`, `--retry`).
    pub fn flaky(file: &str, request: &Request, outcome: &Outcome, printer: &mut Printer) {
        if outcome.attempts > 1 {
            printer.note(&format!(
                "{file}:{}: {} passed after {} attempts (flaky)",
                request.line(),
                what(request),
                outcome.attempts
            ));
        }
    }

    /// `hit: FILE: N requests: N passed, N failed, N skipped[, N not sent] in TIME`, when
    /// one failed or on a terminal; `total` is the number planned.
    pub fn summary(
        &self,
        file: &str,
        total: usize,
        took: std::time::Duration,
        printer: &mut Printer,
        always: bool,
    ) {
        if self.failures == 0 && self.skipped == 0 && !always {
            return;
        }
        let passed = self.sent - self.failures;
        let not_sent = total.saturating_sub(self.sent + self.skipped);
        let rest = match not_sent {
            0 => String::new(),
            n => format!(", {n} not sent"),
        };
        let noun = if total == 1 { "request" } else { "requests" };
        printer.note(&format!(
            "{file}: {total} {noun}: {passed} passed, {} failed, {} skipped{rest} in {}",
            self.failures,
            self.skipped,
            duration::human(took)
        ));
    }
}
