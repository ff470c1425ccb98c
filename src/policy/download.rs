//! What a response does to a file being saved (SPEC §7), and the names files get: pure
//! decisions, tested as tables. The saving itself is `exchange::save`.

use std::path::{Path, PathBuf};

use percent_encoding::percent_decode_str;
use reqwest::header::{CONTENT_DISPOSITION, CONTENT_ENCODING, CONTENT_RANGE, HeaderMap};
use reqwest::{Method, StatusCode, Url};

use crate::facts;

/// The most `name-N.ext` candidates tried before giving up.
pub const MAX_SUFFIX: u32 = 999;

/// What to do with a response to a download.
#[derive(Debug, PartialEq, Eq)]
pub enum FileAction {
    /// Write the body into a new or replaced file.
    Write,
    /// Append the body after the bytes already there (206 to `-C -`).
    Append,
    /// `-C -` got the whole body (200): write it from the start.
    Restart,
    /// Write nothing; an existing file stays as it is.
    Keep(KeepReason),
}

/// Why nothing is written.
#[derive(Debug, PartialEq, Eq)]
pub enum KeepReason {
    /// HEAD, 1xx, 204 or 304: there is no body to save.
    NoBody,
    /// `-C -` got 416: nothing after the end of the file. `stated`: Content-Range gave the
    /// size and it matches.
    Complete { stated: bool },
    /// `-C -` got 416 and the server's copy has another size.
    Mismatch { total: u64 },
    /// A 4xx/5xx, or to `-C -` any other status: its body is not the file, nor the rest.
    Status,
}

/// Decides what a response does to the file; `Err` is a 206 that cannot continue it.
pub fn decide(
    method: &Method,
    status: StatusCode,
    headers: &HeaderMap,
    offset: u64,
    error_bodies: bool,
) -> Result<FileAction, String> {
    if facts::has_no_body(method.as_str(), status.as_u16()) {
        return Ok(FileAction::Keep(KeepReason::NoBody));
    }
    if offset == 0 {
        // An error page is not the file that was asked for, unless `--ignore-status` says
        // the status does not matter.
        let error = status.is_client_error() || status.is_server_error();
        return Ok(if error && !error_bodies {
            FileAction::Keep(KeepReason::Status)
        } else {
            FileAction::Write
        });
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
                Some(start) if start == offset => Ok(FileAction::Append),
                Some(start) => Err(format!(
                    "asked for the bytes from {offset}, and the 206 response starts at byte \
                     {start}"
                )),
                None => Err("the 206 response has no usable Content-Range".to_string()),
            }
        }
        StatusCode::RANGE_NOT_SATISFIABLE => Ok(FileAction::Keep(
            match content_range(headers).and_then(|r| r.total) {
                None => KeepReason::Complete { stated: false },
                Some(total) if total == offset => KeepReason::Complete { stated: true },
                Some(total) => KeepReason::Mismatch { total },
            },
        )),
        StatusCode::OK => Ok(FileAction::Restart),
        _ => Ok(FileAction::Keep(KeepReason::Status)),
    }
}

/// `name-N.ext` beside `name.ext`.
pub fn with_suffix(path: &Path, n: u32) -> PathBuf {
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

/// The file name a Content-Disposition header suggests, made safe: `filename*` first, then
/// `filename`.
pub fn name_from_header(headers: &HeaderMap) -> Option<String> {
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
pub struct ContentRange {
    pub start: Option<u64>,
    pub total: Option<u64>,
}

pub fn content_range(headers: &HeaderMap) -> Option<ContentRange> {
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
            let status = StatusCode::from_u16(status).unwrap();
            decide(method, status, headers, offset, false)
        };
        assert_eq!(decide(&get, 200, &none, 0), Ok(FileAction::Write));
        assert_eq!(
            decide(&get, 404, &none, 0),
            Ok(FileAction::Keep(KeepReason::Status))
        );
        assert_eq!(
            decide(&get, 503, &none, 0),
            Ok(FileAction::Keep(KeepReason::Status))
        );
        assert_eq!(decide(&get, 302, &none, 0), Ok(FileAction::Write));
        // --ignore-status: the error page is what was asked for, but never the rest of a file.
        let status = StatusCode::NOT_FOUND;
        assert_eq!(
            super::decide(&get, status, &none, 0, true),
            Ok(FileAction::Write)
        );
        assert_eq!(
            super::decide(&get, status, &none, 9, true),
            Ok(FileAction::Keep(KeepReason::Status))
        );
        assert_eq!(
            decide(&Method::HEAD, 200, &none, 0),
            Ok(FileAction::Keep(KeepReason::NoBody))
        );
        assert_eq!(
            decide(&Method::HEAD, 200, &none, 9),
            Ok(FileAction::Keep(KeepReason::NoBody))
        );
        assert_eq!(
            decide(&get, 204, &none, 9),
            Ok(FileAction::Keep(KeepReason::NoBody))
        );
        assert_eq!(
            decide(&get, 304, &none, 0),
            Ok(FileAction::Keep(KeepReason::NoBody))
        );
        assert_eq!(decide(&get, 200, &none, 9), Ok(FileAction::Restart));
        assert_eq!(
            decide(&get, 203, &none, 9),
            Ok(FileAction::Keep(KeepReason::Status))
        );
        assert_eq!(
            decide(&get, 500, &none, 9),
            Ok(FileAction::Keep(KeepReason::Status))
        );
        assert_eq!(
            decide(&get, 206, &range("bytes 9-19/20"), 9),
            Ok(FileAction::Append)
        );
        assert!(decide(&get, 206, &range("bytes 0-19/20"), 9).is_err());
        assert!(decide(&get, 206, &none, 9).is_err());
        let mut gzipped = range("bytes 9-19/20");
        gzipped.insert(CONTENT_ENCODING, "gzip".parse().unwrap());
        assert!(decide(&get, 206, &gzipped, 9).is_err());
        assert_eq!(
            decide(&get, 416, &range("bytes */9"), 9),
            Ok(FileAction::Keep(KeepReason::Complete { stated: true }))
        );
        assert_eq!(
            decide(&get, 416, &none, 9),
            Ok(FileAction::Keep(KeepReason::Complete { stated: false }))
        );
        assert_eq!(
            decide(&get, 416, &range("bytes */5"), 9),
            Ok(FileAction::Keep(KeepReason::Mismatch { total: 5 }))
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
