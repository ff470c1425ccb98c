//! One run: build the request, send it (following redirects and retrying as allowed), print
//! the exchange, report the outcome.

use std::time::{Duration, Instant, SystemTime};

use anyhow::Result;
use reqwest::header::{LOCATION, RETRY_AFTER};

use crate::download;
use crate::error::{self, HitError, Outcome};
use crate::output::{self, Facts, Printer};
use crate::redirect::{self, shown};
use crate::request::{self, PreparedRequest};
use crate::retry::{self, Decision, Trigger};
use crate::settings::Settings;
use crate::transport::{Failed, Incoming, Transport};

pub async fn run(settings: Settings, printer: &mut Printer) -> Result<Outcome> {
    let mut prepared = request::prepare(&settings.request, printer).await?;
    let plan = match &settings.output.save {
        Some(save) => Some(download::Plan::new(save, &prepared.url)?),
        None => None,
    };
    if let Some(range) = plan.as_ref().and_then(download::Plan::range) {
        resume_headers(&mut prepared, range)?;
    }
    let transport = Transport::new(&settings.transport, &prepared, settings.output.progress)?;
    let started = Instant::now();
    let Exchange {
        mut incoming,
        request,
        time_to_first_byte,
        redirects,
        attempts,
    } = with_retries(&settings, &transport, &prepared, printer, started).await?;

    let options = &settings.output;
    let status = incoming.response.status();
    // `--fail`: the body of an error status is neither shown nor saved.
    let skip_body = options.fail
        && status.as_u16() >= 400
        && !plan.as_ref().is_some_and(|plan| plan.handles_error(status));
    if !options.document {
        printer.response_head(&incoming.response)?;
    }
    // For `--output-format json`: the body, or why it is not there.
    let mut kept = None;
    let mut omitted = None;
    let mut saved_to = None;
    let mut already_complete = false;
    let size = match &plan {
        _ if skip_body => {
            omitted = Some("--fail, and the status is an error".to_string());
            0
        }
        Some(plan) => {
            let saved = plan.save(&mut incoming, &request.method, printer).await?;
            if let Some(path) = &saved.path {
                omitted = Some(format!("saved to {}", path.display()));
            }
            saved_to = saved.path;
            already_complete = saved.already_complete;
            saved.size
        }
        None if options.document => {
            let (body, size) = incoming.read_up_to(output::DOCUMENT_BODY_LIMIT).await?;
            if body.is_none() {
                omitted = Some(format!(
                    "larger than {} MiB, the most a document embeds (-o FILE saves it)",
                    output::DOCUMENT_BODY_LIMIT >> 20
                ));
            }
            kept = body;
            size
        }
        None if printer.wants_body() => printer.response_body(&mut incoming).await?,
        // The metadata and `-w` report the body's size, so read it even when it is not shown.
        None if printer.wants_meta() || options.write_out.is_some() => incoming.drain().await?,
        None => 0,
    };

    let response = &incoming.response;
    let facts = Facts {
        method: &request.method,
        url: &request.url,
        request_headers: &request.headers,
        status,
        version: response.version(),
        headers: response.headers(),
        remote: response.remote_addr(),
        time_to_first_byte,
        total: started.elapsed(),
        size,
        redirects,
        attempts,
        saved_to: saved_to.as_deref(),
    };
    if options.document {
        printer.document(&facts, kept.as_deref(), omitted)?;
    } else {
        printer.meta(&facts)?;
    }
    if let Some(template) = &options.write_out {
        printer.write_out(template, &facts)?;
    }
    printer.finish()?;
    if !already_complete {
        printer.status_warning(
            status,
            response.headers(),
            settings.transport.follow_redirects,
        );
    }
    Ok(Outcome {
        status,
        // `-C -` and 416: the file was already whole.
        ignore_status: options.ignore_status || already_complete,
    })
}

/// `-C -`: ask for the rest of the file, unencoded: a range counts the bytes as sent, and
/// the tail of a gzip stream cannot be decoded on its own.
fn resume_headers(prepared: &mut PreparedRequest, range: String) -> Result<()> {
    if prepared
        .headers
        .iter()
        .any(|(name, _)| name.eq_ignore_ascii_case("range"))
    {
        return Err(error::usage(
            "-C - sends its own Range header; drop the one given with -H or an item",
        ));
    }
    prepared
        .headers
        .retain(|(name, _)| !name.eq_ignore_ascii_case("accept-encoding"));
    prepared.headers.extend([
        ("Accept-Encoding".to_string(), "identity".to_string()),
        ("Range".to_string(), range),
    ]);
    Ok(())
}

/// The final response of a run, before its body is read, and the request that got it.
struct Exchange {
    incoming: Incoming,
    request: PreparedRequest,
    /// From the start of the attempt that got the response.
    time_to_first_byte: Duration,
    redirects: u32,
    attempts: u32,
}

