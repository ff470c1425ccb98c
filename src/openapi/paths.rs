//! Which operation a request's path is: templates matched segment by segment.

use super::{Api, Entry};

/// The parameters `path` gives `template` (`/pets/{id}` and `/pets/42` → `id` = `42`), or
/// `None` when it is another path. A parameter fills a segment or the part of one between
/// literal text (`/files/{name}.json`); values are percent-decoded.
pub fn matches(template: &str, path: &str) -> Option<Vec<(String, String)>> {
    let template: Vec<&str> = template.trim_end_matches('/').split('/').collect();
    let path: Vec<&str> = path.trim_end_matches('/').split('/').collect();
    if template.len() != path.len() {
        return None;
    }
    let mut found = Vec::new();
    for (pattern, segment) in template.iter().zip(&path) {
        segment_matches(pattern, segment, &mut found)?;
    }
    Some(found)
}

fn segment_matches(pattern: &str, segment: &str, found: &mut Vec<(String, String)>) -> Option<()> {
    let Some(open) = pattern.find('{') else {
        return (decode(segment) == pattern).then_some(());
    };
    let close = open + pattern[open..].find('}')?;
    let (prefix, name, suffix) = (
        &pattern[..open],
        &pattern[open + 1..close],
        &pattern[close + 1..],
    );
    let rest = segment.strip_prefix(prefix)?;
    // A second parameter in one segment (`{a}-{b}`) takes what the first leaves.
    let value = if suffix.contains('{') {
        let literal = &suffix[..suffix.find('{')?];
        let end = if literal.is_empty() {
            rest.len().min(1)
        } else {
            rest.find(literal)?
        };
        let value = &rest[..end];
        segment_matches(suffix, &rest[end..], found)?;
        value
    } else {
        rest.strip_suffix(suffix)?
    };
    if value.is_empty() {
        return None;
    }
    found.push((name.to_string(), decode(value)));
    Some(())
}

fn decode(text: &str) -> String {
    percent_encoding::percent_decode_str(text)
        .decode_utf8_lossy()
        .into_owned()
}

/// How literal a template is: a literal segment beats a parameter (`/pets/mine` over
/// `/pets/{id}`), as OpenAPI says concrete paths match first.
fn literal_weight(template: &str) -> usize {
    template.split('/').filter(|s| !s.contains('{')).count()
}

impl Api {
    /// The operation a `method` request to `path` (relative to the API's base path) is,
    /// with the path's parameters.
    pub fn find(&self, method: &str, path: &str) -> Option<(&Entry, Vec<(String, String)>)> {
        self.operations
            .iter()
            .filter(|e| e.method.eq_ignore_ascii_case(method))
            .filter_map(|e| Some((e, matches(&e.path, path)?)))
            .max_by_key(|(e, _)| literal_weight(&e.path))
    }

    /// The methods the document has for `path`, for a 405's `Allow`.
    pub fn methods_of(&self, path: &str) -> Vec<&str> {
        self.operations
            .iter()
            .filter(|e| matches(&e.path, path).is_some())
            .map(|e| e.method.as_str())
            .collect()
    }
}

/// `path` without the base URL's path (`/v3/pet/1` with base `/v3/` → `/pet/1`), or `None`
/// when it is outside it.
pub fn within<'a>(path: &'a str, base_path: &str) -> Option<&'a str> {
    let base = base_path.trim_end_matches('/');
    let rest = path.strip_prefix(base)?;
    if rest.is_empty() {
        return Some("/");
    }
    rest.starts_with('/').then_some(rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(found: Option<Vec<(String, String)>>) -> Option<Vec<String>> {
        found.map(|f| f.into_iter().map(|(n, v)| format!("{n}={v}")).collect())
    }

    #[test]
    fn templates_match_whole_and_partial_segments() {
        assert_eq!(
            pairs(matches("/pets/{id}", "/pets/42")),
            Some(vec!["id=42".into()])
        );
        assert_eq!(
            pairs(matches("/pets/{id}", "/pets/a%20b/")),
            Some(vec!["id=a b".into()])
        );
        assert_eq!(pairs(matches("/pets/{id}", "/pets")), None);
        assert_eq!(pairs(matches("/pets/{id}", "/pets/")), None);
        assert_eq!(pairs(matches("/pets", "/cats")), None);
        assert_eq!(
            pairs(matches("/files/{name}.json", "/files/report.json")),
            Some(vec!["name=report".into()])
        );
        assert_eq!(
            pairs(matches("/files/{name}.json", "/files/report.xml")),
            None
        );
        assert_eq!(
            pairs(matches("/r/{a}-{b}", "/r/x-y")),
            Some(vec!["b=y".into(), "a=x".into()])
        );
    }

    #[test]
    fn a_base_path_is_taken_off() {
        assert_eq!(within("/v3/pet/1", "/v3/"), Some("/pet/1"));
        assert_eq!(within("/v3", "/v3/"), Some("/"));
        assert_eq!(within("/v30/pet", "/v3/"), None);
        assert_eq!(within("/pet/1", "/"), Some("/pet/1"));
    }
}
