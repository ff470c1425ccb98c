//! `--env NAME`: the variables of one environment of `http-client.env.json` beside the
//! `.http` file or in a folder above it, with `http-client.private.env.json`'s winning, as
//! the JetBrains HTTP Client reads them, and of VS Code's `.vscode/settings.json`
//! (`rest-client.environmentVariables`) found the same way. `$shared` holds values every
//! environment has. `--env-file`, `--private-env-file` name the files; `--env-var` values
//! win over all. The `.env` file beside the `.http` file is `$dotenv`'s.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use anyhow::Result;
use serde_json::{Map, Value};

use crate::error::{self, usage};

const PUBLIC: &str = "http-client.env.json";
const PRIVATE: &str = "http-client.private.env.json";
const SHARED: &str = "$shared";

const VSCODE: &str = ".vscode/settings.json";
const VSCODE_KEY: &str = "rest-client.environmentVariables";

/// Where the run's environment comes from: the command line's choices.
#[derive(Debug, Default, Clone)]
pub struct EnvChoice<'a> {
    /// `--env NAME`.
    pub name: Option<&'a str>,
    /// `--env-file FILE`, `--private-env-file FILE`: instead of the files found.
    pub public: Option<&'a Path>,
    pub private: Option<&'a Path>,
    /// `--env-var NAME=VALUE`, in order; a later one wins.
    pub values: &'a [String],
}

impl<'a> From<&'a crate::cli::EnvArgs> for EnvChoice<'a> {
    fn from(args: &'a crate::cli::EnvArgs) -> EnvChoice<'a> {
        EnvChoice {
            name: args.env.as_deref(),
            public: args.env_file.as_deref(),
            private: args.private_env_file.as_deref(),
            values: &args.env_vars,
        }
    }
}

/// The run's variables from outside the file.
#[derive(Debug, Default, Clone)]
pub struct Environment {
    /// The chosen environment's (`--env`).
    pub values: HashMap<String, String>,
    /// `--env-var NAME=VALUE`: they win over the file's too, as JetBrains' CLI's do.
    pub given: HashMap<String, String>,
}

/// The run's environment: the chosen environment's variables and `--env-var` values.
pub fn variables(dir: &Path, choice: &EnvChoice<'_>) -> Result<Environment> {
    let values = match choice.name {
        Some(name) => environment(dir, name, choice)?,
        None => {
            if let Some(file) = choice.public.or(choice.private) {
                return Err(usage(format!(
                    "--env-file {}: name the environment to use with --env NAME",
                    file.display()
                )));
            }
            HashMap::new()
        }
    };
    let mut given = HashMap::new();
    for value in choice.values {
        let (name, value) = value.split_once('=').ok_or_else(|| {
            usage(format!(
                "--env-var '{value}': a variable is given as NAME=VALUE"
            ))
        })?;
        given.insert(name.to_string(), value.to_string());
    }
    Ok(Environment { values, given })
}

/// The first folder from `dir` up that holds `file`: up to the folder of the repository
/// (the one with `.git`) or the root. Beside the file, the path is `dir`'s; above it, the
/// folder's full path.
fn find_up(dir: &Path, file: &str) -> Option<PathBuf> {
    let start = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let absolute = std::path::absolute(start).unwrap_or_else(|_| start.to_path_buf());
    for (up, folder) in absolute.ancestors().enumerate() {
        if folder.join(file).is_file() {
            return Some(if up == 0 {
                dir.join(file)
            } else {
                folder.join(file)
            });
        }
        if folder.join(".git").exists() {
            break;
        }
    }
    None
}

/// Environment `name`, from the env files (named or found) and VS Code's settings.
fn environment(dir: &Path, name: &str, choice: &EnvChoice<'_>) -> Result<HashMap<String, String>> {
    let mut files = Vec::new();
    let named = choice.public.is_some() || choice.private.is_some();
    let paths = if named {
        [
            choice.public.map(Path::to_path_buf),
            choice.private.map(Path::to_path_buf),
        ]
    } else {
        [find_up(dir, PUBLIC), find_up(dir, PRIVATE)]
    };
    for path in paths.into_iter().flatten() {
        match read(&path)? {
            Some(environments) => files.push((shown_file(dir, &path, named), environments)),
            None if named => {
                return Err(usage(format!("{}: no such file", path.display())));
            }
            None => {}
        }
    }
    if !named && let Some(path) = find_up(dir, VSCODE) {
        if let Some(environments) = vscode(&path)? {
            // VS Code's values come first: the env files' win.
            files.insert(0, (shown_file(dir, &path, false), environments));
        }
    }
    if files.is_empty() {
        return Err(usage(format!(
            "--env {name}: there is no {PUBLIC} (or {PRIVATE}, or {VSCODE} with \
             \"{VSCODE_KEY}\") in {} or the folders above it",
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
                .map(|(f, _)| f.as_str())
                .collect::<Vec<_>>()
                .join(" or "),
            known.join(", ")
        )));
    }
    let mut variables = HashMap::new();
    let mut shared = HashMap::new();
    for environment in [SHARED, name] {
        for (_, environments) in &files {
            if let Some(Value::Object(values)) = environments.get(environment) {
                for (key, value) in values {
                    let text = match value {
                        Value::String(s) => s.clone(),
                        other => other.to_string(),
                    };
                    if environment == SHARED {
                        shared.insert(key.clone(), text.clone());
                    }
                    variables.insert(key.clone(), text);
                }
            }
        }
    }
    for value in variables.values_mut() {
        *value = with_shared(value, &shared);
    }
    Ok(variables)
}

