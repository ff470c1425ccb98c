//! `-w/--write-out FORMAT`: curl's template of `%{variable}`s, parsed here and rendered by
//! the printer after the transfer.

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
    "time_appconnect",
    "time_connect",
    "time_namelookup",
    "time_pretransfer",
    "time_starttransfer",
    "time_total",
    "url_effective",
];

/// A parsed template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template(Vec<Segment>);

/// A segment of a template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    /// Text printed as it is.
    Text(String),
    /// `%{name}`: one of the variables hit knows.
    Variable(&'static str),
    /// `%header{name}`: every value of a response header, joined with `, `.
    Header(String),
}

impl Template {
    /// Parses a template: `%{name}`, `%header{name}` (or `%{header{name}}`), `%%`, and the
    /// escapes `\n`, `\r`, `\t`, `\\`.
    pub fn parse(format: &str) -> Result<Template, String> {
        let mut segments = Vec::new();
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
                    flush(&mut text, &mut segments);
                    segments.push(Segment::Header(name.to_string()));
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
                    flush(&mut text, &mut segments);
                    segments.push(Segment::Variable(known));
                    rest = &rest[end + 1..];
                }
                c => text.push(c),
            }
        }
        flush(&mut text, &mut segments);
        Ok(Template(segments))
    }

    /// The segments, in order.
    pub fn segments(&self) -> &[Segment] {
        &self.0
    }
}

fn flush(text: &mut String, segments: &mut Vec<Segment>) {
    if !text.is_empty() {
        segments.push(Segment::Text(std::mem::take(text)));
    }
}

fn excerpt(rest: &str) -> String {
    crate::error::excerpt(rest)
}

#[cfg(test)]
mod tests {
    use super::*;

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
            Template(vec![Segment::Text("5%".into())])
        );
    }
}
