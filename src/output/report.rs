//! The lines hit writes when it stops on an error: its own errors, clap's usage errors and
//! panics. The exit codes are decided in `crate::error`.

use std::io::{self, Write};

use super::body;

/// Writes one line to stderr. A closed stderr is ignored: `eprintln!` would panic.
pub(super) fn to_stderr(line: &str) {
    let _ = writeln!(io::stderr(), "{line}");
}

/// Prints `hit: error: ...` with the cause chain on one line. The only error printer.
pub fn report_error(err: &anyhow::Error) {
    let message = format!("{err:#}");
    // A usage error may point at its place with a caret on the lines below it.
    let lines: Vec<String> = match err.downcast_ref::<crate::error::HitError>() {
        Some(crate::error::HitError::Usage(_)) => message.lines().map(body::neutralised).collect(),
        _ => vec![body::neutralised(&message.replace('\n', " "))],
    };
    to_stderr(&format!("hit: error: {}", lines.join("\n")));
}

/// Reports a clap error: help and version go to stdout; a usage error becomes one
/// `hit: error:` line.
pub fn report_usage(err: &clap::Error) {
    use clap::error::ErrorKind;
    match err.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = err.print();
        }
        _ => {
            // clap's first paragraph is the message; tips and usage follow a blank line.
            let rendered = err.render().to_string();
            let message: Vec<&str> = rendered
                .lines()
                .take_while(|line| !line.trim().is_empty())
                .map(str::trim)
                .collect();
            let message = message.join(" ");
            let message = message.strip_prefix("error: ").unwrap_or(&message);
            to_stderr(&format!("hit: error: {message} (see 'hit --help')"));
        }
    }
}

/// What the panic hook prints: one line, never a backtrace.
pub fn report_panic(info: &std::panic::PanicHookInfo<'_>) {
    let message = info
        .payload()
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| info.payload().downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_string());
    let location = info
        .location()
        .map(|l| format!(" at {}:{}", l.file(), l.line()))
        .unwrap_or_default();
    to_stderr(&format!(
        "hit: error: internal error: {message}{location} (this is a bug in hit; please report it)"
    ));
}
