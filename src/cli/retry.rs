//! `--retry` and its companions: when and how a request is sent again.

use clap::Args;

use std::time::Duration;

use super::values::{StatusList, seconds, status_list, time_limit};
use crate::facts;
use crate::policy::retry::{DEFAULT_RETRY_MAX_TIME, RetryPolicy};

/// When and how to send a request again.
#[derive(Args, Debug, Clone, Default)]
pub struct RetryArgs {
    /// Retry up to N times after a timeout, a lost connection or a 408, 425, 429, 500, 502,
    /// 503 or 504; only idempotent requests (GET, HEAD, OPTIONS, TRACE, PUT, DELETE or any
    /// with an Idempotency-Key)
    #[arg(long, value_name = "N", help_heading = "Retry")]
    pub retry: Option<u32>,

    /// The first retry waits up to this many seconds, each next one up to twice as long
    /// (at most 30; Retry-After may ask for longer) [default: 1]
    #[arg(long, value_name = "SECONDS", value_parser = seconds, help_heading = "Retry")]
    pub retry_delay: Option<f64>,

    /// Retry only while the next attempt starts within this many seconds of the first
    /// (0: no limit) [default: 300]
    #[arg(long, value_name = "SECONDS", value_parser = seconds, help_heading = "Retry")]
    pub retry_max_time: Option<f64>,

    /// The statuses to retry, comma-separated: 503,429 or 5xx
    #[arg(long, value_name = "CODES", value_parser = status_list, help_heading = "Retry")]
    pub retry_on: Option<StatusList>,

    /// Send 'Idempotency-Key: KEY' on every attempt; 'auto' makes a random key
    #[arg(long, value_name = "KEY|auto", help_heading = "Retry")]
    pub idempotency_key: Option<String>,
}

impl RetryArgs {
    /// The policy `--retry`, `--retry-delay`, `--retry-max-time` and `--retry-on` ask for
    /// (the profile's values already layered under them).
    pub fn policy(&self) -> RetryPolicy {
        RetryPolicy {
            retry: self.retry.unwrap_or(0),
            // Any delay is capped at MAX_BACKOFF per wait.
            delay: self.retry_delay.map_or(Duration::from_secs(1), |s| {
                Duration::try_from_secs_f64(s).unwrap_or(Duration::MAX)
            }),
            max_time: match self.retry_max_time {
                Some(s) => time_limit(Some(s)),
                None => Some(DEFAULT_RETRY_MAX_TIME),
            },
            // `--retry-on check` alone keeps the usual statuses.
            statuses: match &self.retry_on {
                Some(list) if !list.codes.is_empty() => list.codes.clone(),
                _ => facts::retryable_statuses(),
            },
            on_check: self.retry_on.as_ref().is_some_and(|list| list.check),
        }
    }
}
