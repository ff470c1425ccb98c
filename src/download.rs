//! Saving a response body to a file (SPEC §7): `-o FILE`, `-O`, `-J`, `--clobber` and
//! resuming with `-C -`.

use std::fs::{File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Result, anyhow};
use percent_encoding::percent_decode_str;
use reqwest::StatusCode;
use reqwest::header::{CONTENT_DISPOSITION, CONTENT_ENCODING, CONTENT_RANGE, HeaderMap};
use reqwest::{Method, Response, Url};

use crate::error::{HitError, io_reason, usage};
use crate::output::{Partial, Printer, progress};
use crate::transport::Incoming;

/// Write buffer for downloads.
const WRITE_BUFFER: usize = 256 * 1024;

/// The most `name-N.ext` candidates tried before giving up.
const MAX_SUFFIX: u32 = 999;

/// Where and how to save the body.
#[derive(Debug, Clone)]
pub struct Save {
    pub target: Target,
    /// `--clobber`: replace an existing file.
    pub clobber: bool,
    /// `-C -`: continue a partial file.
    pub resume: bool,
}

/// How the file is named.
#[derive(Debug, Clone)]
pub enum Target {
    /// `-o FILE`.
    Named(PathBuf),
    /// `-O`, and with `-J` the server's Content-Disposition name first.
    Remote { from_header: bool },
}

/// A download decided before the request is sent: the file name as far as it is known, and
/// where a resumed download starts.
#[derive(Debug)]
pub struct Plan {
    save: Save,
    /// The `-o` name, or the name from the URL path (`None`: the URL has none, and `-J` must
    /// find one in the response).
    path: Option<PathBuf>,
    /// Bytes already on disk that `-C -` continues after.
    offset: u64,
}

/// What a download did.
#[derive(Debug)]
pub struct Saved {
    /// The file written, if any.
    pub path: Option<PathBuf>,
    /// Body bytes received.
    pub size: u64,
    /// `-C -` got 416 for a file that is already whole: a success.
    pub already_complete: bool,
}

impl Plan {
    /// Checks what can be checked before sending: that `-O` has a name to use, that `-o`
    /// does not replace a file by accident, and how much of the file `-C -` already has.
    pub fn new(save: &Save, url: &Url) -> Result<Plan> {
        let path = match &save.target {
            Target::Named(path) => Some(path.clone()),
            Target::Remote { from_header } => {
                let name = name_from_url(url);
                if name.is_none() && !from_header {
                    return Err(usage(format!(
                        "-O: the URL '{}' has no file name at the end of its path; name the \
                         file with -o FILE",
                        crate::redirect::shown(url)
                    )));
                }
                name.map(PathBuf::from)
            }
        };
        let existing = path.as_deref().and_then(|p| std::fs::metadata(p).ok());
        let offset = match &existing {
            Some(meta) if save.resume && meta.is_file() => meta.len(),
            _ => 0,
        };
        if let (Target::Named(path), Some(meta)) = (&save.target, &existing)
            && meta.is_file()
            && !save.clobber
            && !save.resume
        {
            return Err(exists(path));
        }
        Ok(Plan {
            save: save.clone(),
            path,
            offset,
        })
    }

    /// The `Range` header that asks for the rest of a partial file.
    pub fn range(&self) -> Option<String> {
        (self.offset > 0).then(|| format!("bytes={}-", self.offset))
    }

    /// Whether `--fail` should leave this response to the download: a 416 to `-C -` says
    /// the file is whole, which is a success.
    pub fn handles_error(&self, status: StatusCode) -> bool {
        self.offset > 0 && status == StatusCode::RANGE_NOT_SATISFIABLE
    }

