//! `-w/--write-out FORMAT`: curl's template of `%{variable}`s, printed after the transfer.

use std::fmt::Write as _;
use std::time::Duration;

use reqwest::Version;
use reqwest::header::{CONTENT_TYPE, LOCATION};

use super::Facts;

/// The variables hit knows, as curl names them.
const VARIABLES: &[&str] = &[
    "content_type",
    "filename_effective",
    "http_code",
    "http_version",
    "method",
    "num_redirects",
    "num_retries",
    "redirect_url",
    "remote_ip",
    "remote_port",
    "response_code",
    "size_download",
    "speed_download",
    "time_starttransfer",
    "time_total",
    "url_effective",
];

/// A parsed template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template(Vec<Piece>);

#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Text(String),
    Variable(&'static str),
    Header(String),
}

impl Template {
    /// Parses a template: `%{name}`, `%header{name}` (or `%{header{name}}`), `%%`, and the
    /// escapes `\n`, `\r`, `\t`, `\\`.
    pub fn parse(format: &str) -> Result<Template, String> {
        let mut pieces = Vec::new();
        let mut text = String::new();
        let mut rest = format;
        while let Some(c) = rest.chars().next() {
            rest = &rest[c.len_utf8()..];
            match c {
                '\\' => {
                    let escaped = match rest.chars().next() {
                        Some('n') => '\n',
                        Some('r') => '\r',
                        Some('t') => '\t',
                        Some('\\') => '\\',
                        _ => {
                            text.push('\\');
                            continue;
                        }
                    };
                    text.push(escaped);
                    rest = &rest[1..];
                }
                '%' if rest.starts_with('%') => {
                    text.push('%');
                    rest = &rest[1..];
                }
                '%' if rest.starts_with("header{") || rest.starts_with("{header{") => {
                    let start = rest.find("header{").unwrap_or_default() + "header{".len();
                    let end = rest[start..]
                        .find('}')
                        .ok_or_else(|| format!("unclosed '%{}'", excerpt(rest)))?;
                    let name = &rest[start..start + end];
                    let mut after = start + end + 1;
                    if rest.starts_with('{') {
                        if !rest[after..].starts_with('}') {
                            return Err(format!("unclosed '%{}'", excerpt(rest)));
                        }
                        after += 1;
                    }
                    flush(&mut text, &mut pieces);
                    pieces.push(Piece::Header(name.to_string()));
                    rest = &rest[after..];
                }
                '%' if rest.starts_with('{') => {
                    let end = rest
                        .find('}')
                        .ok_or_else(|| format!("unclosed '%{}'", excerpt(rest)))?;
                    let name = &rest[1..end];
                    let known = VARIABLES.iter().find(|v| **v == name).ok_or_else(|| {
                        format!(
                            "unknown variable '%{{{name}}}' (hit knows {}, and %header{{name}})",
                            VARIABLES.join(", ")
                        )
                    })?;
                    flush(&mut text, &mut pieces);
                    pieces.push(Piece::Variable(known));
                    rest = &rest[end + 1..];
                }
                c => text.push(c),
            }
        }
        flush(&mut text, &mut pieces);
        Ok(Template(pieces))
    }

    pub fn render(&self, facts: &Facts) -> String {
        let mut out = String::new();
        for piece in &self.0 {
            match piece {
                Piece::Text(text) => out.push_str(text),
                Piece::Header(name) => {
                    let values: Vec<String> = facts
                        .headers
                        .get_all(name.as_str())
                        .iter()
                        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
                        .collect();
                    out.push_str(&values.join(", "));
                }
                Piece::Variable(name) => {
                    let _ = write!(out, "{}", variable(name, facts));
                }
            }
        }
        out
    }
}

fn flush(text: &mut String, pieces: &mut Vec<Piece>) {
    if !text.is_empty() {
        pieces.push(Piece::Text(std::mem::take(text)));
    }
}

fn excerpt(rest: &str) -> String {
    crate::error::excerpt(rest)
}

/// Seconds with microseconds, as curl prints times.
fn seconds(d: Duration) -> String {
    format!("{:.6}", d.as_secs_f64())
}

