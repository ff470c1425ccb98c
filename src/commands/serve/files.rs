//! `/files/{name}` and `/download?id=N`: files to practise downloads on (`-O`, `-J`,
//! `-C -`), made on the fly. A file's bytes are a function of its kind (`.bin`, `.txt`)
//! and the offset, so any range of a 1 GiB file is made 64 KiB at a time and nothing is
//! held whole. Each carries the validators (`ETag`, `Last-Modified`) and answers `Range`
//! (206, several ranges as `multipart/byteranges`, 416), `If-Range`, `If-None-Match` and
//! `If-Modified-Since` as RFC 9110 §13 and §14 say.

use std::sync::Arc;
use std::time::SystemTime;

use bytes::Bytes;
use futures_util::stream;
use http_body_util::{BodyExt, StreamBody};
use hyper::Response;
use hyper::body::Frame;
use hyper::header;
use serde_json::json;

use super::exchange::{self, Body, Req, problem, set};
use super::ranges::{self, Asked, BOUNDARY, RangePiece};
use super::resources::etag;

/// The largest file `/files` makes: `1g.bin`.
pub const MAX_FILE: u64 = 1 << 30;
/// The largest `id` of `/download`.
pub const MAX_DOWNLOAD_ID: u64 = 1000;
/// How much of a file is made at a time.
const CHUNK: u64 = 64 * 1024;
/// Every generated file's `Last-Modified`: their bytes never change.
pub const LAST_MODIFIED: &str = "Wed, 01 Jan 2025 00:00:00 GMT";
/// Every line of a `.txt` file: its number in ten digits, then this, 64 bytes in all.
const LINE_TEXT: &[u8; 54] = b" hit serve practice text; every line is 64 bytes long\n";
/// The files are made in blocks of this many bytes: a line of a `.txt` file.
const BLOCK: u64 = 64;

/// What a file's bytes are.
#[derive(Clone)]
enum Content {
    /// Pseudo-random bytes: the same at the same offset in every `.bin` file.
    Binary,
    /// Numbered lines of 64 bytes.
    Text,
    /// Bytes made beforehand (a `/download` report: a few hundred bytes).
    Held(Arc<[u8]>),
}

/// A file as the practice API serves it.
#[derive(Clone)]
struct File {
    len: u64,
    content: Content,
    content_type: &'static str,
    tag: String,
}

impl File {
    /// `1g.bin`, `10m.bin`, `1k.txt`, `500.bin`: a number, an optional k, m or g (KiB,
    /// MiB, GiB), then `.bin` or `.txt`.
    fn named(name: &str) -> Result<File, String> {
        let explain = || {
            format!(
                "there is no file '{name}': ask for N.bin or N.txt, with N a number of bytes \
                 and k, m or g for KiB, MiB or GiB, up to 1g (1g.bin, 10m.bin, 1k.txt)"
            )
        };
        let (size, extension) = name.rsplit_once('.').ok_or_else(explain)?;
        let (content, content_type) = match extension {
            "bin" => (Content::Binary, "application/octet-stream"),
            "txt" => (Content::Text, "text/plain; charset=utf-8"),
            _ => return Err(explain()),
        };
        let (digits, unit) = match size.char_indices().last() {
            Some((at, unit @ ('k' | 'K' | 'm' | 'M' | 'g' | 'G'))) => (&size[..at], unit),
            _ => (size, 'b'),
        };
        let shift = match unit.to_ascii_lowercase() {
            'k' => 10,
            'm' => 20,
            'g' => 30,
            _ => 0,
        };
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(explain());
        }
        let len = digits
            .parse::<u64>()
            .ok()
            .and_then(|n| n.checked_shl(shift).filter(|len| len >> shift == n))
            .filter(|len| *len <= MAX_FILE)
            .ok_or_else(|| {
                format!(
                    "'{name}' is larger than the 1 GiB hit serve makes; ask for \
                     1g.{extension} or less"
                )
            })?;
        let tag = etag(format!("{extension}:{len}").as_bytes());
        Ok(File {
            len,
            content,
            content_type,
            tag,
        })
    }

    /// Bytes `start..start + out.len()` of the file.
    fn fill(&self, start: u64, out: &mut [u8]) {
        match &self.content {
            Content::Binary => fill_with(start, out, binary_block),
            Content::Text => fill_with(start, out, text_line),
            Content::Held(bytes) => {
                let start = start as usize;
                out.copy_from_slice(&bytes[start..start + out.len()]);
            }
        }
    }
}

