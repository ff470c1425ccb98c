//! What hit shows of credentials (SPEC §8). Wherever a request or a response is shown
//! (`-v`, `-p Hh`, `--offline`, `--curl`, `--output-format json`, warnings), the values of
//! `Authorization`, `Proxy-Authorization`, `Cookie`, `Set-Cookie`, of the headers a profile's
//! secrets fill, and URL passwords are shown as `••••`, unless `--show-secrets`. Values a
//! `.http` file took from the environment (`{{$processEnv NAME}}`) are hidden wherever they
//! stand in a shown request: URL, headers and body. Only what is
//! shown changes: the request sent is never touched. `-w '%header{...}'` asks for a value by
//! name and is not redacted.

use std::borrow::Cow;

use reqwest::Url;

use crate::settings::Redaction;

use crate::http::secret::password_span;
pub use crate::http::secret::{HIDDEN, url_passwords};

impl Redaction {
    /// Hides `value` wherever it stands in a shown request: as written, as a URL's path
    /// and query carry it (percent-encoded the way the request's URL encodes it), and as a
    /// form body carries it (`+` for a space, `%2B` for a `+`).
    pub fn hide(&mut self, value: &str) {
        if value.is_empty() {
            return;
        }
        let form: String = url::form_urlencoded::byte_serialize(value.as_bytes()).collect();
        let mut forms = vec![value.to_string(), form];
        for place in ["http://h/?", "http://h/"] {
            let Ok(url) = Url::parse(&format!("{place}{value}")) else {
                continue;
            };
            let encoded = url.query().unwrap_or_else(|| &url.path()[1..]);
            forms.push(encoded.to_string());
        }
        for form in forms {
            if !form.is_empty() && !self.values.contains(&form) {
                self.values.push(form);
            }
        }
        // The longest first, so that a value inside another is not half-hidden.
        self.values
            .sort_by_key(|form| std::cmp::Reverse(form.len()));
    }
}

/// Text of a shown request with every hidden value in it shown as `••••`.
pub fn values<'a>(redaction: &Redaction, text: &'a str) -> Cow<'a, str> {
    let bytes = values_in(redaction, text.as_bytes());
    match bytes {
        Cow::Borrowed(_) => Cow::Borrowed(text),
        // Whole values of UTF-8 text were replaced by UTF-8 text.
        Cow::Owned(bytes) => Cow::Owned(String::from_utf8_lossy(&bytes).into_owned()),
    }
}

/// Bytes of a shown request (a body) with every hidden value in them shown as `••••`.
pub fn values_in<'a>(redaction: &Redaction, bytes: &'a [u8]) -> Cow<'a, [u8]> {
    if redaction.off {
        return Cow::Borrowed(bytes);
    }
    let mut shown = Cow::Borrowed(bytes);
    for value in &redaction.values {
        let finder = memchr::memmem::Finder::new(value.as_bytes());
        if finder.find(&shown).is_none() {
            continue;
        }
        let mut replaced = Vec::with_capacity(shown.len());
        let mut from = 0;
        for at in finder.find_iter(&shown) {
            // Occurrences never overlap: the next starts after this one ends.
            if at < from {
                continue;
            }
            replaced.extend_from_slice(&shown[from..at]);
            replaced.extend_from_slice(HIDDEN.as_bytes());
            from = at + value.len();
        }
        replaced.extend_from_slice(&shown[from..]);
        shown = Cow::Owned(replaced);
    }
    shown
}

/// How a header's value is shown.
enum Shape {
    /// `Bearer ••••`: the scheme kept (RFC 9110 §11.4), the credentials hidden.
    Credentials,
    /// `session=••••; theme=••••`: names kept (RFC 6265 §4.2).
    Cookie,
    /// `session=••••; Path=/`: name and attributes kept (RFC 6265 §4.1).
    SetCookie,
    /// `••••`.
    Whole,
    /// A URL whose password is hidden.
    Url,
    /// Shown as it is.
    Plain,
}

fn shape(redaction: &Redaction, name: &str) -> Shape {
    let is = |header: &str| name.eq_ignore_ascii_case(header);
    if is("authorization") || is("proxy-authorization") {
        Shape::Credentials
    } else if is("cookie") {
        Shape::Cookie
    } else if is("set-cookie") {
        Shape::SetCookie
    } else if redaction.headers.iter().any(|header| is(header)) {
        Shape::Whole
    } else if is("location") || is("content-location") || is("referer") {
        Shape::Url
    } else {
        Shape::Plain
    }
}