    /// Streams the body of `incoming` into the file, or leaves the file alone when the
    /// response is not the body it asked for.
    pub async fn save(
        &self,
        incoming: &mut Incoming,
        method: &Method,
        printer: &mut Printer,
    ) -> Result<Saved> {
        let response = &incoming.response;
        let planned = self
            .path
            .as_deref()
            .unwrap_or(Path::new(""))
            .display()
            .to_string();
        let offset = self.offset;
        let keep = |size| Saved {
            path: None,
            size,
            already_complete: false,
        };
        let write_from = match decide(method, response.status(), response.headers(), offset)
            .map_err(|why| {
                HitError::BodyBroken(format!(
                    "cannot resume '{planned}': {why}; the file is left as it was"
                ))
            })? {
            Action::Append => offset,
            Action::Write => 0,
            Action::Restart => {
                printer.warning(&format!(
                    "the server sent the whole body (200 OK, not 206 Partial Content): \
                     downloading '{planned}' again from the start"
                ));
                0
            }
            Action::Keep(Kept::NoBody) => return Ok(keep(incoming.drain().await?)),
            Action::Keep(Kept::Status) => {
                // An error page is not the rest of the file.
                let size = incoming.drain().await?;
                printer.warning(&format!("'{planned}' left as it was ({offset} bytes)"));
                return Ok(keep(size));
            }
            Action::Keep(Kept::Complete { stated }) => {
                let size = incoming.drain().await?;
                printer.note(&if stated {
                    format!("'{planned}' is already complete ({offset} bytes)")
                } else {
                    format!(
                        "'{planned}' is taken to be complete ({offset} bytes): the server has \
                         nothing after its end"
                    )
                });
                return Ok(Saved {
                    already_complete: true,
                    ..keep(size)
                });
            }
            Action::Keep(Kept::Mismatch { total }) => {
                let size = incoming.drain().await?;
                printer.warning(&format!(
                    "'{planned}' left as it was: it has {offset} bytes and the server's copy \
                     {total}; run again with --clobber instead of -C - to download it anew"
                ));
                return Ok(keep(size));
            }
        };
        let expected = content_range(response.headers()).and_then(|r| r.total);

        let wanted = self.wanted(response);
        let (path, file) = self.open(wanted.as_deref(), write_from > 0)?;
        let shown = path.display().to_string();
        if let Some(wanted) = &wanted
            && *wanted != path
        {
            printer.note(&format!(
                "'{}' exists; saving to '{shown}' (--clobber replaces it)",
                wanted.display()
            ));
        }
        let quoted = shlex::try_quote(&shown).map_or_else(|_| shown.clone(), |q| q.into_owned());
        let resume = format!("-o {quoted} -C -");
        let remaining = response.content_length();
        let bar = progress::bar(
            printer.shows_progress(),
            remaining.map(|n| n + write_from),
            write_from,
            &shown,
        );
        let started = Instant::now();
        let mut writer = BufWriter::with_capacity(WRITE_BUFFER, file);
        let mut received = 0u64;
        // If Ctrl-C ends the run, the printer says what was kept.
        printer.downloading(Partial {
            path: shown.clone(),
            resume: resume.clone(),
            kept: write_from,
        });
        let failure = loop {
            match incoming.chunk().await {
                Ok(Some(chunk)) => {
                    if let Err(e) = writer.write_all(&chunk) {
                        break Some(anyhow!("cannot write '{shown}': {}", io_reason(&e)));
                    }
                    received += chunk.len() as u64;
                    printer.downloaded(write_from + received);
                    bar.inc(chunk.len() as u64);
                }
                Ok(None) => break None,
                Err(err) => break Some(err),
            }
        };
        let flushed = writer.flush();
        bar.finish_and_clear();
        let failure = failure.or_else(|| {
            flushed
                .err()
                .map(|e| anyhow!("cannot write '{shown}': {}", io_reason(&e)))
        });
        printer.download_ended();
        let kept = write_from + received;
        if let Some(err) = failure {
            return Err(err.context(format!(
                "'{shown}' is incomplete ({kept} bytes kept; {resume} resumes it)"
            )));
        }
        if let Some(total) = expected.filter(|total| kept < *total) {
            printer.warning(&format!(
                "'{shown}' has {kept} of {total} bytes: the server sent less than the rest \
                 ({resume} asks again)"
            ));
        }
        if printer.shows_progress() {
            let mut line = progress::summary("saved", received, "to", &shown, started.elapsed());
            if write_from > 0 {
                line.push_str(&format!(" (after the {write_from} bytes already there)"));
            }
            printer.note(&line);
        }
        Ok(Saved {
            path: Some(path),
            size: received,
            already_complete: false,
        })
    }

    /// The name the file should have: the planned one, or the server's with `-J`.
    fn wanted(&self, response: &Response) -> Option<PathBuf> {
        match &self.save.target {
            Target::Remote { from_header: true } => name_from_header(response.headers())
                .map(PathBuf::from)
                .or_else(|| self.path.clone()),
            _ => self.path.clone(),
        }
    }

