//! The words of the command line: the method, the URL, header options and credentials.

use anyhow::Result;
use reqwest::Url;

use super::{Auth, Terminal};
use crate::cli::Cli;
use crate::error::{excerpt, usage};
use crate::facts;
use crate::http::secret::url_passwords;
use crate::http::{is_host_byte, is_scheme};
use crate::items::{HeaderEdit, header_option};

/// Headers from `-H`, then `-A`, `-e`, `-b`, `--idempotency-key` and `--accept`.
pub(super) fn header_options(cli: &Cli) -> Result<Vec<(String, HeaderEdit)>> {
    let mut headers = cli
        .request
        .headers
        .iter()
        .map(|h| header_option(h).map_err(usage))
        .collect::<Result<Vec<_>>>()?;
    let mut set = |name: &str, value: &str| {
        headers.push((name.to_string(), HeaderEdit::Set(value.to_string())));
    };
    if let Some(ua) = &cli.request.user_agent {
        set("User-Agent", ua);
    }
    if let Some(referer) = &cli.request.referer {
        set("Referer", referer);
    }
    // A value with '=' is cookies; anything else names a cookie file, as in curl.
    let given: Vec<&str> = cli
        .request
        .cookies
        .iter()
        .filter(|c| c.contains('='))
        .map(String::as_str)
        .collect();
    if !given.is_empty() {
        set("Cookie", &given.join("; "));
    }
    if let Some(key) = &cli.retry.idempotency_key {
        if key.is_empty() {
            return Err(usage("--idempotency-key needs a key, or 'auto'"));
        }
        if key == "auto" {
            set("Idempotency-Key", &uuid::Uuid::new_v4().to_string());
        } else {
            set("Idempotency-Key", key);
        }
    }
    if let Some(accept) = &cli.request.accept {
        set(
            "Accept",
            if accept == "json" {
                "application/json"
            } else {
                accept
            },
        );
    }
    Ok(headers)
}

/// Whether the command line's URL is a `ws://` or `wss://` one.
pub fn names_websocket(cli: &Cli) -> Result<bool> {
    let words = positionals(cli)?;
    let at = usize::from(words.first().is_some_and(|w| is_method(w)));
    Ok(words
        .get(at)
        .is_some_and(|url| crate::http::websocket_as_http(url).is_some()))
}

/// The method word, the URL and the items of the command line.
pub fn target(cli: &Cli, base: Option<&Url>) -> Result<(Option<String>, Url, Vec<String>)> {
    split_positionals(&positionals(cli)?, base)
        .and_then(|(method, raw, items)| Ok((method, request_url(cli, &raw, base)?, items)))
        .map_err(|e| swallowed_url(cli, e))
}

/// `[METHOD] URL [ITEM ...]`: the first word is a method when it is a known method in any
/// case, or an all-capitals word (`PURGE`), and a URL follows it.
/// With a profile's base URL, the URL may be a path relative to it.
pub fn split_positionals(
    args: &[String],
    base: Option<&Url>,
) -> Result<(Option<String>, String, Vec<String>)> {
    let (method, url, items) = match args {
        [] => return Err(usage("no URL given (try 'hit --help')")),
        [first, url, items @ ..] if is_method(first) => {
            (Some(first.to_ascii_uppercase()), url, items)
        }
        [url, items @ ..] => (None, url, items),
    };
    check_url(url, base)?;
    Ok((method, url.clone(), items.to_vec()))
}

/// A URL word that cannot be one is refused before it is read: a path with no host and
/// no base URL, or a bare word that is not host-like.
pub(super) fn check_url(url: &str, base: Option<&Url>) -> Result<()> {
    match base {
        None if url.starts_with('/') && !url.starts_with("//") => {
            return Err(usage(format!(
                "'{}' is a path without a host: write :PORT{} for localhost, or use a profile \
                 with a base URL (-P NAME)",
                excerpt(url),
                excerpt(url)
            )));
        }
        Some(_) if is_relative(url) => {}
        _ => check_host_like(url)?,
    }
    Ok(())
}

/// `[METHOD] URL [ITEM ...]`, with `--url`'s URL in its place (curl's way of giving it).
/// Beside `--url`, a word with a scheme is a second URL, which would otherwise be read as a
/// header item (`http://h/` as `Http: //h/`): hit sends one request, so that is refused.
pub fn positionals(cli: &Cli) -> Result<Vec<String>> {
    let mut words = cli.args.clone();
    let Some(url) = &cli.request.url else {
        return Ok(words);
    };
    if let Some(second) = words.iter().find(|word| has_scheme(word)) {
        return Err(usage(format!(
            "--url gives the URL, and '{}' is a second one; hit sends one request (give \
             the URL once: --url URL or URL)",
            excerpt(&url_passwords(second))
        )));
    }
    let at = usize::from(words.first().is_some_and(|w| is_method(w)));
    words.insert(at, url.clone());
    Ok(words)
}

