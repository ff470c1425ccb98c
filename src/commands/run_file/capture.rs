//! `# @capture NAME JQ`: a variable taken from a response body with jq (the cargo feature
//! `jq`; a build without it refuses the directive when it reads the file). The program is
//! compiled when the file is checked and runs on a filter thread, within the request's
//! `-m` (`exchange::capture`).

use std::sync::Arc;

use anyhow::Result;

use super::directives::Capture;
use super::parse::Request;
use super::plan::Plan;
use crate::error::{Outcome, usage};
use crate::exchange::Kept;
use crate::output::Printer;

/// How the capture's messages start: `api.http:4: @capture token .token`.
fn label(plan: &Plan<'_>, capture: &Capture) -> String {
    let (line, text) = (capture.jq.line, &capture.jq.text);
    format!(
        "{}:{line}: @capture {} {text}",
        plan.file_name(),
        capture.name
    )
}

/// CAPTURE's program, compiled once for the plan: when the file is checked, so that a bad
/// expression is refused before anything is sent.
pub fn program(plan: &Plan<'_>, capture: &Capture) -> Result<Arc<crate::jq::Capture>> {
    let line = capture.jq.line;
    if let Some(program) = plan.capture_programs.borrow().get(&line) {
        return Ok(program.clone());
    }
    let program = crate::jq::Capture::compile(&label(plan, capture), &capture.jq.text)
        .map_err(|err| usage(format!("{}:{line}: {err:#}", plan.file_name())))?;
    let program = Arc::new(program);
    plan.capture_programs
        .borrow_mut()
        .insert(line, program.clone());
    Ok(program)
}

/// `# @capture NAME JQ`: each capture of a request that passed, taken from its response
/// into the run's variables; one that cannot be taken fails the request, naming it. Under
/// `--offline` and `--curl` (no response) the placeholder stands for the value.
pub async fn take(
    plan: &Plan<'_>,
    request: &Request,
    response: Option<&Kept>,
    result: Result<Option<Outcome>>,
    printer: &mut Printer,
) -> Result<Option<Outcome>> {
    let Ok(outcome) = result else {
        return result;
    };
    for capture in &request.directives.captures {
        let label = label(plan, capture);
        let value = match (outcome, response) {
            (Some(_), Some(response)) => {
                let program = program(plan, capture)?;
                crate::exchange::capture(&program, response, &label, printer).await?
            }
            _ => Ok(format!("{{{{{}}}}}", capture.name)),
        };
        let value = value.map_err(|why| anyhow::anyhow!("{label}: {why}"))?;
        plan.captured
            .borrow_mut()
            .insert(capture.name.clone(), value);
    }
    Ok(outcome)
}
