//! The one line `hit run -q` keeps on stderr: the first request that gave the run its
//! exit code (with `--fail-fast`, the one that stopped the run), where it is in the file,
//! and why. Without `-q` each failure is reported as it happens; `-qq` drops this line too, as
//! HTTPie's `-qq` does.

use anyhow::Result;

use super::parse::Request;
use super::record::Sent;
use crate::error::{HitError, Outcome};
use crate::output::redact;
use crate::settings::Redaction;

/// A request as the line names it, and what the line must hide of it.
pub struct Named {
    /// `METHOD URL` as filled in (as written, when filling it failed).
    pub request: String,
    /// The request's own: a URL password, values from the environment.
    pub redaction: Redaction,
    /// The request as sent, for `hit test`'s reports.
    pub sent: Sent,
}

impl Named {
    /// Before it is filled in: as written in the file.
    pub fn written(request: &Request) -> Named {
        Named {
            request: format!("{} {}", request.method, request.url.text),
            redaction: Redaction::default(),
            sent: Sent::default(),
        }
    }
}

/// `FILE:LINE: NAME (METHOD URL): WHY`, or `None` when there is nothing to say. `status`
/// is the final response's status with its request ID, when it came to one.
pub fn line(
    file: &str,
    request: &Request,
    named: &Named,
    result: &Result<Option<Outcome>>,
    status: Option<String>,
) -> Option<String> {
    let line = match why(result, status)? {
        // A mistake in the file already names its place.
        Why::Placed(message) if message.starts_with(&format!("{file}:")) => message,
        Why::Placed(why) | Why::Said(why) => {
            let what = match request.name.as_ref().or(request.title.as_ref()) {
                Some(name) => format!("{name} ({})", named.request),
                None => named.request.clone(),
            };
            format!("{file}:{}: {what}: {why}", request.line())
        }
    };
    Some(redact::values(&named.redaction, &line).into_owned())
}

/// Why a request failed, in a few words: its failed checks, its error, or its status.
pub enum Why {
    Said(String),
    /// A usage error, which names its place when it is a mistake in the file.
    Placed(String),
}

impl Why {
    pub fn text(self) -> String {
        match self {
            Why::Said(text) | Why::Placed(text) => text,
        }
    }
}

/// Why the request failed; `None` when it did not, or there is nothing to say.
pub fn why(result: &Result<Option<Outcome>>, status: Option<String>) -> Option<Why> {
    Some(match result {
        Err(err) => match err.downcast_ref::<HitError>() {
            Some(HitError::Check(lines)) => Why::Said(lines.join("; ")),
            Some(HitError::Usage(message)) => Why::Placed(message.clone()),
            _ => Why::Said(format!("{err:#}").replace('\n', " ")),
        },
        Ok(_) => Why::Said(status?),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::Redaction;
    use reqwest::StatusCode;

    fn request(name: Option<&str>) -> Request {
        Request {
            name: name.map(str::to_owned),
            title: None,
            method: "GET".into(),
            url: super::super::parse::Text {
                text: "{{base}}/x".into(),
                line: 7,
            },
            headers: Vec::new(),
            body: Vec::new(),
            messages: Vec::new(),
            checks: Vec::new(),
            save: None,
            no_cookie_jar: false,
            no_redirect: false,
            scripts: Default::default(),
            directives: Default::default(),
        }
    }

    #[test]
    fn the_line_names_the_request_its_place_and_why() {
        let mut named = Named::written(&request(None));
        let status = Some("404 Not Found (request id: r1)".to_string());
        let outcome = Ok(Some(Outcome {
            status: StatusCode::NOT_FOUND,
            ignore_status: false,
            attempts: 1,
        }));
        let shown = line("api.http", &request(None), &named, &outcome, status.clone());
        assert_eq!(
            shown.as_deref(),
            Some("api.http:7: GET {{base}}/x: 404 Not Found (request id: r1)")
        );
        named.request = "GET http://h/t0k".into();
        named.redaction = Redaction::default();
        named.redaction.hide("t0k");
        let check = Err(HitError::Check(vec!["check failed: .a == 1 (.a is 2)".into()]).into());
        let shown = line("api.http", &request(Some("me")), &named, &check, None);
        assert_eq!(
            shown.as_deref(),
            Some("api.http:7: me (GET http://h/••••): check failed: .a == 1 (.a is 2)")
        );
        let usage = Err(HitError::Usage("api.http:7: bad item".into()).into());
        let shown = line("api.http", &request(None), &named, &usage, None);
        assert_eq!(shown.as_deref(), Some("api.http:7: bad item"));
        assert_eq!(
            line("api.http", &request(None), &named, &Ok(None), None),
            None
        );
    }
}
