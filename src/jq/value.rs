//! Values in and out of jaq: parsing an input, hit's variables, writing results as JSON.

use crate::error::cut_to;
use crate::http::timing::Timing;
use std::borrow::Cow;
use std::cell::OnceCell;

use jaq_core::Exn;
use jaq_json::{Map, Num, Val};
use serde::de::{Error as _, IgnoredAny, SeqAccess, Visitor};
use serde_json::value::RawValue;

use super::{MAX_DEPTH, RunError};

/// A JSON text checked once, to run several filters and checks over. It is held as jaq's
/// value only when a filter needs the whole of it (then once): a filter `.[] | F` over a
/// top-level array reads the elements one at a time.
pub struct Json<'a> {
    text: &'a [u8],
    value: OnceCell<Val>,
}

impl<'a> Json<'a> {
    /// Checks that TEXT is one JSON value (whitespace around it allowed), strictly: what
    /// is not JSON (an HTML page, `NaN`, a lone surrogate `\ud800`) is
    /// [`RunError::NotJson`], and nesting deeper than [`MAX_DEPTH`] is
    /// [`RunError::TooDeep`]. Nothing is kept but TEXT.
    pub fn parse(text: &'a [u8]) -> Result<Json<'a>, RunError> {
        serde_json::from_slice::<IgnoredAny>(text).map_err(not_json)?;
        Json::within_depth(text)
    }

    /// The values of TEXT, which holds JSON values one after another (`1 2 3`, `{}\n{}`)
    /// as jq reads its input, after a UTF-8 byte order mark if it starts with one. Each is
    /// checked as [`Json::parse`] checks one; whitespace alone is no value.
    pub fn sequence(text: &'a [u8]) -> Result<Vec<Json<'a>>, RunError> {
        let text = text.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(text);
        let values = serde_json::Deserializer::from_slice(text).into_iter::<&RawValue>();
        values
            .map(|raw| Json::within_depth(raw.map_err(not_json)?.get().as_bytes()))
            .collect()
    }

    /// TEXT, known to be one JSON value, unless it nests deeper than [`MAX_DEPTH`].
    fn within_depth(text: &'a [u8]) -> Result<Json<'a>, RunError> {
        if too_deep(text, MAX_DEPTH) {
            return Err(RunError::TooDeep(MAX_DEPTH));
        }
        Ok(Json {
            text,
            value: OnceCell::new(),
        })
    }

    /// The whole value, parsed on first use.
    pub(super) fn value(&self) -> Result<&Val, RunError> {
        if let Some(v) = self.value.get() {
            return Ok(v);
        }
        let v = jaq_json::read::parse_single(self.text)
            .map_err(|e| RunError::NotJson(e.to_string()))?;
        Ok(self.value.get_or_init(|| v))
    }

    /// Whether the text is an array not parsed yet, to be read element by element.
    pub(super) fn streams(&self) -> bool {
        let first = self.text.iter().find(|b| !b.is_ascii_whitespace());
        self.value.get().is_none() && first == Some(&b'[')
    }

    /// Gives each element of the top-level array to F, parsed, until F returns `false`.
    pub(super) fn elements(
        &self,
        f: &mut dyn FnMut(Val) -> Result<bool, RunError>,
    ) -> Result<(), RunError> {
        let mut failed = None;
        let mut de = serde_json::Deserializer::from_slice(self.text);
        let visited = serde::Deserializer::deserialize_seq(
            &mut de,
            Elements {
                f,
                failed: &mut failed,
            },
        );
        match (failed, visited) {
            (Some(err), _) => Err(err),
            (None, visited) => visited.map_err(not_json),
        }
    }
}

fn not_json(e: serde_json::Error) -> RunError {
    RunError::NotJson(e.to_string())
}

/// Whether arrays and objects in INPUT nest deeper than LIMIT (strings skipped).
pub(super) fn too_deep(input: &[u8], limit: usize) -> bool {
    let (mut depth, mut i) = (0usize, 0);
    while i < input.len() {
        match input[i] {
            b'[' | b'{' => {
                depth += 1;
                if depth > limit {
                    return true;
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            b'"' => i = string_end(input, i + 1),
            _ => {}
        }
        i += 1;
    }
    false
}

/// The index of the quote closing a string whose content starts at FROM.
fn string_end(input: &[u8], mut from: usize) -> usize {
    while let Some(j) = memchr::memchr2(b'"', b'\\', &input[from..]) {
        if input[from + j] == b'"' {
            return from + j;
        }
        from += j + 2;
        if from >= input.len() {
            break;
        }
    }
    input.len()
}

/// A visitor of the top-level array that parses and hands on one element at a time.
struct Elements<'f> {
    f: &'f mut dyn FnMut(Val) -> Result<bool, RunError>,
    failed: &'f mut Option<RunError>,
}

impl<'de> Visitor<'de> for Elements<'_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an array")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(raw) = seq.next_element::<&'de RawValue>()? {
            let parsed = jaq_json::read::parse_single(raw.get().as_bytes())
                .map_err(|e| RunError::NotJson(e.to_string()));
            match parsed.and_then(|v| (self.f)(v)) {
                Ok(true) => {}
                Ok(false) => break,
                Err(err) => {
                    *self.failed = Some(err);
                    return Err(A::Error::custom("stopped"));
                }
            }
        }
        // What is left (after a stop) was checked by `Json::parse`.
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(())
    }
}

/// `$__headers`: lower-cased name → value; repeated headers joined with ", ", except
/// `set-cookie`, which is always an array.
pub(super) fn headers(headers: &[(String, String)]) -> Val {
    let mut by_name: indexmap::IndexMap<String, Vec<&str>> = indexmap::IndexMap::new();
    for (name, value) in headers {
        by_name
            .entry(name.to_ascii_lowercase())
            .or_default()
            .push(value);
    }
    let map: Map = by_name
        .into_iter()
        .map(|(name, values)| {
            let value = if name == "set-cookie" {
                values.iter().map(|v| Val::from(v.to_string())).collect()
            } else {
                Val::from(values.join(", "))
            };
            (Val::from(name), value)
        })
        .collect();
    Val::obj(map)
}

/// `$__cookies`: the name and value of each cookie a Set-Cookie line sets (RFC 6265 §5.2:
/// the pair before the first `;`, trimmed); a line without `=` sets none, and a later line
/// for a name wins, as a jar keeps it.
pub(super) fn cookies(headers: &[(String, String)]) -> Val {
    let mut by_name: indexmap::IndexMap<String, String> = indexmap::IndexMap::new();
    let lines = headers
        .iter()
        .filter(|(name, _)| name.eq_ignore_ascii_case("set-cookie"));
    for (_, line) in lines {
        let pair = line.split(';').next().unwrap_or_default();
        if let Some((name, value)) = pair.split_once('=') {
            let name = name.trim();
            if !name.is_empty() {
                by_name.insert(name.to_string(), value.trim().to_string());
            }
        }
    }
    let map: Map = by_name
        .into_iter()
        .map(|(name, value)| (Val::from(name), Val::from(value)))
        .collect();
    Val::obj(map)
}

/// `$__timing`: each phase in milliseconds (fractional), null for one that did not happen.
/// `$__event`: an event's fields, its data as the string received.
pub(super) fn event(event: &crate::http::event_stream::Event) -> Val {
    let text = |s: &Option<String>| s.clone().map_or(Val::Null, Val::from);
    let retry = event.retry.map_or(Val::Null, |ms| {
        Val::from(usize::try_from(ms).unwrap_or(usize::MAX))
    });
    let map: Map = [
        ("event", Val::from(event.event.clone())),
        ("id", text(&event.id)),
        ("retry", retry),
        ("data", Val::from(event.data.clone())),
    ]
    .into_iter()
    .map(|(k, v)| (Val::from(k.to_string()), v))
    .collect();
    Val::obj(map)
}

pub(super) fn timing(timing: &Timing) -> Val {
    // Whole microseconds: the clock's noise is larger than that.
    let ms = |d: Option<std::time::Duration>| {
        d.map_or(Val::Null, |d| Val::from(d.as_micros() as f64 / 1e3))
    };
    let map: Map = [
        ("total", ms(Some(timing.total))),
        ("ttfb", ms(Some(timing.ttfb))),
        ("dns", ms(timing.dns())),
        ("connect", ms(timing.connect())),
        ("tls", ms(timing.tls())),
    ]
    .into_iter()
    .map(|(name, value)| (Val::from(name.to_string()), value))
    .collect();
    Val::obj(map)
}

/// `$ENV`: the environment (names and values that are not UTF-8 are converted lossily).
pub(super) fn env() -> Val {
    let map: Map = std::env::vars_os()
        .map(|(k, v)| {
            let k = k.to_string_lossy().into_owned();
            (Val::from(k), Val::from(v.to_string_lossy().into_owned()))
        })
        .collect();
    Val::obj(map)
}

/// A filter's exception as a [`RunError`]. An error's value is shown as jq does: a string
/// as its text, anything else as JSON.
pub(super) fn exception(exn: Exn<'_, Val>) -> RunError {
    match exn.get_err() {
        Ok(err) => RunError::Filter(cut_to(&text(&err.into_val()), MAX_MESSAGE)),
        Err(exn) => match exn.get_halt() {
            Ok(code) => RunError::Halt(code),
            Err(_) => RunError::Filter("internal error in the filter".to_string()),
        },
    }
}

/// The most of an error message shown: jaq's messages quote the value they failed on, which
/// may be the whole body.
const MAX_MESSAGE: usize = 300;

/// A string's text, or any other value as compact JSON.
pub(super) fn text(v: &Val) -> String {
    let mut buf = Vec::new();
    write(&mut buf, v, true);
    String::from_utf8_lossy(&buf).into_owned()
}

/// Writes V to BUF as compact JSON; with RAW, a string is written as its bare text.
///
/// Unlike jaq's printer, the output is always valid JSON, as jq's is: NaN is `null`,
/// ±Infinity is ±1.7976931348623157e+308, a byte string is a string, a key that is not a
/// string is its JSON text, invalid UTF-8 becomes U+FFFD, and a float that is a whole
/// number prints without a fraction (`10 / 2` is `5`, not jaq's `5.0`). Numbers read from
/// the input print as they were written.
pub(super) fn write(buf: &mut Vec<u8>, v: &Val, raw: bool) {
    match v {
        Val::TStr(s) | Val::BStr(s) if raw => {
            buf.extend_from_slice(String::from_utf8_lossy(s).as_bytes())
        }
        Val::Null => buf.extend_from_slice(b"null"),
        Val::Bool(b) => buf.extend_from_slice(if *b { b"true" } else { b"false" }),
        Val::Num(n) => write_num(buf, n),
        Val::TStr(s) | Val::BStr(s) => write_str(buf, &String::from_utf8_lossy(s)),
        Val::Arr(a) => {
            buf.push(b'[');
            for (i, x) in a.iter().enumerate() {
                if i > 0 {
                    buf.push(b',');
                }
                write(buf, x, false);
            }
            buf.push(b']');
        }
        Val::Obj(o) => {
            buf.push(b'{');
            for (i, (k, x)) in o.iter().enumerate() {
                if i > 0 {
                    buf.push(b',');
                }
                write_key(buf, k);
                buf.push(b':');
                write(buf, x, false);
            }
            buf.push(b'}');
        }
    }
}

/// An object key: a string as itself, any other value (jaq allows them) as its JSON text.
fn write_key(buf: &mut Vec<u8>, k: &Val) {
    match k {
        Val::TStr(s) | Val::BStr(s) => write_str(buf, &String::from_utf8_lossy(s)),
        other => {
            let mut text = Vec::new();
            write(&mut text, other, false);
            write_str(buf, &String::from_utf8_lossy(&text));
        }
    }
}

fn write_num(buf: &mut Vec<u8>, n: &Num) {
    let text: Cow<str> = match n {
        Num::Int(i) => i.to_string().into(),
        Num::BigInt(i) => i.to_string().into(),
        Num::Dec(d) => d.trim_start_matches('+').into(),
        Num::Float(f) if f.is_nan() => "null".into(),
        Num::Float(f) if f.is_infinite() => {
            let sign = if *f < 0.0 { "-" } else { "" };
            format!("{sign}1.7976931348623157e+308").into()
        }
        Num::Float(f) if f.fract() == 0.0 && f.abs() < 1e17 => format!("{f:.0}").into(),
        Num::Float(_) => n.to_string().into(),
    };
    buf.extend_from_slice(text.as_bytes());
}

/// S as a JSON string: quotes, backslashes and control characters escaped.
fn write_str(buf: &mut Vec<u8>, s: &str) {
    buf.push(b'"');
    let bytes = s.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let escape: &[u8] = match b {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            0x08 => b"\\b",
            0x0c => b"\\f",
            0x00..=0x1f | 0x7f => b"",
            _ => continue,
        };
        buf.extend_from_slice(&bytes[start..i]);
        if escape.is_empty() {
            buf.extend_from_slice(format!("\\u{b:04x}").as_bytes());
        } else {
            buf.extend_from_slice(escape);
        }
        start = i + 1;
    }
    buf.extend_from_slice(&bytes[start..]);
    buf.push(b'"');
}

/// What kind of value V is, with its article, for messages: `an object`, `null`.
pub(super) fn kind(v: &Val) -> &'static str {
    match v {
        Val::Null => "null",
        Val::Bool(_) => "a boolean",
        Val::Num(_) => "a number",
        Val::TStr(_) | Val::BStr(_) => "a string",
        Val::Arr(_) => "an array",
        Val::Obj(_) => "an object",
    }
}
