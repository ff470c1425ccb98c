//! `--env NAME`: the variables of one environment of `http-client.env.json` beside the
//! `.http` file, with `http-client.private.env.json`'s winning, as the JetBrains HTTP
//! Client reads them. `$shared` holds values every environment has.

use std::collections::HashMap;
use std::path::Path;

use anyhow::Result;
use serde_json::{Map, Value};

use crate::error::{self, usage};

const PUBLIC: &str = "http-client.env.json";
const PRIVATE: &str = "http-client.private.env.json";
const SHARED: &str = "$shared";

/// The variables of environment `name`, from the env files in `dir`.
pub fn load(dir: &Path, name: &str) -> Result<HashMap<String, String>> {
    let mut files = Vec::new();
    for file in [PUBLIC, PRIVATE] {
        if let Some(environments) = read(&dir.join(file))? {
            files.push((file, environments));
        }
    }
    if files.is_empty() {
        return Err(usage(format!(
            "--env {name}: there is no {PUBLIC} (or {PRIVATE}) in {}",
            shown_dir(dir)
        )));
    }
    if !files.iter().any(|(_, envs)| envs.contains_key(name)) {
        let mut known: Vec<&str> = files
            .iter()
            .flat_map(|(_, envs)| envs.keys().map(String::as_str))
            .filter(|n| *n != SHARED)
            .collect();
        known.sort_unstable();
        known.dedup();
        return Err(usage(format!(
            "--env {name}: no environment '{name}' in {} (it has: {})",
            files
                .iter()
                .map(|(f, _)| *f)
                .collect::<Vec<_>>()
                .join(" or "),
            known.join(", ")
        )));
    }
    let mut variables = HashMap::new();
    for environment in [SHARED, name] {
        for (_, environments) in &files {
            if let Some(Value::Object(values)) = environments.get(environment) {
                for (key, value) in values {
                    let text = match value {
                        Value::String(s) => s.clone(),
                        other => other.to_string(),
                    };
                    variables.insert(key.clone(), text);
                }
            }
        }
    }
    Ok(variables)
}

/// An env file's environments; `None` when there is no such file.
fn read(path: &Path) -> Result<Option<Map<String, Value>>> {
    let shown = path.display();
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(err) => return Err(usage(error::cannot_read(&shown, &err))),
    };
    let value: Value = serde_json::from_str(&text).map_err(|err| {
        usage(format!(
            "{shown}:{}: not valid JSON: {}",
            err.line(),
            without_position(&err.to_string())
        ))
    })?;
    match value {
        Value::Object(environments) => {
            for (env, values) in &environments {
                if !values.is_object() {
                    return Err(usage(format!(
                        "{shown}: \"{env}\" is not an object of variables ({{ \"{env}\": {{ \"host\": \"…\" }} }})"
                    )));
                }
            }
            Ok(Some(environments))
        }
        _ => Err(usage(format!(
            "{shown}:1: the file holds one object of environments ({{ \"dev\": {{ \"host\": \"…\" }} }})"
        ))),
    }
}

/// serde_json's message without its " at line L column C", which the message gives first.
fn without_position(message: &str) -> &str {
    message
        .find(" at line ")
        .map_or(message, |at| &message[..at])
}

fn shown_dir(dir: &Path) -> String {
    if dir.as_os_str().is_empty() {
        ".".to_string()
    } else {
        dir.display().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_values_win_and_shared_ones_fill_in() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(PUBLIC),
            r#"{"$shared": {"v": "shared", "n": 1}, "dev": {"host": "h", "token": "public"}, "prod": {}}"#,
        )
        .unwrap();
        std::fs::write(dir.path().join(PRIVATE), r#"{"dev": {"token": "private"}}"#).unwrap();
        let vars = load(dir.path(), "dev").unwrap();
        assert_eq!(vars["host"], "h");
        assert_eq!(vars["token"], "private");
        assert_eq!(vars["v"], "shared");
        assert_eq!(vars["n"], "1");
        let err = load(dir.path(), "qa").unwrap_err().to_string();
        assert!(err.ends_with("(it has: dev, prod)"), "{err}");
    }

    #[test]
    fn bad_json_names_its_line() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(PUBLIC),
            "{\n  \"dev\": {\n    \"host\": ,\n  }\n}\n",
        )
        .unwrap();
        let err = load(dir.path(), "dev").unwrap_err().to_string();
        let expected = format!(
            "{}:3: not valid JSON: expected value",
            dir.path().join(PUBLIC).display()
        );
        assert_eq!(err, expected);
        let empty = tempfile::tempdir().unwrap();
        assert!(
            load(empty.path(), "dev")
                .unwrap_err()
                .to_string()
                .contains("there is no")
        );
    }
}
