//! Time limits (SPEC §6): `-m` bounds the whole invocation, from the start through waiting
//! for stdin, every attempt and every retry wait; `--timeout` bounds any one pause, stdin's
//! included.

use std::future::Future;
use std::time::Duration;

use tokio::time::Instant;

use crate::http::duration::human;

/// The limits of one invocation, with `-m`'s clock started.
#[derive(Debug, Clone, Copy, Default)]
pub struct TimeLimits {
    deadline: Option<Deadline>,
    /// `--timeout`: the longest pause.
    pub idle: Option<Duration>,
}

#[derive(Debug, Clone, Copy)]
struct Deadline {
    at: Instant,
    limit: Duration,
}

/// Which limit ran out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expired {
    /// `-m/--max-time`.
    MaxTime(Duration),
    /// `--timeout`.
    Idle(Duration),
}

impl Expired {
    /// `-m/--max-time 2s ran out`, `no bytes for --timeout 2s`.
    pub fn describe(self, pause: &str) -> String {
        match self {
            Expired::MaxTime(limit) => format!("-m/--max-time {} ran out", human(limit)),
            Expired::Idle(limit) => format!("{pause} for --timeout {}", human(limit)),
        }
    }
}

impl TimeLimits {
    /// Starts `-m`'s clock now.
    pub fn starting_now(max_time: Option<Duration>, idle: Option<Duration>) -> TimeLimits {
        let deadline = max_time.and_then(|limit| {
            let at = Instant::now().checked_add(limit)?;
            Some(Deadline { at, limit })
        });
        TimeLimits { deadline, idle }
    }

    /// When `-m` runs out.
    pub fn deadline(&self) -> Option<Instant> {
        self.deadline.map(|d| d.at)
    }

    /// `-m` as given.
    pub fn max_time(&self) -> Option<Duration> {
        self.deadline.map(|d| d.limit)
    }

    /// What is left of `-m`, if it is set.
    pub fn time_left(&self) -> Option<Duration> {
        self.deadline
            .map(|d| d.at.saturating_duration_since(Instant::now()))
    }

    /// Awaits `future` within `-m`, and within `--timeout` too when it is a pause (waiting
    /// for input rather than doing work).
    pub async fn bound<F: Future>(&self, future: F, pause: bool) -> Result<F::Output, Expired> {
        let idle = self.idle.filter(|_| pause);
        let idle_end = idle.and_then(|limit| Instant::now().checked_add(limit));
        let (end, expired) = match (self.deadline, idle_end) {
            (Some(d), Some(i)) if i < d.at => (Some(i), Expired::Idle(idle.unwrap_or_default())),
            (Some(d), _) => (Some(d.at), Expired::MaxTime(d.limit)),
            (None, Some(i)) => (Some(i), Expired::Idle(idle.unwrap_or_default())),
            (None, None) => (None, Expired::MaxTime(Duration::ZERO)),
        };
        match end {
            Some(end) => tokio::time::timeout_at(end, future)
                .await
                .map_err(|_| expired),
            None => Ok(future.await),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn the_nearer_limit_fires() {
        let never = std::future::pending::<()>;
        let limits =
            TimeLimits::starting_now(Some(Duration::from_secs(5)), Some(Duration::from_secs(2)));
        assert_eq!(limits.time_left(), Some(Duration::from_secs(5)));
        assert_eq!(
            limits.bound(never(), true).await,
            Err(Expired::Idle(Duration::from_secs(2)))
        );
        assert_eq!(
            limits.bound(never(), false).await,
            Err(Expired::MaxTime(Duration::from_secs(5)))
        );
        assert_eq!(limits.time_left(), Some(Duration::ZERO));
        assert_eq!(TimeLimits::default().time_left(), None);
        assert_eq!(TimeLimits::default().bound(async { 1 }, true).await, Ok(1));
        assert_eq!(
            Expired::Idle(Duration::from_millis(500)).describe("no input"),
            "no input for --timeout 500ms"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn pauses_shorter_than_the_timeout_may_add_up_to_more() {
        // A steady upload: seven pieces 0.15 s apart, 1.05 s in all against --timeout 0.5.
        let limits = TimeLimits::starting_now(None, Some(Duration::from_millis(500)));
        let started = Instant::now();
        for _ in 0..7 {
            let piece = tokio::time::sleep(Duration::from_millis(150));
            assert_eq!(limits.bound(piece, true).await, Ok(()));
        }
        assert!(started.elapsed() > Duration::from_secs(1));
        let stall = tokio::time::sleep(Duration::from_millis(600));
        assert_eq!(
            limits.bound(stall, true).await,
            Err(Expired::Idle(Duration::from_millis(500)))
        );
    }
}