    /// Opens the file to write: to append to, to replace, or new. With `-O`/`-J` and an
    /// existing file, the first free `name-N.ext`.
    fn open(&self, wanted: Option<&Path>, append: bool) -> Result<(PathBuf, File)> {
        let cannot = |path: &Path, e: io::Error| {
            anyhow!("cannot write '{}': {}", path.display(), io_reason(&e))
        };
        let open = |path: PathBuf, options: &OpenOptions| match options.open(&path) {
            Ok(file) => Ok((path, file)),
            Err(e) => Err(cannot(&path, e)),
        };
        let Some(path) = wanted.map(Path::to_path_buf) else {
            return Err(anyhow!(
                "-J: the response has no file name in Content-Disposition and the URL has \
                 none at the end of its path; name the file with -o FILE"
            ));
        };
        if append {
            return open(path, OpenOptions::new().append(true));
        }
        if self.save.clobber || self.save.resume {
            return open(
                path,
                OpenOptions::new().write(true).create(true).truncate(true),
            );
        }
        // `create_new`: a file that appeared since `Plan::new` is not replaced either.
        let last = match self.save.target {
            Target::Named(_) => 0,
            Target::Remote { .. } => MAX_SUFFIX,
        };
        for n in 0..=last {
            let candidate = if n == 0 {
                path.clone()
            } else {
                with_suffix(&path, n)
            };
            match OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&candidate)
            {
                Ok(file) => return Ok((candidate, file)),
                // `-o /dev/null`, a FIFO: written to, never replaced.
                Err(e)
                    if e.kind() == io::ErrorKind::AlreadyExists
                        && std::fs::metadata(&candidate).is_ok_and(|m| !m.is_file()) =>
                {
                    return open(candidate, OpenOptions::new().write(true));
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(cannot(&candidate, e)),
            }
        }
        Err(match self.save.target {
            Target::Named(_) => exists(&path),
            Target::Remote { .. } => anyhow!(
                "'{}' and {MAX_SUFFIX} numbered names beside it exist; --clobber replaces it",
                path.display()
            ),
        })
    }
}

fn exists(path: &Path) -> anyhow::Error {
    usage(format!(
        "'{}' exists; --clobber replaces it, -C - resumes it",
        path.display()
    ))
}

/// What to do with a response to a download.
#[derive(Debug, PartialEq, Eq)]
enum Action {
    /// Write the body into a new or replaced file.
    Write,
    /// Append the body after the bytes already there (206 to `-C -`).
    Append,
    /// `-C -` got the whole body (200): write it from the start.
    Restart,
    /// Write nothing; an existing file stays as it is.
    Keep(Kept),
}

/// Why nothing is written.
#[derive(Debug, PartialEq, Eq)]
enum Kept {
    /// HEAD, 1xx, 204 or 304: there is no body to save.
    NoBody,
    /// `-C -` got 416: nothing after the end of the file. `stated`: Content-Range gave the
    /// size and it matches.
    Complete { stated: bool },
    /// `-C -` got 416 and the server's copy has another size.
    Mismatch { total: u64 },
    /// `-C -` got another status: its body is not the rest of the file.
    Status,
}

/// Decides what a response does to the file; `Err` is a 206 that cannot continue it.
fn decide(
    method: &Method,
    status: StatusCode,
    headers: &HeaderMap,
    offset: u64,
) -> Result<Action, String> {
    let no_body = *method == Method::HEAD
        || status.is_informational()
        || status == StatusCode::NO_CONTENT
        || status == StatusCode::NOT_MODIFIED;
    if no_body {
        return Ok(Action::Keep(Kept::NoBody));
    }
    if offset == 0 {
        return Ok(Action::Write);
    }
    match status {
        StatusCode::PARTIAL_CONTENT => {
            // A range of an encoded body cannot be decoded on its own.
            if let Some(coding) = headers.get(CONTENT_ENCODING)
                && !coding.as_bytes().eq_ignore_ascii_case(b"identity")
            {
                return Err(format!(
                    "the 206 response is {}-encoded although hit asked for identity",
                    String::from_utf8_lossy(coding.as_bytes())
                ));
            }
            match content_range(headers).and_then(|r| r.start) {
                Some(start) if start == offset => Ok(Action::Append),
                Some(start) => Err(format!(
                    "asked for the bytes from {offset}, and the 206 response starts at byte \
                     {start}"
                )),
                None => Err("the 206 response has no usable Content-Range".to_string()),
            }
        }
        StatusCode::RANGE_NOT_SATISFIABLE => Ok(Action::Keep(
            match content_range(headers).and_then(|r| r.total) {
                None => Kept::Complete { stated: false },
                Some(total) if total == offset => Kept::Complete { stated: true },
                Some(total) => Kept::Mismatch { total },
            },
        )),
        StatusCode::OK => Ok(Action::Restart),
        _ => Ok(Action::Keep(Kept::Status)),
    }
}

