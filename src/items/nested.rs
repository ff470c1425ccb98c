//! HTTPie's nested JSON keys (https://httpie.io/docs/cli/nested-json): `user[name]`,
//! `tags[]`, `list[2]`, `[]` for a top-level array, backslashes that escape `[`, `]` and `\`,
//! and `\1` for a key that looks like a number. A malformed key is an error with a caret
//! under the place.

use serde_json::{Map, Value};

/// One step of a nested JSON path.
#[derive(Debug, Clone, PartialEq)]
pub enum PathSegment {
    Key(String),
    Index(usize),
    Append,
}

/// What is wrong with a key, and where: a range of character positions in it.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyError {
    pub message: String,
    pub start: usize,
    pub end: usize,
}

impl KeyError {
    /// The message, the key, and a caret line under the place.
    pub fn render(&self, raw: &str, key: &str) -> String {
        let width = (self.end - self.start).max(1);
        format!(
            "bad item '{raw}': {}\n  {key}\n  {}{}",
            self.message,
            " ".repeat(self.start),
            "^".repeat(width)
        )
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Kind {
    Open,
    Close,
    Text(String),
    Number(i128),
}

#[derive(Debug, Clone)]
struct Token {
    kind: Kind,
    start: usize,
    end: usize,
}

/// Characters a backslash escapes inside a key.
const SPECIAL: &[char] = &['[', ']', '\\'];

fn tokenize(key: &str) -> Vec<Token> {
    let chars: Vec<char> = key.chars().collect();
    let mut tokens = Vec::new();
    let mut buffer = String::new();
    let mut escapes = 0;
    let mut start = 0;
    let flush = |buffer: &mut String,
                 escapes: &mut usize,
                 start: usize,
                 end: usize,
                 tokens: &mut Vec<Token>| {
        if buffer.is_empty() {
            return;
        }
        let text = std::mem::take(buffer);
        let kind = match (*escapes, number(&text)) {
            (0, Some(n)) => Kind::Number(n),
            // `\1`: a key that would otherwise be a number.
            (0, None) if text.starts_with('\\') && number(&text[1..]).is_some() => {
                Kind::Text(text[1..].to_string())
            }
            _ => Kind::Text(text),
        };
        tokens.push(Token { kind, start, end });
        *escapes = 0;
    };
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '[' | ']' => {
                flush(&mut buffer, &mut escapes, start, i, &mut tokens);
                let kind = if c == '[' { Kind::Open } else { Kind::Close };
                tokens.push(Token {
                    kind,
                    start: i,
                    end: i + 1,
                });
                start = i + 1;
            }
            '\\' if i + 1 < chars.len() => {
                if buffer.is_empty() {
                    start = i;
                }
                let next = chars[i + 1];
                if SPECIAL.contains(&next) {
                    escapes += 1;
                } else {
                    buffer.push('\\');
                }
                buffer.push(next);
                i += 1;
            }
            c => {
                if buffer.is_empty() {
                    start = i;
                }
                buffer.push(c);
            }
        }
        i += 1;
    }
    flush(&mut buffer, &mut escapes, start, chars.len(), &mut tokens);
    tokens
}

/// A whole number, as Python's `int()` reads one: an optional sign and digits, with spaces
/// around.
fn number(text: &str) -> Option<i128> {
    let trimmed = text.trim();
    let digits = trimmed.strip_prefix(['-', '+']).unwrap_or(trimmed);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(trimmed.parse::<i128>().unwrap_or(i128::MAX))
}

fn expecting(wanted: &[&str], at: Option<&Token>, end: usize) -> KeyError {
    let list = match wanted {
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
        [] => String::new(),
    };
    let (start, end) = at.map_or((end, end + 1), |t| (t.start, t.end));
    KeyError {
        message: format!("expected {list}"),
        start,
        end,
    }
}

/// The tokens of a key, read in order.
struct Cursor<'a> {
    tokens: &'a [Token],
    at: usize,
    /// The key's length, for an error past its end.
    end: usize,
}

impl Cursor<'_> {
    fn more(&self) -> bool {
        self.at < self.tokens.len()
    }

    /// The next token, which must be one `ok` accepts.
    fn next(&mut self, wanted: &[&str], ok: fn(&Kind) -> bool) -> Result<Token, KeyError> {
        let token = self.tokens.get(self.at);
        self.at += 1;
        match token {
            Some(t) if ok(&t.kind) => Ok(t.clone()),
            _ => Err(expecting(wanted, token, self.end)),
        }
    }

    fn close(&mut self) -> Result<(), KeyError> {
        self.next(&["']'"], |k| matches!(k, Kind::Close)).map(drop)
    }
}

