//! What a run does with a response once it is delivered: `# @expect-status` compares its
//! status, `>> ./file` saves it, the handler scripts run and `# @capture` takes its values;
//! and what `hit test` reports of the captures.

use std::collections::HashMap;

use anyhow::Result;

use super::parse::{self, Request};
use super::plan::{self, Plan};
use super::runner::Run;
use super::{capture, failure, record, saved, script};
use crate::commands::test::report::Case;
use crate::error::{self, Exit, usage};
use crate::exchange::Kept;
use crate::output::{self, Printer};
use crate::settings::Redaction;

/// How a request went, for its case: its result, exit code, response and time.
pub(super) type Ended<'r> = (
    &'r Result<Option<error::Outcome>>,
    Exit,
    Option<&'r Kept>,
    std::time::Duration,
);

impl Run<'_> {
    /// The request as a case of `hit test`'s reports: its checks, the script tests that
    /// passed, its captures, and the exchange with what it revealed hidden (a secret this
    /// response gave is hidden in its own excerpt too).
    pub(super) fn case(
        &self,
        plan: &Plan<'_>,
        request: &Request,
        named: &mut failure::Named,
        (result, code, response, took): Ended<'_>,
    ) -> Case {
        let passed = self.scripts.borrow_mut().take_passed();
        for (_, value) in self.captured(plan, request, None) {
            named.redaction.hide(&value);
        }
        let file = plan.file_name();
        let mut case = record::case(file, request, named, result, code, response, took);
        record::passed_tests(&mut case, passed);
        case.captures = self.captured(plan, request, Some(&named.redaction));
        case
    }

    /// What the file does with the response once it is delivered: `# @expect-status`
    /// compares its status, `>> ./file` saves it, the handler scripts run, `# @capture`
    /// takes its values (from a response that passed).
    pub(super) async fn settle(
        &self,
        plan: &Plan<'_>,
        request: &Request,
        response: Option<&Kept>,
        result: Result<Option<error::Outcome>>,
        kept: &HashMap<String, Kept>,
        printer: &mut Printer,
    ) -> Result<Option<error::Outcome>> {
        let mut result = expected(request, response, result);
        if let (Ok(Some(_)), Some(save), Some(response)) = (&result, &request.save, response) {
            result = self
                .save(plan, request, save, response)
                .map(|()| result.unwrap());
        }
        let shown = || script::shown(plan, request, kept);
        result = self
            .scripts
            .borrow_mut()
            .after(request, shown, response, result, printer);
        if passed(request, &result) {
            result = capture::take(plan, request, response, result, printer).await;
        }
        result
    }

    /// `>> ./file`: the response body written beside the `.http` file.
    fn save(
        &self,
        plan: &Plan<'_>,
        request: &Request,
        save: &parse::Save,
        response: &Kept,
    ) -> Result<()> {
        let at = |why: String| usage(format!("{}:{}: {why}", plan.file_name(), save.path.line));
        let path = plan.fill(
            &save.path,
            &plan::KeptResponses(&HashMap::new(), false),
            &mut Vec::new(),
        )?;
        let body = response.body.as_deref().ok_or_else(|| {
            at(format!(
                "the response of {} was not kept to save to '{path}' (it is larger than {} MiB)",
                request.method,
                crate::exchange::KEPT_BODY_LIMIT >> 20
            ))
        })?;
        saved::write(&plan.body_file(&path), save.overwrite, body)
            .map_err(|err| at(format!("{err:#}")))?;
        Ok(())
    }

    /// The request's `# @capture` values for `hit test`'s reports, shown through
    /// `redaction` with the secret ones hidden; without it, only the secret ones, as they
    /// are.
    pub(super) fn captured(
        &self,
        plan: &Plan<'_>,
        request: &Request,
        redaction: Option<&Redaction>,
    ) -> Vec<(String, String)> {
        let captured = plan.captured.borrow();
        let shown = |name: &String| {
            let value = captured.get(name)?;
            let secret = self.secrets.contains(name);
            Some(match redaction {
                Some(_) if secret => "••••".to_string(),
                Some(redaction) => output::redact::values(redaction, value).into_owned(),
                None if secret => value.clone(),
                None => return None,
            })
        };
        let captures = request.directives.captures.iter();
        captures
            .filter_map(|c| Some((c.name.clone(), shown(&c.name)?)))
            .collect()
    }
}

/// Whether the request passed: no error, and a status that does not fail it (under
/// `# @no-redirect` the redirect is the response the file asked for).
pub(super) fn passed(request: &Request, result: &Result<Option<error::Outcome>>) -> bool {
    match error::exit_code(result) {
        Exit::Success => true,
        Exit::Redirect => request.no_redirect,
        _ => false,
    }
}

/// Whether the request's own response is needed after it is delivered: to save it, for
/// its handler scripts, for its captures, or for the status `# @expect-status` compares.
pub(super) fn needs_response(request: &Request) -> bool {
    request.save.is_some()
        || !request.scripts.handlers.is_empty()
        || !request.directives.captures.is_empty()
        || request.directives.expect_status.is_some()
}

/// `# @expect-status N`: a response with another status fails the request, as a failed
/// check does, beside its own checks' failures.
fn expected(
    request: &Request,
    response: Option<&Kept>,
    result: Result<Option<error::Outcome>>,
) -> Result<Option<error::Outcome>> {
    let (Some(expected), Some(status)) = (
        request.directives.expect_status,
        response.and_then(|k| k.status),
    ) else {
        return result;
    };
    if status.as_u16() == expected {
        return result;
    }
    let line = format!("status {status}, expected {expected} (# @expect-status)");
    match result {
        Ok(_) => Err(error::HitError::Check(vec![line]).into()),
        Err(err) => match err.downcast::<error::HitError>() {
            Ok(error::HitError::Check(mut lines)) => {
                lines.insert(0, line);
                Err(error::HitError::Check(lines).into())
            }
            Ok(other) => Err(other.into()),
            Err(err) => Err(err),
        },
    }
}
