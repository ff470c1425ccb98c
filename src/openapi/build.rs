//! The operations of a (bundled) document, named, each with what its schemas reach.

use std::collections::HashMap;

use anyhow::{Context, Result, bail};
use indexmap::IndexMap;
use serde_json::{Map, Value};

use super::refs::{follow, reach, values};
use super::{
    Api, Dialect, Entry, Header, Media, Operation, Parameter, Place, RequestBody, Response,
    SecurityScheme, Server, ServerVariable, names,
};

/// The most JSON values the operations' copies of what they reach may hold between them
/// (GitHub's description, the largest in common use, needs 310,000): a document whose every
/// operation reaches one huge schema would otherwise take gigabytes to cache.
const MAX_REACHED: usize = 5_000_000;

const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// The document's summary and its operations, in the document's order. Two operations with
/// one name, or two paths a server cannot tell apart, are refused.
pub fn build(document: &Value, dialect: Dialect) -> Result<(Api, Vec<Operation>)> {
    let empty = Map::new();
    let paths = document
        .get("paths")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    let default_security = document.get("security");
    let schemes = security_schemes(document)?;
    let mut operations = Vec::new();
    let mut reached = 0;
    for (path, item) in paths {
        let at = format!("/paths/{}", escape(path));
        let item = follow(document, item, &at)?;
        let shared = item.get("parameters");
        for method in METHODS {
            let Some(raw) = item.get(method) else {
                continue;
            };
            let security = (raw.get("security").or(default_security), &schemes);
            let operation = operation(document, path, method, raw, shared, security)
                .with_context(|| format!("{} {path}", method.to_uppercase()))?;
            reached += values(&operation.document);
            if reached > MAX_REACHED {
                bail!(
                    "its operations reach more than {MAX_REACHED} JSON values of schemas \
                     between them (each operation keeps a copy of what it reaches); hit reads \
                     documents up to that"
                );
            }
            operations.push(operation);
        }
    }
    check_unique(&operations)?;
    let api = Api {
        dialect,
        title: text(document.pointer("/info/title")).unwrap_or_default(),
        api_version: text(document.pointer("/info/version")).unwrap_or_default(),
        servers: servers(document.get("servers")),
        security_schemes: schemes,
        operations: operations.iter().map(entry).collect(),
        tags: (document.get("tags").and_then(Value::as_array))
            .map(|tags| {
                tags.iter()
                    .filter_map(|t| Some((text(t.get("name"))?, text(t.get("description")))))
                    .collect()
            })
            .unwrap_or_default(),
    };
    Ok((api, operations))
}

fn operation(
    document: &Value,
    path: &str,
    method: &str,
    raw: &Value,
    shared: Option<&Value>,
    (security, schemes): (Option<&Value>, &IndexMap<String, SecurityScheme>),
) -> Result<Operation> {
    let id = text(raw.get("operationId"));
    let name = match (text(raw.get("x-cli-name")), &id) {
        (Some(name), _) => name,
        (None, Some(id)) => names::kebab(id),
        (None, None) => names::of_method_and_path(method, path),
    };
    let mut parameters = parameters(document, shared)?;
    for parameter in self::parameters(document, raw.get("parameters"))? {
        parameters.retain(|p| !(p.place == parameter.place && p.name == parameter.name));
        parameters.push(parameter);
    }
    let body = match raw.get("requestBody") {
        Some(body) => Some(request_body(document, body)?),
        None => None,
    };
    let responses = responses(document, raw.get("responses"))?;
    let security = self::security(security);
    // The API keys its security may carry: parameters of a kind, not unknown ones.
    let credentials = (security.iter().flatten().flatten())
        .filter_map(|name| match schemes.get(name) {
            Some(SecurityScheme::ApiKey { name, place }) => Some((*place, name.clone())),
            _ => None,
        })
        .collect();
    let mut operation = Operation {
        name,
        id,
        method: method.to_uppercase(),
        path: path.to_string(),
        summary: text(raw.get("summary")),
        description: text(raw.get("description")),
        tags: strings(raw.get("tags")),
        deprecated: raw.get("deprecated") == Some(&Value::Bool(true)),
        parameters,
        body,
        responses,
        security,
        credentials,
        document: Value::Object(Map::new()),
    };
    operation.document = reached(document, &operation)?;
    Ok(operation)
}

