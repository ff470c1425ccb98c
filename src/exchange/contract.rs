//! A request and its response held to their contract (`hit @PROFILE/OPERATION`, `--strict`,
//! `--validate`, `# @validate`): the request's problems said before it goes, the
//! response's reported as failed checks (`hit: contract: …`, exit 1).

use anyhow::Result;

use super::Kept;
use crate::error::{HitError, usage};
use crate::http::PreparedRequest;
use crate::output::Printer;
use crate::settings::Settings;

/// Says what the request breaks, a line each; with `--strict`, stops it before it goes.
pub(super) fn check_request(
    settings: &Settings,
    prepared: &PreparedRequest,
    printer: &mut Printer,
) -> Result<()> {
    let Some(held) = &settings.learn.contract else {
        return Ok(());
    };
    let problems = held.contract.check_request(prepared);
    for problem in &problems {
        printer.note(&format!("spec: {problem}"));
    }
    if held.validate && settings.paginate.is_some() {
        printer.warning(
            "--validate checks a single response: with --paginate, the pages are not checked",
        );
    }
    if held.strict && !problems.is_empty() {
        let count = match problems.len() {
            1 => "a problem".to_string(),
            n => format!("{n} problems"),
        };
        return Err(usage(format!(
            "--strict: the request breaks {} ({count} above); nothing was sent",
            held.contract.name()
        )));
    }
    Ok(())
}

/// Whether the response is to be checked (its body is then kept while it is delivered).
pub(super) fn validates(settings: &Settings) -> bool {
    settings.learn.contract.as_ref().is_some_and(|c| c.validate)
}

/// The delivery's outcome with the response's problems added as failed checks. An error
/// other than failed checks (the body broke off) says more, and stays.
pub(super) fn checked<T>(settings: &Settings, kept: &Kept, outcome: Result<T>) -> Result<T> {
    let Some(held) = settings.learn.contract.as_ref().filter(|c| c.validate) else {
        return outcome;
    };
    let Some(status) = kept.status else {
        return outcome;
    };
    let problems: Vec<String> = match &kept.body {
        Some(body) => held
            .contract
            .check_response(status.as_u16(), &kept.headers, body),
        None => vec![format!(
            "the body was not checked: it is larger than the {} MB hit keeps",
            super::KEPT_BODY_LIMIT >> 20
        )],
    };
    if problems.is_empty() {
        return outcome;
    }
    let mut lines: Vec<String> = problems.iter().map(|p| format!("contract: {p}")).collect();
    match outcome {
        Ok(_) => Err(HitError::Check(lines).into()),
        Err(err) => match err.downcast::<HitError>() {
            Ok(HitError::Check(mut failed)) => {
                failed.append(&mut lines);
                Err(HitError::Check(failed).into())
            }
            Ok(other) => Err(other.into()),
            Err(err) => Err(err),
        },
    }
}
