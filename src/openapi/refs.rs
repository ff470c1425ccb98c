//! `$ref`s: followed, checked, gathered, and those to other documents grafted in.
//!
//! After [`bundle`], every reference in the document is local (`#/…`): another document a
//! reference names (a file beside a file, a URL of the same origin as a URL) is placed
//! under `/x-hit-external/N` and the references to it rewritten, so that the rest of hit
//! knows one document only.

use std::collections::HashSet;

use anyhow::{Result, anyhow, bail};
use indexmap::IndexMap;
use serde_json::{Map, Value};
use url::Url;

/// Where grafted documents live in the bundled one.
const EXTERNAL: &str = "x-hit-external";

/// The most other documents one document may pull in.
const MAX_DOCUMENTS: usize = 64;

/// The most references followed one after another (`A` → `B` → …) before hit calls it a
/// loop.
const MAX_HOPS: usize = 32;

/// The value a local reference (`#/components/schemas/Pet`) points at.
pub fn target<'a>(document: &'a Value, reference: &str) -> Option<&'a Value> {
    let fragment = reference.strip_prefix('#')?;
    let pointer = percent_encoding::percent_decode_str(fragment)
        .decode_utf8()
        .ok()?;
    document.pointer(&pointer)
}

/// `value`, or what its `$ref` chain ends at (parameters, bodies, responses and headers
/// may be references). `at` names the place for errors.
pub fn follow<'a>(document: &'a Value, value: &'a Value, at: &str) -> Result<&'a Value> {
    let mut current = value;
    for _ in 0..MAX_HOPS {
        let Some(reference) = current.get("$ref").and_then(Value::as_str) else {
            return Ok(current);
        };
        current = target(document, reference).ok_or_else(|| dangling(reference, at))?;
    }
    bail!("the $refs at {at} go round in a loop")
}

fn dangling(reference: &str, at: &str) -> anyhow::Error {
    anyhow!("the $ref '{reference}' at {at} points at nothing in the document")
}

/// Copies into `into` every part of `document` that `root` reaches through `$ref`s (and
/// what those reach), at the same JSON pointers, so that the references resolve in `into`
/// as they did in `document`. A schema that refers to itself is copied once.
pub fn reach(document: &Value, root: &Value, at: &str, into: &mut Value) -> Result<()> {
    let mut seen = HashSet::new();
    let mut pending = Vec::new();
    references(root, &mut pending);
    while let Some(reference) = pending.pop() {
        if !seen.insert(reference.clone()) {
            continue;
        }
        let found = target(document, &reference).ok_or_else(|| dangling(&reference, at))?;
        references(found, &mut pending);
        place(into, &reference, found.clone());
    }
    Ok(())
}

/// How many JSON values `value` is made of: what a copy of it weighs.
pub fn values(value: &Value) -> usize {
    1 + match value {
        Value::Object(map) => map.values().map(values).sum(),
        Value::Array(items) => items.iter().map(values).sum(),
        _ => 0,
    }
}

/// Every `$ref` string inside `value`.
fn references(value: &Value, out: &mut Vec<String>) {
    references_in(value, false, out);
}

/// `names`: the object's keys are names (of properties, of schemas), not keywords.
fn references_in(value: &Value, names: bool, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(reference)) = map.get("$ref") {
                out.push(reference.clone());
            }
            for (key, inner) in map {
                if !is_data(key, names) {
                    references_in(inner, holds_names(key, names), out);
                }
            }
        }
        Value::Array(items) => items
            .iter()
            .for_each(|item| references_in(item, false, out)),
        _ => {}
    }
}

/// Whether the member `key` of an object is data, where a `"$ref"` is no reference: an
/// example, a constant, an enum's values. In an object of names (properties, schemas,
/// parameters, responses …) the same words are names, whose values are walked.
fn is_data(key: &str, names: bool) -> bool {
    !names && ["example", "examples", "const", "enum"].contains(&key)
}

/// Whether the member `key` (a keyword, unless `names`) holds an object of names: a
/// schema's properties and definitions, or the document's paths, the kinds of components,
/// responses, media types, headers, encodings, callbacks and links.
fn holds_names(key: &str, names: bool) -> bool {
    const NAMES: [&str; 22] = [
        "properties",
        "patternProperties",
        "$defs",
        "definitions",
        "dependentSchemas",
        "schemas",
        "paths",
        "webhooks",
        "parameters",
        "responses",
        "requestBodies",
        "headers",
        "securitySchemes",
        "links",
        "callbacks",
        "pathItems",
        "content",
        "encoding",
        "x-hit-external",
        "variables",
        "mapping",
        "scopes",
    ];
    !names && NAMES.contains(&key)
}

/// Puts `value` at the pointer of `reference` in `into`, making the objects on the way
/// (an array index on the way becomes an object key, which a JSON pointer reads alike).
fn place(into: &mut Value, reference: &str, value: Value) {
    let Some(fragment) = reference.strip_prefix('#') else {
        return;
    };
    let Ok(pointer) = percent_encoding::percent_decode_str(fragment).decode_utf8() else {
        return;
    };
    let tokens: Vec<String> = pointer
        .split('/')
        .skip(1)
        .map(|t| t.replace("~1", "/").replace("~0", "~"))
        .collect();
    let mut current = into;
    for token in tokens {
        if !current.is_object() {
            *current = Value::Object(Map::new());
        }
        let Value::Object(map) = current else {
            return;
        };
        current = map.entry(token).or_insert(Value::Null);
    }
    *current = value;
}

