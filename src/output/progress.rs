//! Transfer progress on stderr (SPEC §7): a bar with bytes, total, rate and time left, or a
//! spinner when the length is unknown, and one summary line at the end.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use indicatif::{HumanBytes, ProgressBar, ProgressFinish, ProgressStyle};

use super::{Console, bytes_per_second};
use crate::transport::UploadProgress;

/// A progress bar on the console's stderr, or a hidden one that costs next to nothing when
/// `enabled` is off.
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
    let bar = ProgressBar::with_draw_target(total, Console::draw_target(true))
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
    let rate = if took > Duration::ZERO {
        format!(", {}/s", HumanBytes(bytes_per_second(bytes, took) as u64))
    } else {
        String::new()
    };
    let took = crate::http::duration::human(took);
    format!(
        "{verb} {} {preposition} {name} in {took}{rate}",
        HumanBytes(bytes)
    )
}

/// The bars of the files a request is sending.
#[derive(Default)]
pub struct UploadBars {
    shown: Mutex<Vec<ProgressBar>>,
}

impl UploadProgress for UploadBars {
    fn start(&self, name: &str, len: u64) -> Box<dyn FnMut(u64) + Send> {
        let bar = bar(true, Some(len), 0, name);
        self.shown
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(bar.clone());
        let name = name.to_string();
        let mut started = None;
        Box::new(move |sent| {
            let started = *started.get_or_insert_with(Instant::now);
            bar.inc(sent);
            // hyper stops reading a body at its Content-Length, so the end is the last
            // byte, not the end of the stream.
            if bar.position() >= len && !bar.is_finished() {
                // Shown only while the bar is: on a terminal.
                bar.println(format!(
                    "hit: {}",
                    summary("sent", len, "from", &name, started.elapsed())
                ));
                bar.finish_and_clear();
            }
        })
    }

    fn clear(&self) {
        let bars = std::mem::take(&mut *self.shown.lock().unwrap_or_else(|e| e.into_inner()));
        for bar in bars {
            bar.finish_and_clear();
        }
    }
}
