//! Lints: the classic mistakes tutorials warn about, found in the request before it is sent
//! (SPEC §9). Each says what, why and the fix in one line; none blocks a request.

use crate::facts;
use crate::http::{PreparedRequest, is_loopback};

/// The mistakes hit looks for, by the name `--no-lint` takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lint {
    SecretInQuery,
    PlainHttpCredentials,
    BodyWithoutMeaning,
    LongUrl,
    UnsafeRetry,
    Insecure,
    DuplicateHeader,
    CheckAssigns,
}

impl Lint {
    pub const ALL: [Lint; 8] = [
        Lint::SecretInQuery,
        Lint::PlainHttpCredentials,
        Lint::BodyWithoutMeaning,
        Lint::LongUrl,
        Lint::UnsafeRetry,
        Lint::Insecure,
        Lint::DuplicateHeader,
        Lint::CheckAssigns,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Lint::SecretInQuery => "secret-in-query",
            Lint::PlainHttpCredentials => "plain-http-credentials",
            Lint::BodyWithoutMeaning => "body-without-meaning",
            Lint::LongUrl => "long-url",
            Lint::UnsafeRetry => "unsafe-retry",
            Lint::Insecure => "insecure",
            Lint::DuplicateHeader => "duplicate-header",
            Lint::CheckAssigns => "check-assigns",
        }
    }

    pub fn from_name(name: &str) -> Option<Lint> {
        Lint::ALL.into_iter().find(|lint| lint.name() == name)
    }
}

/// What the lints look at besides the request.
pub struct Subject<'a> {
    pub request: &'a PreparedRequest,
    /// `--retry N`.
    pub retries: u32,
    /// `-k`.
    pub insecure: bool,
    /// `--check` expressions (and `# @check`), as given.
    pub checks: Vec<&'a str>,
    /// Query parameters known to carry a secret, whatever their names.
    pub secret_query: &'a [String],
}

/// One mistake found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub lint: Lint,
    pub message: String,
}

/// Query parameter names that carry credentials, compared without case and with `-` as `_`.
const SECRET_NAMES: &[&str] = &[
    "access_token",
    "api_key",
    "apikey",
    "auth",
    "auth_token",
    "client_secret",
    "credentials",
    "id_token",
    "key",
    "passwd",
    "password",
    "private_key",
    "pwd",
    "refresh_token",
    "secret",
    "session",
    "session_id",
    "sessionid",
    "sig",
    "signature",
    "token",
];

/// Request-line limits of common software, in bytes of URL.
const URL_LIMITS: &[(usize, &str)] = &[
    (2_048, "legacy browsers (2,048)"),
    (8_190, "Apache (8,190)"),
    (8_192, "nginx (8,192)"),
    (16_384, "IIS (16,384)"),
];

/// Fields a request must not carry twice (RFC 9110 §5.3: only list-valued fields may).
const SINGLE_FIELDS: &[&str] = &["Authorization", "Content-Type", "Host", "Content-Length"];

/// Every lint that fires for this request, in the order of [`Lint::ALL`].
pub fn check(context: &Subject) -> Vec<Finding> {
    let checks: [fn(&Subject) -> Option<String>; 8] = [
        secret_in_query,
        plain_http_credentials,
        body_without_meaning,
        long_url,
        unsafe_retry,
        insecure,
        duplicate_header,
        check_assigns,
    ];
    Lint::ALL
        .into_iter()
        .zip(checks)
        .filter_map(|(lint, check)| check(context).map(|message| Finding { lint, message }))
        .collect()
}

fn secret_in_query(context: &Subject) -> Option<String> {
    let names: Vec<String> = context
        .request
        .url
        .query_pairs()
        .map(|(name, _)| name.into_owned())
        .filter(|name| {
            let normal = name.to_ascii_lowercase().replace('-', "_");
            context.secret_query.contains(name)
                || SECRET_NAMES.contains(&normal.as_str())
                || ["_token", "_secret", "_password"]
                    .iter()
                    .any(|end| normal.ends_with(end))
        })
        .collect();
    let first = names.first()?;
    let which = match names.len() {
        1 => format!("the query parameter '{first}' looks"),
        _ => format!("the query parameters '{}' look", names.join("', '")),
    };
    Some(format!(
        "{which} like a credential, and URLs are kept in server and proxy logs, browser \
         history and Referer headers; send it in a header instead (--bearer TOKEN, \
         X-Api-Key:VALUE)"
    ))
}

