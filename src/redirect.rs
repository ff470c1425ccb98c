//! Following redirects (SPEC §6). hit runs the loop itself, so it decides what may cross
//! to another origin; this module is the pure part: the request for the next hop.

use reqwest::header::HeaderValue;
use reqwest::{Method, StatusCode, Url};

use crate::request::{PreparedRequest, RequestBody};

/// Headers that carry credentials, dropped when a redirect leaves the origin.
const CREDENTIALS: &[&str] = &["authorization", "proxy-authorization", "cookie"];

/// Headers that describe a body, dropped when a redirect turns the request into a GET.
const BODY_HEADERS: &[&str] = &[
    "content-type",
    "content-length",
    "content-encoding",
    "content-language",
    "content-location",
    "transfer-encoding",
];

/// The request for the next hop.
#[derive(Debug)]
pub struct Hop {
    pub request: PreparedRequest,
    /// The credential headers left behind because the target is another origin.
    pub dropped: Vec<String>,
    /// From https to http: the rest of the exchange is not encrypted.
    pub downgrade: bool,
}

/// The request that follows a response, or `None` when the response is not a redirect
/// (not 301, 302, 303, 307 or 308, or without `Location`). An `Err` explains a refusal.
pub fn next_hop(
    current: &PreparedRequest,
    status: StatusCode,
    location: Option<&HeaderValue>,
    trusted: bool,
) -> Option<Result<Hop, String>> {
    if !matches!(status.as_u16(), 301 | 302 | 303 | 307 | 308) {
        return None;
    }
    let location = String::from_utf8_lossy(location?.as_bytes()).into_owned();
    Some(hop(current, status, &location, trusted))
}

fn hop(
    current: &PreparedRequest,
    status: StatusCode,
    location: &str,
    trusted: bool,
) -> Result<Hop, String> {
    let url = current
        .url
        .join(location.trim())
        .map_err(|e| format!("not following the redirect to '{location}': {e}"))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(format!(
            "not following the redirect to '{}': hit follows only http and https",
            shown(&url)
        ));
    }
    let mut headers = current.headers.clone();
    let mut dropped = Vec::new();
    let cross_origin = url.origin() != current.url.origin();
    if cross_origin {
        // A Host the user set names the first server, not this one.
        headers.retain(|(name, _)| !name.eq_ignore_ascii_case("host"));
    }
    if cross_origin && !trusted {
        headers.retain(|(name, _)| {
            let credential = CREDENTIALS.iter().any(|c| name.eq_ignore_ascii_case(c));
            if credential
                && !dropped
                    .iter()
                    .any(|d: &String| d.eq_ignore_ascii_case(name))
            {
                dropped.push(name.clone());
            }
            !credential
        });
    }
    // RFC 9110 §15.4: 303 turns anything but HEAD into a GET; for 301 and 302 clients turn
    // a POST into a GET (as browsers, curl and the Fetch standard do); 307 and 308 repeat
    // the method and body.
    let to_get = match status.as_u16() {
        303 => current.method != Method::HEAD,
        301 | 302 => current.method == Method::POST,
        _ => false,
    };
    let (method, body) = if to_get {
        headers.retain(|(name, _)| !BODY_HEADERS.iter().any(|b| name.eq_ignore_ascii_case(b)));
        (Method::GET, RequestBody::Empty)
    } else {
        (current.method.clone(), current.body.clone())
    };
    Ok(Hop {
        downgrade: current.url.scheme() == "https" && url.scheme() == "http",
        request: PreparedRequest {
            method,
            url,
            headers,
            body,
        },
        dropped,
    })
}

