//! The line editor of a session on a terminal: rustyline reads lines on its own thread,
//! and received messages are printed above its prompt by its external printer, so the line
//! being typed stays whole.

use anyhow::{Context as _, Result};
use tokio::sync::mpsc;

use super::input::{Source, Typed};

/// What prints above the prompt.
pub struct Above {
    printer: Box<dyn rustyline::ExternalPrinter + Send>,
    /// The terminal as it was, given back when the session ends: the editor's thread may
    /// still be waiting for a line in raw mode then.
    #[cfg(unix)]
    saved: Option<rustix::termios::Termios>,
}

impl Above {
    pub fn print(&mut self, rendered: &[u8]) -> Result<()> {
        if rendered.is_empty() {
            return Ok(());
        }
        let text = String::from_utf8_lossy(rendered).into_owned();
        self.printer
            .print(text)
            .map_err(|err| anyhow::anyhow!("cannot write to the terminal: {err}"))
    }
}

impl Drop for Above {
    /// The editor's thread may still be reading a line: its prompt is cleared and bracketed
    /// paste turned off (the escape it would write on returning), and the terminal's modes
    /// are given back, so that the lines after the session start on a clean line.
    fn drop(&mut self) {
        let _ = crate::output::Console::plain().write_out(b"\r\x1b[K\x1b[?2004l");
        #[cfg(unix)]
        if let Some(saved) = &self.saved {
            let stdin = std::io::stdin();
            let _ =
                rustix::termios::tcsetattr(&stdin, rustix::termios::OptionalActions::Now, saved);
        }
    }
}

/// Starts the editor: its lines as a [`Source`], and the printer for what arrives.
pub fn start() -> Result<(Source, Above)> {
    #[cfg(unix)]
    let saved = rustix::termios::tcgetattr(std::io::stdin()).ok();
    let config = rustyline::Config::builder().auto_add_history(true).build();
    let mut editor: rustyline::DefaultEditor =
        rustyline::Editor::with_config(config).context("cannot start the line editor")?;
    let printer = editor
        .create_external_printer()
        .context("cannot start the line editor")?;
    let (sender, receiver) = mpsc::channel(16);
    std::thread::spawn(move || {
        loop {
            let typed = match editor.readline("> ") {
                Ok(line) => Typed::Line(line),
                Err(rustyline::error::ReadlineError::Interrupted) => Typed::Interrupted,
                Err(_) => Typed::End,
            };
            let last = !matches!(typed, Typed::Line(_));
            if sender.blocking_send(typed).is_err() || last {
                break;
            }
        }
    });
    Ok((
        Source::Editor(receiver),
        Above {
            printer: Box::new(printer),
            #[cfg(unix)]
            saved,
        },
    ))
}
