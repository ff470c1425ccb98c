//! `Link` header fields (RFC 8288 §3): the links a response points to, and which of them
//! is the next page, for `--paginate`.

use reqwest::header::{HeaderMap, LINK};

/// One link-value: its target as written (a URI-Reference, RFC 8288 §3.1) and its relation
/// types, lower-cased (they compare case-insensitively, §2.1.1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub target: String,
    pub relations: Vec<String>,
}

/// The target of the first link whose relation types include `next`, across every Link
/// field in order; still to be resolved against the URL of the response (§3.1).
pub fn next_target(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(LINK)
        .iter()
        .flat_map(|value| parse(&String::from_utf8_lossy(value.as_bytes())))
        .find(|link| link.relations.iter().any(|rel| rel == "next"))
        .map(|link| link.target)
}

/// The links of one field value: `<uri>; rel="next last", <uri>; rel=prev`. A link-value
/// that cannot be read is skipped up to the next comma outside quotes and brackets.
pub fn parse(value: &str) -> Vec<Link> {
    let mut cursor = Cursor {
        text: value.as_bytes(),
        at: 0,
    };
    let mut links = Vec::new();
    loop {
        cursor.skip(|b| matches!(b, b' ' | b'\t' | b','));
        match cursor.peek() {
            None => return links,
            Some(b'<') => {}
            Some(_) => {
                cursor.skip_link_value();
                continue;
            }
        }
        let Some(end) = value[cursor.at..].find('>') else {
            return links;
        };
        let target = value[cursor.at + 1..cursor.at + end].trim().to_string();
        cursor.at += end + 1;
        if let Some(rel) = cursor.params() {
            let relations = rel
                .split_ascii_whitespace()
                .map(str::to_ascii_lowercase)
                .collect();
            links.push(Link { target, relations });
        }
    }
}

