//! Transfer progress on stderr (SPEC §7): a bar with bytes, total, rate and time left, or a
//! spinner when the length is unknown, and one summary line at the end.

use std::time::Duration;

use indicatif::{HumanBytes, ProgressBar, ProgressDrawTarget, ProgressFinish, ProgressStyle};

/// A progress bar on stderr, or a hidden one that costs next to nothing when `enabled` is
/// off. indicatif hides it too when stderr is not a terminal, and limits redraws to 20 a
/// second.
pub fn bar(enabled: bool, total: Option<u64>, done: u64, name: &str) -> ProgressBar {
    if !enabled {
        return ProgressBar::hidden();
    }
    let template = match total {
        Some(_) => "{msg} {wide_bar} {bytes}/{total_bytes} {binary_bytes_per_sec} {eta} left",
        None => "{spinner} {msg} {bytes} {binary_bytes_per_sec}",
    };
    let style = ProgressStyle::with_template(template)
        .expect("the templates are valid")
        .progress_chars("=> ");
    let bar = ProgressBar::with_draw_target(total, ProgressDrawTarget::stderr())
        .with_style(style)
        .with_message(name.to_string())
        .with_finish(ProgressFinish::AndClear);
    bar.set_position(done);
    // Start the rate and the time left from here, not from the bytes already there.
    bar.reset_eta();
    bar
}

/// `saved 1.0 GiB to 1g.bin in 0.4s, 2.5 GiB/s`.
pub fn summary(verb: &str, bytes: u64, preposition: &str, name: &str, took: Duration) -> String {
    let secs = took.as_secs_f64();
    let rate = if secs > 0.0 {
        format!(", {}/s", HumanBytes((bytes as f64 / secs) as u64))
    } else {
        String::new()
    };
    let took = if took < Duration::from_secs(1) {
        format!("{}ms", took.as_millis())
    } else {
        crate::retry::human(took)
    };
    format!(
        "{verb} {} {preposition} {name} in {took}{rate}",
        HumanBytes(bytes)
    )
}
