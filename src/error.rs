//! Error kinds whose kind decides the exit code, and the one function that maps an outcome
//! to an exit code (SPEC §5).

use reqwest::StatusCode;

/// Failures that have their own exit code. Anything else exits 1.
#[derive(Debug, thiserror::Error)]
pub enum HitError {
    /// A bad option, item or URL: exit 2.
    #[error("{0}")]
    Usage(String),
    /// DNS, refused connection, TLS handshake or certificate: exit 7.
    #[error("{0}")]
    Connect(String),
    /// A time limit fired: exit 8.
    #[error("{0}")]
    Timeout(String),
    /// More redirects than `--max-redirs`: exit 6.
    #[error("{0}")]
    TooManyRedirects(String),
    /// The body ended early or was malformed: exit 9.
    #[error("{0}")]
    BodyBroken(String),
    /// A WebSocket that did not open (a handshake answered with another success than 101,
    /// or a wrong `Sec-WebSocket-Accept`) or ended abnormally (a close code other than
    /// 1000/1001, a protocol error, the connection lost without a close): exit 10.
    #[error("{0}")]
    WebSocket(String),
    /// `--check` expressions that failed, one line each (`check failed: EXPR (...)`): exit 1.
    #[error("{}", .0.join("; "))]
    Check(Vec<String>),
    /// The filter called `halt_error` (or `halt` with a code): its message is written, and
    /// its code is the exit code, as with jq.
    #[error("the filter halted with exit code {}", .0.code())]
    Halted(Exit),
    /// Ctrl-C: exit 130, quietly.
    #[error("interrupted")]
    Interrupted,
    /// stdout was closed by its reader (`hit URL | head -1`): exit 0, quietly.
    #[error("stdout closed")]
    StdoutClosed,
}

/// Shorthand for a usage error.
pub fn usage(message: impl Into<String>) -> anyhow::Error {
    HitError::Usage(message.into()).into()
}

/// An I/O error's message without the OS error number: "No such file or directory".
pub fn io_reason(err: &std::io::Error) -> String {
    without_os_error(err.to_string())
}

/// `cannot read 'PATH': REASON`: the one wording for a file that cannot be read.
pub fn cannot_read(path: impl std::fmt::Display, err: &std::io::Error) -> String {
    format!("cannot read '{path}': {}", io_reason(err))
}

/// `cannot write 'PATH': REASON`.
pub fn cannot_write(path: impl std::fmt::Display, err: &std::io::Error) -> String {
    format!("cannot write '{path}': {}", io_reason(err))
}

/// Drops a trailing " (os error N)" from a message.
pub fn without_os_error(mut message: String) -> String {
    if let Some(i) = message.find(" (os error") {
        message.truncate(i);
    }
    message
}

/// A value shortened for an error message, so that a large body is not echoed whole.
pub fn excerpt(value: &str) -> String {
    cut_to(value, 40)
}

/// `value` up to `max` characters, with `…` when it was longer.
pub fn cut_to(value: &str, max: usize) -> String {
    match value.char_indices().nth(max) {
        Some((end, _)) => format!("{}…", &value[..end]),
        None => value.to_string(),
    }
}

/// What a finished exchange tells the exit code.
#[derive(Debug, Clone, Copy)]
pub struct Outcome {
    pub status: StatusCode,
    pub ignore_status: bool,
    /// How many times the request was sent (1 without a retry). More than 1 means every
    /// earlier attempt failed and was retried: a `.http` request that passed so is flaky.
    pub attempts: u32,
}

