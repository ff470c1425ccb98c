//! What body options read: their values, files, and stdin. Stdin is read only as far as
//! needed to decide: a body that ends within `STDIN_PREFIX` is sent as bytes (and may be
//! sent again by a retry or a redirect); a longer one streams, in bounded memory.

use std::time::Duration;

use anyhow::{Result, anyhow};

use super::Notices;
use crate::error::{HitError, cannot_read, usage};
use crate::http::{StdinBody, StdinTransform};
use crate::items::DataKind;
use crate::settings::Data;
use crate::transport::limits::TimeLimits;
use crate::transport::stdin;

/// How much of stdin is read before deciding whether the body streams.
const STDIN_PREFIX: usize = 1 << 20;

/// How long stdin may be silent before hit says what it is waiting for (SPEC §2).
const STDIN_HINT: Duration = Duration::from_secs(5);

/// Where reading reports, and the limits it keeps.
pub struct Input<'a> {
    pub notices: &'a mut dyn Notices,
    pub limits: TimeLimits,
}

/// The bytes of a body in order; at most one run of them comes from stdin.
#[derive(Default)]
pub struct Pieces {
    before: Vec<u8>,
    /// The option that reads stdin, and what it does to the bytes.
    stdin: Option<(String, StdinTransform)>,
    after: Vec<u8>,
}

/// A body once stdin has been read as far as needed.
pub enum Assembled {
    Bytes(Vec<u8>),
    Stream(StdinBody),
}

impl Pieces {
    /// Stdin alone, as `-T -` and a piped body send it.
    pub fn stdin_only(option: &str) -> Pieces {
        Pieces {
            stdin: Some((option.to_string(), StdinTransform::Unchanged)),
            ..Pieces::default()
        }
    }

    pub fn push(&mut self, bytes: &[u8]) {
        match self.stdin {
            Some(_) => self.after.extend_from_slice(bytes),
            None => self.before.extend_from_slice(bytes),
        }
    }

    /// The rest of the body comes from stdin, through `transform`.
    fn push_stdin(&mut self, option: &str, transform: StdinTransform) -> Result<()> {
        if let Some((first, _)) = &self.stdin {
            return Err(usage(format!(
                "{first} and {option} both read stdin, which can be read once"
            )));
        }
        self.stdin = Some((option.to_string(), transform));
        Ok(())
    }

    /// `@-` or `@file`: stdin, or a file's bytes through `transform`.
    async fn push_input(
        &mut self,
        option: &str,
        path: &str,
        transform: StdinTransform,
    ) -> Result<()> {
        if path == "-" {
            return self.push_stdin(option, transform);
        }
        let bytes = tokio::fs::read(path)
            .await
            .map_err(|e| anyhow!(cannot_read(path, &e)))?;
        self.push(&transform.apply(&bytes));
        Ok(())
    }

    /// Reads stdin, if a piece is from it, as far as needed: the whole body when stdin
    /// ends within `STDIN_PREFIX`, else the start of a stream.
    pub async fn assemble(self, input: &mut Input<'_>) -> Result<Assembled> {
        let Some((_, transform)) = self.stdin else {
            return Ok(Assembled::Bytes(self.before));
        };
        let file_len = stdin::regular_file_len();
        let mut head = self.before;
        let before = head.len() as u64;
        let mut read = 0usize;
        let mut first = true;
        while read < STDIN_PREFIX {
            let Some(chunk) = next_stdin_chunk(input, first).await? else {
                head.extend(self.after);
                return Ok(Assembled::Bytes(head));
            };
            first = false;
            read += chunk.len();
            head.extend(transform.apply(&chunk));
        }
        let len = file_len
            .filter(|_| transform == StdinTransform::Unchanged)
            .map(|left| before + left + self.after.len() as u64);
        Ok(Assembled::Stream(StdinBody {
            head: head.into(),
            transform,
            tail: self.after.into(),
            len,
        }))
    }
}

/// The next chunk of stdin within the time limits, with a hint once if the first is slow
/// to come.
async fn next_stdin_chunk(input: &mut Input<'_>, first: bool) -> Result<Option<bytes::Bytes>> {
    let hint = first.then_some(STDIN_HINT);
    next_chunk_of(stdin::next_chunk(), input, hint).await
}

/// What `read` brings within the time limits; if it brings nothing for `hint` (the first
/// chunk), says once what hit is waiting for.
async fn next_chunk_of(
    read: impl Future<Output = Option<std::io::Result<bytes::Bytes>>>,
    input: &mut Input<'_>,
    hint: Option<Duration>,
) -> Result<Option<bytes::Bytes>> {
    let read = input.limits.bound(read, true);
    tokio::pin!(read);
    let hint_due = tokio::time::sleep(hint.unwrap_or_default());
    tokio::pin!(hint_due);
    let mut hinted = hint.is_none();
    loop {
        tokio::select! {
            result = &mut read => return match result {
                Ok(Some(Ok(chunk))) => Ok(Some(chunk)),
                Ok(Some(Err(e))) => Err(anyhow!(e).context("cannot read the body from stdin")),
                Ok(None) => Ok(None),
                Err(expired) => Err(HitError::Timeout(format!(
                    "timed out waiting for the request body on stdin: {}",
                    expired.describe("no input")
                ))
                .into()),
            },
            () = &mut hint_due, if !hinted => {
                hinted = true;
                input.notices.note(
                    "waiting for the request body on stdin (end it with Ctrl-D, or pass --no-stdin to send none)",
                );
            }
        }
    }
}

