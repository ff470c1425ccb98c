//! `-w/--write-out`: a parsed template rendered with the facts of the exchange.

use std::time::Duration;

use reqwest::header::{CONTENT_TYPE, LOCATION};

use super::{Facts, Failure, bytes_per_second};
use crate::http::{header_text, version_name};
use crate::settings::write_out::{Segment, Template};

/// The template with every variable filled in.
pub fn render(template: &Template, facts: &Facts) -> String {
    let mut out = String::new();
    for segment in template.segments() {
        match segment {
            Segment::Text(text) => out.push_str(text),
            Segment::Header(name) => {
                let values: Vec<String> = facts
                    .response
                    .headers
                    .get_all(name.as_str())
                    .iter()
                    .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
                    .collect();
                out.push_str(&values.join(", "));
            }
            Segment::Variable(name) => out.push_str(&variable(name, facts)),
        }
    }
    out
}

/// The template for a request that got no response: `000` for the status, as curl
/// prints it, what is known of the request, and nothing for the rest.
pub fn render_failure(template: &Template, failure: &Failure) -> String {
    let mut out = String::new();
    for segment in template.segments() {
        match segment {
            Segment::Text(text) => out.push_str(text),
            Segment::Header(_) => {}
            Segment::Variable(name) => out.push_str(&match *name {
                "http_code" | "response_code" => "000".to_string(),
                "method" => failure.request.method.to_string(),
                "url_effective" => failure.request.url.to_string(),
                "time_total" => seconds(failure.total),
                "time_appconnect" | "time_connect" | "time_namelookup" | "time_pretransfer"
                | "time_starttransfer" => seconds(Duration::ZERO),
                "http_version" | "size_download" | "speed_download" | "num_redirects" => {
                    "0".to_string()
                }
                "num_retries" => failure.attempts.saturating_sub(1).to_string(),
                _ => String::new(),
            }),
        }
    }
    out
}

/// Seconds with microseconds, as curl prints `%{time_*}`: a format contract for scripts,
/// not a duration for people (that is `http::duration::human`).
fn seconds(d: Duration) -> String {
    format!("{:.6}", d.as_secs_f64())
}

fn variable(name: &str, f: &Facts) -> String {
    match name {
        "content_type" => header_text(&f.response.headers, CONTENT_TYPE).unwrap_or_default(),
        "filename_effective" => f
            .saved_to
            .map(|p| p.display().to_string())
            .unwrap_or_default(),
        "http_code" | "response_code" => format!("{:03}", f.response.status.as_u16()),
        // curl writes 1.0 as "1".
        "http_version" => match version_name(f.response.version).trim_start_matches("HTTP/") {
            "1.0" => "1",
            number => number,
        }
        .to_string(),
        "method" => f.method.to_string(),
        "num_redirects" => f.redirects.to_string(),
        "num_retries" => f.attempts.saturating_sub(1).to_string(),
        // The target of a redirect that was not followed.
        "redirect_url" if f.response.status.is_redirection() => {
            header_text(&f.response.headers, LOCATION)
                .and_then(|l| f.url.join(&l).ok())
                .map(|u| u.to_string())
                .unwrap_or_default()
        }
        "redirect_url" => String::new(),
        "remote_ip" => f
            .response
            .remote
            .map(|a| a.ip().to_string())
            .unwrap_or_default(),
        "remote_port" => f
            .response
            .remote
            .map(|a| a.port().to_string())
            .unwrap_or_default(),
        "size_download" => f.size.to_string(),
        "speed_download" => format!(
            "{}",
            bytes_per_second(f.size, f.timing.total).round() as u64
        ),
        "time_appconnect" => seconds(f.timing.appconnect_point()),
        "time_connect" => seconds(f.timing.connect_point()),
        "time_namelookup" => seconds(f.timing.namelookup_point()),
        "time_pretransfer" => seconds(f.timing.pretransfer_point()),
        "time_starttransfer" => seconds(f.timing.ttfb),
        "time_total" => seconds(f.timing.total),
        "url_effective" => f.url.to_string(),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::timing::{ConnectionTiming, Timing};
    use crate::http::{Headers, ResponseHead};
    use reqwest::header::{HeaderMap, HeaderValue};
    use reqwest::{Method, StatusCode, Url, Version};

    #[test]
    fn renders_curls_variables() {
        let mut headers = HeaderMap::new();
        headers.insert(CONTENT_TYPE, HeaderValue::from_static("text/plain"));
        headers.insert(LOCATION, HeaderValue::from_static("/next"));
        headers.append("x-a", HeaderValue::from_static("1"));
        headers.append("x-a", HeaderValue::from_static("2"));
        let url: Url = "http://h/x/y".parse().unwrap();
        let response = ResponseHead {
            status: StatusCode::FOUND,
            version: Version::HTTP_11,
            headers,
            url: url.clone(),
            remote: Some("127.0.0.1:8080".parse().unwrap()),
            reason: None,
        };
        let facts = Facts {
            method: &Method::GET,
            url: &url,
            response: &response,
            timing: Timing {
                total: Duration::from_millis(1500),
                ttfb: Duration::from_millis(5),
                sent: Duration::from_millis(1),
                connection: Some(ConnectionTiming {
                    dns: None,
                    connect: Duration::from_millis(2),
                    tls: None,
                }),
            },
            size: 3000,
            redirects: 0,
            attempts: 2,
            request_headers: &Headers::default(),
            saved_to: Some(std::path::Path::new("x.bin")),
        };
        let render = |f: &str| render(&Template::parse(f).unwrap(), &facts);
        assert_eq!(render("%{http_code}\\n"), "302\n");
        assert_eq!(render("%{filename_effective}"), "x.bin");
        assert_eq!(
            render("%{time_total} %{time_starttransfer}"),
            "1.500000 0.005000"
        );
        assert_eq!(render("%{size_download} %{speed_download}"), "3000 2000");
        assert_eq!(
            render("%{time_namelookup} %{time_connect} %{time_appconnect} %{time_pretransfer}"),
            "0.000000 0.003000 0.000000 0.003000"
        );
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
}
