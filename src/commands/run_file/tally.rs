//! How a run of a file went so far, and the lines that say so: a skipped request, a flaky
//! one, the closing summary.

use super::parse::Request;
use super::plan::Plan;
use crate::error::{Exit, Outcome};
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
    /// The captures (`# @capture NAME`) of the requests that failed or were skipped, with
    /// what to say of a request that uses one.
    pub failed_captures: Vec<(String, String)>,
    /// The imported requests sent because a request used them (`# @import`).
    pub imported: usize,
    pub worst: Exit,
    /// Under -q, the one line that explains the exit code, said at the end.
    pub explained: Option<String>,
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
    /// by NAME`), which failed or was skipped.
    pub fn skip(&mut self, request: &Request, uses: &str, file: &str, printer: &mut Printer) {
        self.skipped += 1;
        self.failed.extend(request.name.clone());
        let skipped = self
            .passed_over
            .iter()
            .any(|n| uses.ends_with(&format!("'{n}'")));
        let how = if skipped { "was skipped" } else { "failed" };
        self.passed_over.extend(request.name.clone());
        self.not_captured(request);
        let what = what(request);
        let line = request.line();
        printer.note(&format!(
            "{file}:{line}: skipped {what}: it uses {uses}, which {how}"
        ));
    }

    /// The request failed or was skipped: its captures are not there for later requests.
    pub fn not_captured(&mut self, request: &Request) {
        for capture in &request.directives.captures {
            let uses = format!("{{{{{}}}}}, captured by '{}'", capture.name, what(request));
            self.failed_captures.push((capture.name.clone(), uses));
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

    /// `hit: FILE: N requests: N passed, N failed, N skipped[, N not sent]`, when one
    /// failed; `total` is the number planned.
    pub fn summary(&self, file: &str, total: usize, printer: &mut Printer) {
        if self.failures == 0 && self.skipped == 0 {
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
            "{file}: {total} {noun}: {passed} passed, {} failed, {} skipped{rest}",
            self.failures, self.skipped
        ));
    }
}
