//! Media types: what a Content-Type says about a body.

/// `application/json` and any `+json` type (RFC 6839), given a media type from `media_type`.
pub fn is_json_type(essence: &str) -> bool {
    essence == "application/json" || essence.ends_with("+json")
}

/// The media type of a Content-Type, lower case, without parameters.
pub fn media_type(content_type: &str) -> String {
    content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

/// The `charset` parameter of a Content-Type.
pub fn charset(content_type: &str) -> Option<String> {
    parameter(content_type, "charset")
}

/// A parameter of a Content-Type (`boundary`, `charset`), unquoted.
pub fn parameter(content_type: &str, wanted: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|param| {
        let (name, value) = param.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case(wanted)
            .then(|| value.trim().trim_matches('"').to_string())
    })
}

/// SPEC §4: a JSON type (`application/json`, `*+json`), or a text body (or one without a
/// type) that starts with `{` or `[`.
pub fn is_json_body(content_type: Option<&str>, first: &[u8]) -> bool {
    match content_type.map(media_type) {
        Some(t) => is_json_type(&t) || (t.starts_with("text/") && starts_like_json(first)),
        None => starts_like_json(first),
    }
}

/// An event stream or NDJSON: shown a line at a time as it arrives.
pub fn is_streamed_type(essence: &str) -> bool {
    matches!(essence, "text/event-stream" | "application/x-ndjson")
}

/// Whether `data` is a JSON object or array (curl's `-d` rule, and the printer's sniffing).
pub fn is_json_document(data: &[u8]) -> bool {
    starts_like_json(data) && is_valid_json(data)
}

/// Valid JSON: one value, or several one after another (`1 2 3`, `{}\n{}`), as jq reads
/// its input.
pub fn is_valid_json(data: &[u8]) -> bool {
    let mut values =
        serde_json::Deserializer::from_slice(data).into_iter::<serde::de::IgnoredAny>();
    values.next().is_some_and(|first| first.is_ok()) && values.all(|next| next.is_ok())
}

fn starts_like_json(body: &[u8]) -> bool {
    matches!(body.trim_ascii_start().first(), Some(b'{' | b'['))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_content_types() {
        assert!(is_json_type(&media_type("Application/JSON; charset=utf-8")));
        assert!(is_json_type(&media_type("application/problem+json")));
        assert!(!is_json_type(&media_type("text/html")));
        assert!(is_json_body(Some("text/plain"), b" {"));
        assert!(!is_json_body(Some("text/html"), b"<p>"));
        assert_eq!(
            charset("text/plain; Charset=\"latin1\"").as_deref(),
            Some("latin1")
        );
    }

    #[test]
    fn json_documents_like_curl() {
        assert!(is_json_document(br#" {"a":1}"#));
        assert!(is_json_document(b"[1,2]"));
        assert!(!is_json_document(b"a=1&b=2"));
        assert!(!is_json_document(b"{broken"));
        assert!(!is_json_document(b"3"));
        assert!(is_valid_json(b"1 2 3"));
        assert!(is_valid_json(b"{}\n{\"a\":[1]}\n"));
        assert!(!is_valid_json(b"{} {"));
        assert!(!is_valid_json(b"  "));
    }
}
