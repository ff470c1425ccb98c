//! How hit shows a duration to a person, the one way for every message: a retry's wait, a
//! time limit that ran out, how long a transfer took, the `m` section's times.
//!
//! Machine formats are not this: `-w`'s `%{time_*}` are seconds with six decimals (curl's
//! contract), `--curl` writes curl's own arguments, `--output-format json` writes seconds
//! as numbers.

use std::time::Duration;

/// A duration for a person: `0ms`, `0.4ms`, `350ms`, `1.4s`, `5m 3s`, `2h 0m`.
pub fn human(duration: Duration) -> String {
    let secs = duration.as_secs();
    if duration < Duration::from_millis(10) && !duration.is_zero() {
        // A local exchange's times: a whole number of milliseconds would say 0.
        format!("{:.1}ms", duration.as_secs_f64() * 1000.0)
    } else if duration < Duration::from_secs(1) {
        format!("{}ms", duration.as_millis())
    } else if secs < 60 {
        format!("{:.1}s", duration.as_secs_f64())
    } else if secs < 3600 {
        format!("{}m {}s", secs / 60, secs % 60)
    } else {
        format!("{}h {}m", secs / 3600, secs % 3600 / 60)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_for_people() {
        let secs = Duration::from_secs_f64;
        assert_eq!(human(Duration::ZERO), "0ms");
        assert_eq!(human(secs(0.0004)), "0.4ms");
        assert_eq!(human(secs(0.0042)), "4.2ms");
        assert_eq!(human(secs(0.35)), "350ms");
        assert_eq!(human(secs(1.44)), "1.4s");
        assert_eq!(human(secs(303.0)), "5m 3s");
        assert_eq!(human(secs(7200.0)), "2h 0m");
    }
}