fn index(token: &Token) -> Result<PathSegment, KeyError> {
    match token.kind {
        Kind::Number(n) if n < 0 => Err(KeyError {
            message: "negative indexes are not supported".into(),
            start: token.start,
            end: token.end,
        }),
        Kind::Number(n) => Ok(PathSegment::Index(usize::try_from(n).unwrap_or(usize::MAX))),
        _ => unreachable!("only numbers are indexes"),
    }
}

/// The path a key names (HTTPie's grammar: a root key, `[n]` or `[]`, then `[key]`, `[n]`
/// or `[]` steps). An empty key is the key `""`.
pub fn parse(key: &str) -> Result<Vec<PathSegment>, KeyError> {
    let tokens = tokenize(key);
    if tokens.is_empty() {
        return Ok(vec![PathSegment::Key(String::new())]);
    }
    let mut cursor = Cursor {
        tokens: &tokens,
        at: 0,
        end: key.chars().count(),
    };
    let mut path = Vec::new();
    let first = cursor.next(&["a text", "a number", "'['"], |k| {
        !matches!(k, Kind::Close)
    })?;
    match &first.kind {
        Kind::Text(text) => path.push(PathSegment::Key(text.clone())),
        Kind::Number(n) => path.push(PathSegment::Key(n.to_string())),
        _ => {
            let inner = cursor.next(&["a number", "']'"], |k| {
                matches!(k, Kind::Number(_) | Kind::Close)
            })?;
            if matches!(inner.kind, Kind::Close) {
                path.push(PathSegment::Append);
            } else {
                path.push(index(&inner)?);
                cursor.close()?;
            }
        }
    }
    while cursor.more() {
        cursor.next(&["'['"], |k| matches!(k, Kind::Open))?;
        let inner = cursor.next(&["a text", "a number", "']'"], |k| !matches!(k, Kind::Open))?;
        match &inner.kind {
            Kind::Close => path.push(PathSegment::Append),
            Kind::Text(text) => {
                path.push(PathSegment::Key(text.clone()));
                cursor.close()?;
            }
            _ => {
                path.push(index(&inner)?);
                cursor.close()?;
            }
        }
    }
    Ok(path)
}

