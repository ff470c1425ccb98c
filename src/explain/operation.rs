//! `hit explain @NAME/OPERATION`: one operation of a profile's OpenAPI document in words,
//! so that it can be called without reading the document: what it does, what it takes,
//! what it answers, the credential it needs, and the command line that calls it.

use std::fmt::Write as _;

use anyhow::Result;
use serde_json::Value;

use super::schema_text::{constraints, first_line, properties, type_text};
use crate::error::usage;
use crate::openapi::profile::named;
use crate::openapi::schema::{Direction, example};
use crate::openapi::{Api, Media, Operation, Parameter, Place, SecurityScheme};
use crate::output::neutralised;

/// `hit explain @NAME/OPERATION`'s page; an unknown operation is one line naming the
/// closest ones.
pub fn explain(target: &str) -> Result<String> {
    let Some((profile, name)) = target.split_once('/') else {
        named(target)?;
        return Err(usage(format!(
            "hit explain @{target}/OPERATION explains one operation; hit @{target} lists them"
        )));
    };
    let (_, loaded) = named(profile)?;
    let Some(operation) = loaded.operation(name) else {
        return Err(unknown(profile, name, &loaded.api));
    };
    let operation = operation?;
    Ok(render(profile, &loaded.api, &operation))
}

/// `no operation 'x' in profile 'pets'; did you mean get-pet, add-pet?`
fn unknown(profile: &str, name: &str, api: &Api) -> anyhow::Error {
    let mut near: Vec<(f64, &str)> = (api.operations.iter())
        .map(|e| (strsim::jaro_winkler(name, &e.name), e.name.as_str()))
        .filter(|(score, _)| *score > 0.75)
        .collect();
    near.sort_by(|a, b| b.0.total_cmp(&a.0));
    let names: Vec<&str> = near.iter().take(3).map(|(_, n)| *n).collect();
    let hint = if names.is_empty() {
        format!("hit @{profile} lists them")
    } else {
        format!("did you mean {}?", names.join(", "))
    };
    usage(format!(
        "no operation '{name}' in the OpenAPI document of profile '{profile}'; {hint}"
    ))
}

/// The page. Text from the document is neutralised: it is the outside world's.
pub fn render(profile: &str, api: &Api, operation: &Operation) -> String {
    let mut page = String::new();
    let _ = writeln!(page, "{} {}", operation.method, operation.path);
    let mut about = vec![format!("@{profile}/{}", operation.name)];
    if let Some(id) = &operation.id {
        about.push(format!("operationId {id}"));
    }
    if !operation.tags.is_empty() {
        about.push(format!("tags {}", operation.tags.join(", ")));
    }
    if operation.deprecated {
        about.push("deprecated".to_string());
    }
    let _ = writeln!(page, "{}", about.join(", "));
    let summary = operation
        .summary
        .as_deref()
        .map(str::trim)
        .unwrap_or_default();
    let description = (operation.description.as_deref())
        .map(str::trim)
        .unwrap_or_default();
    if !summary.is_empty() {
        let _ = writeln!(page, "\n{summary}");
    }
    if !description.is_empty() && description != summary {
        let _ = writeln!(page, "\n{description}");
    }
    parameters(&mut page, operation);
    body(&mut page, api, operation);
    responses(&mut page, operation);
    security(&mut page, api, operation);
    let _ = writeln!(page, "\nCall it\n  {}", call(profile, api, operation));
    page.lines().map(neutralised).collect::<Vec<_>>().join("\n") + "\n"
}

fn parameters(page: &mut String, operation: &Operation) {
    if operation.parameters.is_empty() {
        return;
    }
    let _ = writeln!(page, "\nParameters");
    let rows: Vec<[String; 4]> = (operation.parameters.iter())
        .map(|p| {
            let mut about = constraints(&p.schema);
            if let Some(text) = &p.description {
                about.insert(0, first_line(text).to_string());
            }
            if p.deprecated {
                about.push("deprecated".to_string());
            }
            let place = if p.required {
                format!("{}, required", p.place.name())
            } else {
                p.place.name().to_string()
            };
            [
                p.name.clone(),
                place,
                type_text(&p.schema),
                about.join("; "),
            ]
        })
        .collect();
    table(page, &rows);
}

