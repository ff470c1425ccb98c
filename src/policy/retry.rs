//! When to send a request again (SPEC §6).
//!
//! The decision, the backoff schedule and the `Retry-After` parser are pure: the caller
//! passes in the time elapsed, the current date and the random number, so each rule can be
//! tested on its own.

use std::time::{Duration, SystemTime};

use reqwest::Method;

use crate::facts;
use crate::http::Headers;

/// `--retry`, `--retry-delay`, `--retry-max-time` and `--retry-on`.
#[derive(Debug, Clone, PartialEq)]
pub struct RetryPolicy {
    /// `--retry`: how many times a request may be sent again; 0 turns retries off.
    pub retry: u32,
    /// The base of the exponential backoff.
    pub delay: Duration,
    /// No wait may end later than this after the first attempt started; `None`: no limit.
    pub max_time: Option<Duration>,
    pub statuses: Vec<u16>,
    /// `--retry-on check`: a failed `--check` is retried too.
    pub on_check: bool,
}

/// The whole run's default budget (`--retry-max-time`), so that an absurd `Retry-After`
/// cannot park a CI job for hours.
pub const DEFAULT_RETRY_MAX_TIME: Duration = Duration::from_secs(300);

/// The longest backoff between two attempts. A `Retry-After` may ask for longer.
pub const MAX_BACKOFF: Duration = Duration::from_secs(30);

/// A `Retry-After` longer than this is read as this, which keeps the arithmetic finite.
const RETRY_AFTER_CEILING: Duration = Duration::from_secs(365 * 24 * 3600);

/// What ended an attempt, as far as retrying is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trigger {
    /// A response with this status.
    Status(u16),
    /// No connection was made (refused, or the connect timeout), so the server never saw
    /// the request: safe to send again whatever the method.
    Unsent,
    /// The request may have reached the server, but no response came (a timeout, or the
    /// connection closed before the response head).
    Lost,
    /// A `--check` failed on the response's body.
    Check,
}

/// What to do after an attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// This outcome is final: a success, a status not retried, or retries are off.
    Final,
    /// Send the request again after this long.
    Retry(Duration),
    /// The outcome is worth a retry but the request is not idempotent.
    NotIdempotent,
    /// Every allowed retry has been used.
    Exhausted,
    /// The wait would end after `--retry-max-time`.
    OverBudget(Duration),
    /// The wait would end after `-m/--max-time`.
    OverMaxTime(Duration),
    /// The body was streamed and cannot be sent again.
    BodySent,
}

/// What is known about the attempt that just ended.
#[derive(Debug, Clone, Copy)]
pub struct Attempt {
    pub trigger: Trigger,
    /// The method is idempotent, or the request carries an `Idempotency-Key`.
    pub idempotent: bool,
    /// The body can be sent again (it was not streamed from stdin).
    pub replayable: bool,
    /// Retries already made.
    pub retried: u32,
    /// Since the first attempt started.
    pub elapsed: Duration,
    /// The server's parsed `Retry-After`.
    pub retry_after: Option<Duration>,
    /// What is left of `-m/--max-time`, if it is set.
    pub time_left: Option<Duration>,
}

/// SPEC §6: the methods that may be sent twice, or any request with an `Idempotency-Key`.
pub fn is_idempotent(method: &Method, headers: &Headers) -> bool {
    facts::is_idempotent_method(method.as_str())
        || headers
            .get("idempotency-key")
            .is_some_and(|key| !key.is_empty())
}

