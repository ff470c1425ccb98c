//! `# @capture NAME JQ`: a variable taken from a response body with jq (the cargo feature
//! `jq`; a build without it refuses the directive when it reads the file).

use anyhow::Result;

use super::parse::Request;
use super::plan::Plan;
use crate::error::Outcome;
use crate::exchange::Kept;

/// CODE compiled, to refuse a bad expression before anything is sent.
#[cfg(feature = "jq")]
pub fn compile(code: &str) -> anyhow::Result<()> {
    crate::jq::Program::compile_as("@capture", code, &[]).map(|_| ())
}

#[cfg(not(feature = "jq"))]
pub fn compile(_code: &str) -> anyhow::Result<()> {
    Ok(())
}

/// The value CODE takes from the kept response: a string as its bare text, anything else
/// as compact JSON. A response without a kept body, a body that is not JSON, an error, or
/// no result (or null) is the reason there is none.
#[cfg(feature = "jq")]
pub fn value(code: &str, kept: &Kept) -> Result<String, String> {
    let body = kept.body.as_deref().ok_or_else(|| {
        format!(
            "the body was not kept (it is larger than {} MiB)",
            crate::exchange::KEPT_BODY_LIMIT >> 20
        )
    })?;
    let headers = kept.headers.iter().map(|(name, value)| {
        let value = String::from_utf8_lossy(value.as_bytes()).into_owned();
        (name.as_str().to_string(), value)
    });
    let ctx = crate::jq::Context {
        status: kept.status.map_or(0, |s| s.as_u16()),
        headers: headers.collect(),
        url: String::new(),
        version: kept
            .version
            .map(|v| crate::http::version_name(v).to_string())
            .unwrap_or_default(),
        size: body.len() as u64,
        timing: kept.timing.unwrap_or_default(),
    };
    crate::jq::first_result(code, body, &ctx)?.ok_or_else(|| "it yielded nothing".to_string())
}

#[cfg(not(feature = "jq"))]
pub fn value(_code: &str, _kept: &Kept) -> Result<String, String> {
    Err("this build of hit was built without jq".to_string())
}

/// `# @capture NAME JQ`: each capture of a request that passed, taken from its response
/// into the run's variables; one that cannot be taken fails the request, naming it. Under
/// `--offline` and `--curl` (no response) the placeholder stands for the value.
pub fn take(
    plan: &Plan<'_>,
    request: &Request,
    response: Option<&Kept>,
    result: Result<Option<Outcome>>,
) -> Result<Option<Outcome>> {
    let captures = &request.directives.captures;
    let Ok(outcome) = result else {
        return result;
    };
    let mut captured = plan.captured.borrow_mut();
    for capture in captures {
        let value = match (outcome, response) {
            (Some(_), Some(response)) => value(&capture.jq.text, response),
            _ => Ok(format!("{{{{{}}}}}", capture.name)),
        };
        let value = value.map_err(|why| {
            anyhow::anyhow!(
                "{}:{}: @capture {} {}: {why}",
                plan.file_name(),
                capture.jq.line,
                capture.name,
                capture.jq.text
            )
        })?;
        captured.insert(capture.name.clone(), value);
    }
    Ok(outcome)
}
