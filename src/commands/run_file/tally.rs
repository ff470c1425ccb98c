//! How a run of a file went so far, and the lines that say so: a skipped request, a flaky
//! one, the closing summary.

use super::parse::Request;
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
    /// A request not sent: it uses the response of `failed`, which failed or was skipped.
    pub fn skip(&mut self, request: &Request, failed: &str, file: &str, printer: &mut Printer) {
        self.skipped += 1;
        self.failed.extend(request.name.clone());
        let how = if self.passed_over.iter().any(|n| n == failed) {
            "was skipped"
        } else {
            "failed"
        };
        self.passed_over.extend(request.name.clone());
        let what = what(request);
        let line = request.line();
        printer.note(&format!(
            "{file}:{line}: skipped {what}: it uses the response of '{failed}', which {how}"
        ));
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