/// The process exit codes of SPEC §5: what every mode ends with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Exit {
    /// 0: a 1xx, 2xx or 304 response (also when the reader of stdout went away).
    #[default]
    Success,
    /// 1: a failed check, or a failure of no kind of its own.
    Failure,
    /// 2: a bad option, item or URL.
    Usage,
    /// 3: a 3xx response that was not followed.
    Redirect,
    /// 4: a 4xx response.
    ClientError,
    /// 5: a 5xx response.
    ServerError,
    /// 6: more redirects than `--max-redirs`.
    TooManyRedirects,
    /// 7: DNS, a refused connection, TLS.
    Connect,
    /// 8: a time limit fired.
    Timeout,
    /// 9: the body ended early or was malformed.
    BodyBroken,
    /// 10: a WebSocket failed to open or closed abnormally.
    WebSocket,
    /// The code a filter's `halt_error` chose, as jq exits with it.
    Halted(u8),
    /// 130: Ctrl-C.
    Interrupted,
}

impl Exit {
    /// The number the process exits with.
    pub fn code(self) -> u8 {
        match self {
            Exit::Success => 0,
            Exit::Failure => 1,
            Exit::Usage => 2,
            Exit::Redirect => 3,
            Exit::ClientError => 4,
            Exit::ServerError => 5,
            Exit::TooManyRedirects => 6,
            Exit::Connect => 7,
            Exit::Timeout => 8,
            Exit::BodyBroken => 9,
            Exit::WebSocket => 10,
            Exit::Halted(code) => code,
            Exit::Interrupted => 130,
        }
    }

    /// `halt_error(CODE)`'s exit code, as the shell sees it (jq exits with CODE).
    pub fn halted(code: i32) -> Exit {
        Exit::Halted(u8::try_from(code.rem_euclid(256)).unwrap_or(1))
    }

    /// The worse of two (`hit run`'s code is its worst request's): an interruption above
    /// all, then the higher code (a refused connection, 7, above a 5xx above a 4xx above
    /// success).
    pub fn worse(self, other: Exit) -> Exit {
        let interrupted = Exit::Interrupted.code();
        if self.code() == interrupted || other.code() == interrupted {
            Exit::Interrupted
        } else if other.code() > self.code() {
            other
        } else {
            self
        }
    }
}

impl From<Exit> for std::process::ExitCode {
    fn from(exit: Exit) -> std::process::ExitCode {
        std::process::ExitCode::from(exit.code())
    }
}

impl serde::Serialize for Exit {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u8(self.code())
    }
}

/// The exit code for a run's result (`None`: nothing was sent, as for `--generate`).
/// With the two below, the only place exit codes are decided.
pub fn exit_code(result: &anyhow::Result<Option<Outcome>>) -> Exit {
    match result {
        Ok(None) => Exit::Success,
        Ok(Some(outcome)) => status_code(*outcome),
        Err(err) => kind(err).1,
    }
}

/// What kind of failure an error is, for `--output-format json`, and its exit code.
pub fn kind(err: &anyhow::Error) -> (&'static str, Exit) {
    match err.downcast_ref::<HitError>() {
        Some(HitError::Usage(_)) => ("usage", Exit::Usage),
        Some(HitError::Connect(_)) => ("connect", Exit::Connect),
        Some(HitError::Timeout(_)) => ("timeout", Exit::Timeout),
        Some(HitError::TooManyRedirects(_)) => ("too_many_redirects", Exit::TooManyRedirects),
        Some(HitError::BodyBroken(_)) => ("body_broken", Exit::BodyBroken),
        Some(HitError::WebSocket(_)) => ("websocket", Exit::WebSocket),
        Some(HitError::Check(_)) => ("check", Exit::Failure),
        Some(HitError::Halted(code)) => ("halted", *code),
        Some(HitError::Interrupted) => ("interrupted", Exit::Interrupted),
        Some(HitError::StdoutClosed) => ("stdout_closed", Exit::Success),
        None => ("other", Exit::Failure),
    }
}

/// Whether an error is about the command line (a usage error stops before any transfer,
/// and is always shown).
pub fn is_usage(err: &anyhow::Error) -> bool {
    kind(err).1 == Exit::Usage
}

/// clap's errors: help and version succeed, anything else is a usage error.
pub fn exit_code_for_clap(err: &clap::Error) -> Exit {
    use clap::error::ErrorKind;
    match err.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => Exit::Success,
        _ => Exit::Usage,
    }
}

