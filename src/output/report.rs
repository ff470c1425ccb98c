//! The lines hit writes when it stops on an error: its own errors, clap's usage errors and
//! panics. The exit codes are decided in `crate::error`.

use super::{Console, body};

/// Writes one line to stderr, through the console every command has.
fn to_stderr(line: &str) {
    Console::plain().line(line);
}

/// Prints `hit: error: ...` with the cause chain on one line. The only error printer.
pub fn report_error(err: &anyhow::Error) {
    // Failed checks are the answer to what was asked, not an error of hit's.
    if let Some(crate::error::HitError::Check(lines)) = err.downcast_ref() {
        for line in lines {
            to_stderr(&format!("hit: {}", body::neutralised(line)));
        }
        return;
    }
    let message = format!("{err:#}");
    // SPEC §8: a URL quoted in an error keeps its password hidden.
    let message = super::redact::url_passwords(&message);
    // A usage error may point at its place with a caret on the lines below it.
    let lines: Vec<String> = match err.downcast_ref::<crate::error::HitError>() {
        Some(crate::error::HitError::Usage(_)) => message.lines().map(body::neutralised).collect(),
        _ => vec![body::neutralised(&message.replace('\n', " "))],
    };
    to_stderr(&format!("hit: error: {}", lines.join("\n")));
}

/// Reports a clap error: help and version go to stdout; a usage error becomes one
/// `hit: error:` line, with clap's tip if it has one, or `instead` when hit knows better
/// (an option of curl or HTTPie). `help` is the command that describes the options.
/// Help and version that cannot be written (a full disk) are the error.
pub fn report_usage(err: &clap::Error, instead: Option<String>, help: &str) -> anyhow::Result<()> {
    use clap::error::ErrorKind;
    match err.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            return Console::plain().clap_output(err);
        }
        _ => {
            if let Some(instead) = instead {
                to_stderr(&format!("hit: error: {instead} (see '{help}')"));
                return Ok(());
            }
            // clap's first paragraph is the message; tips and usage follow a blank line.
            let rendered = err.render().to_string();
            let mut lines = rendered.lines().map(str::trim);
            let message: Vec<&str> = lines.by_ref().take_while(|line| !line.is_empty()).collect();
            // The tips that name what was probably meant; not "use '--' to pass it as a value".
            let tips: Vec<&str> = lines
                .filter(|line| line.starts_with("tip:") && line.contains("similar"))
                .collect();
            let mut message = message.join(" ");
            if let Some(rest) = message.strip_prefix("error: ") {
                message = rest.to_string();
            }
            for tip in tips {
                message = format!("{message}; {}", tip.trim_start_matches("tip: "));
            }
            to_stderr(&format!("hit: error: {message} (see '{help}')"));
        }
    }
    Ok(())
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
