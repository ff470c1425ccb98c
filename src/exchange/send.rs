//! One exchange: the request sent as often as the retry policy allows, each attempt
//! following redirects with `-L`, up to the head of the final response.

use std::cell::RefCell;
use std::time::{Duration, Instant, SystemTime};

use anyhow::Result;
use reqwest::Version;
use reqwest::header::{LOCATION, RETRY_AFTER};

use super::authorize::{OAuthSession, Refused};
use super::challenge;
use crate::error::HitError;
use crate::exchange::cookies::Jar;
use crate::http::duration::human;
use crate::http::timing::Timing;
use crate::http::{PreparedRequest, shown};
use crate::output::{self, Printer};
use crate::policy::redirect::{self, Hop};
use crate::policy::retry::{self, Decision, Trigger};
use crate::settings::Settings;
use crate::transport::limits::TimeLimits;
use crate::transport::{Failed, Incoming, Transport};

/// The final response of a run, before its body is read, and the request that got it.
pub struct Exchange {
    pub incoming: Incoming,
    pub request: PreparedRequest,
    /// The phases up to the response head, from the start of the attempt that got it;
    /// `total` is filled in when the body has been read (`Exchange::timing_now`).
    pub timing: Timing,
    pub redirects: u32,
    pub attempts: u32,
    /// `-m` and `--timeout`, for reading and filtering the body.
    pub limits: TimeLimits,
    /// With `--retry-on check`, the lines of the `--check`s that failed on the body, read
    /// ahead to decide the retry; delivery reports them instead of running the checks again.
    pub checked: Option<Vec<String>>,
}

impl Exchange {
    /// The exchange's phases, with the time from the start of the run (`started`) to now
    /// as its total: delivery asks when the body has been read.
    pub fn timing_now(&self, started: Instant) -> Timing {
        Timing {
            total: started.elapsed(),
            ..self.timing
        }
    }
}

/// What ended an attempt, for the retry decision and the lines that explain it.
struct Ending {
    trigger: Trigger,
    retry_after: Option<Duration>,
    /// For the retry line: `503 Service Unavailable`, `an error: ...`.
    cause: String,
    /// For a warning followed by the error itself.
    short_cause: String,
}

impl Ending {
    /// `None`: a failure that no retry can help. `failed_check`: the line of a `--check`
    /// that failed on the response (with `--retry-on check`).
    fn of(result: &Result<Exchange, Failed>, failed_check: Option<String>) -> Option<Ending> {
        let retry_after = result.as_ref().ok().and_then(|exchange| {
            let value = exchange.incoming.head.headers.get(RETRY_AFTER)?;
            retry::parse_retry_after(value.as_bytes(), SystemTime::now())
        });
        if let (Ok(_), Some(line)) = (result, failed_check) {
            // A server that is polled may say when to ask again.
            return Some(Ending {
                trigger: Trigger::Check,
                retry_after,
                cause: line,
                short_cause: "a failed check".to_string(),
            });
        }
        match result {
            Ok(exchange) => {
                let response = &exchange.incoming.head;
                let status = output::describe_status(response);
                Some(Ending {
                    trigger: Trigger::Status(response.status.as_u16()),
                    retry_after,
                    cause: status.clone(),
                    short_cause: status,
                })
            }
            Err(Failed {
                trigger: Some(trigger),
                error,
            }) => Some(Ending {
                trigger: *trigger,
                retry_after: None,
                cause: format!("an error: {error}"),
                short_cause: "the error below".to_string(),
            }),
            Err(Failed { trigger: None, .. }) => None,
        }
    }
}

