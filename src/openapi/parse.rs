//! A document's bytes as JSON or YAML, and which OpenAPI it is.
//!
//! YAML is read by serde_norway (the maintained fork of serde_yaml, on libyaml): it refuses
//! an alias bomb ("repetition limit exceeded") and nesting past its recursion limit, as
//! serde_json does for JSON, so a hostile document is one error, not a hang or a crash.

use anyhow::{Result, anyhow, bail};
use serde_json::Value;

use super::Dialect;

/// The largest document hit reads. GitHub's REST description, the largest in common use,
/// is 13 MB; its fully dereferenced form (73 MB) is not what anyone points hit at.
pub const MAX_BYTES: usize = 64 * 1024 * 1024;

/// `bytes` as a JSON value: JSON when it starts with `{` (after white space), else YAML
/// (a superset of JSON, but slower to read). `name` says where it came from in errors.
pub fn document(bytes: &[u8], name: &str) -> Result<Value> {
    if bytes.len() > MAX_BYTES {
        bail!(
            "{name} is {} MiB; hit reads OpenAPI documents up to {} MiB",
            bytes.len() >> 20,
            MAX_BYTES >> 20
        );
    }
    let text = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let json = text
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|b| *b == b'{');
    let value = if json {
        serde_json::from_slice(text).map_err(|err| anyhow!("{name} is not valid JSON: {err}"))?
    } else {
        let text = std::str::from_utf8(text)
            .map_err(|_| anyhow!("{name} is neither JSON nor YAML (it is not UTF-8 text)"))?;
        serde_norway::from_str(text).map_err(|err| {
            anyhow!(
                "{name} is neither JSON nor YAML: {}",
                one_line(&err.to_string())
            )
        })?
    };
    Ok(value)
}

/// The document's OpenAPI version as the dialect of its schemas; Swagger 2.0 and anything
/// else are refused with what to do.
pub fn dialect(document: &Value, name: &str) -> Result<Dialect> {
    let Value::Object(root) = document else {
        bail!("{name} is not an OpenAPI document (its top level is not an object)");
    };
    if root.get("swagger").is_some() {
        bail!(
            "{name} is Swagger 2.0, which hit does not read; convert it to OpenAPI 3 first \
             (for example: npx swagger2openapi {name} -o openapi.yaml)"
        );
    }
    let version = match root.get("openapi") {
        Some(Value::String(version)) => version.as_str(),
        Some(other) => bail!("{name}: \"openapi\" is {other}, not a version such as \"3.1.0\""),
        None => bail!("{name} is not an OpenAPI document (it has no \"openapi\" version field)"),
    };
    if version.starts_with("3.0") {
        Ok(Dialect::V30)
    } else if version.starts_with("3.1") || version.starts_with("3.2") {
        Ok(Dialect::V31)
    } else {
        bail!("{name} is OpenAPI {version}; hit reads 3.0 and 3.1")
    }
}

/// libyaml's messages span lines; hit's errors are one line.
fn one_line(message: &str) -> String {
    message.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_and_yaml_read_alike_with_numeric_keys_as_names() {
        let yaml = "openapi: 3.1.0\npaths: {}\nresponses:\n  200: {description: ok}\n";
        let json = r#"{"openapi":"3.1.0","paths":{},"responses":{"200":{"description":"ok"}}}"#;
        let from_yaml = document(yaml.as_bytes(), "a.yaml").unwrap();
        assert_eq!(from_yaml, document(json.as_bytes(), "a.json").unwrap());
        assert_eq!(dialect(&from_yaml, "a.yaml").unwrap(), Dialect::V31);
    }

    #[test]
    fn hostile_and_foreign_documents_are_one_line_each() {
        let bomb = "a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n\
                    c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n\
                    e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n";
        let deep = "[".repeat(100_000);
        for (bytes, said) in [
            (
                bomb.as_bytes(),
                "neither JSON nor YAML: repetition limit exceeded",
            ),
            (deep.as_bytes(), "recursion limit exceeded"),
            (b"{\"openapi\": ".as_slice(), "is not valid JSON"),
            (b"\xff\xfe".as_slice(), "not UTF-8"),
        ] {
            let err = document(bytes, "spec").unwrap_err().to_string();
            assert!(err.contains(said), "{err}");
            assert!(!err.contains('\n'), "{err}");
        }
        let swagger = document(b"swagger: '2.0'\n", "old.yaml").unwrap();
        let err = dialect(&swagger, "old.yaml").unwrap_err().to_string();
        assert!(err.contains("Swagger 2.0"), "{err}");
        let none = document(b"title: x\n", "x.yaml").unwrap();
        assert!(dialect(&none, "x.yaml").is_err());
    }
}