/// A panic is a bug in hit: a plain failure, reported on one line.
pub fn exit_code_for_panic() -> i32 {
    i32::from(Exit::Failure.code())
}

fn status_code(outcome: Outcome) -> Exit {
    let status = outcome.status;
    if outcome.ignore_status || crate::facts::is_success(status.as_u16()) {
        return Exit::Success;
    }
    match status.as_u16() {
        300..=399 => Exit::Redirect,
        400..=499 => Exit::ClientError,
        _ => Exit::ServerError,
    }
}

/// A failed write to stdout: its reader going away ends the run quietly; anything else (a
/// full disk) is an error of its own.
pub fn stdout_error(err: std::io::Error) -> anyhow::Error {
    if err.kind() == std::io::ErrorKind::BrokenPipe {
        HitError::StdoutClosed.into()
    } else {
        anyhow::anyhow!("cannot write to stdout: {}", io_reason(&err))
    }
}

/// Whether the reader of stdout went away (`hit URL | head -1`).
pub fn is_stdout_closed(err: &anyhow::Error) -> bool {
    matches!(err.downcast_ref::<HitError>(), Some(HitError::StdoutClosed))
}

/// Whether the error should be reported at all (Ctrl-C, a closed stdout and a filter's
/// `halt_error`, which wrote its own message, are quiet).
pub fn is_quiet(err: &anyhow::Error) -> bool {
    matches!(
        err.downcast_ref::<HitError>(),
        Some(HitError::Interrupted | HitError::StdoutClosed | HitError::Halted(_))
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn for_status(status: u16, ignore_status: bool) -> u8 {
        exit_code(&Ok(Some(Outcome {
            status: StatusCode::from_u16(status).unwrap(),
            ignore_status,
            attempts: 1,
        })))
        .code()
    }

    #[test]
    fn statuses() {
        assert_eq!(for_status(101, false), 0);
        assert_eq!(for_status(204, false), 0);
        assert_eq!(for_status(304, false), 0);
        assert_eq!(for_status(301, false), 3);
        assert_eq!(for_status(404, false), 4);
        assert_eq!(for_status(503, false), 5);
        assert_eq!(for_status(503, true), 0);
    }

    #[test]
    fn messages() {
        assert_eq!(excerpt("short"), "short");
        assert_eq!(excerpt(&"é".repeat(50)), format!("{}…", "é".repeat(40)));
        assert_eq!(without_os_error("gone (os error 2)".into()), "gone");
    }

    #[test]
    fn kinds() {
        let code = |e: HitError| exit_code(&Err(e.into())).code();
        assert_eq!(code(HitError::Usage("x".into())), 2);
        assert_eq!(code(HitError::TooManyRedirects("x".into())), 6);
        assert_eq!(code(HitError::Connect("x".into())), 7);
        assert_eq!(code(HitError::Timeout("x".into())), 8);
        assert_eq!(code(HitError::BodyBroken("x".into())), 9);
        assert_eq!(code(HitError::Interrupted), 130);
        assert_eq!(code(HitError::StdoutClosed), 0);
        assert_eq!(exit_code(&Err(anyhow::anyhow!("disk full"))), Exit::Failure);
        assert_eq!(exit_code(&Ok(None)), Exit::Success);
        assert_eq!(code(HitError::Halted(Exit::halted(-1))), 255);
        assert_eq!(Exit::halted(300), Exit::Halted(44));
    }

    #[test]
    fn the_worst_code_wins() {
        use Exit::*;
        for (a, b, worst) in [
            (Success, Success, Success),
            (Success, ClientError, ClientError),
            (ServerError, ClientError, ServerError),
            (ClientError, Connect, Connect),
            (BodyBroken, Usage, BodyBroken),
            (Interrupted, BodyBroken, Interrupted),
            (Failure, Interrupted, Interrupted),
        ] {
            assert_eq!(a.worse(b), worst, "{a:?} {b:?}");
        }
    }
}
