//! `--check EXPR`: an expression that must yield `true`, and only `true`, at least once.
//!
//! A check is a boolean: a result that is not `true` or `false` fails the check whatever jq's
//! truthiness would say (`.status = "ok"`, a typo for `==`, yields an object), with the line
//! `check failed: .status = "ok" yielded an object, not true or false`. Null is not a boolean
//! either. With several results, each must be `true`; the first that is not decides the line.
//!
//! A failure is one line naming the expression and what it saw. When the expression is a
//! comparison at its top level (`LHS op RHS`), the line shows LHS's value:
//! `check failed: .status == "ok" (.status is "degraded")`; otherwise what the expression
//! yielded: `(it yielded false)`, `(it yielded null)`, `(it yielded nothing)`. The top level
//! is found on jaq's syntax tree, so a comparison inside parentheses, brackets, strings,
//! `if`, or under `|`, `and`, `or`, `,` or `//` does not count.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};

use crate::error::cut_to;
use jaq_json::Val;

use super::syntax;
use super::value::{self, Json};
use super::{Arg, Context, Program, RunError};

/// Checks compiled so far, by expression and variables: a `.http` suite repeats the same
/// checks (`$__status == 200`) over many requests, and each request compiles its own.
type Compiled = HashMap<(String, Vec<(String, Arg)>), (Arc<Program>, Option<String>)>;

static COMPILED: LazyLock<Mutex<Compiled>> = LazyLock::new(Mutex::default);

/// The most compiled checks kept; past it the cache starts again.
const COMPILED_KEPT: usize = 1024;

/// How much of a value a failure line shows.
const MAX_SHOWN: usize = 200;

/// A compiled `--check` expression.
#[derive(Clone)]
pub struct Check {
    text: String,
    program: Arc<Program>,
    /// The left-hand side of a top-level comparison, compiled only when the check fails
    /// (`hit test` compiles the checks of every request, and most pass).
    lhs: Option<String>,
    /// The variables, for compiling `lhs`.
    args: Vec<(String, Arg)>,
}

impl Check {
    /// Compiles EXPR as [`Program::compile`] does (messages start with "--check:").
    pub fn compile(expr: &str, args: &[(String, Arg)]) -> anyhow::Result<Check> {
        Check::compile_as("--check", expr, args)
    }

    /// [`Check::compile`] for another option's expression (`--until`): its messages start
    /// with `LABEL:`.
    pub fn compile_as(label: &str, expr: &str, args: &[(String, Arg)]) -> anyhow::Result<Check> {
        let key = (expr.to_string(), args.to_vec());
        let cached = COMPILED
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&key)
            .cloned();
        let (program, lhs) = match cached {
            Some(compiled) => compiled,
            None => {
                let program = Arc::new(Program::compile_as(label, expr, args)?);
                let lhs = syntax::comparison_lhs(expr).map(str::to_string);
                let mut compiled = COMPILED.lock().unwrap_or_else(|e| e.into_inner());
                if compiled.len() >= COMPILED_KEPT {
                    compiled.clear();
                }
                compiled.insert(key, (program.clone(), lhs.clone()));
                (program, lhs)
            }
        };
        Ok(Check {
            text: expr.trim().to_string(),
            program,
            lhs,
            args: args.to_vec(),
        })
    }

    /// Whether both were compiled once (the cache of compiled checks).
    #[cfg(test)]
    pub fn shares_program_with(&self, other: &Check) -> bool {
        Arc::ptr_eq(&self.program, &other.program)
    }

    /// [`Check::evaluate_json`] over a JSON text.
    #[cfg(test)]
    pub fn evaluate(&self, input: &[u8], ctx: &Context) -> Result<Option<String>, RunError> {
        self.evaluate_json(&Json::parse(input)?, ctx)
    }

    /// Evaluates the check on one parsed JSON input: `None` when it passes, else the failure line
    /// (without "hit: "). A run-time error in the expression is a failure, its line
    /// giving jaq's message: `check failed: .a.b == 1 (error: cannot index 1 with "b")`.
    pub fn evaluate_json(&self, input: &Json, ctx: &Context) -> Result<Option<String>, RunError> {
        let (mut seen, mut failing) = (false, None);
        let run = self.program.each(input, ctx, &mut |v| {
            seen = true;
            if matches!(v, Val::Bool(true)) {
                return Ok(true);
            }
            failing = Some(v);
            Ok(false)
        });
        let detail = match (run, failing) {
            (Err(RunError::Filter(msg)), _) => format!("error: {msg}"),
            (Err(e), _) => return Err(e),
            (Ok(()), None) if seen => return Ok(None),
            (Ok(()), Some(v)) if !matches!(v, Val::Bool(_)) => {
                let text = &self.text;
                let kind = value::kind(&v);
                return Ok(Some(format!(
                    "check failed: {text} yielded {kind}, not true or false"
                )));
            }
            (Ok(()), failing) => self.detail(input, ctx, failing.as_ref())?,
        };
        Ok(Some(format!("check failed: {} ({detail})", self.text)))
    }

    /// Whether the expression names `$__status`: then its checks decide the exit code,
    /// not a 4xx/5xx status.
    pub fn names_status(&self) -> bool {
        syntax::names_variable(&self.text, "$__status")
    }

    /// The expression as given (trimmed).
    pub fn text(&self) -> &str {
        &self.text
    }

    /// What the failed check saw: LHS's value for a comparison, else what it yielded.
    fn detail(
        &self,
        input: &Json,
        ctx: &Context,
        failing: Option<&Val>,
    ) -> Result<String, RunError> {
        // A left side that does not compile on its own shows what the whole yielded.
        let lhs = self.lhs.as_ref().and_then(|lhs| {
            let program = Program::compile_as("--check", lhs, &self.args).ok()?;
            Some((lhs, program))
        });
        if let Some((lhs, program)) = lhs {
            // Two values are enough to know the left side is not one value.
            let mut values = Vec::new();
            let run = program.each(input, ctx, &mut |v| {
                values.push(v);
                Ok(values.len() < 2)
            });
            match (run, &values[..]) {
                (Err(RunError::Filter(msg)), _) => return Ok(format!("{lhs} fails: {msg}")),
                (Err(e), _) => return Err(e),
                (Ok(()), [v]) => return Ok(format!("{lhs} is {}", shown(v))),
                (Ok(()), []) => return Ok(format!("{lhs} yields nothing")),
                // Several values: which one failed is the whole check's to say.
                (Ok(()), _) => {}
            }
        }
        Ok(match failing {
            Some(v) => format!("it yielded {}", shown(v)),
            None => "it yielded nothing".to_string(),
        })
    }
}

/// V as compact JSON, cut to [`MAX_SHOWN`] characters.
fn shown(v: &Val) -> String {
    let mut buf = Vec::new();
    value::write(&mut buf, v, false);
    cut_to(&String::from_utf8_lossy(&buf), MAX_SHOWN)
}
