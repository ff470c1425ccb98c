//! Saving a response body to a file (SPEC §7): `-o FILE`, `-O`, `-J`, `--clobber` and
//! resuming with `-C -`.

use std::fs::{File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::pin::pin;
use std::time::Instant;

use anyhow::{Result, anyhow};
use percent_encoding::percent_decode_str;
use reqwest::StatusCode;
use reqwest::header::{CONTENT_DISPOSITION, CONTENT_RANGE, HeaderMap};
use reqwest::{Response, Url};

use crate::error::{HitError, io_reason, usage};
use crate::output::{self, Printer, progress};
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
    /// A progress bar and a summary line on stderr.
    pub progress: bool,
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
            return Err(usage(format!(
                "'{}' exists; --clobber replaces it, -C - resumes it",
                path.display()
            )));
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

    /// Streams the body of `incoming` into the file, or leaves the file alone when the
    /// response is not the body it asked for.
    pub async fn save(&self, incoming: &mut Incoming, printer: &mut Printer) -> Result<Saved> {
        let status = incoming.response.status();
        let mut offset = self.offset;
        if offset > 0 {
            let shown = self.path.as_deref().unwrap_or(Path::new("")).display();
            match status {
                StatusCode::PARTIAL_CONTENT => {
                    let start = content_range(incoming.response.headers()).and_then(|r| r.start);
                    if start != Some(offset) {
                        let sent = match start {
                            Some(start) => format!("starts at byte {start}"),
                            None => "has no usable Content-Range".to_string(),
                        };
                        return Err(HitError::BodyBroken(format!(
                            "cannot resume '{shown}': asked for the bytes from {offset}, and the \
                             206 response {sent}; the file is left as it was"
                        ))
                        .into());
                    }
                }
                StatusCode::RANGE_NOT_SATISFIABLE => {
                    let size = incoming.drain().await?;
                    let total = content_range(incoming.response.headers()).and_then(|r| r.total);
                    let whole = total.is_none_or(|total| total == offset);
                    if whole {
                        printer.note(&format!("'{shown}' is already complete ({offset} bytes)"));
                    } else {
                        printer.warning(&format!(
                            "'{shown}' left as it was: it has {offset} bytes and the server's \
                             copy has {}; --clobber downloads it again",
                            total.unwrap_or_default()
                        ));
                    }
                    return Ok(Saved {
                        path: self.path.clone(),
                        size,
                        already_complete: whole,
                    });
                }
                status if status.is_success() => {
                    printer.warning(&format!(
                        "the server sent the whole body ({status}, not 206 Partial Content): \
                         downloading '{shown}' again from the start"
                    ));
                    offset = 0;
                }
                _ => {
                    // An error page is not the rest of the file.
                    let size = incoming.drain().await?;
                    printer.warning(&format!("'{shown}' left as it was ({offset} bytes)"));
                    return Ok(Saved {
                        path: self.path.clone(),
                        size,
                        already_complete: false,
                    });
                }
            }
        }

        let (path, file) = self.open(&incoming.response, offset > 0)?;
        let shown = path.display().to_string();
        if self.path.as_ref().is_some_and(|planned| *planned != path)
            && matches!(self.save.target, Target::Remote { from_header: false })
        {
            printer.note(&format!(
                "'{}' exists; saving to '{shown}' (--clobber replaces it)",
                self.path.as_deref().unwrap_or(Path::new("")).display()
            ));
        }
        let remaining = incoming.response.content_length();
        let bar = progress::bar(
            self.save.progress,
            remaining.map(|n| n + offset),
            offset,
            &shown,
        );
        let started = Instant::now();
        let mut writer = BufWriter::with_capacity(WRITE_BUFFER, file);
        let mut received = 0u64;
        let mut interrupted = pin!(tokio::signal::ctrl_c());
        let failure = loop {
            let chunk = tokio::select! {
                biased;
                _ = &mut interrupted => break Some(anyhow!(HitError::Interrupted)),
                chunk = incoming.chunk() => chunk,
            };
            match chunk {
                Ok(Some(chunk)) => {
                    if let Err(e) = writer.write_all(&chunk) {
                        break Some(anyhow!("cannot write '{shown}': {}", io_reason(&e)));
                    }
                    received += chunk.len() as u64;
                    bar.inc(chunk.len() as u64);
                }
                Ok(None) => break None,
                Err(err) => break Some(err),
            }
        };
        let flushed = writer.flush();
        bar.finish_and_clear();
        let kept = offset + received;
        let failure = failure.or_else(|| {
            flushed
                .err()
                .map(|e| anyhow!("cannot write '{shown}': {}", io_reason(&e)))
        });
        if let Some(err) = failure {
            let resume = match self.save.target {
                Target::Named(_) => {
                    let quoted = shlex::try_quote(&shown).unwrap_or_else(|_| shown.as_str().into());
                    format!("-o {quoted} -C -")
                }
                Target::Remote { .. } => "-O -C -".to_string(),
            };
            let incomplete =
                format!("'{shown}' is incomplete ({kept} bytes kept; {resume} resumes it)");
            if crate::error::is_quiet(&err) {
                // Ctrl-C is otherwise quiet; this is worth saying.
                output::report(&format!("interrupted: {incomplete}"));
                return Err(err);
            }
            return Err(err.context(incomplete));
        }
        if self.save.progress {
            let mut line = progress::summary("saved", received, "to", &shown, started.elapsed());
            if offset > 0 {
                line.push_str(&format!(" (after the {offset} bytes already there)"));
            }
            printer.note(&line);
        }
        Ok(Saved {
            path: Some(path),
            size: received,
            already_complete: false,
        })
    }

    /// Opens the file to write: the planned name, the server's with `-J`, or with `-O`/`-J`
    /// and an existing file, the first free `name-N.ext`.
    fn open(&self, response: &Response, append: bool) -> Result<(PathBuf, File)> {
        let cannot = |path: &Path, e: io::Error| {
            anyhow!("cannot write '{}': {}", path.display(), io_reason(&e))
        };
        let path = match &self.save.target {
            Target::Remote { from_header: true } => name_from_header(response.headers())
                .map(PathBuf::from)
                .or_else(|| self.path.clone()),
            _ => self.path.clone(),
        };
        let Some(path) = path else {
            return Err(anyhow!(
                "-J: the response has no file name in Content-Disposition and the URL has \
                 none at the end of its path; name the file with -o FILE"
            ));
        };
        if append {
            let file = OpenOptions::new().append(true).open(&path);
            return file
                .map(|f| (path.clone(), f))
                .map_err(|e| cannot(&path, e));
        }
        let replace =
            self.save.clobber || self.save.resume || matches!(self.save.target, Target::Named(_));
        if replace {
            let file = File::create(&path);
            return file
                .map(|f| (path.clone(), f))
                .map_err(|e| cannot(&path, e));
        }
        for n in 0..=MAX_SUFFIX {
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
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(cannot(&candidate, e)),
            }
        }
        Err(anyhow!(
            "'{}' and {MAX_SUFFIX} numbered names beside it exist; --clobber replaces it",
            path.display()
        ))
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
pub fn name_from_url(url: &Url) -> Option<String> {
    let segment = url.path_segments()?.rev().find(|s| !s.is_empty())?;
    safe_name(&percent_decode_str(segment).decode_utf8_lossy())
}

/// The file name a Content-Disposition header suggests, made safe.
fn name_from_header(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(CONTENT_DISPOSITION)?;
    safe_name(&disposition_filename(value.as_bytes())?)
}

/// A name that stays in the current directory: its last path component only, without
/// control or reserved characters, leading dots or surrounding spaces. `None` when
/// nothing usable is left (`..`, `/`, `.`).
pub fn safe_name(raw: &str) -> Option<String> {
    // Dots first: sanitize_filename would keep `..` as `_`.
    let last = raw.rsplit(['/', '\\']).next().unwrap_or_default();
    let last = last.trim().trim_start_matches('.');
    let options = sanitize_filename::Options {
        replacement: "_",
        ..Default::default()
    };
    let clean = sanitize_filename::sanitize_with_options(last, options);
    let clean = clean.trim().trim_start_matches('.').trim();
    (!clean.is_empty()).then(|| clean.to_string())
}

/// The `filename*` (RFC 8187, preferred) or `filename` parameter of a Content-Disposition
/// value (RFC 6266), decoded but not yet made safe.
fn disposition_filename(value: &[u8]) -> Option<String> {
    let value = String::from_utf8_lossy(value);
    let mut plain = None;
    for (name, raw) in parameters(&value) {
        if name.eq_ignore_ascii_case("filename*") {
            if let Some(decoded) = extended_value(&raw) {
                return Some(decoded);
            }
        } else if name.eq_ignore_ascii_case("filename") && plain.is_none() {
            plain = Some(raw);
        }
    }
    plain
}

/// The `name=value` parameters after the disposition type, with quoted strings unquoted.
fn parameters(value: &str) -> Vec<(String, String)> {
    let mut params = Vec::new();
    let mut rest = match value.split_once(';') {
        Some((_, rest)) => rest,
        None => return params,
    };
    loop {
        let Some((name, after)) = rest.split_once('=') else {
            return params;
        };
        let after = after.trim_start();
        let (param, next) = if let Some(quoted) = after.strip_prefix('"') {
            let mut text = String::new();
            let mut chars = quoted.char_indices();
            let mut end = quoted.len();
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
            let next = quoted[end..].split_once(';').map_or("", |(_, next)| next);
            (text, next)
        } else {
            let (token, next) = after.split_once(';').unwrap_or((after, ""));
            (token.trim().to_string(), next)
        };
        params.push((name.trim().to_string(), param));
        rest = next;
    }
}

/// `charset'language'percent-encoded` (RFC 8187): UTF-8 and ISO-8859-1.
fn extended_value(raw: &str) -> Option<String> {
    let mut parts = raw.splitn(3, '\'');
    let (charset, _language, encoded) = (parts.next()?, parts.next()?, parts.next()?);
    let bytes: Vec<u8> = percent_decode_str(encoded).collect();
    let encoding = encoding_rs::Encoding::for_label(charset.trim().as_bytes())?;
    let (text, _, errors) = encoding.decode(&bytes);
    (!errors).then(|| text.into_owned())
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
        let name = |v: &str| disposition_filename(v.as_bytes());
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
        assert_eq!(name("inline"), None);
        assert_eq!(name("attachment; size=3"), None);
        // A filename* that cannot be decoded falls back to filename.
        assert_eq!(
            name("attachment; filename*=nonsense''x; filename=\"ok.txt\""),
            Some("ok.txt".into())
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
