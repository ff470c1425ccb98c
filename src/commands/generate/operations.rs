//! Completion of OpenAPI operations (`@NAME/` → operation names) and of an operation's
//! parameters (`name==`, `Name:`, enum values), read from the cache alone: a Tab never
//! parses the document, so GitHub's 13 MB description completes as fast as a small one.

use clap_complete::engine::CompletionCandidate;
use serde_json::Value;

use crate::openapi::cache::Cache;
use crate::openapi::{Api, Parameter, Place};
use crate::settings::store::Store;

/// Profile `name`'s document summary, from the cache the profile names; `None` when the
/// profile has no document or it was never read here.
fn cached(store: &Store, name: &str) -> Option<(Api, Cache)> {
    let key = store.load(name).ok()?.openapi?.key?;
    let cache = Cache::of(&key).ok()?;
    Some((cache.api()?, cache))
}

/// `@NAME/PREFIX`: the operations of profile NAME whose name starts with PREFIX; `None`
/// when NAME has no document.
pub fn names(store: &Store, profile: &str, prefix: &str) -> Option<Vec<CompletionCandidate>> {
    let (api, _) = cached(store, profile)?;
    Some(
        (api.operations.iter())
            .filter(|e| e.name.starts_with(prefix))
            .map(|e| {
                let mut candidate = CompletionCandidate::new(format!("@{profile}/{}", e.name));
                if let Some(summary) = &e.summary {
                    candidate = candidate.help(Some(summary.clone().into()));
                }
                candidate
            })
            .collect(),
    )
}

/// The words a command line's earlier words hold (the program's name left out), as the
/// shell handed them to `COMPLETE=SHELL hit -- hit WORD ...`: up to the word being
/// completed.
pub fn earlier_words() -> Vec<String> {
    let args: Vec<String> = std::env::args_os()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let Some(start) = args.iter().position(|a| a == "--") else {
        return Vec::new();
    };
    let words = args.get(start + 2..).unwrap_or_default();
    let current = std::env::var("_CLAP_COMPLETE_INDEX")
        .ok()
        .and_then(|i| i.parse::<usize>().ok())
        .map_or(words.len().saturating_sub(1), |i| i.saturating_sub(1));
    words[..current.min(words.len())].to_vec()
}

/// After `@NAME/OPERATION`, what `current` may become: `name==` for a query parameter,
/// `Name:` for a header one, `name==VALUE` and `Name:VALUE` for their enum values, and the
/// enum values of the next path parameter as a bare word. `None` when no earlier word is
/// an operation.
pub fn parameters(
    store: &Store,
    earlier: &[String],
    current: &str,
) -> Option<Vec<CompletionCandidate>> {
    let at = earlier
        .iter()
        .position(|w| w.starts_with('@') && w.contains('/'))?;
    let (profile, name) = earlier[at][1..].split_once('/')?;
    let (api, cache) = cached(store, profile)?;
    let index = api.operations.iter().position(|e| e.name == name)?;
    let operation = cache.operation(index).ok()?;
    let bare = (earlier[at + 1..].iter())
        .filter(|w| !w.starts_with('-') && !is_item(w))
        .count();
    let mut words = Vec::new();
    if let Some(path) = operation.path_parameters().get(bare) {
        words.extend(choices(&path.schema));
    }
    for parameter in &operation.parameters {
        let separator = match parameter.place {
            Place::Query => "==",
            Place::Header => ":",
            Place::Path | Place::Cookie => continue,
        };
        let given = |w: &String| w.starts_with(&format!("{}{separator}", parameter.name));
        if earlier.iter().any(given) && !is_repeatable(parameter) {
            continue;
        }
        let stem = format!("{}{separator}", parameter.name);
        if current.starts_with(&stem) {
            words.extend(choices(&parameter.schema).map(|v| format!("{stem}{v}")));
        } else {
            words.push(stem);
        }
    }
    Some(
        words
            .into_iter()
            .filter(|w| w.starts_with(current))
            .map(CompletionCandidate::new)
            .collect(),
    )
}

/// A request item (`a==b`, `H:v`, `a=b`, `a:=1`, `@file`): not a bare path word.
fn is_item(word: &str) -> bool {
    word.contains('=') || word.contains(':') || word.starts_with('@')
}

/// A query parameter of array type may be given more than once.
fn is_repeatable(parameter: &Parameter) -> bool {
    parameter.schema.get("type").and_then(Value::as_str) == Some("array")
}

/// The values a schema allows by name: its enum (or its items' enum), or true and false.
fn choices(schema: &Value) -> impl Iterator<Item = String> {
    let listed = schema
        .get("enum")
        .or_else(|| schema.pointer("/items/enum"))
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_else(|| match schema.get("type").and_then(Value::as_str) {
            Some("boolean") => vec![Value::Bool(true), Value::Bool(false)],
            _ => Vec::new(),
        });
    listed.into_iter().filter_map(|value| match value {
        Value::String(text) => Some(text),
        Value::Null => None,
        other => Some(other.to_string()),
    })
}
