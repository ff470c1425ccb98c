//! A response body as hit reads it: within the time limits, decoded layer by layer as its
//! Content-Encoding lists (RFC 9110 §8.4), counted against `--max-filesize`.
//!
//! hit decodes itself, rather than leaving it to the HTTP client, so that every listed
//! coding is undone (not only the last), an unknown one is named instead of passed off as
//! the body, and decoded bytes are counted as they come: a small compressed body cannot
//! grow past a limit unseen.

use std::io;
use std::pin::Pin;

use async_compression::tokio::bufread::{BrotliDecoder, DeflateDecoder, GzipDecoder, ZlibDecoder};
use bytes::Bytes;
use futures_util::{Stream, StreamExt, stream};
use reqwest::Response;
use reqwest::header::{CONTENT_ENCODING, HeaderMap};
use tokio::io::{AsyncBufRead, BufReader};
use tokio_util::io::{ReaderStream, StreamReader};

use super::failure::{authority, body_broken, idle_message, root_cause, timeout_error};
use crate::error::HitError;
use crate::transport::limits::{Expired, TimeLimits};

/// Read size of decoded bodies.
const CHUNK: usize = 64 * 1024;

/// The most codings undone in a row; curl stops at the same number (CVE-2022-32206).
pub const MAX_CODINGS: usize = 5;

type Chunks = Pin<Box<dyn Stream<Item = io::Result<Bytes>> + Send>>;

/// A content coding hit can undo.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Coding {
    Gzip,
    /// HTTP's "deflate" is the zlib format (RFC 9110 §8.4.1.2).
    Deflate,
    Brotli,
}

/// What Content-Encoding asks of the reader.
#[derive(Debug, PartialEq, Eq)]
pub enum Decoding {
    /// Undo these, the last listed first.
    Codings(Vec<Coding>),
    /// A coding hit does not know: the body is passed on as received.
    Unknown(String),
}

/// Reads the Content-Encoding list: codings in the order they were applied.
pub fn decoding(headers: &HeaderMap) -> Result<Decoding, String> {
    let mut codings = Vec::new();
    let values: Vec<String> = headers
        .get_all(CONTENT_ENCODING)
        .iter()
        .map(|v| String::from_utf8_lossy(v.as_bytes()).to_ascii_lowercase())
        .collect();
    for name in values.iter().flat_map(|v| v.split(',')).map(str::trim) {
        match name {
            "" | "identity" => {}
            "gzip" | "x-gzip" => codings.push(Coding::Gzip),
            "deflate" => codings.push(Coding::Deflate),
            "br" => codings.push(Coding::Brotli),
            _ => return Ok(Decoding::Unknown(name.to_string())),
        }
    }
    if codings.len() > MAX_CODINGS {
        return Err(format!(
            "the response lists {} content codings; hit undoes at most {MAX_CODINGS}",
            codings.len()
        ));
    }
    Ok(Decoding::Codings(codings))
}

/// The body of a response, decoded.
pub struct DecodedBody {
    state: State,
    codings: Vec<Coding>,
    /// For messages: `host:port`.
    target: String,
}

enum State {
    /// Nothing read yet: an empty body is not handed to a decoder, which would call it
    /// truncated.
    Pending(Chunks),
    Flowing(Chunks),
    Done,
}

impl DecodedBody {
    pub fn new(response: Response, codings: Vec<Coding>, limits: TimeLimits) -> DecodedBody {
        let target = authority(response.url());
        DecodedBody {
            state: State::Pending(raw_chunks(response, limits)),
            codings,
            target,
        }
    }

    /// The body of a response that has none to read (a 101's: the connection goes on in
    /// the protocol it switched to).
    pub fn none(url: &reqwest::Url) -> DecodedBody {
        DecodedBody {
            state: State::Done,
            codings: Vec::new(),
            target: authority(url),
        }
    }

    /// The next decoded chunk; failures are classified (exit 8 or 9).
    pub async fn next(&mut self) -> anyhow::Result<Option<Bytes>> {
        loop {
            let chunks = match &mut self.state {
                State::Done => return Ok(None),
                State::Flowing(chunks) => chunks,
                State::Pending(raw) => match raw.next().await {
                    None => {
                        self.state = State::Done;
                        return Ok(None);
                    }
                    Some(Err(e)) => return Err(self.failure(e)),
                    Some(Ok(first)) => {
                        let State::Pending(raw) = std::mem::replace(&mut self.state, State::Done)
                        else {
                            unreachable!("the state was just matched");
                        };
                        // Some servers send "deflate" without its zlib wrapper; the first
                        // bytes tell which one came.
                        let zlib = is_zlib_header(&first);
                        let raw = Box::pin(stream::once(async { Ok(first) }).chain(raw));
                        self.state = State::Flowing(decoded(raw, &self.codings, zlib));
                        continue;
                    }
                },
            };
            return match chunks.next().await {
                Some(Ok(chunk)) => Ok(Some(chunk)),
                Some(Err(e)) => Err(self.failure(e)),
                None => {
                    self.state = State::Done;
                    Ok(None)
                }
            };
        }
    }