/// `{{$shared NAME}}` in an environment's value, as REST Client writes it: the `$shared`
/// environment's NAME (left as written when it has none, to be refused where used).
fn with_shared(value: &str, shared: &HashMap<String, String>) -> String {
    let mut out = String::new();
    let mut rest = value;
    while let Some(start) = rest.find("{{") {
        let after = &rest[start + 2..];
        let Some(end) = after.find("}}") else { break };
        let inner = after[..end].trim();
        let found = inner
            .strip_prefix("$shared")
            .filter(|n| n.starts_with(char::is_whitespace))
            .and_then(|n| shared.get(n.trim()));
        out.push_str(&rest[..start]);
        match found {
            Some(text) => out.push_str(text),
            None => out.push_str(&rest[start..start + 2 + end + 2]),
        }
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    out
}

/// The environments of VS Code's settings, `None` when they have none. The settings are
/// JSON with comments, which are taken out first.
fn vscode(path: &Path) -> Result<Option<Map<String, Value>>> {
    let shown = path.display();
    let text =
        std::fs::read_to_string(path).map_err(|err| usage(error::cannot_read(&shown, &err)))?;
    let value: Value = serde_json::from_str(&without_comments(&text)).map_err(|err| {
        usage(format!(
            "{shown}:{}: not valid JSON: {}",
            err.line(),
            without_position(&err.to_string())
        ))
    })?;
    match value.get(VSCODE_KEY) {
        None => Ok(None),
        Some(Value::Object(environments)) if environments.values().all(Value::is_object) => {
            Ok(Some(environments.clone()))
        }
        Some(_) => Err(usage(format!(
            "{shown}: \"{VSCODE_KEY}\" is an object of environments ({{ \"dev\": {{ \"host\": \"…\" }} }})"
        ))),
    }
}

/// JSON with `//` and `/* */` comments and trailing commas, as VS Code's settings are
/// written, into JSON; lines stay where they were.
fn without_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut in_string = false;
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            if c == '\\' {
                out.extend(chars.next());
            } else if c == '"' {
                in_string = false;
            }
            continue;
        }
        match (c, chars.peek()) {
            ('"', _) => {
                in_string = true;
                out.push(c);
            }
            ('/', Some('/')) => {
                while chars.peek().is_some_and(|c| *c != '\n') {
                    chars.next();
                }
            }
            ('/', Some('*')) => {
                chars.next();
                let mut last = ' ';
                for c in chars.by_ref() {
                    if c == '\n' {
                        out.push('\n');
                    }
                    if last == '*' && c == '/' {
                        break;
                    }
                    last = c;
                }
            }
            (',', _) => {
                let rest: String = chars.clone().collect();
                let next = rest.trim_start();
                if !(next.starts_with('}') || next.starts_with(']')) {
                    out.push(c);
                }
            }
            _ => out.push(c),
        }
    }
    out
}

/// The `.env` file beside the `.http` file, for `{{$dotenv NAME}}`: `NAME=VALUE` lines
/// (`export ` before, quotes around the value and `#` comment lines allowed); empty when
/// there is none.
pub fn dotenv(dir: &Path) -> Result<HashMap<String, String>> {
    let path = dir.join(".env");
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(HashMap::new()),
        Err(err) => return Err(usage(error::cannot_read(path.display(), &err))),
    };
    let mut values = HashMap::new();
    for line in text.lines() {
        let line = line.trim();
        let line = line.strip_prefix("export ").unwrap_or(line);
        if line.starts_with('#') {
            continue;
        }
        let Some((name, value)) = line.split_once('=') else {
            continue;
        };
        let value = value.trim();
        let unquoted = ['"', '\'']
            .iter()
            .find_map(|q| value.strip_prefix(*q).and_then(|v| v.strip_suffix(*q)))
            .unwrap_or(value);
        values.insert(name.trim().to_string(), unquoted.to_string());
    }
    Ok(values)
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

/// A file found beside the `.http` file by its name; any other by its path.
fn shown_file(dir: &Path, path: &Path, named: bool) -> String {
    if !named && path.parent() == Some(dir) {
        return path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    }
    path.display().to_string()
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

    fn load(dir: &Path, name: &str) -> Result<HashMap<String, String>> {
        environment(dir, name, &EnvChoice::default())
    }

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
    fn shared_values_fill_in_where_an_environment_names_them() {
        let shared = HashMap::from([("base".to_string(), "http://h".to_string())]);
        assert_eq!(
            with_shared(
                "{{$shared base}}/v1 {{ $shared  base }} {{$shared nope}} {{x}}",
                &shared
            ),
            "http://h/v1 http://h {{$shared nope}} {{x}}"
        );
        assert_eq!(
            with_shared("{{$sharedbase}} {{open", &shared),
            "{{$sharedbase}} {{open"
        );
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