/// Decides whether to retry after an attempt. `random` is uniform in `[0, 1)` (it draws
/// the jitter).
pub fn decide(policy: &RetryPolicy, attempt: &Attempt, random: f64) -> Decision {
    let trigger = attempt.trigger;
    let worth_retrying = match trigger {
        Trigger::Status(status) => policy.statuses.contains(&status),
        Trigger::Unsent | Trigger::Lost => true,
        Trigger::Check => policy.on_check,
    };
    if policy.retry == 0 || !worth_retrying {
        return Decision::Final;
    }
    if !attempt.idempotent && trigger != Trigger::Unsent {
        return Decision::NotIdempotent;
    }
    if !attempt.replayable {
        return Decision::BodySent;
    }
    if attempt.retried >= policy.retry {
        return Decision::Exhausted;
    }
    let backoff = backoff(policy.delay, attempt.retried, random);
    // Polling until a check holds: `--retry-delay` is the interval's floor, so a success
    // that is not there yet is not asked for again at once.
    let floor = match trigger {
        Trigger::Check => policy.delay,
        _ => Duration::ZERO,
    };
    let wait = backoff
        .max(floor)
        .max(attempt.retry_after.unwrap_or_default());
    match policy.max_time {
        Some(max) if attempt.elapsed.saturating_add(wait) > max => Decision::OverBudget(wait),
        _ if attempt.time_left.is_some_and(|left| wait >= left) => Decision::OverMaxTime(wait),
        _ => Decision::Retry(wait),
    }
}

/// Exponential backoff with full jitter: a uniform wait between zero and
/// `delay × 2^retried`, that ceiling capped at [`MAX_BACKOFF`].
pub fn backoff(delay: Duration, retried: u32, random: f64) -> Duration {
    let factor = 1u32 << retried.min(20);
    let ceiling = delay.saturating_mul(factor).min(MAX_BACKOFF);
    ceiling.mul_f64(random.clamp(0.0, 1.0))
}

