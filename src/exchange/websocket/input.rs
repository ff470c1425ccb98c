//! What a session sends: `--message`s, stdin's lines (or its bytes with `--binary`), or
//! the lines typed into the line editor when stdin and stdout are a terminal.

use std::collections::VecDeque;

use anyhow::Result;
use bytes::Bytes;
use tokio::sync::mpsc;

use crate::error::HitError;
use crate::settings::Step;
use crate::transport::stdin;

/// The longest line of stdin sent as one text message.
const MAX_LINE: usize = 64 << 20;

/// The next thing to send, or why there is nothing more.
#[derive(Debug)]
pub enum Input {
    Text(String),
    Binary(Bytes),
    /// Stdin ended, the messages were all sent, or Ctrl-D was typed.
    End,
    /// Stdin cannot be sent (a line that is not UTF-8 or too long), after the lines before
    /// it.
    Failed(anyhow::Error),
}

/// Where messages come from.
pub enum Source {
    /// `--message`s (or a `.http` request's messages), in order; a `WaitForServer` at the
    /// front holds the next until a message is received ([`Source::received`]).
    Given(VecDeque<Step>),
    /// Stdin in lines (or bytes with `--binary`): what is read and not sent yet.
    Stdin {
        binary: bool,
        partial: Vec<u8>,
        ready: VecDeque<Input>,
        lines: u64,
        ended: bool,
    },
    /// Lines typed into the line editor's thread.
    Editor(mpsc::Receiver<Typed>),
    /// `--no-stdin`: nothing is sent; the session listens.
    Nothing,
}

/// What the line editor reads.
#[derive(Debug)]
pub enum Typed {
    Line(String),
    /// Ctrl-D.
    End,
    /// Ctrl-C.
    Interrupted,
}

impl Source {
    pub fn stdin(binary: bool) -> Source {
        Source::Stdin {
            binary,
            partial: Vec::new(),
            ready: VecDeque::new(),
            lines: 0,
            ended: false,
        }
    }

    /// Whether a `=== wait-for-server` holds the next message.
    pub fn waiting(&self) -> bool {
        matches!(self, Source::Given(steps) if steps.front() == Some(&Step::WaitForServer))
    }

    /// A message was received: the wait for the server's reply (if one is next) is over.
    pub fn received(&mut self) {
        if let Source::Given(steps) = self
            && steps.front() == Some(&Step::WaitForServer)
        {
            steps.pop_front();
        }
    }

    /// The next message to send; `Input::End` once there are no more (and again after).
    /// Cancel-safe: what was read is kept until it is given out.
    pub async fn next(&mut self) -> Result<Input> {
        match self {
            // Waiting for the server: `received` lets the next step go.
            Source::Given(steps) if steps.front() == Some(&Step::WaitForServer) => {
                std::future::pending().await
            }
            Source::Given(steps) => match steps.pop_front() {
                Some(Step::Send(text)) => Ok(Input::Text(text)),
                Some(Step::WaitForServer) | None => Ok(Input::End),
            },
            Source::Nothing => std::future::pending().await,
            Source::Editor(typed) => match typed.recv().await {
                Some(Typed::Line(line)) => Ok(Input::Text(line)),
                Some(Typed::End) | None => Ok(Input::End),
                Some(Typed::Interrupted) => Err(HitError::Interrupted.into()),
            },
            Source::Stdin {
                binary,
                partial,
                ready,
                lines,
                ended,
            } => loop {
                if let Some(input) = ready.pop_front() {
                    return Ok(input);
                }
                if *ended {
                    return Ok(Input::End);
                }
                // What cannot be sent ends the input, after the lines before it.
                let chunk = match stdin::next_chunk().await {
                    Some(Ok(chunk)) => chunk,
                    Some(Err(err)) => {
                        let why = crate::error::io_reason(&err);
                        ready.push_back(Input::Failed(anyhow::anyhow!("cannot read stdin: {why}")));
                        *ended = true;
                        continue;
                    }
                    None => {
                        *ended = true;
                        // A last line without its newline is still a message.
                        if !*binary && !partial.is_empty() {
                            *lines += 1;
                            ready.push_back(text(std::mem::take(partial), *lines));
                        }
                        continue;
                    }
                };
                if *binary {
                    ready.push_back(Input::Binary(chunk));
                    continue;
                }
                let mut rest = &chunk[..];
                while let Some(end) = memchr::memchr(b'\n', rest) {
                    partial.extend_from_slice(&rest[..end]);
                    *lines += 1;
                    let line = text(std::mem::take(partial), *lines);
                    *ended = matches!(line, Input::Failed(_));
                    ready.push_back(line);
                    if *ended {
                        break;
                    }
                    rest = &rest[end + 1..];
                }
                partial.extend_from_slice(rest);
                if partial.len() > MAX_LINE && !*ended {
                    let line = *lines + 1;
                    let max = MAX_LINE >> 20;
                    ready.push_back(Input::Failed(anyhow::anyhow!(
                        "line {line} of stdin is over {max} MiB without a newline (--binary \
                         sends bytes)"
                    )));
                    *ended = true;
                }
            },
        }
    }
}

/// One line of stdin as a text message (without its CR LF or LF), or why it cannot be one.
fn text(mut line: Vec<u8>, number: u64) -> Input {
    if line.last() == Some(&b'\r') {
        line.pop();
    }
    String::from_utf8(line).map_or_else(
        |_| {
            Input::Failed(anyhow::anyhow!(
                "line {number} of stdin is not UTF-8 text, which a text message must be \
                 (--binary sends bytes)"
            ))
        },
        Input::Text,
    )
}