/// `name-N.ext` beside `name.ext`.
fn with_suffix(path: &Path, n: u32) -> PathBuf {
    let name = path
        .file_name()
        .map(|s| s.to_string_lossy())
        .unwrap_or_default();
    let renamed = match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => format!("{stem}-{n}.{ext}"),
        _ => format!("{name}-{n}"),
    };
    path.with_file_name(renamed)
}

/// The last non-empty segment of the URL path, decoded and made safe.
fn name_from_url(url: &Url) -> Option<String> {
    let segment = url.path_segments()?.rev().find(|s| !s.is_empty())?;
    safe_name(&percent_decode_str(segment).decode_utf8_lossy())
}

/// The file name a Content-Disposition header suggests, made safe: `filename*` first, then
/// `filename`.
fn name_from_header(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(CONTENT_DISPOSITION)?.as_bytes();
    // Header bytes are UTF-8 in practice; otherwise Latin-1 as browsers read them.
    let value = match std::str::from_utf8(value) {
        Ok(text) => text.into(),
        Err(_) => encoding_rs::WINDOWS_1252.decode(value).0,
    };
    disposition_filenames(&value)
        .iter()
        .find_map(|name| safe_name(name))
}

/// The longest name hit writes, in bytes: room for `-999` under the usual limit of 255.
const MAX_NAME: usize = 240;

/// A name that stays in the current directory: its last path component only, without
/// control, reserved or bidirectional-formatting characters, leading dots or surrounding
/// spaces, and at most `MAX_NAME` bytes (keeping a short extension). `None` when nothing
/// usable is left (`..`, `/`, `.`).
fn safe_name(raw: &str) -> Option<String> {
    let last = raw.rsplit(['/', '\\']).next().unwrap_or_default();
    // Invisible characters that reorder or hide what a name shows (`\u{202E}fdp.exe`).
    let visible: String = last.chars().filter(|c| !is_format_char(*c)).collect();
    // Dots first: sanitize_filename would keep `..` as `_`.
    let trimmed = visible.trim().trim_start_matches('.');
    let options = sanitize_filename::Options {
        replacement: "_",
        truncate: false,
        ..Default::default()
    };
    let clean = sanitize_filename::sanitize_with_options(trimmed, options);
    let clean = clean.trim().trim_start_matches('.').trim();
    (!clean.is_empty()).then(|| shortened(clean, MAX_NAME))
}

/// Unicode format characters that change how a name reads: bidirectional controls and
/// zero-width characters.
fn is_format_char(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
}

/// `name` cut to `max` bytes at a character boundary, keeping an extension of up to 16 bytes.
fn shortened(name: &str, max: usize) -> String {
    if name.len() <= max {
        return name.to_string();
    }
    let (stem, ext) = match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() && ext.len() <= 16 => (stem, format!(".{ext}")),
        _ => (name, String::new()),
    };
    let mut end = max - ext.len();
    while !stem.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}{ext}", &stem[..end])
}

/// The file names a Content-Disposition value (RFC 6266) offers, best first: `filename*`
/// (RFC 8187) decoded, then `filename`. Not yet made safe.
fn disposition_filenames(value: &str) -> Vec<String> {
    let params = parameters(value);
    let extended = params
        .iter()
        .filter(|(name, _)| name.eq_ignore_ascii_case("filename*"))
        .filter_map(|(_, raw)| extended_value(raw));
    let plain = params
        .iter()
        .filter(|(name, _)| name.eq_ignore_ascii_case("filename"))
        .map(|(_, raw)| raw.clone());
    extended.chain(plain).collect()
}