/// A header's value as hit shows it, when that differs from the value sent or received.
pub fn header(redaction: &Redaction, name: &str, value: &[u8]) -> Option<String> {
    if redaction.off {
        return None;
    }
    let text = || String::from_utf8_lossy(value);
    let shown = match shape(redaction, name) {
        Shape::Plain if redaction.values.is_empty() => return None,
        Shape::Plain => text().into_owned(),
        Shape::Credentials => credentials(&text()),
        Shape::Cookie => cookie(&text()),
        Shape::SetCookie => set_cookie(&text()),
        Shape::Whole => whole(&text()),
        Shape::Url => url_text(redaction, std::str::from_utf8(value).ok()?)
            .unwrap_or_else(|| text().into_owned()),
    };
    let shown = values(redaction, &shown).into_owned();
    (shown.as_bytes() != value).then_some(shown)
}

/// A URL as hit shows it: `https://user:••••@host/`.
pub fn url<'a>(redaction: &Redaction, url: &'a Url) -> Cow<'a, str> {
    match url_text(redaction, url.as_str()) {
        Some(shown) => Cow::Owned(shown),
        None => Cow::Borrowed(url.as_str()),
    }
}

/// A URL given as text (a Location header, say) with its password hidden, when it has one.
pub fn url_text(redaction: &Redaction, text: &str) -> Option<String> {
    if redaction.off {
        return None;
    }
    let shown = match authority(text).and_then(|start| password_span(text, start)) {
        Some(password) => Cow::Owned(format!(
            "{}{HIDDEN}{}",
            &text[..password.start],
            &text[password.end..]
        )),
        None => Cow::Borrowed(text),
    };
    let shown = values(redaction, &shown);
    (shown != text).then(|| shown.into_owned())
}

/// Where a URL's authority starts: RFC 3986 §3.2, it follows `//`.
fn authority(text: &str) -> Option<usize> {
    if text.starts_with("//") {
        return Some(2);
    }
    let (scheme, _) = text.split_once("://")?;
    crate::http::is_scheme(scheme).then_some(scheme.len() + 3)
}

/// `user:password` as hit shows it (`user:••••`), when the password is hidden.
pub fn user_password(redaction: &Redaction, user: &str, password: &str) -> Option<String> {
    (!redaction.off && !password.is_empty()).then(|| format!("{user}:{HIDDEN}"))
}

/// `Bearer ••••`; a value with no scheme word is `••••`.
fn credentials(value: &str) -> String {
    let trimmed = value.trim();
    match trimmed.split_once([' ', '\t']) {
        _ if trimmed.is_empty() => value.to_string(),
        Some((scheme, rest)) if !rest.trim().is_empty() => format!("{scheme} {HIDDEN}"),
        _ => HIDDEN.to_string(),
    }
}

/// `session=••••; theme=••••`: every pair's value hidden, the separators kept.
fn cookie(value: &str) -> String {
    let pairs: Vec<String> = value
        .split(';')
        .map(|piece| {
            let pair = piece.trim_start();
            let space = &piece[..piece.len() - pair.len()];
            match pair.split_once('=') {
                Some((name, value)) if !value.trim().is_empty() => {
                    format!("{space}{name}={HIDDEN}")
                }
                None if !pair.trim().is_empty() => format!("{space}{HIDDEN}"),
                _ => piece.to_string(),
            }
        })
        .collect();
    pairs.join(";")
}

/// `session=••••; Path=/; HttpOnly`: the value hidden, the attributes kept.
fn set_cookie(value: &str) -> String {
    let end = value.find(';').unwrap_or(value.len());
    format!("{}{}", cookie(&value[..end]), &value[end..])
}