/// Sends the request as often as the retry policy allows (SPEC §6). Retries happen only
/// before any of the body has been read, so nothing of a response is printed twice.
async fn with_retries(
    settings: &Settings,
    transport: &Transport,
    prepared: &PreparedRequest,
    printer: &mut Printer,
    started: Instant,
) -> Result<Exchange> {
    let policy = &settings.retry;
    let idempotent = retry::is_idempotent(&prepared.method, &prepared.headers);
    let mut retried = 0;
    loop {
        let result = follow_redirects(settings, transport, prepared, printer).await;
        // What ended the attempt, for the retry line and for the warnings.
        let (trigger, retry_after, cause, short_cause) = match &result {
            Ok(exchange) => {
                let response = &exchange.incoming.response;
                let retry_after = response
                    .headers()
                    .get(RETRY_AFTER)
                    .and_then(|v| retry::parse_retry_after(v.as_bytes(), SystemTime::now()));
                let status = output::describe_status(response.status(), response.headers());
                let trigger = Trigger::Status(response.status().as_u16());
                (trigger, retry_after, status.clone(), status)
            }
            Err(Failed {
                trigger: Some(trigger),
                error,
            }) => (
                *trigger,
                None,
                format!("an error: {error}"),
                "the error below".to_string(),
            ),
            Err(Failed { trigger: None, .. }) => return result.map_err(|f| f.error),
        };
        let elapsed = started.elapsed();
        let decision = retry::decide(
            policy,
            idempotent,
            trigger,
            retried,
            elapsed,
            retry_after,
            fastrand::f64(),
        );
        match decision {
            Decision::Retry(wait) => {
                if let Ok(exchange) = &result {
                    printer.passing_response_head(&exchange.incoming.response)?;
                }
                drop(result);
                retried += 1;
                printer.note(&format!(
                    "retry {retried}/{} in {} after {cause}",
                    policy.retries,
                    retry::human(wait)
                ));
                tokio::time::sleep(wait).await;
                continue;
            }
            Decision::Final => {}
            Decision::NotIdempotent => {
                let method = &prepared.method;
                printer.warning(&format!(
                    "not retrying {method} after {short_cause}: {method} is not idempotent, so \
                     sending it twice could apply it twice; --idempotency-key auto makes the \
                     retry safe if the server honours Idempotency-Key"
                ));
            }
            Decision::Exhausted => printer.warning(&format!(
                "gave up after {retried} {} (--retry {})",
                if retried == 1 { "retry" } else { "retries" },
                policy.retries
            )),
            Decision::OverBudget(wait) => {
                let budget = policy.max_time.unwrap_or_default();
                let why = if elapsed >= budget {
                    format!("{} of it has gone already", retry::human(elapsed))
                } else if retry_after.is_some_and(|after| after >= wait) {
                    format!(
                        "the server asked to wait {} (Retry-After)",
                        retry::human(wait)
                    )
                } else {
                    format!("waiting {} would pass it", retry::human(wait))
                };
                printer.warning(&format!(
                    "not retrying after {short_cause}: --retry-max-time is {} and {why}",
                    retry::human(budget)
                ));
            }
        }
        return result
            .map(|exchange| Exchange {
                attempts: retried + 1,
                ..exchange
            })
            .map_err(|f| f.error);
    }
}

/// One attempt: sends the request and, with `-L`, each request its redirects lead to.
async fn follow_redirects(
    settings: &Settings,
    transport: &Transport,
    prepared: &PreparedRequest,
    printer: &mut Printer,
) -> Result<Exchange, Failed> {
    let options = &settings.transport;
    let limits = transport.limits();
    let started = Instant::now();
    let mut current = prepared.clone();
    let mut redirects = 0;
    let mut visited = vec![prepared.url.clone()];
    loop {
        let request = transport.build(&current).await?;
        printer.request(&request, &current.body)?;
        let incoming = match transport.send(request, limits).await {
            Ok(incoming) => incoming,
            // The first request did reach a server: sending it again is not "unsent".
            Err(mut failed) if redirects > 0 => {
                if failed.trigger == Some(Trigger::Unsent) {
                    failed.trigger = Some(Trigger::Lost);
                }
                return Err(failed);
            }
            Err(failed) => return Err(failed),
        };
        let time_to_first_byte = started.elapsed();
        let response = &incoming.response;
        let next = options
            .follow_redirects
            .then(|| {
                redirect::next_hop(
                    &current,
                    response.status(),
                    response.headers().get(LOCATION),
                    options.location_trusted,
                )
            })
            .flatten();
        let hop = match next {
            Some(Ok(hop)) => Some(hop),
            Some(Err(refusal)) => {
                printer.warning(&refusal);
                None
            }
            None => None,
        };
        let Some(hop) = hop else {
            return Ok(Exchange {
                incoming,
                request: current,
                time_to_first_byte,
                redirects,
                attempts: 1,
            });
        };
        printer.passing_response_head(response)?;
        if redirects as usize >= options.max_redirects {
            let next = &hop.request.url;
            let why = if visited.contains(next) {
                format!("the next goes back to {}, a loop", shown(next))
            } else {
                format!(
                    "the next is to {} (raise --max-redirs to allow more)",
                    shown(next)
                )
            };
            let message = format!(
                "stopped after {redirects} redirects from {}; {why}",
                shown(&prepared.url)
            );
            return Err(anyhow::Error::from(HitError::TooManyRedirects(message)).into());
        }
        visited.push(hop.request.url.clone());
        if !hop.dropped.is_empty() {
            printer.warning(&format!(
                "not sending {} to {}, another origin (--location-trusted sends it)",
                hop.dropped.join(", "),
                hop.request.url.origin().ascii_serialization()
            ));
        }
        if hop.downgrade {
            printer.warning(&format!(
                "redirected from https to {}: the rest of the exchange is not encrypted",
                shown(&hop.request.url)
            ));
        }
        redirects += 1;
        current = hop.request;
    }
}