/// `http://…`, `HTTPS://…`, `ftp://…`: a scheme and `://`.
fn has_scheme(word: &str) -> bool {
    word.split_once("://")
        .is_some_and(|(scheme, _)| is_scheme(scheme))
}

pub(super) fn is_method(word: &str) -> bool {
    facts::method_facts(&word.to_ascii_uppercase()).is_some()
        || (!word.is_empty() && word.bytes().all(|b| b.is_ascii_uppercase()))
}

/// When the URL is missing or wrong because an option that takes a value took it instead
/// (`hit --json URL a=1`), says so.
pub(super) fn swallowed_url(cli: &Cli, err: anyhow::Error) -> anyhow::Error {
    let url_like = |value: &String| {
        value.contains(['/', ':', '.'])
            && !value.starts_with(['{', '[', '"', '@'])
            && normalize_url(value).is_ok()
    };
    let hint = if let Some(value) = cli.body.json.iter().find(|v| url_like(v)) {
        format!(
            "--json took '{value}' as its value: it takes the JSON text, as curl's --json \
             does (hit URL --json '{{\"a\":1}}', or hit URL a=1 for items)"
        )
    } else if let Some(value) = cli.body.form.iter().find(|v| url_like(v)) {
        format!(
            "-F/--form took '{value}' as its value: it takes one form field, as curl's -F \
             does (HTTPie's --form is --urlencoded in hit)"
        )
    } else {
        return err;
    };
    usage(format!("{err}; {hint}"))
}

/// SPEC §1: a bare word that is neither a method nor host-like (a dot, colon, slash or
/// bracket, or `localhost`) is a mistake, not a host to look up: `hit POST` with no URL.
fn check_host_like(word: &str) -> Result<()> {
    if word.contains(['.', ':', '/', '[']) || word.eq_ignore_ascii_case("localhost") {
        return Ok(());
    }
    if is_method(word) {
        let method = word.to_ascii_uppercase();
        return Err(usage(format!(
            "{method} needs a URL after it: hit {method} URL [ITEM ...]"
        )));
    }
    let hint = if word.bytes().all(is_host_byte) {
        format!(" (http://{word}/ reaches a host with that bare name)")
    } else {
        String::new()
    };
    Err(usage(format!(
        "'{}' is not a URL: expected a host with a dot, a port or a path{hint}",
        excerpt(word)
    )))
}

/// SPEC §1's reading of a URL, as a usage error.
pub fn normalize_url(raw: &str) -> Result<Url> {
    crate::http::normalize_url(raw).map_err(usage)
}

/// The URL to send to: a path relative to the profile's base URL is appended to it, the
/// base path included (`…/api` + `/users/1` = `…/api/users/1`, as Postman, axios and
/// restish join them; `/` is the base itself); anything else is read as SPEC §1 says.
pub fn target_url(raw: &str, base: Option<&Url>) -> Result<Url> {
    if let Some(http) = crate::http::websocket_as_http(raw) {
        return normalize_url(&http);
    }
    match base {
        Some(base) if is_relative(raw) => appended(raw, base),
        _ => normalize_url(raw),
    }
}

/// `raw` under the base URL, whose path reads as a directory (`https://api/v1/`). `./x` and
/// `x/../y` stay under it; a path that would leave it (`../v2`) is refused, naming the full
/// URL to write if that is meant.
fn appended(raw: &str, base: &Url) -> Result<Url> {
    let bad =
        |e: url::ParseError| usage(format!("bad URL '{raw}' after the profile's base URL: {e}"));
    // `/users/1` is `./users/1` under the base: relative to it, and never read as a scheme
    // (`/a:b` is not the URL `a:b`).
    let under = match raw.strip_prefix('/') {
        Some(rest) => format!("./{rest}"),
        None => raw.to_string(),
    };
    let url = base.join(&under).map_err(bad)?;
    // A path stays on the base URL's origin, whatever a parser makes of it.
    if url.origin() != base.origin() {
        return Err(usage(format!(
            "'{}' would leave the profile's base URL for another host; write the \
             full URL if that is meant",
            excerpt(raw)
        )));
    }
    if !url.path().starts_with(base.path()) {
        return Err(usage(format!(
            "'{}' would leave the profile's base path {}; write the full URL if that is \
             meant ({})",
            excerpt(raw),
            base.path(),
            url_passwords(url.as_str())
        )));
    }
    Ok(url)
}