fn body(page: &mut String, api: &Api, operation: &Operation) {
    let Some(body) = &operation.body else {
        return;
    };
    let required = if body.required { " (required)" } else { "" };
    let _ = writeln!(page, "\nRequest body{required}");
    if let Some(text) = &body.description {
        let _ = writeln!(page, "  {}", first_line(text));
    }
    for (types, schema) in by_schema(&body.content) {
        let _ = writeln!(page, "  {}: {}", types.join(", "), type_text(schema));
        let rows: Vec<[String; 4]> = properties(&operation.document, schema)
            .into_iter()
            .map(|(name, kind, required, about)| {
                let required = if required { "required" } else { "" };
                [name, kind, required.to_string(), about]
            })
            .collect();
        if !rows.is_empty() {
            let indented: Vec<[String; 4]> = rows
                .into_iter()
                .map(|[a, b, c, d]| [format!("  {a}"), b, c, d])
                .collect();
            table(page, &indented);
        }
    }
    if let Some(value) = body_example(api, operation) {
        let text = serde_json::to_string_pretty(&value).unwrap_or_default();
        let _ = writeln!(page, "  Example:");
        for line in text.lines() {
            let _ = writeln!(page, "    {line}");
        }
    }
}

/// The JSON body's example: the document's own, else one generated from the schema.
fn body_example(api: &Api, operation: &Operation) -> Option<Value> {
    let body = operation.body.as_ref()?;
    let media = (body.content.iter())
        .find(|m| is_json(&m.media_type))
        .or_else(|| body.content.first())?;
    if let Some(given) = &media.example {
        return Some(given.clone());
    }
    Some(example(
        &operation.document,
        &media.schema,
        api.dialect,
        Direction::Request,
        0,
    ))
}

/// The media types of a body, those with the same schema together
/// (`application/json, application/xml: Pet`).
fn by_schema(content: &[Media]) -> Vec<(Vec<&str>, &Value)> {
    let mut groups: Vec<(Vec<&str>, &Value)> = Vec::new();
    for media in content {
        match groups
            .iter_mut()
            .find(|(_, schema)| **schema == media.schema)
        {
            Some((types, _)) => types.push(&media.media_type),
            None => groups.push((vec![&media.media_type], &media.schema)),
        }
    }
    groups
}

fn is_json(media_type: &str) -> bool {
    let essence = media_type.split(';').next().unwrap_or_default().trim();
    essence == "application/json" || essence.ends_with("+json")
}

fn responses(page: &mut String, operation: &Operation) {
    if operation.responses.is_empty() {
        return;
    }
    let _ = writeln!(page, "\nResponses");
    let rows: Vec<[String; 4]> = (operation.responses.iter())
        .map(|r| {
            let types: Vec<String> = (by_schema(&r.content).into_iter())
                .map(|(types, schema)| format!("{} {}", types.join(", "), type_text(schema)))
                .collect();
            let description = r.description.as_deref().map(first_line).unwrap_or_default();
            [
                r.status.clone(),
                description.to_string(),
                types.join(", "),
                String::new(),
            ]
        })
        .collect();
    table(page, &rows);
}

fn security(page: &mut String, api: &Api, operation: &Operation) {
    let _ = writeln!(page, "\nSecurity");
    let alternatives = operation.security.as_deref().unwrap_or_default();
    if alternatives.is_empty() {
        let _ = writeln!(page, "  none");
        return;
    }
    for (i, set) in alternatives.iter().enumerate() {
        let or = if i == 0 { "  " } else { "  or " };
        if set.is_empty() {
            let _ = writeln!(page, "{or}none (a credential is optional)");
            continue;
        }
        let schemes: Vec<String> = (set.iter())
            .map(|name| match api.security_schemes.get(name) {
                Some(scheme) => format!("{name}: {}", scheme_text(scheme)),
                None => format!("{name}: not defined in the document"),
            })
            .collect();
        let _ = writeln!(page, "{or}{}", schemes.join(" and "));
    }
}