/// Builds the JSON body from `(raw item, key, value)` data fields, in order. `None` when
/// there are none.
pub fn json_body<'a>(
    fields: impl IntoIterator<Item = (&'a str, &'a str, Value)>,
) -> Result<Option<Value>, String> {
    let mut root = Value::Null;
    for (raw, key, value) in fields {
        let path = parse(key).map_err(|e| e.render(raw, key))?;
        insert(&mut root, &path, value).map_err(|why| format!("bad item '{raw}': {why}"))?;
    }
    Ok((!root.is_null()).then_some(root))
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// How far past the end of an array an index may reach (`a[5]=x` pads with nulls).
const MAX_INDEX_GAP: usize = 1000;

fn insert(slot: &mut Value, path: &[PathSegment], value: Value) -> Result<(), String> {
    let Some((segment, rest)) = path.split_first() else {
        *slot = value;
        return Ok(());
    };
    match segment {
        PathSegment::Key(key) => {
            if slot.is_null() {
                *slot = Value::Object(Map::new());
            }
            let Value::Object(map) = slot else {
                return Err(format!(
                    "'{key}' needs an object here, but this is {}",
                    kind(slot)
                ));
            };
            let child = map.entry(key.clone()).or_insert(Value::Null);
            if rest.is_empty() && !child.is_null() {
                // A repeated key collects its values into an array.
                match child {
                    Value::Array(items) => items.push(value),
                    other => *other = Value::Array(vec![other.take(), value]),
                }
                return Ok(());
            }
            insert(child, rest, value)
        }
        PathSegment::Append | PathSegment::Index(_) => {
            if slot.is_null() {
                *slot = Value::Array(Vec::new());
            }
            let Value::Array(items) = slot else {
                return Err(format!(
                    "'[]' needs an array here, but this is {}",
                    kind(slot)
                ));
            };
            let index = match segment {
                PathSegment::Index(i) => *i,
                _ => items.len(),
            };
            if index > items.len().saturating_add(MAX_INDEX_GAP) {
                return Err(format!(
                    "index {index} would pad an array of {} items with over {MAX_INDEX_GAP} nulls",
                    items.len()
                ));
            }
            if items.len() <= index {
                items.resize(index + 1, Value::Null);
            }
            insert(&mut items[index], rest, value)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// Keys as the item parser hands them over (separator escapes already resolved).
    fn body(pairs: &[(&str, Value)]) -> Value {
        json_body(pairs.iter().map(|(k, v)| (*k, *k, v.clone())))
            .unwrap()
            .unwrap()
    }

    fn error(key: &str) -> String {
        json_body([(key, key, json!(1))]).unwrap_err()
    }

    /// The cases of HTTPie's own test suite (tests/test_json.py, test_nested_json_syntax).
    #[test]
    fn httpies_grammar() {
        let cases: Vec<(Vec<(&str, Value)>, Value)> = vec![
            (
                vec![
                    (r"\[\]", json!(1)),
                    (r"escape\[d\]", json!(1)),
                    (r"e\[s\][c][a][p][\[ed\]][]", json!(1)),
                ],
                json!({"[]": 1, "escape[d]": 1, "e[s]": {"c": {"a": {"p": {"[ed]": [1]}}}}}),
            ),
            (
                vec![("[]", json!(1)), ("[]", json!("foo"))],
                json!([1, "foo"]),
            ),
            (
                vec![
                    (r"\]", json!(1)),
                    (r"\[\]1", json!(1)),
                    (r"\[1\]\]", json!(1)),
                ],
                json!({"]": 1, "[]1": 1, "[1]]": 1}),
            ),
            (
                vec![
                    (r"foo[\1][type]", json!("m")),
                    (r"foo[\dates]", json!([2012])),
                    (r"\2012[x]", json!(2)),
                    (r"\2012[\[3\]]", json!(4)),
                ],
                json!({"foo": {"1": {"type": "m"}, r"\dates": [2012]}, "2012": {"x": 2, "[3]": 4}}),
            ),
            (
                vec![
                    (r"a[\0]", json!(0)),
                    (r"a[\\1]", json!(1)),
                    (r"a[\\\2]", json!(2)),
                    (r"a[-1\\]", json!(-1)),
                ],
                json!({"a": {"0": 0, r"\1": 1, r"\\2": 2, r"-1\": -1}}),
            ),
            (
                vec![
                    (r"\1", json!("int")),
                    (r"\\1", json!("escaped")),
                    (r"\2[\3][\4]", json!(5)),
                ],
                json!({"1": "int", r"\1": "escaped", "2": {"3": {"4": 5}}}),
            ),
            (
                vec![("", json!("empty")), ("foo", json!("bar"))],
                json!({"": "empty", "foo": "bar"}),
            ),
            (vec![("", json!([1, 2, 3]))], json!({"": [1, 2, 3]})),
            (
                vec![("[]", json!(0)), ("[5]", json!(5))],
                json!([0, null, null, null, null, 5]),
            ),
            (
                vec![(r"A[B\\]", json!("C")), (r"A[\B\\]", json!("C"))],
                json!({"A": {r"B\": "C", r"\B\": "C"}}),
            ),
            (
                vec![
                    ("foo[bar][][x]", json!("y")),
                    ("foo[baz]", json!([1])),
                    ("foo[baz][]", json!(2)),
                ],
                json!({"foo": {"bar": [{"x": "y"}], "baz": [1, 2]}}),
            ),
        ];
        for (pairs, expected) in cases {
            assert_eq!(body(&pairs), expected, "{pairs:?}");
        }
    }

    /// HTTPie's test_nested_json_errors, with the caret where HTTPie puts it.
    #[test]
    fn malformed_keys_point_at_the_place() {
        for (key, message, caret) in [
            ("A[", "expected a text, a number or ']'", "  ^"),
            ("A[1", "expected ']'", "   ^"),
            ("A[text", "expected ']'", "      ^"),
            ("A[text][", "expected a text, a number or ']'", "        ^"),
            ("A[text]1", "expected '['", "       ^"),
            (r"A\[]", "expected '['", "   ^"),
            (r"A[something\]", "expected ']'", "             ^"),
            ("foo[bar][1]][]", "expected '['", "           ^"),
            (
                "foo[bar][1]something[]",
                "expected '['",
                "           ^^^^^^^^^",
            ),
            (
                "foo[bar][1][142241[]",
                "expected ']'",
                "                  ^",
            ),
            ("foo[-10]", "negative indexes are not supported", "    ^^^"),
        ] {
            assert_eq!(
                error(key),
                format!("bad item '{key}': {message}\n  {key}\n  {caret}"),
                "{key}"
            );
        }
    }

    #[test]
    fn type_conflicts_and_huge_indexes() {
        let conflict = json_body([("a", "a", json!(1)), ("a[b]", "a[b]", json!(2))]).unwrap_err();
        assert_eq!(
            conflict,
            "bad item 'a[b]': 'b' needs an object here, but this is a number"
        );
        assert!(json_body([("a[100000000000]", "a[100000000000]", json!(1))]).is_err());
        assert!(
            json_body([(
                "a[99999999999999999999999]",
                "a[99999999999999999999999]",
                json!(1)
            )])
            .is_err()
        );
    }
}