struct Cursor<'a> {
    text: &'a [u8],
    at: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<u8> {
        self.text.get(self.at).copied()
    }

    fn skip(&mut self, what: impl Fn(u8) -> bool) {
        while self.peek().is_some_and(&what) {
            self.at += 1;
        }
    }

    /// Reads `; name=value` parameters up to the end of the link-value and returns the
    /// first `rel` (§3.3: later ones are ignored), or `Some("")` without one. `None`: the
    /// link-value is malformed, and the cursor is past it.
    fn params(&mut self) -> Option<String> {
        let mut rel = None;
        loop {
            self.skip(|b| matches!(b, b' ' | b'\t'));
            match self.peek() {
                None | Some(b',') => return Some(rel.unwrap_or_default()),
                Some(b';') => self.at += 1,
                Some(_) => {
                    self.skip_link_value();
                    return None;
                }
            }
            self.skip(|b| matches!(b, b' ' | b'\t'));
            let name = self.token();
            self.skip(|b| matches!(b, b' ' | b'\t'));
            let value = if self.peek() == Some(b'=') {
                self.at += 1;
                self.skip(|b| matches!(b, b' ' | b'\t'));
                if self.peek() == Some(b'"') {
                    self.quoted()
                } else {
                    self.token()
                }
            } else {
                String::new()
            };
            if name.eq_ignore_ascii_case("rel") && rel.is_none() {
                rel = Some(value);
            }
        }
    }

    /// A token (or anything up to the next delimiter, read leniently).
    fn token(&mut self) -> String {
        let start = self.at;
        self.skip(|b| !matches!(b, b' ' | b'\t' | b';' | b',' | b'=' | b'"'));
        String::from_utf8_lossy(&self.text[start..self.at]).into_owned()
    }

    /// A quoted-string (RFC 9110 §5.6.4), the cursor on its opening quote.
    fn quoted(&mut self) -> String {
        let mut out = Vec::new();
        self.at += 1;
        while let Some(b) = self.peek() {
            self.at += 1;
            match b {
                b'"' => break,
                b'\\' => {
                    if let Some(escaped) = self.peek() {
                        out.push(escaped);
                        self.at += 1;
                    }
                }
                _ => out.push(b),
            }
        }
        String::from_utf8_lossy(&out).into_owned()
    }

    /// Moves past the rest of a link-value: to the next comma outside quotes and `<…>`.
    fn skip_link_value(&mut self) {
        let (mut quoted, mut bracket) = (false, false);
        while let Some(b) = self.peek() {
            match b {
                b'\\' if quoted => self.at += 1,
                b'"' if !bracket => quoted = !quoted,
                b'<' if !quoted => bracket = true,
                b'>' if !quoted => bracket = false,
                b',' if !quoted && !bracket => return,
                _ => {}
            }
            self.at += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    fn link(target: &str, relations: &[&str]) -> Link {
        Link {
            target: target.to_string(),
            relations: relations.iter().map(|r| r.to_string()).collect(),
        }
    }

    #[test]
    fn github_style_links() {
        let value = r#"<https://api.example.org/items?page=2>; rel="next", <https://api.example.org/items?page=9>; rel="last""#;
        assert_eq!(
            parse(value),
            vec![
                link("https://api.example.org/items?page=2", &["next"]),
                link("https://api.example.org/items?page=9", &["last"]),
            ]
        );
    }

    #[test]
    fn several_relation_types_tokens_and_case() {
        assert_eq!(
            parse(r#"</p/3>; rel="NEXT last"; title="a, b; c""#),
            vec![link("/p/3", &["next", "last"])]
        );
        assert_eq!(parse("</p/3>;rel=next"), vec![link("/p/3", &["next"])]);
        assert_eq!(
            parse(r#"</p/3> ; title="x" ; rel = "prev" ; rel="next""#),
            vec![link("/p/3", &["prev"])]
        );
        assert_eq!(parse("</p/3>"), vec![link("/p/3", &[])]);
    }

    #[test]
    fn commas_inside_targets_and_quotes_do_not_split() {
        assert_eq!(
            parse(r#"</a?x=1,2>; rel="next"; title="x\"y, z", </b>; rel=prev"#),
            vec![link("/a?x=1,2", &["next"]), link("/b", &["prev"])]
        );
    }

    #[test]
    fn malformed_values_are_skipped() {
        assert_eq!(
            parse(r#"garbage; rel="next", </ok>; rel="next""#),
            vec![link("/ok", &["next"])]
        );
        assert_eq!(
            parse(r#"</bad> junk; rel="next", </ok>; rel=next"#),
            vec![link("/ok", &["next"])]
        );
        assert_eq!(parse("<unclosed; rel=next"), vec![]);
        assert_eq!(parse(""), vec![]);
        assert_eq!(parse(" , ,"), vec![]);
    }

    #[test]
    fn next_is_found_across_fields() {
        let mut headers = HeaderMap::new();
        headers.append(LINK, HeaderValue::from_static(r#"</first>; rel="first""#));
        headers.append(
            LINK,
            HeaderValue::from_static(r#"</prev>; rel=prev, </next>; rel="next last""#),
        );
        assert_eq!(next_target(&headers).as_deref(), Some("/next"));
        assert_eq!(next_target(&HeaderMap::new()), None);
    }

    #[test]
    fn every_prefix_parses_without_inventing_links() {
        // A value cut anywhere (a truncated field) parses without panicking, and yields
        // no target the whole value does not begin.
        let value = r#"<https://h/a?x=1,2>; rel="next last"; title="q\"uote, ;", </b>; rel=prev"#;
        let whole = parse(value);
        for cut in 0..=value.len() {
            if !value.is_char_boundary(cut) {
                continue;
            }
            for found in parse(&value[..cut]) {
                let known = whole.iter().any(|w| {
                    w.target.starts_with(&found.target) || found.target.starts_with(&w.target)
                });
                assert!(known, "cut at {cut}: {found:?}");
            }
        }
    }
}

#[cfg(test)]
mod split_tests;