/// The parts of `document` the operation's schemas reach.
fn reached(document: &Value, operation: &Operation) -> Result<Value> {
    let mut into = Value::Object(Map::new());
    let mut schemas: Vec<&Value> = operation.parameters.iter().map(|p| &p.schema).collect();
    if let Some(body) = &operation.body {
        schemas.extend(body.content.iter().map(|m| &m.schema));
    }
    for response in &operation.responses {
        schemas.extend(response.content.iter().map(|m| &m.schema));
        schemas.extend(response.headers.iter().map(|h| &h.schema));
    }
    for schema in schemas {
        reach(document, schema, "a schema of the operation", &mut into)?;
    }
    Ok(into)
}

fn parameters(document: &Value, list: Option<&Value>) -> Result<Vec<Parameter>> {
    let Some(list) = list else {
        return Ok(Vec::new());
    };
    let Some(list) = list.as_array() else {
        bail!("\"parameters\" is not a list");
    };
    let mut out = Vec::new();
    for (i, raw) in list.iter().enumerate() {
        let raw = follow(document, raw, &format!("parameter {i}"))?;
        let Some(name) = text(raw.get("name")) else {
            bail!("parameter {i} has no name");
        };
        let place = match raw.get("in").and_then(Value::as_str) {
            Some("path") => Place::Path,
            Some("query") => Place::Query,
            Some("header") => Place::Header,
            Some("cookie") => Place::Cookie,
            other => bail!(
                "parameter '{name}' is in {}, not path, query, header or cookie",
                other.unwrap_or("no place")
            ),
        };
        let content = first_media(document, raw.get("content"))?;
        let schema = (raw.get("schema").cloned())
            .or_else(|| content.as_ref().map(|m| m.schema.clone()))
            .unwrap_or(Value::Bool(true));
        out.push(Parameter {
            name,
            place,
            required: place == Place::Path || raw.get("required") == Some(&Value::Bool(true)),
            deprecated: raw.get("deprecated") == Some(&Value::Bool(true)),
            description: text(raw.get("description")),
            schema,
            example: example(document, raw)?,
        });
    }
    Ok(out)
}

fn request_body(document: &Value, raw: &Value) -> Result<RequestBody> {
    let raw = follow(document, raw, "requestBody")?;
    Ok(RequestBody {
        required: raw.get("required") == Some(&Value::Bool(true)),
        description: text(raw.get("description")),
        content: content(document, raw.get("content"))?,
    })
}

fn responses(document: &Value, raw: Option<&Value>) -> Result<Vec<Response>> {
    let Some(Value::Object(map)) = raw else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for (status, raw) in map {
        if status.starts_with("x-") {
            continue;
        }
        let raw = follow(document, raw, &format!("response {status}"))?;
        let mut headers = Vec::new();
        if let Some(Value::Object(map)) = raw.get("headers") {
            for (name, header) in map {
                let header = follow(document, header, &format!("header {name}"))?;
                headers.push(Header {
                    name: name.clone(),
                    required: header.get("required") == Some(&Value::Bool(true)),
                    schema: header.get("schema").cloned().unwrap_or(Value::Bool(true)),
                });
            }
        }
        out.push(Response {
            status: status.to_uppercase(),
            description: text(raw.get("description")),
            headers,
            content: content(document, raw.get("content"))?,
        });
    }
    Ok(out)
}

fn content(document: &Value, raw: Option<&Value>) -> Result<Vec<Media>> {
    let Some(Value::Object(map)) = raw else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for (media_type, raw) in map {
        out.push(Media {
            media_type: media_type.clone(),
            schema: raw.get("schema").cloned().unwrap_or(Value::Bool(true)),
            example: example(document, raw)?,
            examples: named_examples(document, raw)?,
        });
    }
    Ok(out)
}

/// Every value of `examples` with its name (an Example Object without a `value`, one with
/// only an `externalValue`, is left out).
fn named_examples(document: &Value, raw: &Value) -> Result<Vec<(String, Value)>> {
    let Some(Value::Object(examples)) = raw.get("examples") else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for (name, example) in examples {
        let example = follow(document, example, &format!("example '{name}'"))?;
        if let Some(value) = example.get("value") {
            out.push((name.clone(), value.clone()));
        }
    }
    Ok(out)
}

fn first_media(document: &Value, raw: Option<&Value>) -> Result<Option<Media>> {
    Ok(content(document, raw)?.into_iter().next())
}

