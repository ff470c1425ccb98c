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
    // A parameter takes as little as it can when another follows in the segment
    // (`{name}.{ext}` and `a.b.txt`: `a`, then `b.txt`).
    let (value, after) = match suffix.find('{') {
        Some(next) => {
            let literal = &suffix[..next];
            let end = if literal.is_empty() {
                rest.len().min(1)
            } else {
                rest.find(literal)?
            };
            (&rest[..end], Some(&rest[end..]))
        }
        None => (rest.strip_suffix(suffix)?, None),
    };
    if value.is_empty() {
        return None;
    }
    let pair = (name.to_string(), decode(value));
    // A name the template repeats (`/a/{id}/b/{id}`) is one value when they agree.
    if !found.contains(&pair) {
        found.push(pair);
    }
    match after {
        Some(after) => segment_matches(suffix, after, found),
        None => Some(()),
    }
}

fn decode(text: &str) -> String {
    percent_encoding::percent_decode_str(text)
        .decode_utf8_lossy()
        .into_owned()
}

/// How literal a template is, segment by segment (2 literal, 1 literal text and parameters,
/// 0 a parameter alone): compared in order, a literal segment beats a parameter
/// (`/pets/mine` over `/pets/{id}`), as OpenAPI says concrete paths match first.
pub fn rank(template: &str) -> Vec<u8> {
    let segments = template.trim_end_matches('/').split('/').skip(1);
    segments
        .map(|segment| {
            let parameters = segment.matches('{').count();
            let alone = parameters == 1 && segment.starts_with('{') && segment.ends_with('}');
            match (parameters, alone) {
                (0, _) => 2,
                (_, false) => 1,
                (_, true) => 0,
            }
        })
        .collect()
}

impl Api {
    /// The operation a `method` request to `path` (relative to the API's base path) is,
    /// with the path's parameters.
    pub fn find(&self, method: &str, path: &str) -> Option<(&Entry, Vec<(String, String)>)> {
        self.operations
            .iter()
            .filter(|e| e.method.eq_ignore_ascii_case(method))
            .filter_map(|e| Some((e, matches(&e.path, path)?)))
            .reduce(|best, next| {
                if rank(&next.0.path) > rank(&best.0.path) {
                    next
                } else {
                    best
                }
            })
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
            Some(vec!["a=x".into(), "b=y".into()])
        );
        assert_eq!(
            pairs(matches("/files/{name}.{ext}", "/files/a.b.txt")),
            Some(vec!["name=a".into(), "ext=b.txt".into()])
        );
        assert_eq!(
            pairs(matches("/a/{id}/b/{id}", "/a/1/b/1")),
            Some(vec!["id=1".into()])
        );
        assert_eq!(pairs(matches("/", "")), Some(vec![]));
        assert!(rank("/pets/mine") > rank("/pets/{id}"));
        assert!(rank("/files/{name}.json") > rank("/files/{name}"));
    }

    #[test]
    fn a_base_path_is_taken_off() {
        assert_eq!(within("/v3/pet/1", "/v3/"), Some("/pet/1"));
        assert_eq!(within("/v3", "/v3/"), Some("/"));
        assert_eq!(within("/v30/pet", "/v3/"), None);
        assert_eq!(within("/pet/1", "/"), Some("/pet/1"));
    }
}