fn plain_http_credentials(context: &Subject) -> Option<String> {
    let request = context.request;
    if request.url.scheme() != "http" || is_loopback(&request.url) {
        return None;
    }
    request.headers.get("authorization")?;
    let host = request.url.host_str().unwrap_or_default();
    Some(format!(
        "credentials (the Authorization header) go to {host} over plain http, where anyone \
         on the way can read them; use https://"
    ))
}

fn body_without_meaning(context: &Subject) -> Option<String> {
    let request = context.request;
    let method = request.method.as_str();
    if request.body.is_empty() || !["GET", "HEAD", "DELETE", "OPTIONS"].contains(&method) {
        return None;
    }
    let fix = match method {
        "GET" | "HEAD" => "send the data as query items (name==value), or use POST",
        "DELETE" => "put what to delete in the URL",
        _ => "send it with POST or PUT",
    };
    Some(format!(
        "a body on {method} has no defined meaning (RFC 9110 §9.3), so servers, proxies and \
         caches may ignore it, drop it or refuse the request; {fix}"
    ))
}

fn long_url(context: &Subject) -> Option<String> {
    let len = context.request.url.as_str().len();
    let over: Vec<&str> = URL_LIMITS
        .iter()
        .filter(|(limit, _)| len > *limit)
        .map(|(_, name)| *name)
        .collect();
    if over.is_empty() {
        return None;
    }
    Some(format!(
        "the URL is {len} bytes long, more than {} accept; servers answer 414 URI Too Long \
         or cut it, so send the data in a body (POST or QUERY)",
        over.join(", ")
    ))
}

fn unsafe_retry(context: &Subject) -> Option<String> {
    let request = context.request;
    let method = request.method.as_str();
    if context.retries == 0
        || facts::is_idempotent_method(method)
        || request.headers.contains("idempotency-key")
    {
        return None;
    }
    Some(format!(
        "--retry cannot retry this {method} once the server may have seen it: {method} is \
         not idempotent, so sending it twice could apply it twice; --idempotency-key auto \
         makes retries safe if the server honours Idempotency-Key"
    ))
}

fn insecure(context: &Subject) -> Option<String> {
    let url = &context.request.url;
    if !context.insecure || is_loopback(url) {
        return None;
    }
    let host = url.host_str().unwrap_or_default();
    Some(format!(
        "-k turns certificate checks off for {host}, so anyone on the way could pose as the \
         server; trust its certificate with --cacert FILE instead"
    ))
}

fn duplicate_header(context: &Subject) -> Option<String> {
    let twice: Vec<&str> = SINGLE_FIELDS
        .iter()
        .copied()
        .filter(|field| {
            let count = context.request.headers.iter();
            count
                .filter(|(name, _)| name.eq_ignore_ascii_case(field))
                .count()
                > 1
        })
        .collect();
    let first = twice.first()?;
    let which = match twice.len() {
        1 => format!("{first} is given twice"),
        _ => format!("{} are each given twice", twice.join(", ")),
    };
    Some(format!(
        "{which}, and a request may carry it once: servers take either value or refuse the \
         request; give it once"
    ))
}

