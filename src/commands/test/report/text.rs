//! Text shared by the report writers: characters made safe for XML, HTML and YAML, seconds
//! and milliseconds, and a case's exchange as the lines a terminal would show.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::time::{Duration, SystemTime};

use super::{Case, Exchange};

/// `text` with every character XML 1.0 forbids, and every other control character but tab,
/// line feed and carriage return, shown as `\u{1b}`: a body with an escape sequence or a NUL
/// must not make a report unreadable (an XML parser stops at the first such character, and
/// HTML and YAML forbid them too).
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(hidden) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if hidden(c) {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

fn hidden(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{fffe}' | '\u{ffff}')
}

/// `text` made visible, then escaped for XML or HTML character data (and for attribute
/// values in either quote). `]]>` needs nothing more: its `>` is escaped.
pub fn markup(text: &str) -> String {
    let text = visible(text);
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Like `markup`, for an attribute value: line breaks and tabs are kept as character
/// references, which attribute-value normalization would otherwise turn into spaces.
pub fn attribute(text: &str) -> String {
    markup(text)
        .replace('\n', "&#10;")
        .replace('\r', "&#13;")
        .replace('\t', "&#9;")
}

/// Seconds with millisecond precision, as JUnit's `time` attributes have them: `0.125`.
pub fn seconds(duration: Duration) -> String {
    format!("{:.3}", duration.as_secs_f64())
}

/// Milliseconds with microsecond precision, for JSON: `12.345`.
pub fn millis(duration: Duration) -> f64 {
    (duration.as_secs_f64() * 1_000_000.0).round() / 1000.0
}

/// A duration for people: `850 ms`, `2.31 s`.
pub fn human(duration: Duration) -> String {
    let ms = duration.as_secs_f64() * 1000.0;
    if ms < 1000.0 {
        format!("{ms:.0} ms")
    } else {
        format!("{:.2} s", ms / 1000.0)
    }
}

/// RFC 3339 in UTC with seconds: `2026-12-06T22:50:39Z`. A time before 1970 or past
/// jiff's range (a broken clock) shows as the epoch rather than failing a report.
pub fn rfc3339(time: SystemTime) -> String {
    let stamp = jiff::Timestamp::try_from(time).unwrap_or(jiff::Timestamp::UNIX_EPOCH);
    stamp.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// The request half of an exchange as a terminal shows it: `> GET URL`, `> Name: value`,
/// a blank `>` line and the body excerpt.
pub fn request_text(case: &Case) -> String {
    let mut out = format!("> {} {}\n", case.method, case.url);
    if let Some(exchange) = &case.exchange {
        for (name, value) in &exchange.request_headers {
            let _ = writeln!(out, "> {name}: {value}");
        }
        if let Some(body) = &exchange.request_body {
            out.push_str(">\n");
            out.push_str(body);
            ensure_newline(&mut out);
        }
    }
    out
}

/// The response half: `< HTTP/1.1 200 OK`, `< Name: value`, a blank `<` line and the body
/// excerpt, with a note when the body was longer.
pub fn response_text(exchange: &Exchange) -> String {
    let mut out = String::new();
    if let Some(status) = exchange.status {
        let version = exchange.version.as_deref().unwrap_or("HTTP");
        let reason = exchange.reason.as_deref().unwrap_or("");
        let line = format!("< {version} {status} {reason}");
        out.push_str(line.trim_end());
        out.push('\n');
    }
    for (name, value) in &exchange.response_headers {
        let _ = writeln!(out, "< {name}: {value}");
    }
    if let Some(body) = &exchange.response_body {
        out.push_str("<\n");
        out.push_str(body);
        ensure_newline(&mut out);
        if exchange.response_body_cut {
            let _ = writeln!(out, "[body cut at {} bytes]", super::EXCERPT);
        }
    }
    out
}

/// Both halves, request then response, as a failure message's excerpt.
pub fn exchange_text(case: &Case) -> String {
    let mut out = request_text(case);
    if let Some(exchange) = &case.exchange {
        out.push('\n');
        out.push_str(&response_text(exchange));
    }
    out
}

fn ensure_newline(out: &mut String) {
    if !out.ends_with('\n') {
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_shown_not_kept() {
        assert_eq!(
            visible("a\u{1b}[31mb\0c\u{85}"),
            "a\\u{1b}[31mb\\u{0}c\\u{85}"
        );
        assert_eq!(visible("tab\tline\nret\r"), "tab\tline\nret\r");
        assert!(matches!(visible("plain ü"), Cow::Borrowed(_)));
        assert_eq!(visible("\u{fffe}"), "\\u{fffe}");
    }

    #[test]
    fn markup_escapes_every_special_character() {
        assert_eq!(
            markup("<a href=\"x\">&'</a>]]>"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;]]&gt;"
        );
        assert_eq!(attribute("a\nb\tc"), "a&#10;b&#9;c");
    }

    #[test]
    fn times_read_as_reports_expect() {
        assert_eq!(seconds(Duration::from_micros(1_234_567)), "1.235");
        assert_eq!(millis(Duration::from_micros(12_345)), 12.345);
        assert_eq!(human(Duration::from_millis(850)), "850 ms");
        assert_eq!(human(Duration::from_millis(2310)), "2.31 s");
        let time = SystemTime::UNIX_EPOCH + Duration::from_secs(1_796_597_439);
        assert_eq!(rfc3339(time), "2026-12-06T22:50:39Z");
    }
}