/// What every attempt of a run shares.
pub struct Sending<'a> {
    pub settings: &'a Settings,
    pub transport: &'a Transport,
    pub limits: TimeLimits,
    /// When the run started, for `--retry-max-time`.
    pub started: Instant,
    /// The cookie jar (`-b FILE`, `-c FILE`, a profile's): it gives each request, hops
    /// included, the cookies for its URL, and keeps what every response sets.
    pub jar: Option<&'a RefCell<Jar>>,
    /// Attempts made so far, for the report of a request that got no response.
    pub attempts: std::cell::Cell<u32>,
    /// A profile's OAuth client, and the token the request was prepared with.
    pub oauth: Option<(&'a OAuthSession, String)>,
}

impl Sending<'_> {
    /// Sends the request as often as the retry policy allows (SPEC §6). Retries happen only
    /// before any of the body has been read, so nothing of a response is printed twice.
    pub async fn with_retries(
        &self,
        prepared: &PreparedRequest,
        printer: &mut Printer,
    ) -> Result<Exchange> {
        let settings = self.settings;
        let policy = &settings.retry;
        let idempotent = retry::is_idempotent(&prepared.method, &prepared.headers);
        let mut retried = 0;
        loop {
            self.attempts.set(retried + 1);
            let mut result = self.follow_redirects(prepared, printer).await;
            let failed_check = match &mut result {
                Ok(exchange) => {
                    exchange.checked = self.read_ahead_checks(exchange).await?;
                    let failed = exchange.checked.as_ref().and_then(|lines| lines.first());
                    failed.cloned()
                }
                Err(_) => None,
            };
            let Some(ending) = Ending::of(&result, failed_check) else {
                return result.map_err(|f| f.error);
            };
            let elapsed = self.started.elapsed();
            let attempt = retry::Attempt {
                trigger: ending.trigger,
                idempotent,
                replayable: prepared.body.is_replayable(),
                retried,
                elapsed,
                retry_after: ending.retry_after,
                time_left: self.limits.time_left(),
            };
            let decision = retry::decide(policy, &attempt, fastrand::f64());
            if let Decision::Retry(wait) = decision {
                if let Ok(exchange) = &mut result {
                    printer.passing_response(&mut exchange.incoming).await?;
                }
                drop(result);
                retried += 1;
                printer.note(&format!(
                    "retry {retried}/{} in {} after {}",
                    policy.retry,
                    human(wait),
                    ending.cause
                ));
                tokio::time::sleep(wait).await;
                continue;
            }
            if let Some(why) = self.why_not_retried(decision, prepared, &ending, retried, elapsed) {
                printer.warning(&why);
            }
            return result
                .map(|exchange| Exchange {
                    attempts: retried + 1,
                    ..exchange
                })
                .map_err(|f| f.error);
        }
    }

    /// With `--retry-on check`, the lines of the `--check`s that fail on the body of a
    /// successful response (read ahead, and delivered from memory afterwards).
    async fn read_ahead_checks(&self, exchange: &mut Exchange) -> Result<Option<Vec<String>>> {
        let policy = &self.settings.retry;
        let filter = self.settings.filter.as_ref();
        let Some(filter) =
            filter.filter(|f| policy.on_check && policy.retry > 0 && !f.checks.is_empty())
        else {
            return Ok(None);
        };
        let incoming = &mut exchange.incoming;
        if !crate::facts::is_success(incoming.head.status.as_u16()) {
            return Ok(None);
        }
        let Some(body) = incoming.hold(super::filter::BODY_LIMIT).await? else {
            return Ok(None);
        };
        let timing = exchange.timing_now(self.started);
        let head = &exchange.incoming.head;
        super::filter::read_ahead(filter, head, timing, body, self.limits).await
    }

    /// The warning for an outcome worth a retry that is not retried.
    fn why_not_retried(
        &self,
        decision: Decision,
        prepared: &PreparedRequest,
        ending: &Ending,
        retried: u32,
        elapsed: Duration,
    ) -> Option<String> {
        let policy = &self.settings.retry;
        let short_cause = &ending.short_cause;
        match decision {
            Decision::Retry(_) | Decision::Final => None,
            Decision::BodySent => Some(format!(
                "not retrying after {short_cause}: the request body was streamed from stdin, so \
             it cannot be sent again"
            )),
            Decision::OverMaxTime(wait) => {
                let limit = human(self.limits.max_time().unwrap_or_default());
                let why = if self.limits.time_left().is_some_and(|left| left.is_zero()) {
                    "has run out".to_string()
                } else {
                    format!("would run out during the {} wait", human(wait))
                };
                Some(format!(
                    "not retrying after {short_cause}: -m/--max-time {limit} {why}"
                ))
            }
            Decision::NotIdempotent => {
                let method = &prepared.method;
                Some(format!(
                    "not retrying {method} after {short_cause}: {method} is not idempotent, so \
                 sending it twice could apply it twice; --idempotency-key auto makes the \
                 retry safe if the server honours Idempotency-Key"
                ))
            }
            Decision::Exhausted => Some(format!(
                "gave up after {retried} {} (--retry {})",
                if retried == 1 { "retry" } else { "retries" },
                policy.retry
            )),
            Decision::OverBudget(wait) => {
                let budget = policy.max_time.unwrap_or_default();
                let why = if elapsed >= budget {
                    format!("{} of it has gone already", human(elapsed))
                } else if ending.retry_after.is_some_and(|after| after >= wait) {
                    format!("the server asked to wait {} (Retry-After)", human(wait))
                } else {
                    format!("waiting {} would pass it", human(wait))
                };
                Some(format!(
                    "not retrying after {short_cause}: --retry-max-time is {} and {why}",
                    human(budget)
                ))
            }
        }
    }

    /// One attempt: sends the request and, with `-L`, each request its redirects lead to.
    async fn follow_redirects(
        &self,
        prepared: &PreparedRequest,
        printer: &mut Printer,
    ) -> Result<Exchange, Failed> {
        let options = &self.settings.transport;
        let started = Instant::now();
        let mut current = self.with_current_token(prepared);
        let mut redirects = 0;
        let mut visited = vec![prepared.url.clone()];
        // The Cookie header the user gave, while the redirects allow it to go along.
        let mut user_cookie = prepared.headers.get("cookie").map(str::to_string);
        loop {
            if let Some(jar) = self.jar {
                jar.borrow().add_to(&mut current, user_cookie.as_deref());
            }
            let mut incoming = match self.send(&current, printer).await {
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
            let timing = head_timing(&incoming, started);
            if let Some(jar) = self.jar {
                jar.borrow_mut().store(&current.url, &incoming.head.headers);
            }
            if let Some(again) = self
                .answer_401(prepared, &current, &mut incoming, printer)
                .await?
            {
                current = again;
                continue;
            }
            let response = &incoming.head;
            let next = options.follow_redirects.then(|| {
                redirect::next_hop(
                    &current,
                    response.status,
                    response.headers.get(LOCATION),
                    self.settings.redirect_trust(),
                )
            });
            let hop = match next.flatten() {
                Some(Ok(hop)) => Some(self.jar_cookies_not_dropped(hop, user_cookie.is_some())),
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
                    timing,
                    redirects,
                    attempts: 1,
                    limits: self.limits,
                    checked: None,
                });
            };
            printer.passing_response(&mut incoming).await?;
            if redirects as usize >= options.max_redirects {
                return Err(too_many_redirects(prepared, &hop, &visited, redirects).into());
            }
            visited.push(hop.request.url.clone());
            warn_about_hop(&hop, printer);
            if hop.dropped.iter().any(|d| d.eq_ignore_ascii_case("cookie")) {
                user_cookie = None;
            }
            redirects += 1;
            current = hop.request;
        }
    }

    /// The request with the profile's current OAuth token: a retry goes with the token
    /// renewed by an attempt before it.
    fn with_current_token(&self, prepared: &PreparedRequest) -> PreparedRequest {
        let mut current = prepared.clone();
        if let Some((session, first_token)) = &self.oauth {
            session.current(&mut current, first_token);
        }
        current
    }

    /// The request to send again after a 401: answering its challenge (`--digest`,
    /// `--anyauth`), or with the profile's OAuth token renewed.
    async fn answer_401(
        &self,
        first: &PreparedRequest,
        current: &PreparedRequest,
        incoming: &mut Incoming,
        printer: &mut Printer,
    ) -> Result<Option<PreparedRequest>, Failed> {
        if let Some(answer) = challenge::answer(self.settings, first, current, &incoming.head) {
            printer.passing_response(incoming).await?;
            return Ok(Some(answer));
        }
        self.token_refused(current, incoming, printer).await
    }

    /// After a 401 that refuses the profile's OAuth token: the request again with a
    /// renewed one, when its body can be sent again.
    async fn token_refused(
        &self,
        current: &PreparedRequest,
        incoming: &mut Incoming,
        printer: &mut Printer,
    ) -> Result<Option<PreparedRequest>, Failed> {
        let Some((session, _)) = &self.oauth else {
            return Ok(None);
        };
        let refused = session.refused(self.transport, self.limits, current, &incoming.head);
        match refused.await? {
            None => Ok(None),
            Some(Refused::SendAgain(again)) => {
                printer.passing_response(incoming).await?;
                printer
                    .note("the access token was refused; refreshed it and sent the request again");
                Ok(Some(*again))
            }
            Some(Refused::Streamed) => {
                printer.warning(
                    "the access token was refused; refreshed it, but the request body was \
                     streamed from stdin, so it is not sent again",
                );
                Ok(None)
            }
        }
    }

    /// A Cookie header that held only the jar's cookies is not one left behind: the jar
    /// gives the next hop the cookies for its own URL.
    fn jar_cookies_not_dropped(&self, mut hop: Hop, user_cookie: bool) -> Hop {
        if self.jar.is_some() && !user_cookie {
            hop.dropped
                .retain(|name| !name.eq_ignore_ascii_case("cookie"));
        }
        hop
    }

    /// Sends one request, printing it as soon as the HTTP version it goes out in is known:
    /// before sending for http, with the response for https, where the connection chooses.
    async fn send(
        &self,
        request: &PreparedRequest,
        printer: &mut Printer,
    ) -> Result<Incoming, Failed> {
        let transport = self.transport;
        let version = transport.version_before_sending(&request.url);
        match version {
            Some(_) => printer.request(request, version)?,
            // Shown if Ctrl-C comes first.
            None => printer.sending(request),
        }
        let sent = match transport.build(request, self.limits).await {
            Ok(built) => transport.send(built, self.limits).await,
            Err(error) => Err(error.into()),
        };
        if version.is_none() {
            // HTTP/2 or later was agreed on; any other answer came to an HTTP/1.1 request.
            let version = sent.as_ref().ok().map(|i| match i.head.version {
                v @ (Version::HTTP_2 | Version::HTTP_3) => v,
                _ => Version::HTTP_11,
            });
            printer.request(request, version)?;
        }
        sent
    }
}

/// The phases up to the response head, counted from `started` (the start of the attempt).
fn head_timing(incoming: &Incoming, started: Instant) -> Timing {
    Timing {
        total: Duration::ZERO,
        ttfb: started.elapsed(),
        sent: incoming.sent_at.saturating_duration_since(started),
        connection: incoming.connection,
    }
}

fn too_many_redirects(
    first: &PreparedRequest,
    hop: &Hop,
    visited: &[reqwest::Url],
    redirects: u32,
) -> anyhow::Error {
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
        shown(&first.url)
    );
    HitError::TooManyRedirects(message).into()
}

/// What crossing to the next hop costs: credentials left behind, encryption lost.
fn warn_about_hop(hop: &Hop, printer: &mut Printer) {
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
}