/// The `name=value` parameters of a Content-Disposition value, quoted strings unquoted.
/// The disposition type, and parameters without a value, are skipped.
fn parameters(value: &str) -> Vec<(String, String)> {
    let mut params = Vec::new();
    let mut rest = value;
    while !rest.is_empty() {
        // The next name, up to `=`; a segment without one (the type) is skipped.
        let name_end = rest.find(['=', ';']).unwrap_or(rest.len());
        let name = rest[..name_end].trim();
        if !rest[name_end..].starts_with('=') {
            rest = rest.get(name_end + 1..).unwrap_or_default();
            continue;
        }
        let after = rest[name_end + 1..].trim_start();
        let (param, next) = match after.strip_prefix('"') {
            Some(quoted) => {
                let mut text = String::new();
                let mut end = quoted.len();
                let mut chars = quoted.char_indices();
                while let Some((i, c)) = chars.next() {
                    match c {
                        '\\' => text.extend(chars.next().map(|(_, c)| c)),
                        '"' => {
                            end = i + 1;
                            break;
                        }
                        c => text.push(c),
                    }
                }
                let tail = &quoted[end..];
                (text, tail.find(';').map_or("", |i| &tail[i + 1..]))
            }
            None => {
                let (token, next) = after.split_once(';').unwrap_or((after, ""));
                (token.trim().to_string(), next)
            }
        };
        params.push((name.to_string(), param));
        rest = next;
    }
    params
}

/// `charset'language'percent-encoded` (RFC 8187), in UTF-8 or ISO-8859-1, the two charsets
/// it allows.
fn extended_value(raw: &str) -> Option<String> {
    let mut parts = raw.splitn(3, '\'');
    let (charset, _language, encoded) = (parts.next()?, parts.next()?, parts.next()?);
    let bytes: Vec<u8> = percent_decode_str(encoded).collect();
    let charset = charset.trim();
    if charset.eq_ignore_ascii_case("utf-8") {
        String::from_utf8(bytes).ok()
    } else if charset.eq_ignore_ascii_case("iso-8859-1") {
        Some(bytes.iter().map(|&b| char::from(b)).collect())
    } else {
        None
    }
}

/// The parts of `Content-Range: bytes START-END/TOTAL` (or `bytes */TOTAL`).
struct ContentRange {
    start: Option<u64>,
    total: Option<u64>,
}