    /// A read's failure: the transport's, kept as it was classified, or a decoder's.
    fn failure(&self, err: io::Error) -> anyhow::Error {
        if err.get_ref().is_some_and(|e| e.is::<HitError>()) {
            if let Some(Ok(hit)) = err.into_inner().map(|e| e.downcast::<HitError>()) {
                return (*hit).into();
            }
            unreachable!("the inner error was just checked");
        }
        let names: Vec<&str> = self
            .codings
            .iter()
            .map(|c| match c {
                Coding::Gzip => "gzip",
                Coding::Deflate => "deflate",
                Coding::Brotli => "br",
            })
            .collect();
        HitError::BodyBroken(format!(
            "the response body from {} is not valid {}: {}",
            self.target,
            names.join(", "),
            crate::error::without_os_error(err.to_string())
        ))
        .into()
    }
}

/// The body as received, each read within the time limits.
fn raw_chunks(response: Response, limits: TimeLimits) -> Chunks {
    let chunks = stream::unfold(Some(response), move |state| async move {
        let mut response = state?;
        let failure = match limits.bound(response.chunk(), true).await {
            Ok(Ok(Some(chunk))) => return Some((Ok(chunk), Some(response))),
            Ok(Ok(None)) => return None,
            Ok(Err(err)) => {
                let target = authority(response.url());
                if err.is_timeout() {
                    timeout_error(&target, &idle_message(limits.idle))
                } else {
                    body_broken(&target, &root_cause(&err))
                }
            }
            Err(Expired::Idle(limit)) => {
                timeout_error(&authority(response.url()), &idle_message(Some(limit)))
            }
            Err(expired) => {
                let what = format!("{} while reading the body", expired.describe("no bytes"));
                timeout_error(&authority(response.url()), &what)
            }
        };
        Some((Err(io::Error::other(failure)), None))
    });
    Box::pin(chunks)
}

/// Whether bytes start with a zlib header (RFC 1950 §2.2): deflate, and a check that makes
/// the first two bytes a multiple of 31.
fn is_zlib_header(bytes: &[u8]) -> bool {
    match bytes {
        [cmf, flg, ..] => cmf & 0x0f == 8 && (u16::from(*cmf) << 8 | u16::from(*flg)) % 31 == 0,
        _ => true,
    }
}

/// `raw` with every coding undone, the last applied first. `zlib`: whether the outermost
/// layer, if deflate, has its zlib wrapper.
fn decoded(raw: Chunks, codings: &[Coding], zlib: bool) -> Chunks {
    if codings.is_empty() {
        return raw;
    }
    let mut reader: Pin<Box<dyn AsyncBufRead + Send>> = Box::pin(StreamReader::new(raw));
    for (layer, coding) in codings.iter().rev().enumerate() {
        reader = match coding {
            Coding::Gzip => Box::pin(BufReader::with_capacity(CHUNK, GzipDecoder::new(reader))),
            Coding::Deflate if layer == 0 && !zlib => {
                Box::pin(BufReader::with_capacity(CHUNK, DeflateDecoder::new(reader)))
            }
            Coding::Deflate => Box::pin(BufReader::with_capacity(CHUNK, ZlibDecoder::new(reader))),
            Coding::Brotli => Box::pin(BufReader::with_capacity(CHUNK, BrotliDecoder::new(reader))),
        };
    }
    Box::pin(ReaderStream::with_capacity(reader, CHUNK))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encoding(value: &str) -> Result<Decoding, String> {
        let mut headers = HeaderMap::new();
        headers.insert(CONTENT_ENCODING, value.parse().unwrap());
        decoding(&headers)
    }

    #[test]
    fn content_encoding_lists() {
        assert_eq!(encoding("gzip"), Ok(Decoding::Codings(vec![Coding::Gzip])));
        assert_eq!(
            encoding("deflate, GZIP"),
            Ok(Decoding::Codings(vec![Coding::Deflate, Coding::Gzip]))
        );
        assert_eq!(encoding("identity"), Ok(Decoding::Codings(vec![])));
        assert_eq!(
            encoding("gzip, x-foo"),
            Ok(Decoding::Unknown("x-foo".into()))
        );
        assert!(encoding("gzip,gzip,gzip,gzip,gzip,gzip").is_err());
        assert_eq!(decoding(&HeaderMap::new()), Ok(Decoding::Codings(vec![])));
    }
}