/// Fills `out` with bytes `start..` of a sequence of 64-byte blocks, block `n` being
/// `block(n)`.
fn fill_with(start: u64, out: &mut [u8], block: fn(u64) -> [u8; BLOCK as usize]) {
    let mut at = 0;
    let mut offset = start;
    while at < out.len() {
        let bytes = block(offset / BLOCK);
        let from = (offset % BLOCK) as usize;
        let n = (bytes.len() - from).min(out.len() - at);
        out[at..at + n].copy_from_slice(&bytes[from..from + n]);
        at += n;
        offset += n as u64;
    }
}

/// Block `n` of a `.bin` file: eight well-spread words.
fn binary_block(n: u64) -> [u8; BLOCK as usize] {
    let mut block = [0; BLOCK as usize];
    for (i, word) in block.chunks_exact_mut(8).enumerate() {
        word.copy_from_slice(&mix(n * 8 + i as u64).to_le_bytes());
    }
    block
}

/// Line `n` of a `.txt` file: its number from 1, in ten digits, then [`LINE_TEXT`].
fn text_line(n: u64) -> [u8; BLOCK as usize] {
    let mut line = [0; BLOCK as usize];
    let mut number = n + 1;
    for digit in line[..10].iter_mut().rev() {
        *digit = b'0' + (number % 10) as u8;
        number /= 10;
    }
    line[10..].copy_from_slice(LINE_TEXT);
    line
}