/// Reads `Retry-After` (RFC 9110 §10.2.3): a number of seconds, or an HTTP-date.
///
/// A date in the past means "now"; a negative number, a fraction or anything else that is
/// not one of the two forms is ignored (`None`), and the backoff alone decides.
pub fn parse_retry_after(value: &[u8], now: SystemTime) -> Option<Duration> {
    let text = std::str::from_utf8(value).ok()?.trim();
    if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
        // Too many digits for a u64 is still "a very long time".
        let seconds = text.parse::<u64>().unwrap_or(u64::MAX);
        return Some(Duration::from_secs(seconds).min(RETRY_AFTER_CEILING));
    }
    let date = httpdate::parse_http_date(text).ok()?;
    let wait = date.duration_since(now).unwrap_or_default();
    Some(wait.min(RETRY_AFTER_CEILING))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy(retry: u32) -> RetryPolicy {
        RetryPolicy {
            retry,
            delay: Duration::from_secs(1),
            max_time: Some(Duration::from_secs(60)),
            statuses: facts::retryable_statuses(),
            on_check: false,
        }
    }

    fn secs(s: f64) -> Duration {
        Duration::from_secs_f64(s)
    }

    fn attempt(trigger: Trigger, idempotent: bool, retried: u32) -> Attempt {
        Attempt {
            trigger,
            idempotent,
            replayable: true,
            retried,
            elapsed: Duration::ZERO,
            retry_after: None,
            time_left: None,
        }
    }

    #[test]
    fn backoff_doubles_with_full_jitter_and_a_cap() {
        let one = Duration::from_secs(1);
        assert_eq!(backoff(one, 0, 0.0), Duration::ZERO);
        assert_eq!(backoff(one, 0, 0.5), secs(0.5));
        assert_eq!(backoff(one, 1, 0.5), secs(1.0));
        assert_eq!(backoff(one, 3, 0.5), secs(4.0));
        // 2^6 s is past the cap.
        assert_eq!(backoff(one, 6, 0.5), secs(15.0));
        assert_eq!(backoff(one, 6, 1.0), MAX_BACKOFF);
        assert_eq!(backoff(one, u32::MAX, 1.0), MAX_BACKOFF);
        assert_eq!(backoff(Duration::ZERO, 5, 0.9), Duration::ZERO);
    }

    #[test]
    fn retries_only_what_is_safe_and_listed() {
        let p = policy(3);
        let at =
            |trigger, idempotent, retried| decide(&p, &attempt(trigger, idempotent, retried), 0.5);
        assert_eq!(
            at(Trigger::Status(503), true, 0),
            Decision::Retry(secs(0.5))
        );
        assert_eq!(
            at(Trigger::Status(503), true, 2),
            Decision::Retry(secs(2.0))
        );
        assert_eq!(at(Trigger::Status(503), true, 3), Decision::Exhausted);
        assert_eq!(at(Trigger::Status(404), true, 0), Decision::Final);
        assert_eq!(at(Trigger::Status(200), true, 0), Decision::Final);
        assert_eq!(at(Trigger::Status(503), false, 0), Decision::NotIdempotent);
        assert_eq!(at(Trigger::Lost, false, 0), Decision::NotIdempotent);
        assert_eq!(at(Trigger::Lost, true, 0), Decision::Retry(secs(0.5)));
        // A request that never left may be sent again whatever its method.
        assert_eq!(at(Trigger::Unsent, false, 0), Decision::Retry(secs(0.5)));
        // Retries off: every outcome is final, and nothing is explained.
        let off = RetryPolicy {
            retry: 0,
            ..p.clone()
        };
        assert_eq!(
            decide(&off, &attempt(Trigger::Status(503), false, 0), 0.5),
            Decision::Final
        );
    }

    #[test]
    fn streamed_bodies_and_max_time_stop_retries() {
        let p = policy(3);
        let streamed = Attempt {
            replayable: false,
            ..attempt(Trigger::Status(503), true, 0)
        };
        assert_eq!(decide(&p, &streamed, 0.5), Decision::BodySent);
        let short = Attempt {
            time_left: Some(secs(0.2)),
            ..attempt(Trigger::Status(503), true, 0)
        };
        assert_eq!(decide(&p, &short, 0.5), Decision::OverMaxTime(secs(0.5)));
        assert_eq!(decide(&p, &short, 0.1), Decision::Retry(secs(0.1)));
    }

    #[test]
    fn retry_on_replaces_the_status_list() {
        let p = RetryPolicy {
            statuses: vec![404],
            ..policy(1)
        };
        let decide = |status| decide(&p, &attempt(Trigger::Status(status), true, 0), 0.0);
        assert_eq!(decide(404), Decision::Retry(Duration::ZERO));
        assert_eq!(decide(503), Decision::Final);
    }

    #[test]
    fn retry_after_is_a_minimum_and_the_budget_a_maximum() {
        let p = policy(3);
        let run = |elapsed: f64, retry_after: Option<f64>| {
            let at = Attempt {
                elapsed: secs(elapsed),
                retry_after: retry_after.map(secs),
                ..attempt(Trigger::Status(429), true, 0)
            };
            decide(&p, &at, 0.5)
        };
        assert_eq!(run(0.0, Some(7.0)), Decision::Retry(secs(7.0)));
        // Shorter than the backoff: the backoff wins.
        assert_eq!(run(0.0, Some(0.1)), Decision::Retry(secs(0.5)));
        // Beyond the 30 s cap: honoured, because it is the server's minimum.
        assert_eq!(run(0.0, Some(45.0)), Decision::Retry(secs(45.0)));
        assert_eq!(run(20.0, Some(45.0)), Decision::OverBudget(secs(45.0)));
        assert_eq!(run(59.8, None), Decision::OverBudget(secs(0.5)));
        let unlimited = RetryPolicy {
            max_time: None,
            ..p.clone()
        };
        assert_eq!(
            decide(
                &unlimited,
                &Attempt {
                    elapsed: secs(1e6),
                    retry_after: Some(secs(3600.0)),
                    ..attempt(Trigger::Status(429), true, 0)
                },
                0.5
            ),
            Decision::Retry(secs(3600.0))
        );
    }

    #[test]
    fn polling_a_check_waits_at_least_the_delay_and_retry_after() {
        let p = RetryPolicy {
            on_check: true,
            ..policy(5)
        };
        let poll = |retried: u32, retry_after: Option<f64>, random: f64| {
            let at = Attempt {
                retry_after: retry_after.map(secs),
                ..attempt(Trigger::Check, true, retried)
            };
            decide(&p, &at, random)
        };
        // The jitter may draw less than --retry-delay: the delay is the floor.
        assert_eq!(poll(0, None, 0.0), Decision::Retry(secs(1.0)));
        assert_eq!(poll(0, None, 0.5), Decision::Retry(secs(1.0)));
        // Above the floor, the backoff grows as for any retry.
        assert_eq!(poll(2, None, 0.5), Decision::Retry(secs(2.0)));
        // The server's Retry-After is a minimum, past the backoff's cap too.
        assert_eq!(poll(0, Some(7.0), 0.5), Decision::Retry(secs(7.0)));
        assert_eq!(poll(0, Some(0.2), 0.5), Decision::Retry(secs(1.0)));
        assert_eq!(poll(0, Some(45.0), 0.0), Decision::Retry(secs(45.0)));
        assert_eq!(poll(0, Some(90.0), 0.0), Decision::OverBudget(secs(90.0)));
        assert_eq!(poll(5, None, 0.0), Decision::Exhausted);
        // A status retry keeps its full jitter: no floor.
        let status = attempt(Trigger::Status(503), true, 0);
        assert_eq!(decide(&p, &status, 0.0), Decision::Retry(Duration::ZERO));
        // Without --retry-on check, a failed check is final.
        let off = RetryPolicy {
            on_check: false,
            ..p.clone()
        };
        assert_eq!(
            decide(&off, &attempt(Trigger::Check, true, 0), 0.0),
            Decision::Final
        );
    }

    #[test]
    fn retry_after_forms() {
        let now = httpdate::parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT").unwrap();
        let parse = |v: &str| parse_retry_after(v.as_bytes(), now);
        assert_eq!(parse("120"), Some(secs(120.0)));
        assert_eq!(parse(" 0 "), Some(Duration::ZERO));
        assert_eq!(
            parse("Sun, 06 Nov 1994 08:49:40 GMT"),
            Some(secs(3.0)),
            "a date is counted from now"
        );
        assert_eq!(
            parse("Sun, 06 Nov 1994 08:00:00 GMT"),
            Some(Duration::ZERO),
            "a date in the past means now"
        );
        // The obsolete RFC 850 and asctime forms are HTTP-dates too.
        assert_eq!(parse("Sunday, 06-Nov-94 08:49:38 GMT"), Some(secs(1.0)));
        assert_eq!(parse("Sun Nov  6 08:49:39 1994"), Some(secs(2.0)));
        for ignored in [
            "-5",
            "1.5",
            "soon",
            "",
            "0x10",
            "Sun, 31 Feb 1994 08:49:40 GMT",
        ] {
            assert_eq!(parse(ignored), None, "{ignored:?}");
        }
        assert_eq!(parse_retry_after(b"\xff", now), None);
        assert_eq!(parse("99999999999999999999999"), Some(RETRY_AFTER_CEILING));
        assert_eq!(parse("9999999999"), Some(RETRY_AFTER_CEILING));
        assert_eq!(
            parse("Fri, 31 Dec 9999 23:59:59 GMT"),
            Some(RETRY_AFTER_CEILING)
        );
    }

    #[test]
    fn idempotency() {
        let none = &Headers::default();
        assert!(is_idempotent(&Method::GET, none));
        assert!(is_idempotent(&Method::PUT, none));
        assert!(is_idempotent(&Method::DELETE, none));
        assert!(!is_idempotent(&Method::POST, none));
        assert!(!is_idempotent(&Method::PATCH, none));
        let mut keyed = Headers::default();
        keyed.push("idempotency-key", "k1");
        assert!(is_idempotent(&Method::POST, &keyed));
        let mut empty = Headers::default();
        empty.push("Idempotency-Key", "");
        assert!(!is_idempotent(&Method::POST, &empty));
    }
}