fn check_assigns(context: &Subject) -> Option<String> {
    let assigning: Vec<String> = context
        .checks
        .iter()
        .filter(|check| crate::jq::assigns(check))
        .map(|check| format!("--check '{check}'"))
        .collect();
    let first = assigning.first()?;
    let which = match assigning.len() {
        1 => {
            format!("{first} assigns, so it yields the updated body, not true or false, and fails")
        }
        _ => format!(
            "{} assign, so they yield the updated body, not true or false, and fail",
            assigning.join(", ")
        ),
    };
    Some(format!("{which}; did you mean ==?"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::{Headers, RequestBody};
    use bytes::Bytes;

    fn request(method: &str, url: &str) -> PreparedRequest {
        PreparedRequest {
            method: method.parse().unwrap(),
            url: url.parse().unwrap(),
            headers: Headers::default(),
            body: RequestBody::Empty,
        }
    }

    fn fired(request: &PreparedRequest, retries: u32, insecure: bool) -> Vec<&'static str> {
        let context = Subject {
            request,
            retries,
            insecure,
            checks: Vec::new(),
            secret_query: &[],
        };
        check(&context).iter().map(|f| f.lint.name()).collect()
    }

    #[test]
    fn a_plain_request_fires_nothing() {
        let request = request("GET", "https://example.org/items?page=2&sort=name");
        assert!(fired(&request, 3, false).is_empty());
    }

    #[test]
    fn secrets_in_the_query_are_named() {
        let request = request("GET", "https://example.org/x?Api-Key=1&q=a&refresh_token=2");
        let context = Subject {
            request: &request,
            retries: 0,
            insecure: false,
            checks: Vec::new(),
            secret_query: &[],
        };
        let found = check(&context);
        assert_eq!(found.len(), 1);
        assert!(
            found[0]
                .message
                .starts_with("the query parameters 'Api-Key', 'refresh_token' look like"),
            "{}",
            found[0].message
        );
        let harmless = request_with_query("monkey=1&keys=2");
        assert!(fired(&harmless, 0, false).is_empty());
    }

    fn request_with_query(query: &str) -> PreparedRequest {
        request("GET", &format!("https://example.org/x?{query}"))
    }

    #[test]
    fn credentials_over_plain_http_only_off_this_machine() {
        let mut remote = request("GET", "http://example.org/");
        remote.headers.push("Authorization", "Bearer t");
        assert_eq!(fired(&remote, 0, false), ["plain-http-credentials"]);
        let mut local = request("GET", "http://localhost:8080/");
        local.headers.push("Authorization", "Bearer t");
        assert!(fired(&local, 0, false).is_empty());
    }

    #[test]
    fn bodies_retries_length_insecure_and_duplicates() {
        let mut get = request("GET", "https://example.org/");
        get.body = RequestBody::Bytes(Bytes::from_static(b"{}"));
        assert_eq!(fired(&get, 0, false), ["body-without-meaning"]);
        let post = request("POST", "https://example.org/orders");
        assert_eq!(fired(&post, 2, false), ["unsafe-retry"]);
        let mut keyed = request("POST", "https://example.org/orders");
        keyed.headers.push("Idempotency-Key", "k");
        assert!(fired(&keyed, 2, false).is_empty());
        let long = request_with_query(&format!("q={}", "a".repeat(8_200)));
        let context = Subject {
            request: &long,
            retries: 0,
            insecure: false,
            checks: Vec::new(),
            secret_query: &[],
        };
        let message = &check(&context)[0].message;
        assert!(
            message.contains("legacy browsers (2,048), Apache (8,190), nginx (8,192) accept"),
            "{message}"
        );
        assert_eq!(
            fired(&request("GET", "https://example.org/"), 0, true),
            ["insecure"]
        );
        assert!(fired(&request("GET", "https://127.0.0.1/"), 0, true).is_empty());
        let mut twice = request("GET", "https://example.org/");
        twice.headers.push("authorization", "a");
        twice.headers.push("Authorization", "b");
        assert_eq!(fired(&twice, 0, false), ["duplicate-header"]);
    }

    #[test]
    #[cfg(feature = "jq")]
    fn a_check_that_assigns_is_named() {
        let request = request("GET", "https://example.org/health");
        let with = |checks: Vec<&'static str>| {
            let context = Subject {
                request: &request,
                retries: 0,
                insecure: false,
                checks,
                secret_query: &[],
            };
            check(&context)
                .into_iter()
                .map(|f| (f.lint.name(), f.message))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            with(vec![".status = \"ok\"", ".n == 1"]),
            [(
                "check-assigns",
                "--check '.status = \"ok\"' assigns, so it yields the updated body, not true or \
                 false, and fails; did you mean ==?"
                    .to_string()
            )]
        );
        assert_eq!(
            with(vec![".a |= 1", ".n += 1"])[0].1,
            "--check '.a |= 1', --check '.n += 1' assign, so they yield the updated body, not \
             true or false, and fail; did you mean ==?"
        );
        // Comparisons, and assignments that are not the whole expression, are fine.
        for fine in [
            ".status == \"ok\"",
            "(.a = 1) | .a == 1",
            ".s == \"a = b\"",
            "[.a = 1] | length == 1",
            ".a <= 1",
        ] {
            assert!(with(vec![fine]).is_empty(), "{fine}");
        }
    }
}
