//! A request checked before it goes: its parameters and its body.

use indexmap::IndexMap;
use serde_json::Value;

use super::{
    Problem, RequestParts, check_json_body, check_text, check_value, find_media, form,
    listed_media, parameter_place, resolved, suggestion,
};
use crate::openapi::schema::{self, Direction};
use crate::openapi::{Dialect, Operation, Parameter, Place};

/// What is wrong with a request for `op`: unknown path and query parameters (headers and
/// cookies are not judged: clients and proxies add their own), missing required ones, values
/// that break their schema, a missing required body, a content type the operation does not
/// take, a JSON body that breaks its schema. Empty when the request is as the spec says.
pub fn check_request(op: &Operation, dialect: Dialect, parts: &RequestParts) -> Vec<Problem> {
    let mut problems = Vec::new();
    let cookies = cookies(parts.headers);
    let given: [(Place, &[(String, String)]); 4] = [
        (Place::Path, parts.path),
        (Place::Query, parts.query),
        (Place::Header, parts.headers),
        (Place::Cookie, &cookies),
    ];
    for (place, pairs) in given {
        check_parameters(op, dialect, place, pairs, &mut problems);
    }
    check_body(op, dialect, parts, &mut problems);
    problems
}

/// The pairs of every `Cookie` header.
pub fn cookies(headers: &[(String, String)]) -> Vec<(String, String)> {
    headers
        .iter()
        .filter(|(name, _)| name.eq_ignore_ascii_case("cookie"))
        .flat_map(|(_, value)| value.split(';'))
        .filter_map(|pair| {
            let (name, value) = pair.split_once('=')?;
            Some((name.trim().to_owned(), value.trim().to_owned()))
        })
        .collect()
}

/// The parameters of one place: each given one known and valid, each required one given.
fn check_parameters(
    op: &Operation,
    dialect: Dialect,
    place: Place,
    pairs: &[(String, String)],
    into: &mut Vec<Problem>,
) {
    let mut grouped: IndexMap<&str, (Option<&Parameter>, Vec<&str>)> = IndexMap::new();
    for (name, value) in pairs {
        let parameter = op.parameter(place, name).filter(|p| !ignored(p));
        // One entry per parameter, whatever the case of a header's name.
        let key = parameter.map_or(name.as_str(), |p| p.name.as_str());
        let entry = grouped.entry(key).or_insert((parameter, Vec::new()));
        entry.1.push(value);
    }
    for (name, (parameter, values)) in &grouped {
        match parameter {
            Some(parameter) => check_parameter(op, dialect, parameter, values, into),
            // Headers and cookies come from clients, proxies and browsers too; an API key
            // is the operation's security, not a parameter.
            None if op.credentials.iter().any(|(p, n)| *p == place && n == name) => {}
            None if matches!(place, Place::Path | Place::Query) => {
                let known = known_names(op, place);
                let what = format!("{} parameters", place.name());
                let hint = suggestion(name, &known, &what);
                into.push(Problem::new(
                    parameter_place(place, name),
                    format!("not in the spec ({hint})"),
                ));
            }
            None => {}
        }
    }
    let missing = op.parameters.iter().filter(|p| {
        p.place == place
            && (p.required || place == Place::Path)
            && !ignored(p)
            && !grouped.contains_key(&*p.name)
    });
    for parameter in missing {
        into.push(Problem::new(
            parameter_place(place, &parameter.name),
            "required",
        ));
    }
}

/// A header parameter OpenAPI says to ignore: `Accept`, `Content-Type` and `Authorization`
/// are described by the content map and the security schemes.
fn ignored(parameter: &Parameter) -> bool {
    parameter.place == Place::Header
        && ["accept", "content-type", "authorization"]
            .iter()
            .any(|name| parameter.name.eq_ignore_ascii_case(name))
}

fn known_names(op: &Operation, place: Place) -> Vec<&str> {
    let named = op.parameters.iter().filter(|p| p.place == place);
    named.map(|p| p.name.as_str()).collect()
}

/// One parameter's values: an array parameter takes them all (`?tag=a&tag=b` is `a,b`), any
/// other takes one.
fn check_parameter(
    op: &Operation,
    dialect: Dialect,
    parameter: &Parameter,
    values: &[&str],
    into: &mut Vec<Problem>,
) {
    let place = parameter_place(parameter.place, &parameter.name);
    let first = schema::coerce(&op.document, &parameter.schema, dialect, values[0]);
    if values.len() > 1 && !first.is_array() {
        into.push(Problem::new(
            &place,
            format!("given {} times; the spec takes one value", values.len()),
        ));
    }
    let raw = if first.is_array() {
        values.join(",")
    } else {
        values[0].to_owned()
    };
    let object = resolved(&op.document, &parameter.schema)
        .is_some_and(|s| s.get("type").and_then(Value::as_str) == Some("object"));
    if object {
        // JSON (a parameter described by `content`) is checked; the object styles (`a,1,b,2`,
        // `;a=1;b=2`, deepObject) are not read, so not judged.
        if let Ok(value @ Value::Object(_)) = serde_json::from_str::<Value>(&raw) {
            let direction = Direction::Request;
            check_value(
                op,
                dialect,
                direction,
                &place,
                &parameter.schema,
                &value,
                into,
            );
        }
        return;
    }
    check_text(
        op,
        dialect,
        Direction::Request,
        &place,
        &parameter.schema,
        &raw,
        into,
    );
}

/// The body: there when required, of a type the operation takes, valid when it is JSON. An
/// operation that documents no body is not judged on one.
fn check_body(op: &Operation, dialect: Dialect, parts: &RequestParts, into: &mut Vec<Problem>) {
    let Some(documented) = &op.body else {
        return;
    };
    let Some(body) = parts.body.filter(|b| !b.is_empty()) else {
        if documented.required {
            into.push(Problem::new("body", "required"));
        }
        return;
    };
    if documented.content.is_empty() {
        return;
    }
    let listed = listed_media(&documented.content);
    let Some(content_type) = parts.content_type else {
        into.push(Problem::new(
            "body",
            format!("no content type (the spec lists {listed})"),
        ));
        return;
    };
    let Some(media) = find_media(&documented.content, content_type) else {
        let essence = crate::http::media::media_type(content_type);
        into.push(Problem::new(
            "body",
            format!("content type {essence} is not one of {listed}"),
        ));
        return;
    };
    if crate::http::media::media_type(content_type) == "application/x-www-form-urlencoded" {
        let value = form::object(&op.document, &media.schema, dialect, body);
        check_value(
            op,
            dialect,
            Direction::Request,
            "body",
            &media.schema,
            &value,
            into,
        );
        return;
    }
    let pair = (content_type, media);
    check_json_body(op, dialect, Direction::Request, "body", pair, body, into);
}

/// Whether a schema was given at all (`true` stands for none).
pub(super) fn has_schema(schema: &Value) -> bool {
    *schema != Value::Bool(true)
}