/// `-d`/`--data-*` values joined with `&`, as curl does. Bytes stay bytes.
pub async fn join_data(data: &[Data]) -> Result<Pieces> {
    let mut pieces = Pieces::default();
    for (i, Data { kind, value }) in data.iter().enumerate() {
        if i > 0 {
            pieces.push(b"&");
        }
        let option = format!("{} '{value}'", kind.option());
        match (kind, value.strip_prefix('@')) {
            (DataKind::Urlencode, _) => urlencode_data(value, &option, &mut pieces).await?,
            (DataKind::Raw, _) | (_, None) => pieces.push(value.as_bytes()),
            // curl -d @file strips carriage returns and newlines; --data-binary keeps them.
            (DataKind::Data, Some(path)) => {
                pieces
                    .push_input(&option, path, StdinTransform::NoNewlines)
                    .await?
            }
            (DataKind::Binary, Some(path)) => {
                pieces
                    .push_input(&option, path, StdinTransform::Unchanged)
                    .await?
            }
        }
    }
    Ok(pieces)
}

/// curl's `--data-urlencode`: `content`, `=content`, `name=content`, `@file`, `name@file`.
/// Like curl, a space becomes `+` and everything else but letters, digits and `-._~` is
/// percent-encoded.
async fn urlencode_data(value: &str, option: &str, pieces: &mut Pieces) -> Result<()> {
    let encode = StdinTransform::PercentEncoded;
    let eq = value.find('=');
    let at = value.find('@');
    let (name, rest) = match (eq, at) {
        (Some(i), _) if at.is_none_or(|a| i < a) => (&value[..i], Ok(&value[i + 1..])),
        (_, Some(i)) => (&value[..i], Err(&value[i + 1..])),
        _ => ("", Ok(value)),
    };
    if !name.is_empty() {
        pieces.push(format!("{name}=").as_bytes());
    }
    match rest {
        Ok(content) => pieces.push(&encode.apply(content.as_bytes())),
        Err(path) => pieces.push_input(option, path, encode).await?,
    }
    Ok(())
}

/// `--json` values, concatenated as curl does.
pub async fn json_values(values: &[String]) -> Result<Pieces> {
    let mut pieces = Pieces::default();
    for value in values {
        match value.strip_prefix('@') {
            Some(path) => {
                let option = format!("--json '{value}'");
                pieces
                    .push_input(&option, path, StdinTransform::Unchanged)
                    .await?
            }
            None => pieces.push(value.as_bytes()),
        }
    }
    Ok(pieces)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The notes and warnings a reading gave.
    #[derive(Default)]
    struct Said(Vec<String>);

    impl Notices for Said {
        fn note(&mut self, message: &str) {
            self.0.push(message.to_owned());
        }
        fn warning(&mut self, message: &str) {
            self.0.push(format!("warning: {message}"));
        }
    }

    const HINT: &str = "waiting for the request body on stdin (end it with Ctrl-D, or pass \
                        --no-stdin to send none)";

    #[tokio::test(start_paused = true)]
    async fn silent_stdin_gets_a_hint_then_still_works() {
        let (send, chunk) = tokio::sync::oneshot::channel();
        let late = async move { chunk.await.ok() };
        let mut said = Said::default();
        let reading = async {
            let mut input = Input {
                notices: &mut said,
                limits: TimeLimits::default(),
            };
            next_chunk_of(late, &mut input, Some(STDIN_HINT)).await
        };
        let writing = async {
            tokio::time::sleep(STDIN_HINT * 3).await;
            let _ = send.send(Ok(bytes::Bytes::from_static(b"late body")));
        };
        let (read, ()) = tokio::join!(reading, writing);
        assert_eq!(read.unwrap().unwrap(), &b"late body"[..]);
        assert_eq!(said.0, [HINT], "one hint, however long the wait");
    }

    #[tokio::test(start_paused = true)]
    async fn stdin_that_comes_in_time_gets_no_hint() {
        let mut said = Said::default();
        let soon = async {
            tokio::time::sleep(STDIN_HINT - Duration::from_millis(1)).await;
            Some(Ok(bytes::Bytes::from_static(b"x")))
        };
        let mut input = Input {
            notices: &mut said,
            limits: TimeLimits::default(),
        };
        assert!(
            next_chunk_of(soon, &mut input, Some(STDIN_HINT))
                .await
                .is_ok()
        );
        // A later chunk is never hinted about.
        let later = async {
            tokio::time::sleep(STDIN_HINT * 2).await;
            None
        };
        assert!(
            next_chunk_of(later, &mut input, None)
                .await
                .unwrap()
                .is_none()
        );
        assert!(said.0.is_empty(), "{:?}", said.0);
    }
}
