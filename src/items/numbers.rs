//! Numbers sent as they were typed. serde_json (with `arbitrary_precision`) never rounds a
//! number, but it writes an exponent in its own form (`1E5` as `1e+5`); hit sends the text
//! the user typed (`12345678901234567890123`, `1.0`, `-0`, `1e400`), as HTTPie does.

use serde_json::{Number, Value};

/// Parses a `:=` value, every number keeping its typed text.
pub fn parse(json: &str) -> serde_json::Result<Value> {
    let mut value = serde_json::from_str(json)?;
    let typed = typed_numbers(json);
    // A key given twice keeps its last value: when the first held numbers, the typed
    // numbers no longer line up with the value's, and serde_json's form is kept.
    if typed.len() == count(&value) {
        let mut typed = typed.into_iter();
        restore(&mut value, &mut typed);
    }
    Ok(value)
}

/// The number tokens of valid JSON text, in order.
fn typed_numbers(json: &str) -> Vec<&str> {
    let bytes = json.as_bytes();
    let mut numbers = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                i += 1;
                while bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                i += 1;
            }
            b'-' | b'0'..=b'9' => {
                let start = i;
                while i < bytes.len()
                    && matches!(bytes[i], b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9')
                {
                    i += 1;
                }
                numbers.push(&json[start..i]);
            }
            _ => i += 1,
        }
    }
    numbers
}

fn count(value: &Value) -> usize {
    match value {
        Value::Number(_) => 1,
        Value::Array(items) => items.iter().map(count).sum(),
        Value::Object(map) => map.values().map(count).sum(),
        _ => 0,
    }
}

fn restore<'a>(value: &mut Value, typed: &mut impl Iterator<Item = &'a str>) {
    match value {
        Value::Number(n) => {
            if let Some(text) = typed.next() {
                // The text is a number serde_json has just read: only its form differs.
                *n = Number::from_string_unchecked(text.to_string());
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|item| restore(item, typed)),
        Value::Object(map) => map.values_mut().for_each(|item| restore(item, typed)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sent(json: &str) -> String {
        serde_json::to_string(&parse(json).unwrap()).unwrap()
    }

    #[test]
    fn numbers_keep_their_text() {
        for json in [
            "12345678901234567890123",
            "1.10000000000000000001",
            "1.0",
            "-0",
            "1e400",
            "1E5",
            "-0.0e-00",
            r#"{"a":[1.0,{"b":1e400}],"c\"1":"2e3","d":-0}"#,
            r#"["\\",1E+2]"#,
        ] {
            assert_eq!(sent(json), json);
        }
        // Only whitespace changes.
        assert_eq!(sent("[ 1.50 ,\n 2E1 ]"), "[1.50,2E1]");
    }

    #[test]
    fn a_repeated_key_keeps_the_last_value() {
        assert_eq!(sent(r#"{"a":1.0,"a":2.0}"#), r#"{"a":2.0}"#);
        assert_eq!(sent(r#"{"a":"x","a":2.50}"#), r#"{"a":2.50}"#);
    }

    #[test]
    fn invalid_json_is_refused() {
        assert!(parse("1e").is_err());
        assert!(parse("01").is_err());
    }
}