/// SplitMix64's output function: a well-spread word for each position.
fn mix(n: u64) -> u64 {
    let mut z = n.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// `GET /files`: how to name a file, and commands to try on this server.
pub fn index(req: &Req) -> Response<Body> {
    let at = |path: &str| format!(":{}{}", req.local.port(), req.link(path));
    exchange::json(
        200,
        &json!({
            "files": [
                req.link("/files/1k.txt"),
                req.link("/files/10m.bin"),
                req.link("/files/1g.bin"),
            ],
            "names": "N.bin (pseudo-random bytes) or N.txt (numbered lines of 64 bytes), \
                      N a number of bytes with k, m or g for KiB, MiB or GiB, up to 1g; \
                      the same name gives the same bytes",
            "try": [
                format!("hit -O {}", at("/files/10m.bin")),
                format!("hit -o part.bin -C - {}", at("/files/10m.bin")),
                format!("hit {} Range:bytes=0-63", at("/files/1k.txt")),
                format!("hit -O -J '{}'", at("/download?id=7")),
            ],
        }),
    )
}

/// `GET /files/{name}`.
pub fn file(req: &Req, name: &str) -> Response<Body> {
    match File::named(name) {
        Ok(file) => serve(req, &file),
        Err(detail) => problem(404, &detail),
    }
}

/// `GET /download?id=N`: a small CSV report whose name is only in `Content-Disposition`,
/// to practise `-O -J`.
pub fn download(req: &Req) -> Response<Body> {
    let id = req.param("id").unwrap_or_default();
    let Some(id) = id
        .parse::<u64>()
        .ok()
        .filter(|id| (1..=MAX_DOWNLOAD_ID).contains(id))
    else {
        let detail = format!(
            "the download needs an id from 1 to {MAX_DOWNLOAD_ID}, such as /download?id=7, \
             not '{id}'"
        );
        return problem(400, &detail);
    };
    let report = report(id);
    let file = File {
        len: report.len() as u64,
        tag: etag(&report),
        content: Content::Held(report.into()),
        content_type: "text/csv; charset=utf-8",
    };
    let mut response = serve(req, &file);
    // RFC 6266: `filename` for every client, `filename*` (RFC 8187) for those that read it.
    let name = format!("report-{id}.csv");
    let disposition = format!("attachment; filename=\"{name}\"; filename*=UTF-8''{name}");
    set(&mut response, header::CONTENT_DISPOSITION, &disposition);
    response
}

/// Report `id`: a week of made-up order counts, the same for the same id.
fn report(id: u64) -> Vec<u8> {
    let mut text = String::from("report,day,orders\n");
    for day in 1..=7 {
        let orders = mix(id * 8 + day) % 100;
        text.push_str(&format!("{id},{day},{orders}\n"));
    }
    text.into_bytes()
}

/// The answer for a file: 304 when the client's copy is current, 416 when no range fits,
/// 206 with the ranges asked for (unless `If-Range` names another version), else 200.
fn serve(req: &Req, file: &File) -> Response<Body> {
    let mut response = if not_modified(req, file) {
        exchange::empty(304)
    } else {
        let range = req
            .header(header::RANGE)
            .filter(|_| if_range_holds(req, file));
        match ranges::asked(range, file.len) {
            Asked::Whole => whole(file),
            Asked::Unsatisfiable => unsatisfiable(req, file),
            Asked::Parts(parts) => partial(file, &parts),
        }
    };
    set(&mut response, header::ACCEPT_RANGES, "bytes");
    set(&mut response, header::ETAG, &file.tag);
    set(&mut response, header::LAST_MODIFIED, LAST_MODIFIED);
    response
}

fn whole(file: &File) -> Response<Body> {
    let pieces = [RangePiece::Bytes {
        start: 0,
        end: file.len,
    }];
    streamed(200, file, &pieces, file.content_type)
}

/// 206: one range with `Content-Range`, several as `multipart/byteranges`.
fn partial(file: &File, parts: &[(u64, u64)]) -> Response<Body> {
    if let [(first, last)] = parts {
        let pieces = [RangePiece::Bytes {
            start: *first,
            end: last + 1,
        }];
        let mut response = streamed(206, file, &pieces, file.content_type);
        let range = format!("bytes {first}-{last}/{}", file.len);
        set(&mut response, header::CONTENT_RANGE, &range);
        return response;
    }
    let pieces = ranges::multipart(parts, file.len, file.content_type);
    let media = format!("multipart/byteranges; boundary={BOUNDARY}");
    streamed(206, file, &pieces, &media)
}

/// 416 with `Content-Range: bytes */LEN` (RFC 9110 §15.5.17): the length, so that a client
/// resuming a download knows whether it already has the whole file.
fn unsatisfiable(req: &Req, file: &File) -> Response<Body> {
    let asked = req.header(header::RANGE).unwrap_or_default();
    let detail = format!(
        "no part of '{asked}' is inside this file of {} bytes; byte positions start at 0",
        file.len
    );
    let mut response = problem(416, &detail);
    set(
        &mut response,
        header::CONTENT_RANGE,
        &format!("bytes */{}", file.len),
    );
    response
}

/// `If-Range` (RFC 9110 §13.1.5): the ranges hold only for the version the client names,
/// by a strong `ETag` or by exactly its `Last-Modified` date; otherwise the whole file.
fn if_range_holds(req: &Req, file: &File) -> bool {
    let Some(validator) = req.header(header::IF_RANGE).map(str::trim) else {
        return true;
    };
    if validator.starts_with('"') || validator.starts_with("W/") {
        // A weak tag never matches: ranges of a weakly equal copy may not line up.
        return validator == file.tag;
    }
    date(validator).is_some_and(|sent| Some(sent) == date(LAST_MODIFIED))
}

/// `If-None-Match` naming the current tag, or (without it) `If-Modified-Since` at or after
/// `Last-Modified`: the client's copy is current (RFC 9110 §13.1.2, §13.1.3).
fn not_modified(req: &Req, file: &File) -> bool {
    if let Some(tags) = req.header(header::IF_NONE_MATCH) {
        return tags.split(',').map(str::trim).any(|tag| {
            tag == "*" || tag.trim_start_matches("W/") == file.tag.trim_start_matches("W/")
        });
    }
    let since = req.header(header::IF_MODIFIED_SINCE).and_then(date);
    since.is_some_and(|since| date(LAST_MODIFIED).is_some_and(|modified| modified <= since))
}

fn date(text: &str) -> Option<SystemTime> {
    httpdate::parse_http_date(text.trim()).ok()
}

/// A response whose body is `pieces`, made a chunk at a time as hyper asks for it, with
/// its `Content-Length` known up front.
fn streamed(status: u16, file: &File, pieces: &[RangePiece], media: &str) -> Response<Body> {
    let length: u64 = pieces.iter().map(RangePiece::len).sum();
    let file = file.clone();
    let chunks = stream::unfold(
        (pieces.to_vec(), 0_usize, 0_u64),
        move |(pieces, index, done)| {
            let chunk = next_chunk(&file, &pieces, index, done);
            async move {
                let (bytes, index, done) = chunk?;
                Some((Ok(Frame::data(bytes)), (pieces, index, done)))
            }
        },
    );
    let mut response = Response::new(StreamBody::new(chunks).boxed_unsync());
    *response.status_mut() = hyper::StatusCode::from_u16(status).unwrap_or_default();
    set(&mut response, header::CONTENT_TYPE, media);
    set(&mut response, header::CONTENT_LENGTH, &length.to_string());
    response
}

/// The chunk after `done` bytes of piece `index`, and where the next one starts.
fn next_chunk(
    file: &File,
    pieces: &[RangePiece],
    index: usize,
    done: u64,
) -> Option<(Bytes, usize, u64)> {
    let piece = pieces.get(index)?;
    let (bytes, taken) = match piece {
        RangePiece::Text(text) => (text.clone(), text.len() as u64),
        RangePiece::Bytes { start, end } => {
            let size = (end - start - done).min(CHUNK);
            let mut bytes = vec![0; size as usize];
            file.fill(start + done, &mut bytes);
            (Bytes::from(bytes), size)
        }
    };
    if done + taken >= piece.len() {
        Some((bytes, index + 1, 0))
    } else {
        Some((bytes, index, done + taken))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bytes(file: &File, start: u64, end: u64) -> Vec<u8> {
        let mut out = vec![0; (end - start) as usize];
        file.fill(start, &mut out);
        out
    }

    #[test]
    fn names_give_sizes_and_kinds() {
        let len = |name: &str| File::named(name).map(|file| file.len);
        assert_eq!(len("1g.bin"), Ok(1 << 30));
        assert_eq!(len("10m.bin"), Ok(10 << 20));
        assert_eq!(len("1k.txt"), Ok(1024));
        assert_eq!(len("1K.txt"), Ok(1024));
        assert_eq!(len("500.bin"), Ok(500));
        assert_eq!(len("0.bin"), Ok(0));
        for wrong in [
            "1g", "k.bin", "1x.bin", "1g.exe", "-1.bin", "1.5m.bin", ".bin",
        ] {
            let refused = File::named(wrong).err().unwrap();
            assert!(
                refused.starts_with("there is no file"),
                "{wrong}: {refused}"
            );
        }
        for large in [
            "2g.bin",
            "1025m.txt",
            "99999999999999999999g.bin",
            "18446744073709551615k.bin",
        ] {
            let refused = File::named(large).err().unwrap();
            assert!(
                refused.contains("larger than the 1 GiB"),
                "{large}: {refused}"
            );
        }
    }

    #[test]
    fn any_range_is_the_same_bytes_as_the_whole() {
        for name in ["3000.bin", "3000.txt"] {
            let file = File::named(name).unwrap();
            let whole = bytes(&file, 0, 3000);
            for (start, end) in [(0, 1), (7, 9), (63, 65), (1, 2999), (2990, 3000)] {
                let start_usize = start as usize;
                let end_usize = end as usize;
                assert_eq!(
                    bytes(&file, start, end),
                    whole[start_usize..end_usize],
                    "{name}"
                );
            }
        }
        let text = bytes(&File::named("128.txt").unwrap(), 0, 128);
        assert_eq!(
            String::from_utf8(text).unwrap(),
            "0000000001 hit serve practice text; every line is 64 bytes long\n\
             0000000002 hit serve practice text; every line is 64 bytes long\n"
        );
    }

    #[test]
    fn chunks_cover_the_pieces_in_order() {
        let file = File::named("200k.bin").unwrap();
        let pieces = [
            RangePiece::Text(Bytes::from_static(b"head")),
            RangePiece::Bytes {
                start: 5,
                end: 150_000,
            },
            RangePiece::Text(Bytes::from_static(b"tail")),
        ];
        let mut body = Vec::new();
        let mut at = (0, 0);
        while let Some((bytes, index, done)) = next_chunk(&file, &pieces, at.0, at.1) {
            assert!(bytes.len() as u64 <= CHUNK);
            body.extend_from_slice(&bytes);
            at = (index, done);
        }
        let mut expected = b"head".to_vec();
        expected.extend(bytes(&file, 5, 150_000));
        expected.extend_from_slice(b"tail");
        assert_eq!(body, expected);
    }

    #[test]
    fn a_report_is_the_same_for_the_same_id() {
        assert_eq!(report(7), report(7));
        assert_ne!(report(7), report(8));
        let text = String::from_utf8(report(7)).unwrap();
        assert!(text.starts_with("report,day,orders\n7,1,"), "{text}");
        assert_eq!(text.lines().count(), 8);
    }
}