fn content_range(headers: &HeaderMap) -> Option<ContentRange> {
    let value = headers.get(CONTENT_RANGE)?.to_str().ok()?;
    let spec = value.trim().strip_prefix("bytes")?.trim_start();
    let (range, total) = spec.split_once('/')?;
    let start = range
        .split_once('-')
        .and_then(|(start, _)| start.trim().parse().ok());
    Some(ContentRange {
        start,
        total: total.trim().parse().ok(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_names_stay_in_the_directory() {
        for (raw, want) in [
            ("report.pdf", Some("report.pdf")),
            ("../../x", Some("x")),
            ("/etc/passwd", Some("passwd")),
            ("..\\..\\boot.ini", Some("boot.ini")),
            (".bashrc", Some("bashrc")),
            ("...hidden", Some("hidden")),
            ("a\x1b[31mb\x07.txt", Some("a_[31mb_.txt")),
            ("line\nbreak", Some("line_break")),
            ("\u{202E}fdp.exe", Some("fdp.exe")),
            ("..", None),
            ("/", None),
            ("", None),
            ("  ", None),
        ] {
            assert_eq!(safe_name(raw).as_deref(), want, "{raw:?}");
        }
    }

    #[test]
    fn disposition_names() {
        let name = |v: &str| disposition_filenames(v).into_iter().next();
        assert_eq!(
            name("attachment; filename=\"a b.txt\""),
            Some("a b.txt".into())
        );
        assert_eq!(
            name("attachment; filename=plain.bin"),
            Some("plain.bin".into())
        );
        assert_eq!(
            name("attachment; filename=\"EURO rates.txt\"; filename*=utf-8''%e2%82%ac%20rates.txt"),
            Some("€ rates.txt".into())
        );
        assert_eq!(
            name("attachment; filename*=iso-8859-1'en'caf%E9.txt"),
            Some("café.txt".into())
        );
        assert_eq!(
            name("attachment; filename=\"q\\\"uote;d.txt\""),
            Some("q\"uote;d.txt".into())
        );
        assert_eq!(
            name("attachment; foo; filename=x.txt"),
            Some("x.txt".into())
        );
        assert_eq!(name("filename=x.txt"), Some("x.txt".into()));
        assert_eq!(name("inline"), None);
        assert_eq!(name("attachment; size=3"), None);
        // Charsets other than the two RFC 8187 allows are not guessed at.
        assert_eq!(
            name("attachment; filename*=utf-16''%61%00; filename=\"ok.txt\""),
            Some("ok.txt".into())
        );
    }

    #[test]
    fn header_names_fall_back_past_unusable_ones() {
        let mut headers = HeaderMap::new();
        headers.insert(
            CONTENT_DISPOSITION,
            "attachment; filename*=UTF-8''..; filename=\"ok.txt\""
                .parse()
                .unwrap(),
        );
        assert_eq!(name_from_header(&headers), Some("ok.txt".into()));
        headers.insert(
            CONTENT_DISPOSITION,
            reqwest::header::HeaderValue::from_bytes(b"attachment; filename=\"caf\xe9.txt\"")
                .unwrap(),
        );
        assert_eq!(name_from_header(&headers), Some("café.txt".into()));
    }

    #[test]
    fn long_names_keep_their_extension_and_room_for_a_suffix() {
        let long = format!("{}.tar.gz", "é".repeat(200));
        let safe = safe_name(&long).unwrap();
        assert!(safe.len() <= MAX_NAME, "{}", safe.len());
        assert!(safe.ends_with("é.gz"), "{safe}");
    }

    #[test]
    fn decisions() {
        let get = Method::GET;
        let range = |value: &str| {
            let mut headers = HeaderMap::new();
            headers.insert(CONTENT_RANGE, value.parse().unwrap());
            headers
        };
        let none = HeaderMap::new();
        let decide = |method: &Method, status: u16, headers: &HeaderMap, offset| {
            decide(
                method,
                StatusCode::from_u16(status).unwrap(),
                headers,
                offset,
            )
        };
        assert_eq!(decide(&get, 200, &none, 0), Ok(Action::Write));
        assert_eq!(decide(&get, 404, &none, 0), Ok(Action::Write));
        assert_eq!(
            decide(&Method::HEAD, 200, &none, 0),
            Ok(Action::Keep(Kept::NoBody))
        );
        assert_eq!(
            decide(&Method::HEAD, 200, &none, 9),
            Ok(Action::Keep(Kept::NoBody))
        );
        assert_eq!(decide(&get, 204, &none, 9), Ok(Action::Keep(Kept::NoBody)));
        assert_eq!(decide(&get, 304, &none, 0), Ok(Action::Keep(Kept::NoBody)));
        assert_eq!(decide(&get, 200, &none, 9), Ok(Action::Restart));
        assert_eq!(decide(&get, 203, &none, 9), Ok(Action::Keep(Kept::Status)));
        assert_eq!(decide(&get, 500, &none, 9), Ok(Action::Keep(Kept::Status)));
        assert_eq!(
            decide(&get, 206, &range("bytes 9-19/20"), 9),
            Ok(Action::Append)
        );
        assert!(decide(&get, 206, &range("bytes 0-19/20"), 9).is_err());
        assert!(decide(&get, 206, &none, 9).is_err());
        let mut gzipped = range("bytes 9-19/20");
        gzipped.insert(CONTENT_ENCODING, "gzip".parse().unwrap());
        assert!(decide(&get, 206, &gzipped, 9).is_err());
        assert_eq!(
            decide(&get, 416, &range("bytes */9"), 9),
            Ok(Action::Keep(Kept::Complete { stated: true }))
        );
        assert_eq!(
            decide(&get, 416, &none, 9),
            Ok(Action::Keep(Kept::Complete { stated: false }))
        );
        assert_eq!(
            decide(&get, 416, &range("bytes */5"), 9),
            Ok(Action::Keep(Kept::Mismatch { total: 5 }))
        );
    }

    #[test]
    fn suffixes() {
        assert_eq!(
            with_suffix(Path::new("a.tar.gz"), 1),
            Path::new("a.tar-1.gz")
        );
        assert_eq!(with_suffix(Path::new("README"), 2), Path::new("README-2"));
        assert_eq!(
            with_suffix(Path::new("dir/x.bin"), 3),
            Path::new("dir/x-3.bin")
        );
    }

    #[test]
    fn url_names() {
        let name = |u: &str| name_from_url(&Url::parse(u).unwrap());
        assert_eq!(name("http://h/files/1g.bin?x=1"), Some("1g.bin".into()));
        assert_eq!(name("http://h/dir/"), Some("dir".into()));
        assert_eq!(
            name("http://h/a%2F..%2F..%2Fetc%2Fpasswd"),
            Some("passwd".into())
        );
        assert_eq!(name("http://h/"), None);
        assert_eq!(name("http://h/%2E%2E"), None);
    }
}
