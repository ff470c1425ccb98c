//! JSONPath as the HTTP clients write it, to read a response's body:
//! `{{login.response.body.$.token}}`, and REST Client's `{{login.response.body.token}}`.

use serde_json::Value;

/// The value a JSONPath picks out of a JSON body, as text: a string's own characters,
/// anything else as JSON.
pub fn json_value(body: &Value, path: &str) -> Result<String, String> {
    let found = select(body, path)?.ok_or_else(|| format!("{path} matches nothing in the body"))?;
    Ok(match found {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    })
}

/// JSONPath as the HTTP clients write it: `$`, `.key`, `['key']`, `["key"]`, `[N]`
/// (negative from the end); `*` alone is the whole body; a path without its `$`
/// (`token`, `user.id`, `items[0]`) starts at the top, as REST Client reads it.
pub fn select<'v>(value: &'v Value, path: &str) -> Result<Option<&'v Value>, String> {
    if path == "*" {
        return Ok(Some(value));
    }
    let dotted;
    let path = if path.starts_with(['$', '.', '[']) {
        path
    } else {
        dotted = format!("$.{path}");
        &dotted
    };
    let bad = |why: &str| format!("'{path}' is not a JSONPath hit reads: {why}");
    let mut rest = path
        .strip_prefix('$')
        .ok_or_else(|| bad("it starts with $"))?;
    let mut current = value;
    while !rest.is_empty() {
        let (step, after) = if let Some(after) = rest.strip_prefix('.') {
            let end = after.find(['.', '[']).unwrap_or(after.len());
            if end == 0 {
                return Err(bad("a name follows each '.'"));
            }
            (Step::Key(&after[..end]), &after[end..])
        } else if let Some(after) = rest.strip_prefix('[') {
            let end = after.find(']').ok_or_else(|| bad("'[' without its ']'"))?;
            (
                bracket(&after[..end]).ok_or_else(|| bad("[N] or ['key'] in brackets"))?,
                &after[end + 1..],
            )
        } else {
            return Err(bad("each step is .key, ['key'] or [N]"));
        };
        let next = match (step, current) {
            (Step::Key(key), Value::Object(map)) => map.get(key),
            (Step::Index(i), Value::Array(items)) => {
                let at = if i < 0 {
                    items.len().checked_sub(i.unsigned_abs() as usize)
                } else {
                    Some(i as usize)
                };
                at.and_then(|at| items.get(at))
            }
            _ => None,
        };
        let Some(next) = next else { return Ok(None) };
        current = next;
        rest = after;
    }
    Ok(Some(current))
}

#[derive(Debug, Clone, Copy)]
enum Step<'a> {
    Key(&'a str),
    Index(i64),
}

fn bracket(inside: &str) -> Option<Step<'_>> {
    let inside = inside.trim();
    for quote in ['\'', '"'] {
        if let Some(key) = inside
            .strip_prefix(quote)
            .and_then(|s| s.strip_suffix(quote))
        {
            return Some(Step::Key(key));
        }
    }
    inside.parse().ok().map(Step::Index)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_paths() {
        let body: Value = serde_json::from_str(
            r#"{"token":"abc","items":[{"id":7},{"id":8}],"odd key":{"n":null},"ok":true}"#,
        )
        .unwrap();
        for (path, expected) in [
            ("$.token", "abc"),
            ("$.items[0].id", "7"),
            ("$.items[-1].id", "8"),
            ("$['odd key'].n", "null"),
            ("$[\"items\"][1]", "{\"id\":8}"),
            ("$.ok", "true"),
            ("$", &body.to_string()),
            ("*", &body.to_string()),
        ] {
            assert_eq!(json_value(&body, path).unwrap(), expected, "{path}");
        }
        for path in ["$.nope", "$.items[2]", "$.token.x", "$.items[-3]"] {
            assert!(
                json_value(&body, path)
                    .unwrap_err()
                    .contains("matches nothing"),
                "{path}"
            );
        }
        assert_eq!(json_value(&body, "token").unwrap(), "abc");
        assert_eq!(json_value(&body, "items[1].id").unwrap(), "8");
        for path in ["$..x", "$.items[x]", "$.items[0", ".x"] {
            assert!(
                json_value(&body, path)
                    .unwrap_err()
                    .contains("not a JSONPath"),
                "{path}"
            );
        }
    }
}