/// Grafts the other documents `document`'s references name, as the module says. `base` is
/// where the document was read from (a `file:` URL for a file); `fetch` reads another one.
/// A reference to another origin (a URL from a file, a file outside the document's folder,
/// another host from a URL) is refused.
pub fn bundle(
    document: &mut Value,
    base: &Url,
    fetch: &mut dyn FnMut(&Url) -> Result<Value>,
) -> Result<()> {
    absolute(document, base, None)?;
    let mut grafted: IndexMap<Url, usize> = IndexMap::new();
    loop {
        let mut outside = Vec::new();
        external(document, &mut outside);
        if outside.is_empty() {
            return Ok(());
        }
        for reference in outside {
            let mut url = Url::parse(&reference)?;
            url.set_fragment(None);
            if url == *base || grafted.contains_key(&url) {
                continue;
            }
            if !same_origin(base, &url) {
                bail!(
                    "the $ref '{reference}' names another origin; hit follows references to \
                     files in the document's folder (for a file) or on its origin (for a URL)"
                );
            }
            if grafted.len() == MAX_DOCUMENTS {
                bail!("the document's $refs name more than {MAX_DOCUMENTS} other documents");
            }
            let index = grafted.len();
            let mut other = fetch(&url)?;
            absolute(&mut other, &url, Some(index))?;
            let root = document
                .as_object_mut()
                .ok_or_else(|| anyhow!("the document is not an object"))?;
            let external = root
                .entry(EXTERNAL)
                .or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(map) = external {
                map.insert(index.to_string(), other);
            }
            grafted.insert(url, index);
        }
        localise(document, base, &grafted);
    }
}

/// Whether `other` is the document's to name: for a file, a file in its folder or below
/// (judged on the path as it will be opened: `..%2F` decodes to a step up); for a URL, one
/// of the same origin.
fn same_origin(base: &Url, other: &Url) -> bool {
    match base.scheme() {
        "file" => {
            let folder = base.to_file_path().ok();
            let folder = folder.as_deref().and_then(std::path::Path::parent);
            let path = (other.scheme() == "file")
                .then(|| other.to_file_path().ok())
                .flatten();
            match (folder, path) {
                (Some(folder), Some(path)) => {
                    let steps = path.components().any(|c| {
                        matches!(
                            c,
                            std::path::Component::ParentDir | std::path::Component::CurDir
                        )
                    });
                    !steps && path.starts_with(folder)
                }
                _ => false,
            }
        }
        _ => base.origin() == other.origin(),
    }
}

/// Rewrites the references of a document read from `base`: a local one stays local (in a
/// grafted document, `index`, it points under `/x-hit-external/index`), any other becomes an
/// absolute URL.
fn absolute(value: &mut Value, base: &Url, index: Option<usize>) -> Result<()> {
    absolute_in(value, false, base, index)
}

fn absolute_in(value: &mut Value, names: bool, base: &Url, index: Option<usize>) -> Result<()> {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(reference)) = map.get_mut("$ref") {
                if let Some(fragment) = reference.strip_prefix('#') {
                    if let Some(index) = index {
                        *reference = format!("#/{EXTERNAL}/{index}{fragment}");
                    }
                } else {
                    let url = base.join(reference).map_err(|err| {
                        anyhow!("the $ref '{reference}' is not a reference hit can follow ({err})")
                    })?;
                    *reference = url.to_string();
                }
            }
            for (key, inner) in map.iter_mut() {
                if !is_data(key, names) {
                    absolute_in(inner, holds_names(key, names), base, index)?;
                }
            }
        }
        Value::Array(items) => {
            for item in items {
                absolute_in(item, false, base, index)?;
            }
        }
        _ => {}
    }
    Ok(())
}

/// The absolute references still in the document.
fn external(value: &Value, out: &mut Vec<String>) {
    let mut all = Vec::new();
    references(value, &mut all);
    out.extend(all.into_iter().filter(|r| !r.starts_with('#')));
}

/// Absolute references to the document itself or to a grafted one made local.
fn localise(value: &mut Value, base: &Url, grafted: &IndexMap<Url, usize>) {
    localise_in(value, false, base, grafted);
}

