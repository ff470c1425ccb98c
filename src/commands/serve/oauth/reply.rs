//! What the OAuth endpoints answer with: RFC 6749 §5.2 errors, token responses that no
//! cache keeps, redirects back to the client, and the two small HTML pages' frame.

use hyper::{Response, header};
use serde_json::{Value, json};

use super::crypto::NoRandom;
use crate::commands::serve::exchange::{self, Body, set};

/// An OAuth error (RFC 6749 §5.2): the registered code and our sentence.
#[derive(Debug)]
pub struct Refusal {
    pub error: &'static str,
    pub description: String,
    status: u16,
    /// Whether to challenge with `WWW-Authenticate: Basic` (401).
    challenge: bool,
}

impl Refusal {
    /// A 400 with `error` and `description`.
    pub fn new(error: &'static str, description: &str) -> Refusal {
        Refusal {
            error,
            description: description.into(),
            status: 400,
            challenge: false,
        }
    }

    /// The same as a 401 with a Basic challenge, as §5.2 requires when the client tried
    /// the Authorization header.
    pub fn challenge(self) -> Refusal {
        Refusal {
            status: 401,
            challenge: true,
            ..self
        }
    }

    /// The JSON error, never cached.
    pub fn response(&self) -> Response<Body> {
        let document = json!({"error": self.error, "error_description": self.description});
        let mut response = uncached(exchange::json(self.status, &document));
        if self.challenge {
            set(
                &mut response,
                header::WWW_AUTHENTICATE,
                "Basic realm=\"hit serve\", charset=\"UTF-8\"",
            );
        }
        response
    }
}

impl From<NoRandom> for Refusal {
    fn from(_: NoRandom) -> Refusal {
        Refusal {
            error: "server_error",
            description: "the operating system's random generator failed".into(),
            status: 500,
            challenge: false,
        }
    }
}

/// The answer of a handler that may refuse.
pub fn answer(result: Result<Response<Body>, Refusal>) -> Response<Body> {
    result.unwrap_or_else(|refusal| refusal.response())
}

/// A token (or device authorization) response: JSON that no cache keeps (RFC 6749 §5.1).
pub fn tokens(document: &Value) -> Response<Body> {
    uncached(exchange::json(200, document))
}

pub fn uncached(mut response: Response<Body>) -> Response<Body> {
    set(&mut response, header::CACHE_CONTROL, "no-store");
    set(&mut response, header::PRAGMA, "no-cache");
    response
}

/// 302 to `location`: back to the client with a code or an error.
pub fn redirect(location: &str) -> Response<Body> {
    let mut response = uncached(exchange::empty(302));
    set(&mut response, header::LOCATION, location);
    response
}

/// A small HTML page that no other site may frame (a consent page in a frame could be
/// clicked through without the user seeing it).
pub fn page(status: u16, title: &str, body: &str) -> Response<Body> {
    let html = format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width\">\
         <title>{title} · hit serve</title>\
         <style>body{{font-family:system-ui,sans-serif;max-width:34em;margin:3em auto;\
         padding:0 1em;line-height:1.5}}button{{font-size:1em;padding:.4em 1.2em;\
         margin-right:.6em}}code{{background:#eee;padding:0 .2em}}</style></head>\n\
         <body><h1>{title}</h1>\n{body}\n</body></html>\n",
        title = escape(title),
    );
    let mut response = uncached(exchange::bytes(status, "text/html; charset=utf-8", html));
    set(&mut response, "x-frame-options", "DENY");
    set(
        &mut response,
        "content-security-policy",
        "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
    );
    response
}

/// Text made safe inside HTML, attribute values included.
pub fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            c => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escapes_what_could_close_an_attribute_or_open_a_tag() {
        assert_eq!(
            escape(r#""><script>x='1'&</script>"#),
            "&quot;&gt;&lt;script&gt;x=&#39;1&#39;&amp;&lt;/script&gt;"
        );
    }
}