/// `example`, else the value of the first of `examples` (an Example Object, possibly a
/// reference; 3.1 schemas' `examples` list is the schema's business).
fn example(document: &Value, raw: &Value) -> Result<Option<Value>> {
    if let Some(example) = raw.get("example") {
        return Ok(Some(example.clone()));
    }
    let Some(Value::Object(examples)) = raw.get("examples") else {
        return Ok(None);
    };
    let Some((name, first)) = examples.iter().next() else {
        return Ok(None);
    };
    let first = follow(document, first, &format!("example '{name}'"))?;
    Ok(first.get("value").cloned())
}

fn security(raw: Option<&Value>) -> Option<Vec<Vec<String>>> {
    let Some(Value::Array(alternatives)) = raw else {
        return None;
    };
    let sets = alternatives
        .iter()
        .filter_map(Value::as_object)
        .map(|set| set.keys().cloned().collect())
        .collect();
    Some(sets)
}

fn security_schemes(document: &Value) -> Result<IndexMap<String, SecurityScheme>> {
    let mut out = IndexMap::new();
    let Some(Value::Object(map)) = document.pointer("/components/securitySchemes") else {
        return Ok(out);
    };
    for (name, raw) in map {
        let raw = follow(document, raw, &format!("security scheme '{name}'"))?;
        let field = |key: &str| text(raw.get(key)).unwrap_or_default();
        let scheme = match field("type").as_str() {
            "http" => match field("scheme").to_ascii_lowercase().as_str() {
                "bearer" => SecurityScheme::Bearer,
                "basic" => SecurityScheme::Basic,
                other => SecurityScheme::Http {
                    scheme: other.to_string(),
                },
            },
            "apiKey" => SecurityScheme::ApiKey {
                name: field("name"),
                place: match field("in").as_str() {
                    "query" => Place::Query,
                    "cookie" => Place::Cookie,
                    _ => Place::Header,
                },
            },
            "oauth2" => SecurityScheme::OAuth2,
            "openIdConnect" => SecurityScheme::OpenIdConnect,
            "mutualTLS" => SecurityScheme::MutualTls,
            other => bail!("security scheme '{name}' has the unknown type '{other}'"),
        };
        out.insert(name.clone(), scheme);
    }
    Ok(out)
}

fn servers(raw: Option<&Value>) -> Vec<Server> {
    let Some(Value::Array(list)) = raw else {
        return Vec::new();
    };
    list.iter()
        .filter_map(|server| {
            let variables = (server.get("variables").and_then(Value::as_object))
                .map(|vars| {
                    vars.iter()
                        .map(|(name, v)| {
                            let variable = ServerVariable {
                                default: text(v.get("default")).unwrap_or_default(),
                                choices: strings(v.get("enum")),
                            };
                            (name.clone(), variable)
                        })
                        .collect()
                })
                .unwrap_or_default();
            Some(Server {
                url: text(server.get("url"))?,
                description: text(server.get("description")),
                variables,
            })
        })
        .collect()
}

/// Two operations called alike, or two paths alike but for their parameters' names with
/// one method, are mistakes of the document that hit cannot choose between.
fn check_unique(operations: &[Operation]) -> Result<()> {
    let mut names: HashMap<&str, &Operation> = HashMap::new();
    let mut shapes: HashMap<(String, &str), &Operation> = HashMap::new();
    for operation in operations {
        if let Some(other) = names.insert(&operation.name, operation) {
            bail!(
                "{} {} and {} {} are both called '{}'; give one an x-cli-name",
                other.method,
                other.path,
                operation.method,
                operation.path,
                operation.name
            );
        }
        let shape = (
            names::template_shape(&operation.path),
            operation.method.as_str(),
        );
        if let Some(other) = shapes.insert(shape, operation)
            && other.path != operation.path
        {
            bail!(
                "the paths {} and {} collide: a server cannot tell {} requests to them apart",
                other.path,
                operation.path,
                operation.method
            );
        }
    }
    Ok(())
}

fn entry(operation: &Operation) -> Entry {
    Entry {
        name: operation.name.clone(),
        method: operation.method.clone(),
        path: operation.path.clone(),
        summary: operation.summary.clone(),
        tags: operation.tags.clone(),
        deprecated: operation.deprecated,
    }
}

fn text(value: Option<&Value>) -> Option<String> {
    value.and_then(Value::as_str).map(str::to_string)
}

fn strings(value: Option<&Value>) -> Vec<String> {
    (value.and_then(Value::as_array))
        .map(|list| {
            list.iter()
                .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// A JSON pointer token (`/pets/{id}` → `~1pets~1{id}`).
fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}