/// The request's URL: [`target_url`], once `--path-as-is` has had its say about the text.
pub(super) fn request_url(cli: &Cli, raw: &str, base: Option<&Url>) -> Result<Url> {
    if cli.connection.path_as_is {
        path_as_is(raw)?;
    }
    match target_url(raw, base) {
        Err(err) if cli.connection.unix_socket.is_some() => socket_url(raw).ok_or(err),
        read => read,
    }
}

/// With `--unix-socket` the host only names the `Host` header, and curl takes any name:
/// `http:/v1.24/containers/json` (Docker's API as its docs spell it) is host `v1.24`, which
/// the URL standard refuses (a name ending in a number reads as an IPv4 address). Such a
/// host is sent as `localhost`, what it reaches being the socket anyway.
fn socket_url(raw: &str) -> Option<Url> {
    let (scheme, rest) = raw.split_once(':')?;
    if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
        return None;
    }
    let rest = rest.trim_start_matches('/');
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (host, path) = rest.split_at(end);
    let name_like = host.bytes().all(crate::http::is_host_byte)
        && host.bytes().any(|b| b.is_ascii_alphabetic());
    name_like
        .then(|| Url::parse(&format!("{scheme}://localhost{path}")).ok())
        .flatten()
}

/// `--path-as-is`: hit's URL parser (WHATWG's, as browsers read URLs) removes `.` and `..`
/// segments, also written `%2e`, so a path with them cannot go out as typed; any other path
/// already does.
fn path_as_is(raw: &str) -> Result<()> {
    let before_query = raw.split(['?', '#']).next().unwrap_or_default();
    let dot = |segment: &&str| {
        let segment = segment.to_ascii_lowercase().replace("%2e", ".");
        segment == "." || segment == ".."
    };
    match before_query.split(['/', '\\']).find(dot) {
        Some(segment) => Err(usage(format!(
            "--path-as-is: hit cannot send the '{segment}' segment of '{}' as it is (its URL \
             parser removes . and .. segments, as browsers do); curl --path-as-is can",
            excerpt(raw)
        ))),
        None => Ok(()),
    }
}

/// A path (`/v2/x`, `users/1`, `./x`, `?page=2`) rather than a host: no scheme, and a first
/// segment with no dot or colon that is not `localhost`.
fn is_relative(raw: &str) -> bool {
    // `//host/x`, and `/\host` or `\\host` which URL parsers read the same way, name a host.
    if raw.starts_with("//") || raw.contains('\\') {
        return false;
    }
    if raw.starts_with(['/', '?', '#']) || raw.starts_with("./") || raw.starts_with("../") {
        return true;
    }
    let first = raw.split(['/', '?', '#']).next().unwrap_or_default();
    !first.is_empty()
        && !first.contains(['.', ':', '[', '@'])
        && !first.eq_ignore_ascii_case("localhost")
}

