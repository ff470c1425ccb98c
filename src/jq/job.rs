//! What the filter thread does with one JSON text: read it (several values in a row, as
//! jq reads them), run the program over each value, evaluate the checks, and hand on the
//! results and what the program wrote to stderr (`stderr`, `halt_error`) as they come.

use std::cell::RefCell;

use bytes::Bytes;
use jaq_core::{Cv, ValXs};
use jaq_json::Val;

use super::overflow;
use super::thread::{Abandoned, Output, Piece};
use super::value::{self, Json};
use super::{Check, Context, Data, Program, RunError};

/// The line that ends hit when the filter recurses past the end of its thread's stack.
pub const JQ_TOO_DEEP: &str =
    "hit: error: --jq: the filter recursed too deeply (it used up its 256 MiB stack)\n";
/// The same for a check.
pub const CHECK_TOO_DEEP: &str =
    "hit: error: --check: the expression recursed too deeply (it used up its 256 MiB stack)\n";

/// One JSON text to filter and check.
pub struct Job {
    pub text: Bytes,
    pub context: Context,
    /// Run the program and hand on its results.
    pub program: bool,
    /// Evaluate the checks.
    pub checks: bool,
}

/// How a job ended.
#[derive(Debug)]
pub struct Finished {
    /// Why the text could not be read (not JSON, nested too deep): nothing ran.
    pub unread: Option<RunError>,
    /// How the program ended (`Ok` when it did not run).
    pub program: Result<(), RunError>,
    /// The lines of the checks that failed, or what stopped them.
    pub checks: Result<Vec<String>, RunError>,
}

/// What the filter thread runs: the program and the checks, compiled.
pub struct Filters<'a> {
    pub program: Option<&'a Program>,
    /// `--raw-output`.
    pub raw: bool,
    pub checks: &'a [Check],
}

impl Filters<'_> {
    /// Runs JOB: the program over each value of the text, then the checks on each. An empty
    /// text gives the program nothing (as jq reads no value from empty input), and the
    /// checks null, so that `$__status == 204` can hold.
    pub fn run(&self, job: Job, out: &mut Output<Finished>) -> Finished {
        let values = match Json::sequence(&job.text) {
            Ok(values) => values,
            Err(err) => return Finished::unread(err),
        };
        let mut ended = Ok(());
        if let Some(program) = self.program.filter(|_| job.program) {
            overflow::report_as(JQ_TOO_DEEP);
            for json in &values {
                ended = run_program(program, json, &job.context, self.raw, out);
                if ended.is_err() {
                    break;
                }
            }
        }
        let checks = if job.checks {
            overflow::report_as(CHECK_TOO_DEEP);
            self.check(&values, &job.context)
        } else {
            Ok(Vec::new())
        };
        Finished {
            unread: None,
            program: ended,
            checks,
        }
    }

    fn check(&self, values: &[Json], context: &Context) -> Result<Vec<String>, RunError> {
        let null = Json::parse(b"null")?;
        let values = if values.is_empty() {
            std::slice::from_ref(&null)
        } else {
            values
        };
        let mut failed = Vec::new();
        for json in values {
            for check in self.checks {
                failed.extend(check.evaluate_json(json, context)?);
            }
        }
        Ok(failed)
    }
}

impl Finished {
    pub(super) fn unread(err: RunError) -> Finished {
        Finished {
            unread: Some(err),
            program: Ok(()),
            checks: Ok(Vec::new()),
        }
    }
}

/// The program over one value: each result handed on, after what the program wrote to
/// stderr before it.
fn run_program(
    program: &Program,
    json: &Json,
    context: &Context,
    raw: bool,
    out: &mut Output<Finished>,
) -> Result<(), RunError> {
    let abandoned = |Abandoned| std::io::Error::other(Abandoned);
    let ran = program.run_json(json, context, raw, &mut |bytes, text| {
        flush_stderr(out).map_err(abandoned)?;
        let piece = if text { Piece::Text } else { Piece::Json };
        out.write(piece, bytes).map_err(abandoned)
    });
    flush_stderr(out).map_err(abandoned)?;
    ran
}

thread_local! {
    /// What the filter wrote to stderr and is not handed on yet.
    static STDERR: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

pub(super) fn flush_stderr(out: &mut Output<Finished>) -> Result<(), Abandoned> {
    let written = STDERR.with(|s| std::mem::take(&mut *s.borrow_mut()));
    if written.is_empty() {
        return Ok(());
    }
    out.write(Piece::Stderr, &written)
}

/// jq's `stderr_empty` (under `stderr` and `halt_error`): writes the input to stderr, a
/// string as its text and anything else as compact JSON, and yields nothing. jaq's own
/// sends it to a logger that hit does not have.
fn stderr_empty(cv: Cv<'_, Data>) -> ValXs<'_, Val> {
    let mut text = Vec::new();
    value::write(&mut text, &cv.1, true);
    STDERR.with(|s| s.borrow_mut().extend_from_slice(&text));
    Box::new(std::iter::empty())
}

/// hit's native filters, in place of jaq's of the same name.
pub(super) fn funs() -> impl Iterator<Item = jaq_core::native::Fun<Data>> {
    let stderr: jaq_core::RunPtr<Data> = stderr_empty;
    let stderr = ("stderr_empty", jaq_core::native::v(0), stderr);
    [jaq_core::native::run::<Data>(stderr)].into_iter()
}

/// Whether jaq's native filter NAME is replaced by one of hit's.
pub(super) fn replaced(name: &str) -> bool {
    name == "stderr_empty"
}

/// jq 1.7's `halt_error`: a string is written as it is, anything else as JSON and a
/// newline; then the filter stops with the exit code (5 unless given).
pub(super) const DEFS: &str = r#"
def halt_error($exit_code): (if type == "string" then . else tojson + "\n" end | stderr_empty), halt($exit_code);
def halt_error: halt_error(5);
"#;