/// What a security scheme asks of a client, in a few words.
pub fn scheme_text(scheme: &SecurityScheme) -> String {
    match scheme {
        SecurityScheme::Bearer => "a bearer token (Authorization: Bearer …)".to_string(),
        SecurityScheme::Basic => "HTTP basic auth (a user and a password)".to_string(),
        SecurityScheme::Http { scheme } => format!("HTTP {scheme} auth"),
        SecurityScheme::ApiKey { name, place } => format!("an API key in {} {name}", place.name()),
        SecurityScheme::OAuth2 => "OAuth 2 (a bearer token)".to_string(),
        SecurityScheme::OpenIdConnect => "OpenID Connect (a bearer token)".to_string(),
        SecurityScheme::MutualTls => "mutual TLS (a client certificate)".to_string(),
    }
}

/// `hit @pets/get-pet-by-id PET_ID status==available name=doggie`: the path parameters
/// as bare words, the required query and header parameters, and the required fields of a
/// JSON body from its example.
pub fn call(profile: &str, api: &Api, operation: &Operation) -> String {
    let mut words = vec![format!("@{profile}/{}", operation.name)];
    words.extend((operation.path_parameters().iter()).map(|p| placeholder(&p.name).to_uppercase()));
    for parameter in operation.parameters.iter().filter(|p| p.required) {
        let value = format!("{{{}}}", placeholder(&parameter.name));
        let value = sample(parameter).unwrap_or(value);
        match parameter.place {
            Place::Query => words.push(format!("{}=={value}", parameter.name)),
            Place::Header => words.push(format!("{}:{value}", parameter.name)),
            Place::Path | Place::Cookie => {}
        }
    }
    let body_is_json = (operation.body.as_ref())
        .is_some_and(|b| b.required && b.content.iter().any(|m| is_json(&m.media_type)));
    if body_is_json && let Some(Value::Object(fields)) = body_example(api, operation) {
        let required: Vec<String> = (operation.body.iter())
            .flat_map(|b| b.content.iter().filter(|m| is_json(&m.media_type)).take(1))
            .flat_map(|m| properties(&operation.document, &m.schema))
            .filter(|(_, _, required, _)| *required)
            .map(|(name, ..)| name)
            .collect();
        for (name, value) in fields.iter().filter(|(n, _)| required.contains(n)) {
            words.push(match value {
                Value::String(text) => shell_word(&format!("{name}={text}")),
                other => shell_word(&format!("{name}:={other}")),
            });
        }
    }
    format!("hit {}", words.join(" "))
}

/// A parameter's value to show: its example, its default, or its enum's first value (an
/// array's: its items').
fn sample(parameter: &Parameter) -> Option<String> {
    let schema = &parameter.schema;
    let first = |pointer: &str| schema.pointer(pointer)?.as_array()?.first().cloned();
    let value = (parameter.example.clone())
        .or_else(|| schema.get("default").cloned())
        .or_else(|| first("/enum"))
        .or_else(|| schema.pointer("/items/default").cloned())
        .or_else(|| first("/items/enum"))?;
    let value = match value {
        Value::Array(items) => items.into_iter().next()?,
        other => other,
    };
    Some(match value {
        Value::String(text) => shell_word(&text),
        other => other.to_string(),
    })
}

/// `petId` → `pet_id`, the word a placeholder is written with.
fn placeholder(name: &str) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_uppercase() && i > 0 && !out.ends_with('_') {
            out.push('_');
        }
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('_') {
            out.push('_');
        }
    }
    out.trim_matches('_').to_string()
}

/// `word`, quoted for a POSIX shell when it has to be.
fn shell_word(word: &str) -> String {
    let plain = word
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "-_=:./@,+%".contains(c));
    if plain && !word.is_empty() {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}

/// Rows as aligned columns (an empty last column leaves no trailing space).
fn table(page: &mut String, rows: &[[String; 4]]) {
    let width = |i: usize| rows.iter().map(|r| r[i].chars().count()).max().unwrap_or(0);
    let widths = [width(0), width(1), width(2)];
    for row in rows {
        let mut line = String::from("  ");
        for (i, cell) in row.iter().enumerate() {
            if i < 3 {
                let _ = write!(line, "{cell:w$}  ", w = widths[i]);
            } else {
                line.push_str(cell);
            }
        }
        let _ = writeln!(page, "{}", line.trim_end());
    }
}
