//! Following redirects (SPEC §6). hit runs the loop itself, so it decides what may cross
//! to another origin; this module is the pure part: the request for the next hop.

use reqwest::header::HeaderValue;
use reqwest::{Method, StatusCode};

use crate::facts::{self, Redirect, status_line};
use crate::http::{PreparedRequest, RequestBody, host_header, is_credential, shown};

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

/// Which credentials may follow a redirect to another origin, and where it may go.
#[derive(Clone, Copy, Default)]
pub struct Trust<'a> {
    /// `--location-trusted`: all of them.
    pub trusted: bool,
    /// Headers that carry a profile's secrets, whatever their names.
    pub secret: &'a [String],
    /// curl's `--proto =https` (or `--proto-redir`): never to http://.
    pub https_only: bool,
}

/// The request that follows a response, or `None` when the response is not a redirect
/// (not 3xx, or 304). An `Err` says why a 3xx is not followed.
pub fn next_hop(
    current: &PreparedRequest,
    status: StatusCode,
    location: Option<&HeaderValue>,
    trust: Trust,
) -> Option<Result<Hop, String>> {
    let code = status.as_u16();
    if !status.is_redirection() || code == 304 {
        return None;
    }
    let not_following =
        |why: &str| Some(Err(format!("not following {}: {why}", status_line(code))));
    let Some(kind) = facts::redirect_kind(code) else {
        return match code {
            300 => not_following("it leaves the choice among its representations to the client"),
            _ => not_following("hit follows 301, 302, 303, 307 and 308"),
        };
    };
    let Some(location) = location else {
        return not_following("it has no Location header");
    };
    let location = String::from_utf8_lossy(location.as_bytes()).into_owned();
    if location.trim().is_empty() {
        return not_following("its Location header is empty");
    }
    Some(hop(current, kind, &location, trust))
}

fn hop(
    current: &PreparedRequest,
    kind: Redirect,
    location: &str,
    trust: Trust,
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
    if trust.https_only && url.scheme() == "http" {
        return Err(format!(
            "not following the redirect to '{}': --proto allows only https",
            shown(&url)
        ));
    }
    // Credentials in a Location are not taken up: the server chose them.
    let mut url = url;
    let _ = url.set_username("");
    let _ = url.set_password(None);
    let mut headers = current.headers.clone();
    let mut dropped = Vec::new();
    let cross_origin = url.origin() != current.url.origin();
    if cross_origin {
        // Host names the server; a Host the user set named the first one, not this one.
        headers.set("Host", host_header(&url));
    }
    if cross_origin && !trust.trusted {
        headers.retain(|name, _| {
            let credential =
                is_credential(name) || trust.secret.iter().any(|s| s.eq_ignore_ascii_case(name));
            if credential
                && !dropped
                    .iter()
                    .any(|d: &String| d.eq_ignore_ascii_case(name))
            {
                dropped.push(name.to_string());
            }
            !credential
        });
    }
    // RFC 9110 §15.4: 303 turns anything but HEAD into a GET; for 301 and 302 clients turn
    // a POST into a GET (as browsers, curl and the Fetch standard do); 307 and 308 repeat
    // the method and body.
    let to_get = match kind {
        Redirect::BecomesGet => current.method != Method::HEAD,
        Redirect::PostBecomesGet => current.method == Method::POST,
        Redirect::Repeat => false,
    };
    if !to_get && !current.body.is_replayable() {
        return Err(format!(
            "not following the redirect to '{}': it asks for the body again, and the body \
             was streamed from stdin, so it cannot be sent twice",
            shown(&url)
        ));
    }
    let (method, body) = if to_get {
        headers.retain(|name, _| !BODY_HEADERS.iter().any(|b| name.eq_ignore_ascii_case(b)));
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

#[cfg(test)]
mod tests {
    use super::*;

    fn post(url: &str) -> PreparedRequest {
        PreparedRequest {
            method: Method::POST,
            url: url.parse().unwrap(),
            headers: [
                ("Authorization", "Bearer t"),
                ("Cookie", "a=1"),
                ("Host", "a.test"),
                ("Content-Type", "application/json"),
                ("X-Other", "kept"),
            ]
            .into_iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect(),
            body: RequestBody::Bytes("{}".into()),
        }
    }

    fn follow(from: &PreparedRequest, status: u16, location: &str, trusted: bool) -> Hop {
        let location = HeaderValue::from_str(location).unwrap();
        next_hop(
            from,
            StatusCode::from_u16(status).unwrap(),
            Some(&location),
            Trust {
                trusted,
                secret: &[],
                https_only: false,
            },
        )
        .unwrap()
        .unwrap()
    }

    fn names(hop: &Hop) -> Vec<&str> {
        hop.request.headers.iter().map(|(n, _)| n).collect()
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
            assert_eq!(names(&hop), ["Host", "Content-Type", "X-Other"], "{target}");
            // Host is not a credential, but it named the first server.
            let host = hop.request.headers.get("host").unwrap();
            assert_eq!(host, crate::http::host_header(&hop.request.url));
            assert_eq!(hop.dropped, ["Authorization", "Cookie"]);
        }
        let hop = follow(&post("http://a.test:8080/x"), 308, "http://b.test/", true);
        assert_eq!(
            names(&hop),
            ["Authorization", "Cookie", "Host", "Content-Type", "X-Other"]
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
            next_hop(&from, StatusCode::FOUND, Some(&value), Trust::default())
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
        assert!(next_hop(&from, StatusCode::NOT_MODIFIED, None, Trust::default()).is_none());
        assert!(next_hop(&from, StatusCode::OK, None, Trust::default()).is_none());
        let refusal = |status: u16, location: Option<&str>| {
            let value = location.map(|l| HeaderValue::from_str(l).unwrap());
            let status = StatusCode::from_u16(status).unwrap();
            next_hop(&from, status, value.as_ref(), Trust::default())
                .unwrap()
                .unwrap_err()
        };
        assert_eq!(
            refusal(300, Some("/a")),
            "not following 300 Multiple Choices: it leaves the choice among its \
             representations to the client"
        );
        assert_eq!(
            refusal(302, None),
            "not following 302 Found: it has no Location header"
        );
        assert_eq!(
            refusal(307, Some(" ")),
            "not following 307 Temporary Redirect: its Location header is empty"
        );
    }
}
