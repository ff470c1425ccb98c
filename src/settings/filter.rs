//! `--jq`, `--raw-output`, `--check`, `--arg` and `--argjson`, compiled before anything is
//! sent: a filter that does not parse is a usage error, and the server sees nothing.

use std::sync::Arc;

use anyhow::Result;

use crate::cli::FilterArgs;
use crate::error::usage;
use crate::jq::{Arg, Check, Program};

/// What runs over the JSON body after the exchange.
#[derive(Default)]
pub struct FilterSettings {
    /// `--jq`: its results are printed instead of the body.
    pub program: Option<Program>,
    /// `--raw-output`: strings without quotes.
    pub raw: bool,
    /// `--check`, in the order given.
    pub checks: Vec<Check>,
}

impl FilterSettings {
    /// What the filter thread runs.
    #[cfg(feature = "jq")]
    pub fn filters(&self) -> crate::jq::Filters<'_> {
        crate::jq::Filters {
            program: self.program.as_ref(),
            raw: self.raw,
            checks: &self.checks,
        }
    }

    /// Whether a check names `$__status`: then the checks decide the exit code, whatever
    /// the status, as with `--ignore-status`.
    pub fn checks_decide(&self) -> bool {
        self.checks.iter().any(Check::names_status)
    }
}

impl std::fmt::Debug for FilterSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FilterSettings")
            .field("jq", &self.program.is_some())
            .field("raw", &self.raw)
            .field("checks", &self.checks.len())
            .finish()
    }
}

/// `--arg` and `--argjson`, for every jq expression of the command line.
pub(super) fn variables(args: &FilterArgs) -> Result<Vec<(String, Arg)>> {
    let strings = args
        .arg
        .chunks(2)
        .map(|p| (p[0].clone(), Arg::Str(p[1].clone())));
    let values = args
        .argjson
        .chunks(2)
        .map(|p| (p[0].clone(), Arg::Json(p[1].clone())));
    for pair in args.argjson.chunks(2) {
        crate::jq::check_argjson(&pair[0], &pair[1])?;
    }
    Ok(strings.chain(values).collect())
}

/// The compiled filter and checks; `None` when neither is asked for. Shared with the
/// filter's thread.
pub(super) fn filter_settings(
    args: &FilterArgs,
    until: bool,
) -> Result<Option<Arc<FilterSettings>>> {
    if args.jq.is_none() && args.check.is_empty() {
        if let Some(name) = args.arg.first().or(args.argjson.first()).filter(|_| !until) {
            return Err(usage(format!(
                "--arg/--argjson {name}: variables are for --jq, --check and --until, and none \
                 is given"
            )));
        }
        return Ok(None);
    }
    let vars = variables(args)?;
    let compile_error = |err: anyhow::Error| usage(format!("{err:#}"));
    let program = match &args.jq {
        Some(code) => Some(Program::compile(code, &vars).map_err(compile_error)?),
        None => None,
    };
    let checks = args
        .check
        .iter()
        .map(|expr| Check::compile(expr, &vars).map_err(compile_error))
        .collect::<Result<_>>()?;
    Ok(Some(Arc::new(FilterSettings {
        program,
        raw: args.raw_output,
        checks,
    })))
}