fn variable(name: &str, f: &Facts) -> String {
    match name {
        "content_type" => f
            .headers
            .get(CONTENT_TYPE)
            .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
            .unwrap_or_default(),
        "filename_effective" => f
            .saved_to
            .map(|p| p.display().to_string())
            .unwrap_or_default(),
        "http_code" | "response_code" => format!("{:03}", f.status.as_u16()),
        "http_version" => match f.version {
            Version::HTTP_09 => "0.9",
            Version::HTTP_10 => "1",
            Version::HTTP_2 => "2",
            Version::HTTP_3 => "3",
            _ => "1.1",
        }
        .to_string(),
        "method" => f.method.to_string(),
        "num_redirects" => f.redirects.to_string(),
        "num_retries" => f.attempts.saturating_sub(1).to_string(),
        // The target of a redirect that was not followed.
        "redirect_url" if f.status.is_redirection() => f
            .headers
            .get(LOCATION)
            .and_then(|l| f.url.join(&String::from_utf8_lossy(l.as_bytes())).ok())
            .map(|u| u.to_string())
            .unwrap_or_default(),
        "redirect_url" => String::new(),
        "remote_ip" => f.remote.map(|a| a.ip().to_string()).unwrap_or_default(),
        "remote_port" => f.remote.map(|a| a.port().to_string()).unwrap_or_default(),
        "size_download" => f.size.to_string(),
        "speed_download" => {
            let secs = f.total.as_secs_f64();
            let speed = if secs > 0.0 {
                f.size as f64 / secs
            } else {
                0.0
            };
            format!("{}", speed.round() as u64)
        }
        "time_starttransfer" => seconds(f.time_to_first_byte),
        "time_total" => seconds(f.total),
        "url_effective" => f.url.to_string(),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::{HeaderMap, HeaderValue};
    use reqwest::{Method, StatusCode, Url};

    #[test]
    fn renders_curls_variables() {
        let mut headers = HeaderMap::new();
        headers.insert(CONTENT_TYPE, HeaderValue::from_static("text/plain"));
        headers.insert(LOCATION, HeaderValue::from_static("/next"));
        headers.append("x-a", HeaderValue::from_static("1"));
        headers.append("x-a", HeaderValue::from_static("2"));
        let url: Url = "http://h/x/y".parse().unwrap();
        let facts = Facts {
            method: &Method::GET,
            url: &url,
            status: StatusCode::FOUND,
            version: Version::HTTP_11,
            headers: &headers,
            remote: Some("127.0.0.1:8080".parse().unwrap()),
            time_to_first_byte: Duration::from_millis(5),
            total: Duration::from_millis(1500),
            size: 3000,
            redirects: 0,
            attempts: 2,
            request_headers: &[],
            saved_to: Some(std::path::Path::new("x.bin")),
        };
        let render = |f: &str| Template::parse(f).unwrap().render(&facts);
        assert_eq!(render("%{http_code}\\n"), "302\n");
        assert_eq!(render("%{filename_effective}"), "x.bin");
        assert_eq!(
            render("%{time_total} %{time_starttransfer}"),
            "1.500000 0.005000"
        );
        assert_eq!(render("%{size_download} %{speed_download}"), "3000 2000");
        assert_eq!(
            render("%{content_type}|%{url_effective}"),
            "text/plain|http://h/x/y"
        );
        assert_eq!(
            render("%{redirect_url} %{num_redirects} %{num_retries}"),
            "http://h/next 0 1"
        );
        assert_eq!(
            render("%header{x-a} %{header{X-A}} %header{none}."),
            "1, 2 1, 2 ."
        );
        assert_eq!(
            render("%{remote_ip}:%{remote_port} %{http_version} %{method}"),
            "127.0.0.1:8080 1.1 GET"
        );
        assert_eq!(render("100%% \\t\\\\ \\q é"), "100% \t\\ \\q é");
    }

    #[test]
    fn unknown_and_unclosed_variables_are_errors() {
        assert!(
            Template::parse("%{nope}")
                .unwrap_err()
                .starts_with("unknown variable '%{nope}'")
        );
        assert!(
            Template::parse("%{http_code")
                .unwrap_err()
                .starts_with("unclosed")
        );
        assert!(
            Template::parse("%header{x")
                .unwrap_err()
                .starts_with("unclosed")
        );
        // A lone % is text, as in curl.
        assert_eq!(
            Template::parse("5%").unwrap(),
            Template(vec![Piece::Text("5%".into())])
        );
    }
}
