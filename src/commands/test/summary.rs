//! What `hit test` says: a block per file as it finishes (whole, so that files running at
//! once never interleave), and the closing summary.

use std::fmt::Write as _;

use super::report::{Counts, FileRun, Suite, Verdict};
use crate::http::duration;
use crate::output::Palette;

/// Colours, when stdout has them: the status colours of the response head (a pass as a 2xx,
/// a failure as a 5xx) and its dim notes.
pub struct Paint {
    pub palette: Option<Palette>,
}

impl Paint {
    fn paint(&self, pick: impl Fn(&Palette) -> &(String, String), text: &str) -> String {
        match &self.palette {
            Some(palette) => {
                let (on, off) = pick(palette);
                format!("{on}{text}{off}")
            }
            None => text.to_string(),
        }
    }

    fn pass(&self, text: &str) -> String {
        self.paint(|p| p.status(200), text)
    }

    fn fail(&self, text: &str) -> String {
        self.paint(|p| p.status(500), text)
    }

    fn dim(&self, text: &str) -> String {
        self.paint(|p| &p.dim, text)
    }
}

/// `PASS api.http  12 requests, 20 checks  340ms`, or `FAIL …` with a line under it for
/// each request that failed or was skipped: `FILE:LINE: NAME (METHOD URL): WHY`.
pub fn file_block(file: &FileRun, paint: &Paint) -> String {
    let counts = file.counts();
    let failed = counts.failed > 0;
    let word = if failed {
        paint.fail("FAIL")
    } else {
        paint.pass("PASS")
    };
    let mut block = format!(
        "{word} {}  {}  {}\n",
        file.title(),
        file_counts(&counts),
        paint.dim(&duration::human(file.duration))
    );
    for case in &file.cases {
        let place = format!("{}:{}", case.file, case.line);
        let what = if case.name == format!("{} {}", case.method, case.url) {
            case.name.clone()
        } else {
            format!("{} ({} {})", case.name, case.method, case.url)
        };
        match &case.verdict {
            Verdict::Passed if case.flaky => {
                let _ = writeln!(
                    block,
                    "  {place}: {what}: passed after {} attempts (flaky)",
                    case.attempts
                );
            }
            Verdict::Passed => {}
            Verdict::Failed { reason } => {
                let _ = writeln!(block, "  {place}: {what}: {reason}");
            }
            Verdict::Skipped { reason } => {
                let _ = writeln!(block, "  {}", paint.dim(&format!("{place}: {reason}")));
            }
        }
    }
    block
}

/// `12 requests, 20 checks` when all passed, else `5 requests: 4 passed, 1 failed`.
fn file_counts(counts: &Counts) -> String {
    let requests = plural(counts.requests, "request");
    if counts.failed == 0 && counts.skipped == 0 {
        return match counts.checks {
            0 => requests,
            n => format!("{requests}, {}", plural(n, "check")),
        };
    }
    let mut text = format!(
        "{requests}: {} passed, {} failed",
        counts.passed, counts.failed
    );
    if counts.skipped > 0 {
        let _ = write!(text, ", {} skipped", counts.skipped);
    }
    text
}

/// `3 files, 40 requests: 38 passed (1 flaky), 1 failed, 1 skipped; 52 checks, 1 failed
/// in 1.2s`.
pub fn summary(suite: &Suite, paint: &Paint) -> String {
    let counts = suite.counts();
    let mut text = String::new();
    if suite.interrupted {
        text.push_str(&paint.fail("interrupted: "));
    }
    let _ = write!(
        text,
        "{}, {}: {} passed",
        plural(counts.files, "file"),
        plural(counts.requests, "request"),
        counts.passed
    );
    if counts.flaky > 0 {
        let _ = write!(text, " ({} flaky)", counts.flaky);
    }
    let failed = format!("{} failed", counts.failed);
    let failed = if counts.failed > 0 {
        paint.fail(&failed)
    } else {
        failed
    };
    let _ = write!(text, ", {failed}, {} skipped", counts.skipped);
    if counts.checks > 0 {
        let _ = write!(
            text,
            "; {}, {} failed",
            plural(counts.checks, "check"),
            counts.checks_failed
        );
    }
    let _ = writeln!(text, " in {}", duration::human(suite.duration));
    text
}

fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}
