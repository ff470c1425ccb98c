//! The one owner of stdout and stderr: every mode writes through a `Console`, which holds
//! the quiet level (whether notes are said), colour, the progress bars' draw target, the
//! neutralising of lines that quote the outside world, and the broken-pipe policy (a
//! reader of stdout that goes away ends hit quietly). clippy.toml forbids the streams
//! anywhere else.

use std::io::{self, IsTerminal, Write};

use anyhow::Result;
use indicatif::ProgressDrawTarget;

use super::body::neutralised;
use super::palette::Palette;
use crate::settings::{OutputSettings, Terminal};

/// What stdout's pipe is widened to (Linux's default limit for unprivileged users).
#[cfg(target_os = "linux")]
const PIPE_SIZE: usize = 1 << 20;

/// How a mode writes: what it says on stderr, in colour or not, with bars or not.
#[derive(Debug, Clone, Copy)]
pub struct Console {
    /// Notes and warnings (`hit: ...`) reach stderr: off with `-q` and `-s`.
    notes: bool,
    /// Colour on stdout.
    color: bool,
    /// Progress bars on stderr.
    progress: bool,
}

impl Console {
    /// For a command without output options (`hit explain`, `hit profile`, `hit save`,
    /// `hit serve`, `--generate`, the error report): notes said, no colour, no bars.
    pub fn plain() -> Console {
        Console {
            notes: true,
            color: false,
            progress: false,
        }
    }

    /// For a listing of hit's own (`hit @NAME`): notes said, coloured when `color`.
    pub fn listing(color: bool) -> Console {
        Console {
            notes: true,
            color,
            progress: false,
        }
    }

    /// For a request, as its output options decide.
    pub fn new(settings: &OutputSettings) -> Console {
        Console {
            notes: settings.warnings,
            color: settings.color,
            progress: settings.progress,
        }
    }

    /// Whether notes and warnings are said (not under `-q` or `-s`).
    pub fn says_notes(self) -> bool {
        self.notes
    }

    /// Whether transfers draw progress bars on stderr.
    pub fn shows_progress(self) -> bool {
        self.progress
    }

    /// The colours of stdout, when it is coloured.
    pub fn palette(self) -> Option<Palette> {
        self.color.then(Palette::new)
    }

    /// stdout for a writer that buffers and flushes itself. Its pipe is widened: a pipe
    /// holds 64 KiB by default, and a bigger one lets a big body reach a slower reader in
    /// fewer, larger writes (not a pipe, or not allowed: nothing changes).
    #[allow(clippy::disallowed_methods)]
    pub fn out(self) -> Stdout {
        #[cfg(target_os = "linux")]
        let _ = rustix::pipe::fcntl_setpipe_size(io::stdout(), PIPE_SIZE);
        Stdout
    }

    /// Writes what a command prints whole (`hit explain`, `hit profile list`,
    /// `--generate`): a closed pipe ends it quietly, any other failure (a full disk) is its
    /// error.
    pub fn print(self, text: &[u8]) -> Result<()> {
        self.write_out(text).map_err(crate::error::stdout_error)
    }

    /// Writes `text` to stdout and flushes it, leaving what a failure means to the caller.
    #[allow(clippy::disallowed_methods)]
    pub fn write_out(self, text: &[u8]) -> io::Result<()> {
        let mut out = io::stdout().lock();
        out.write_all(text).and_then(|()| out.flush())
    }

    /// clap's help or version text, as clap styles it for stdout.
    #[allow(clippy::disallowed_methods)]
    pub fn clap_output(self, err: &clap::Error) -> Result<()> {
        err.print()
            .and_then(|()| io::stdout().flush())
            .map_err(crate::error::stdout_error)
    }

    /// One line on stderr, as given. A closed stderr is ignored: `eprintln!` would panic.
    #[allow(clippy::disallowed_methods)]
    pub fn line(self, line: &str) {
        let _ = writeln!(io::stderr(), "{line}");
    }

    /// Text on stderr, made safe for a terminal, whatever the quiet level: output that was
    /// asked for (a filter's `stderr`).
    #[allow(clippy::disallowed_methods)]
    pub fn text(self, text: &str) {
        let _ = io::stderr().write_all(neutralised(text).as_bytes());
    }

    /// A line that quotes the outside world, made safe for a terminal, whatever the quiet
    /// level.
    pub fn said(self, line: &str) {
        self.line(&neutralised(line));
    }

    /// `hit: MESSAGE` on stderr, made safe for a terminal, unless `-q`/`-s`.
    pub fn note(self, message: &str) {
        if self.notes {
            self.said(&format!("hit: {message}"));
        }
    }

    /// Where progress bars are drawn: stderr, when bars are `shown` (indicatif hides them
    /// too when stderr is not a terminal, and limits redraws to 20 a second).
    #[allow(clippy::disallowed_methods)]
    pub fn draw_target(shown: bool) -> ProgressDrawTarget {
        if shown {
            ProgressDrawTarget::stderr()
        } else {
            ProgressDrawTarget::hidden()
        }
    }

    /// The terminals hit reads from and writes to. `HIT_TEST_TERMINAL=1` makes stdout count
    /// as one, for tests.
    #[allow(clippy::disallowed_methods)]
    pub fn terminal() -> Terminal {
        let flag = |name| std::env::var_os(name).is_some_and(|v| !v.is_empty() && v != "0");
        Terminal {
            stdin: io::stdin().is_terminal(),
            stdout: io::stdout().is_terminal() || flag("HIT_TEST_TERMINAL"),
            stderr: io::stderr().is_terminal(),
            draws: std::env::var("TERM").is_ok_and(|term| !term.is_empty() && term != "dumb"),
        }
    }
}

/// stdout without std's line buffering, which looks for the last newline in every write: a
/// scan of every chunk of a big body. Its user buffers and flushes itself.
pub struct Stdout;

impl Write for Stdout {
    #[cfg(unix)]
    #[allow(clippy::disallowed_methods)]
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match rustix::io::write(io::stdout(), buf) {
            // A closed stdout swallows output, as std's does.
            Err(rustix::io::Errno::BADF) => Ok(buf.len()),
            result => Ok(result?),
        }
    }

    #[cfg(not(unix))]
    #[allow(clippy::disallowed_methods)]
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        io::stdout().write(buf)
    }

    #[allow(clippy::disallowed_methods)]
    fn flush(&mut self) -> io::Result<()> {
        io::stdout().flush()
    }
}
