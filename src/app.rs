//! One run: build the request, send it (following redirects and retrying as allowed), print
//! the exchange, report the outcome.

use std::time::{Duration, Instant, SystemTime};

use anyhow::Result;
use reqwest::header::{LOCATION, RETRY_AFTER};

use crate::download;
use crate::error::{HitError, Outcome};
use crate::output::{self, Meta, Printer};
use crate::redirect;
use crate::request::{self, PreparedRequest};
use crate::retry::{self, Decision, Trigger};
use crate::settings::Settings;
use crate::transport::{Failed, Incoming, Transport};

pub async fn run(settings: Settings, printer: &mut Printer) -> Result<Outcome> {
    let prepared = request::prepare(&settings.request, printer).await?;
    let transport = Transport::new(&settings.transport, &prepared)?;
    let Exchange {
        mut incoming,
        started,
        time_to_first_byte,
        redirects,
        attempts,
    } = with_retries(&settings, &transport, &prepared, printer).await?;

    printer.response_head(&incoming.response)?;
    let body_bytes = match &settings.output.file {
        Some(path) => download::save(&mut incoming, path).await?,
        None if printer.wants_body() => printer.response_body(&mut incoming).await?,
        // The metadata reports the body's size, so read it even when it is not shown.
        None if printer.wants_meta() => incoming.drain().await?,
        None => 0,
    };
    let response = &incoming.response;
    printer.meta(&Meta {
        version: response.version(),
        remote: response.remote_addr(),
        time_to_first_byte,
        total: started.elapsed(),
        body_bytes,
        attempts,
        redirects,
    })?;
    printer.finish()?;
    printer.status_warning(
        response.status(),
        response.headers(),
        settings.transport.follow_redirects,
    );
    Ok(Outcome {
        status: response.status(),
        ignore_status: settings.output.ignore_status,
    })
}

/// The final response of a run, before its body is read.
struct Exchange {
    incoming: Incoming,
    /// When the attempt that produced it started.
    started: Instant,
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
) -> Result<Exchange> {
    let policy = &settings.retry;
    let idempotent = retry::is_idempotent(&prepared.method, &prepared.headers);
    let first_started = Instant::now();
    let mut retried = 0;
    loop {
        let result = follow_redirects(settings, transport, prepared, printer).await;
        let (trigger, retry_after, cause) = match &result {
            Ok(exchange) => {
                let response = &exchange.incoming.response;
                let retry_after = response
                    .headers()
                    .get(RETRY_AFTER)
                    .and_then(|v| retry::parse_retry_after(v.as_bytes(), SystemTime::now()));
                let status = output::describe_status(response.status(), response.headers());
                (
                    Trigger::Status(response.status().as_u16()),
                    retry_after,
                    status,
                )
            }
            Err(Failed {
                trigger: Some(trigger),
                error,
            }) => (*trigger, None, format!("an error: {error}")),
            Err(Failed { trigger: None, .. }) => return result.map_err(|f| f.error),
        };
        let decision = retry::decide(
            policy,
            idempotent,
            trigger,
            retried,
            first_started.elapsed(),
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
                    "not retrying {method} after {cause}: {method} is not idempotent, so sending \
                     it twice could apply it twice; --idempotency-key auto makes the retry safe \
                     if the server honours Idempotency-Key"
                ));
            }
            Decision::Exhausted => printer.warning(&format!(
                "gave up after {retried} {} (--retry {})",
                if retried == 1 { "retry" } else { "retries" },
                policy.retries
            )),
            Decision::OverBudget(wait) => {
                let asked = if retry_after.is_some_and(|after| after >= wait) {
                    " the server asked for (Retry-After)"
                } else {
                    ""
                };
                let budget = policy.max_time.map(retry::human).unwrap_or_default();
                printer.warning(&format!(
                    "not retrying after {cause}: the wait of {}{asked} would end past \
                     --retry-max-time {budget}",
                    retry::human(wait)
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
        let incoming = transport.send(request, limits).await?;
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
                started,
                time_to_first_byte,
                redirects,
                attempts: 1,
            });
        };
        printer.passing_response_head(response)?;
        if redirects as usize >= options.max_redirects {
            let next = &hop.request.url;
            let why = if visited.contains(next) {
                format!("the next goes back to {next}, a loop")
            } else {
                format!("the next is to {next} (raise --max-redirs to allow more)")
            };
            let message = format!(
                "stopped after {redirects} redirects from {}; {why}",
                prepared.url
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
                hop.request.url
            ));
        }
        redirects += 1;
        current = hop.request;
    }
}