/// A URL for a message: without the password it may carry.
pub fn shown(url: &Url) -> String {
    let mut url = url.clone();
    if url.password().is_some() {
        let _ = url.set_password(None);
    }
    url.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn post(url: &str) -> PreparedRequest {
        PreparedRequest {
            method: Method::POST,
            url: url.parse().unwrap(),
            headers: vec![
                ("Authorization".into(), "Bearer t".into()),
                ("Cookie".into(), "a=1".into()),
                ("Host".into(), "a.test".into()),
                ("Content-Type".into(), "application/json".into()),
                ("X-Other".into(), "kept".into()),
            ],
            body: RequestBody::Bytes("{}".into()),
        }
    }

    fn follow(from: &PreparedRequest, status: u16, location: &str, trusted: bool) -> Hop {
        let location = HeaderValue::from_str(location).unwrap();
        next_hop(
            from,
            StatusCode::from_u16(status).unwrap(),
            Some(&location),
            trusted,
        )
        .unwrap()
        .unwrap()
    }

    fn names(hop: &Hop) -> Vec<&str> {
        hop.request
            .headers
            .iter()
            .map(|(n, _)| n.as_str())
            .collect()
    }

    #[test]
    fn same_origin_keeps_credentials() {
        let hop = follow(&post("http://a.test:8080/x"), 307, "/y?z=1", false);
        assert_eq!(hop.request.url.as_str(), "http://a.test:8080/y?z=1");
        assert_eq!(hop.request.method, Method::POST);
        assert!(matches!(hop.request.body, RequestBody::Bytes(_)));
        assert_eq!(names(&hop).len(), 5);
        assert!(hop.dropped.is_empty() && !hop.downgrade);
    }

    #[test]
    fn another_origin_loses_credentials_unless_trusted() {
        for target in [
            "http://b.test:8080/",
            "http://a.test:8081/",
            "https://a.test:8080/",
        ] {
            let hop = follow(&post("http://a.test:8080/x"), 308, target, false);
            assert_eq!(names(&hop), ["Content-Type", "X-Other"], "{target}");
            // Host is not a credential, but it named the first server.
            assert_eq!(hop.dropped, ["Authorization", "Cookie"]);
        }
        let hop = follow(&post("http://a.test:8080/x"), 308, "http://b.test/", true);
        assert_eq!(
            names(&hop),
            ["Authorization", "Cookie", "Content-Type", "X-Other"]
        );
        assert!(hop.dropped.is_empty());
    }

    #[test]
    fn methods_change_as_browsers_do() {
        let from = post("http://a.test/x");
        for status in [301, 302, 303] {
            let hop = follow(&from, status, "/y", false);
            assert_eq!(hop.request.method, Method::GET, "{status}");
            assert!(matches!(hop.request.body, RequestBody::Empty));
            assert_eq!(names(&hop), ["Authorization", "Cookie", "Host", "X-Other"]);
        }
        let put = PreparedRequest {
            method: Method::PUT,
            ..post("http://a.test/x")
        };
        assert_eq!(follow(&put, 302, "/y", false).request.method, Method::PUT);
        assert_eq!(follow(&put, 303, "/y", false).request.method, Method::GET);
        let head = PreparedRequest {
            method: Method::HEAD,
            body: RequestBody::Empty,
            ..post("http://a.test/x")
        };
        assert_eq!(follow(&head, 303, "/y", false).request.method, Method::HEAD);
    }

    #[test]
    fn refusals_and_warnings() {
        let from = post("https://a.test/x");
        let refuse = |location: &str| {
            let value = HeaderValue::from_str(location).unwrap();
            next_hop(&from, StatusCode::FOUND, Some(&value), false)
                .unwrap()
                .unwrap_err()
        };
        assert_eq!(
            refuse("file:///etc/passwd"),
            "not following the redirect to 'file:///etc/passwd': hit follows only http and https"
        );
        assert!(refuse("http://[::1").starts_with("not following the redirect to 'http://[::1': "));
        assert!(follow(&from, 302, "http://a.test/", false).downgrade);
        assert_eq!(
            shown(&"http://u:secret@a.test/x".parse().unwrap()),
            "http://u@a.test/x"
        );
        // Not a redirect to follow.
        assert!(next_hop(&from, StatusCode::NOT_MODIFIED, None, false).is_none());
        assert!(next_hop(&from, StatusCode::MULTIPLE_CHOICES, None, false).is_none());
        assert!(next_hop(&from, StatusCode::FOUND, None, false).is_none());
    }
}