/// `-u user:password`, or `-u user` with the password asked for on a terminal; with no
/// terminal to ask on, the password is empty, as curl sends it (`-u KEY` for APIs whose
/// key is the user name).
pub(super) fn basic_auth(raw: &str, terminal: Terminal) -> Result<Auth> {
    if let Some((user, password)) = raw.split_once(':') {
        return Ok(Auth::Basic {
            user: user.to_string(),
            password: password.to_string(),
        });
    }
    if !terminal.stdin {
        return Ok(Auth::Basic {
            user: raw.to_string(),
            password: String::new(),
        });
    }
    let password = rpassword::prompt_password(format!("hit: password for {raw}: "))
        .map_err(|e| usage(format!("cannot read the password for {raw}: {e}")))?;
    Ok(Auth::Basic {
        user: raw.to_string(),
        password,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(raw: &str) -> String {
        normalize_url(raw).unwrap().to_string()
    }

    #[test]
    fn socket_urls_take_any_host_name() {
        let read = |raw: &str| socket_url(raw).map(|u| u.to_string());
        assert_eq!(
            read("http:/v1.24/containers/json?all=1").as_deref(),
            Some("http://localhost/containers/json?all=1")
        );
        assert_eq!(
            read("http://v1.41/info").as_deref(),
            Some("http://localhost/info")
        );
        assert_eq!(read("ftp:/v1.24/x"), None);
        assert_eq!(read("http:/1.2.3.999/x"), None);
    }

    #[test]
    fn url_defaults() {
        assert_eq!(url(":8080/x"), "http://localhost:8080/x");
        assert_eq!(url(":/x"), "http://localhost/x");
        assert_eq!(url(":3000"), "http://localhost:3000/");
        assert_eq!(url("localhost:3000/a"), "http://localhost:3000/a");
        assert_eq!(url("api.localhost/a"), "http://api.localhost/a");
        assert_eq!(url("127.0.0.2:9/a"), "http://127.0.0.2:9/a");
        assert_eq!(url("[::1]:8080"), "http://[::1]:8080/");
        assert_eq!(url("example.org/a"), "https://example.org/a");
        assert_eq!(url("HTTP://example.org"), "http://example.org/");
        assert_eq!(url("127.1:8080"), "http://127.0.0.1:8080/");
        assert_eq!(
            url("localhost:8080/login?next=https://app"),
            "http://localhost:8080/login?next=https://app"
        );
        assert_eq!(url("example.org:8443"), "https://example.org:8443/");
    }

    #[test]
    fn only_http_and_https() {
        for raw in [
            "ftp://x/y",
            "file:///etc/passwd",
            "file:/etc/passwd",
            "mailto:a@b",
            ":abc",
            "http://",
        ] {
            let err = normalize_url(raw).unwrap_err().to_string();
            assert!(err.starts_with(&format!("bad URL '{raw}'")), "{err}");
        }
    }

    #[test]
    fn method_detection() {
        let split = |args: &[&str]| {
            let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
            let (m, u, i) = split_positionals(&args, None).unwrap();
            (m, u, i.len())
        };
        assert_eq!(
            split(&["post", ":8080", "a=b"]),
            (Some("POST".into()), ":8080".into(), 1)
        );
        assert_eq!(
            split(&["PURGE", "example.org"]),
            (Some("PURGE".into()), "example.org".into(), 0)
        );
        assert_eq!(split(&["localhost", "a=b"]), (None, "localhost".into(), 1));
        assert_eq!(
            split(&["GET", "[::1]"]),
            (Some("GET".into()), "[::1]".into(), 0)
        );
        let error = |args: &[&str]| {
            let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
            split_positionals(&args, None).unwrap_err().to_string()
        };
        assert_eq!(
            error(&["get"]),
            "GET needs a URL after it: hit GET URL [ITEM ...]"
        );
        assert_eq!(
            error(&["POST"]),
            "POST needs a URL after it: hit POST URL [ITEM ...]"
        );
        assert!(error(&["GET", "intranet"]).starts_with("'intranet' is not a URL"));
        assert!(error(&["/users"]).starts_with("'/users' is a path without a host"));
    }

    #[test]
    fn relative_to_a_base() {
        let base = Url::parse("https://api.example.com/v1/").unwrap();
        let resolved = |raw: &str| target_url(raw, Some(&base)).unwrap().to_string();
        assert_eq!(resolved("users/1"), "https://api.example.com/v1/users/1");
        assert_eq!(resolved("/users/1"), "https://api.example.com/v1/users/1");
        assert_eq!(resolved("/"), "https://api.example.com/v1/");
        assert_eq!(resolved("/v2/x"), "https://api.example.com/v1/v2/x");
        assert_eq!(resolved("/a:b/c"), "https://api.example.com/v1/a:b/c");
        assert_eq!(resolved("./x?a=1"), "https://api.example.com/v1/x?a=1");
        assert_eq!(resolved("/x/../y"), "https://api.example.com/v1/y");
        assert_eq!(resolved("?page=2"), "https://api.example.com/v1/?page=2");
        assert_eq!(resolved("/?page=2"), "https://api.example.com/v1/?page=2");
        for escaping in ["../v2/x", "/..", "/x/../../v2", "%2e%2e/v2"] {
            let err = target_url(escaping, Some(&base)).unwrap_err().to_string();
            assert!(
                err.contains("would leave the profile's base path /v1/"),
                "{err}"
            );
        }
        assert!(
            target_url("../v2/x", Some(&base))
                .unwrap_err()
                .to_string()
                .ends_with("(https://api.example.com/v2/x)")
        );
        assert_eq!(resolved("other.org/x"), "https://other.org/x");
        assert_eq!(resolved(":8080/x"), "http://localhost:8080/x");
        assert_eq!(resolved("http://a.b/"), "http://a.b/");
        assert_eq!(resolved("localhost/x"), "http://localhost/x");
        for sneaky in ["/\\127.0.0.2/x", "\\/127.0.0.2/x", "//127.0.0.2/x"] {
            let url = target_url(sneaky, Some(&base));
            assert!(
                url.as_ref()
                    .map_or(true, |u| u.host_str() != Some("127.0.0.2")),
                "{sneaky}"
            );
        }
        let args = vec!["DELETE".to_string(), "users".to_string()];
        assert!(split_positionals(&args, Some(&base)).is_ok());
        assert!(split_positionals(&args, None).is_err());
    }

    #[test]
    fn header_options_as_curl_reads_them() {
        assert_eq!(
            header_option("X-A:  b ").unwrap(),
            ("X-A".into(), HeaderEdit::Set("b".into()))
        );
        assert_eq!(header_option("Accept:").unwrap().1, HeaderEdit::Remove);
        assert_eq!(header_option("X-E;").unwrap().1, HeaderEdit::Empty);
        assert!(header_option("nocolon").is_err());
    }
}