fn whole(value: &str) -> String {
    match value.trim() {
        "" => value.to_string(),
        _ => HIDDEN.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn on() -> Redaction {
        Redaction {
            off: false,
            headers: vec!["X-Api-Key".to_string()],
            ..Redaction::default()
        }
    }

    fn shown(name: &str, value: &str) -> Option<String> {
        header(&on(), name, value.as_bytes())
    }

    #[test]
    fn credentials_keep_their_scheme() {
        let bearer = shown("Authorization", "Bearer abc.def");
        assert_eq!(bearer.as_deref(), Some("Bearer ••••"));
        let basic = shown("authorization", "Basic dXNlcjpwYXNz");
        assert_eq!(basic.as_deref(), Some("Basic ••••"));
        let proxy = shown("Proxy-Authorization", "Basic eA==");
        assert_eq!(proxy.as_deref(), Some("Basic ••••"));
        assert_eq!(shown("Authorization", "s3cret").as_deref(), Some("••••"));
        assert_eq!(shown("Authorization", ""), None);
    }

    #[test]
    fn cookies_keep_their_names() {
        let both = shown("Cookie", "session=abc; theme=dark");
        assert_eq!(both.as_deref(), Some("session=••••; theme=••••"));
        assert_eq!(shown("cookie", "bare").as_deref(), Some("••••"));
        assert_eq!(shown("Cookie", "empty="), None);
    }

    #[test]
    fn set_cookie_keeps_name_and_attributes() {
        let set = shown("Set-Cookie", "session=abc123; Path=/; HttpOnly");
        assert_eq!(set.as_deref(), Some("session=••••; Path=/; HttpOnly"));
        let alone = shown("set-cookie", "id=\"q\"");
        assert_eq!(alone.as_deref(), Some("id=••••"));
    }

    #[test]
    fn profile_secret_headers_are_hidden_whole() {
        assert_eq!(shown("x-api-key", "k-123 456").as_deref(), Some("••••"));
        assert_eq!(shown("X-Other", "k-123"), None);
    }

    #[test]
    fn url_passwords_are_hidden() {
        let url: Url = "https://user:pa%20ss@host.test:8443/p?q=1".parse().unwrap();
        assert_eq!(url_of(&url), "https://user:••••@host.test:8443/p?q=1");
        let plain: Url = "https://user@host.test/".parse().unwrap();
        assert_eq!(url_of(&plain), "https://user@host.test/");
        let location = shown("Location", "//u:p@other.test/x?y=@z");
        assert_eq!(location.as_deref(), Some("//u:••••@other.test/x?y=@z"));
        assert_eq!(shown("Location", "/next?a=b:c@d"), None);
        assert_eq!(shown("Location", "http://:@h/"), None);
    }

    #[test]
    fn messages_hide_every_url_password() {
        let message = "bad URL 'http://u:s3cret@[::1/x': invalid; via https://p:q@h/ and x://@y";
        assert_eq!(
            url_passwords(message),
            "bad URL 'http://u:••••@[::1/x': invalid; via https://p:••••@h/ and x://@y"
        );
        assert!(matches!(url_passwords("no URL: a:b@c"), Cow::Borrowed(_)));
    }

    fn url_of(url: &Url) -> String {
        super::url(&on(), url).into_owned()
    }

    #[test]
    fn user_and_password() {
        let shown = user_password(&on(), "user", "pass");
        assert_eq!(shown.as_deref(), Some("user:••••"));
        assert_eq!(user_password(&on(), "user", ""), None);
    }

    #[test]
    fn hidden_values_are_hidden_wherever_they_stand() {
        let mut redaction = Redaction::default();
        redaction.hide("s3 cr/t");
        redaction.hide("");
        let url: Url = "http://h/a/s3 cr/t?k=s3 cr/t&x=1".parse().unwrap();
        assert_eq!(super::url(&redaction, &url), "http://h/a/••••?k=••••&x=1");
        let shown = header(&redaction, "X-Token", b"t=s3 cr/t;s3 cr/t");
        assert_eq!(shown.as_deref(), Some("t=••••;••••"));
        assert_eq!(
            header(&redaction, "Authorization", b"Bearer s3 cr/t").as_deref(),
            Some("Bearer ••••")
        );
        assert_eq!(header(&redaction, "X-Other", b"plain"), None);
        let body = values_in(&redaction, b"{\"k\": \"s3 cr/ts3 cr/t\"}\xff");
        let expected = [&b"{\"k\": \""[..], "••••••••".as_bytes(), b"\"}\xff"].concat();
        assert_eq!(&*body, expected.as_slice());
        assert_eq!(
            url_text(&redaction, "/next?k=s3%20cr/t").as_deref(),
            Some("/next?k=••••")
        );
        redaction.off = true;
        assert_eq!(header(&redaction, "X-Token", b"s3 cr/t"), None);
        assert_eq!(values(&redaction, "s3 cr/t"), "s3 cr/t");
    }

    #[test]
    fn show_secrets_hides_nothing() {
        let off = Redaction {
            off: true,
            headers: vec!["X-Api-Key".to_string()],
            ..Redaction::default()
        };
        assert_eq!(header(&off, "Authorization", b"Bearer t"), None);
        assert_eq!(header(&off, "X-Api-Key", b"k"), None);
        let url: Url = "http://u:p@h/".parse().unwrap();
        assert_eq!(super::url(&off, &url), "http://u:p@h/");
        assert_eq!(user_password(&off, "u", "p"), None);
    }
}