fn localise_in(value: &mut Value, names: bool, base: &Url, grafted: &IndexMap<Url, usize>) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(reference)) = map.get_mut("$ref")
                && let Ok(mut url) = Url::parse(reference)
            {
                let fragment = url.fragment().unwrap_or("").to_string();
                url.set_fragment(None);
                if url == *base {
                    *reference = format!("#{fragment}");
                } else if let Some(index) = grafted.get(&url) {
                    *reference = format!("#/{EXTERNAL}/{index}{fragment}");
                }
            }
            for (key, inner) in map.iter_mut() {
                if !is_data(key, names) {
                    localise_in(inner, holds_names(key, names), base, grafted);
                }
            }
        }
        Value::Array(items) => items
            .iter_mut()
            .for_each(|i| localise_in(i, false, base, grafted)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_self_referencing_schema_is_reached_once_and_resolves_in_the_copy() {
        let document = json!({"components": {"schemas": {
            "Node": {"properties": {"next": {"$ref": "#/components/schemas/Node"},
                                    "tag": {"$ref": "#/components/schemas/Tag"}}},
            "Tag": {"type": "string"},
            "Unused": {"type": "integer"}
        }}});
        let mut into = json!({});
        let root = json!({"$ref": "#/components/schemas/Node"});
        reach(&document, &root, "/here", &mut into).unwrap();
        assert_eq!(
            into,
            json!({"components": {"schemas": {
                "Node": document["components"]["schemas"]["Node"],
                "Tag": {"type": "string"}
            }}})
        );
        // A property named like a keyword is a property: its schema's references count.
        let named = json!({"properties": {"example": {"$ref": "#/components/schemas/Tag"}},
                           "example": {"$ref": "#/components/schemas/Unused"}});
        let mut only = json!({});
        reach(&document, &named, "/here", &mut only).unwrap();
        assert_eq!(
            only,
            json!({"components": {"schemas": {"Tag": {"type": "string"}}}})
        );
        let missing = json!({"$ref": "#/components/schemas/Nope"});
        let err = reach(&document, &missing, "/paths/~1a", &mut into).unwrap_err();
        assert_eq!(
            err.to_string(),
            "the $ref '#/components/schemas/Nope' at /paths/~1a points at nothing in the document"
        );
    }

    #[test]
    fn following_a_loop_of_references_stops() {
        let document = json!({"a": {"$ref": "#/b"}, "b": {"$ref": "#/a"}});
        let err = follow(&document, &document["a"], "/a").unwrap_err();
        assert!(err.to_string().contains("loop"), "{err}");
    }

    #[test]
    fn other_documents_are_grafted_and_other_origins_refused() {
        let base = Url::parse("file:///specs/api.yaml").unwrap();
        let mut document = json!({"s": {"$ref": "pets.yaml#/Pet"}, "t": {"$ref": "#/s"}});
        let mut fetched = Vec::new();
        let mut fetch = |url: &Url| {
            fetched.push(url.to_string());
            Ok(json!({"Pet": {"$ref": "#/Name"}, "Name": {"type": "string"}}))
        };
        bundle(&mut document, &base, &mut fetch).unwrap();
        assert_eq!(fetched, ["file:///specs/pets.yaml"]);
        assert_eq!(document["s"]["$ref"], "#/x-hit-external/0/Pet");
        assert_eq!(document["t"]["$ref"], "#/s");
        let pet = target(&document, "#/x-hit-external/0/Pet").unwrap();
        assert_eq!(pet["$ref"], "#/x-hit-external/0/Name");
        let name = follow(&document, &document["s"], "/s").unwrap();
        assert_eq!(name, &json!({"type": "string"}));

        for outside in [
            "../x.yaml#/A",
            "/etc/passwd#/A",
            "file:///dev/zero#/x",
            "..%2Fsecret.yaml#/A",
            "sub/..%2F..%2Fx.yaml#/A",
        ] {
            let mut document = json!({"s": {"$ref": outside}});
            let err = bundle(&mut document, &base, &mut |_| Ok(json!({}))).unwrap_err();
            assert!(
                err.to_string().contains("another origin"),
                "{outside}: {err}"
            );
        }
        // Entries of the document's maps named like keywords keep their references.
        let mut named = json!({"components": {
            "parameters": {"schemas": {"$ref": "p.yaml#/P"}, "example": {"$ref": "p.yaml#/E"}},
            "responses": {"properties": {"$ref": "p.yaml#/R"}}
        }});
        let mut fetched = 0;
        bundle(&mut named, &base, &mut |_| {
            fetched += 1;
            Ok(json!({"P": {}, "E": {}, "R": {}}))
        })
        .unwrap();
        assert_eq!(fetched, 1);
        let parameters = &named["components"]["parameters"];
        assert_eq!(parameters["schemas"]["$ref"], "#/x-hit-external/0/P");
        assert_eq!(parameters["example"]["$ref"], "#/x-hit-external/0/E");
        assert_eq!(
            named["components"]["responses"]["properties"]["$ref"],
            "#/x-hit-external/0/R"
        );
        let mut remote = json!({"s": {"$ref": "https://elsewhere.example/x.json#/A"}});
        let err = bundle(&mut remote, &base, &mut |_| Ok(json!({}))).unwrap_err();
        assert!(err.to_string().contains("another origin"), "{err}");
        let web = Url::parse("https://api.example/openapi.json").unwrap();
        let mut same = json!({"s": {"$ref": "/schemas.json#/A"}});
        bundle(&mut same, &web, &mut |_| Ok(json!({"A": true}))).unwrap();
        assert_eq!(same["s"]["$ref"], "#/x-hit-external/0/A");
    }
}
