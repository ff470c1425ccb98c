//! `/users`, `/products` and `/orders`: what each method promises (RFC 9110 §9.3), kept
//! honestly. POST creates (201 + `Location`, replayed for a repeated `Idempotency-Key`), PUT
//! replaces, PATCH merges (RFC 7396), DELETE removes, and every representation has an `ETag`
//! for conditional requests (RFC 9110 §13).

use hyper::header;
use hyper::{Method, Response};
use serde_json::{Map, Value, json};

use super::exchange::{self, Body, Req, Step, json_bytes, problem, problem_with, set};
use super::listing;
use super::store::{Full, Kind, MAX_RECORDS, Record, Replay, Shared};

const COLLECTION_METHODS: &str = "GET, HEAD, POST, OPTIONS";
const ITEM_METHODS: &str = "GET, HEAD, PUT, PATCH, DELETE, OPTIONS";

/// `/users` and the like.
pub fn collection(req: &Req, shared: &Shared, kind: Kind) -> Response<Body> {
    match req.method {
        Method::GET | Method::HEAD => {
            let state = shared.lock();
            let records: Vec<&Record> = state.records(kind).values().collect();
            listing::list(req, kind, &records)
        }
        Method::POST => create(req, shared, kind),
        Method::OPTIONS => options(COLLECTION_METHODS),
        _ => not_allowed(req, COLLECTION_METHODS),
    }
}

/// `/users/3` and the like.
pub fn item(req: &Req, shared: &Shared, kind: Kind, id: &str) -> Response<Body> {
    if req.method == Method::OPTIONS {
        return options(ITEM_METHODS);
    }
    if !ITEM_METHODS.split(", ").any(|m| m == req.method.as_str()) {
        return not_allowed(req, ITEM_METHODS);
    }
    let mut state = shared.lock();
    let records = state.records(kind);
    let Some((id, current)) = id
        .parse::<u64>()
        .ok()
        .and_then(|n| Some((n, records.get(&n)?)))
    else {
        return missing(kind, id);
    };
    let representation = json_bytes(&Value::Object(current.clone()));
    let tag = etag(&representation);
    if let Some(failed) = failed_precondition(req, kind, &tag) {
        return failed;
    }
    if matches!(req.method, Method::GET | Method::HEAD) {
        return conditional_get(req, representation);
    }
    let fields = match req.method {
        Method::DELETE => {
            state.remove(kind, id);
            return exchange::empty(204);
        }
        Method::PUT => json_object(req, false),
        _ => json_object(req, true).map(|patch| merge_patch(current.clone(), patch)),
    };
    let fields = match fields.and_then(|fields| validate(kind, fields)) {
        Ok(fields) => fields,
        Err(refusal) => return *refusal,
    };
    match state.replace(kind, id, fields) {
        Ok(record) => tagged(200, json_bytes(&Value::Object(record))),
        Err(limit) => full(kind, limit),
    }
}

fn create(req: &Req, shared: &Shared, kind: Kind) -> Response<Body> {
    let key = match req.kept_header("Idempotency-Key") {
        Ok(key) => key.map(|key| (kind, key.to_owned())),
        Err(refusal) => return *refusal,
    };
    let fields = match json_object(req, false).and_then(|fields| validate(kind, fields)) {
        Ok(fields) => fields,
        Err(refusal) => return *refusal,
    };
    let request = key.as_ref().map(|_| Replay::fingerprint(&fields));
    let mut state = shared.lock();
    if let (Some(key), Some(request)) = (&key, &request)
        && let Some(first) = state.replays.get(key)
    {
        return replay(first, request);
    }
    let record = match state.insert(kind, fields) {
        Ok(record) => record,
        Err(limit) => return full(kind, limit),
    };
    let location = req.link(&format!("/{}/{}", kind.plural(), record["id"]));
    let body = json_bytes(&Value::Object(record));
    if let (Some(key), Some(request)) = (key, request) {
        let first = Replay {
            request,
            location: location.clone(),
            body: body.clone(),
        };
        state.replays.insert(key, first);
    }
    created(&location, body)
}

fn created(location: &str, body: Vec<u8>) -> Response<Body> {
    let mut response = tagged(201, body);
    set(&mut response, header::LOCATION, location);
    response
}

/// The same key again: the first answer for the same body, 422 for another one
/// (draft-ietf-httpapi-idempotency-key-header §2.7).
fn replay(first: &Replay, request: &str) -> Response<Body> {
    if first.request != request {
        let detail = "this Idempotency-Key was already used with a different body; \
                      use a new key for a new request";
        return problem(422, detail);
    }
    let mut response = created(&first.location, first.body.clone());
    set(&mut response, "idempotent-replayed", "true");
    response
}

/// The body as a JSON object, or the response that says what is wrong with it.
fn json_object(req: &Req, merge_patch: bool) -> Step<Record> {
    if req.body.is_empty() {
        let detail = "the request has no body; send a JSON object, \
                      such as hit POST :8080/orders item=book qty:=2";
        return Err(Box::new(problem(400, detail)));
    }
    let media = req.media_type().unwrap_or_default();
    let accepted = media == "application/json"
        || media.ends_with("+json")
        || (merge_patch && media == "application/merge-patch+json");
    if !accepted {
        let sent = if media.is_empty() {
            "no Content-Type".into()
        } else {
            media
        };
        let detail = format!("this API reads JSON (Content-Type: application/json), not {sent}");
        let mut response = problem(415, &detail);
        set(&mut response, header::ACCEPT, "application/json");
        if merge_patch {
            set(
                &mut response,
                "accept-patch",
                "application/merge-patch+json, application/json",
            );
        }
        return Err(Box::new(response));
    }
    match serde_json::from_slice::<Value>(&req.body) {
        Ok(Value::Object(fields)) => Ok(fields),
        Ok(_) => Err(Box::new(problem(422, "the body must be a JSON object"))),
        Err(err) => Err(Box::new(problem(
            400,
            &format!("the body is not valid JSON: {err}"),
        ))),
    }
}

/// RFC 7396: objects merge key by key, `null` removes, anything else replaces.
fn merge_patch(mut target: Record, patch: Record) -> Record {
    for (name, value) in patch {
        match value {
            Value::Null => {
                target.remove(&name);
            }
            Value::Object(inner) => {
                let existing = match target.remove(&name) {
                    Some(Value::Object(existing)) => existing,
                    _ => Map::new(),
                };
                target.insert(name, Value::Object(merge_patch(existing, inner)));
            }
            other => {
                target.insert(name, other);
            }
        }
    }
    target
}

/// Each resource's rules; a broken one is 422 naming every field at fault.
fn validate(kind: Kind, fields: Record) -> Step<Record> {
    let mut errors = Vec::new();
    let mut fault = |field: &str, message: &str| {
        errors.push(json!({"field": field, "message": message}));
    };
    let text = |name: &str| {
        fields
            .get(name)
            .map(|v| v.as_str().filter(|s| !s.trim().is_empty()))
    };
    match kind {
        Kind::Users | Kind::Products => match text("name") {
            None => fault("name", "is required"),
            Some(None) => fault("name", "must be a non-empty string"),
            Some(Some(_)) => {}
        },
        Kind::Orders => {
            if fields.keys().all(|name| name == "id") {
                fault(
                    "(body)",
                    "an order needs at least one field, such as item=book qty:=2",
                );
            }
        }
    }
    if kind == Kind::Users
        && let Some(email) = text("email")
        && !email.is_some_and(|email| email.contains('@'))
    {
        fault("email", "must be an email address");
    }
    if kind == Kind::Products
        && let Some(price) = fields.get("price")
        && !price.as_f64().is_some_and(|price| price >= 0.0)
    {
        fault("price", "must be a number of at least 0");
    }
    if kind == Kind::Orders
        && let Some(qty) = fields.get("qty")
        && qty.as_u64().is_none_or(|qty| qty < 1)
    {
        fault(
            "qty",
            "must be a whole number of at least 1 (qty:=2 sends a number)",
        );
    }
    if errors.is_empty() {
        return Ok(fields);
    }
    let named: Vec<&str> = errors.iter().filter_map(|e| e["field"].as_str()).collect();
    let detail = format!("the {} is not valid: {}", kind.singular(), named.join(", "));
    Err(Box::new(problem_with(
        422,
        &detail,
        json!({"errors": errors}),
    )))
}

/// 507: the store is at a limit (see `store::MAX_RECORDS` and `store::MAX_BYTES`).
fn full(kind: Kind, limit: Full) -> Response<Body> {
    let kept = match limit {
        Full::Records => format!("{MAX_RECORDS} {}", kind.plural()),
        Full::Bytes(bytes) => format!("{} of users, products and orders", size_text(bytes)),
    };
    let detail = format!(
        "hit serve keeps at most {kept}; DELETE some, or restart it to start again from the \
         demo data"
    );
    problem(507, &detail)
}

/// `32 MiB`, or the bytes when they are not whole mebibytes.
fn size_text(bytes: usize) -> String {
    const MIB: usize = 1024 * 1024;
    if bytes % MIB == 0 {
        format!("{} MiB", bytes / MIB)
    } else {
        format!("{bytes} bytes")
    }
}

fn missing(kind: Kind, id: &str) -> Response<Body> {
    problem(
        404,
        &format!("there is no {} with the id {id}", kind.singular()),
    )
}

fn options(allow: &str) -> Response<Body> {
    let mut response = exchange::empty(204);
    set(&mut response, header::ALLOW, allow);
    response
}

/// 405 names what the resource does allow, in `Allow` (RFC 9110 §15.5.6).
pub fn not_allowed(req: &Req, allow: &str) -> Response<Body> {
    let detail = format!(
        "{} is not allowed here; this resource allows {allow}",
        req.method
    );
    let mut response = problem(405, &detail);
    set(&mut response, header::ALLOW, allow);
    response
}

/// A strong validator from the representation's bytes (FNV-1a: stable across builds, so
/// the README can show one).
pub fn etag(representation: &[u8]) -> String {
    let hash = representation
        .iter()
        .fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
            (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3)
        });
    format!("\"{hash:016x}\"")
}

/// A JSON representation with its `ETag`.
fn tagged(status: u16, representation: Vec<u8>) -> Response<Body> {
    let tag = etag(&representation);
    let mut response = exchange::bytes(status, "application/json", representation);
    validators(&mut response, &tag);
    response
}

/// GET of a representation: 304 when the client's `If-None-Match` holds its tag.
pub fn conditional_get(req: &Req, representation: Vec<u8>) -> Response<Body> {
    let tag = etag(&representation);
    let fresh = req
        .header(header::IF_NONE_MATCH)
        .is_some_and(|tags| tags.trim() == "*" || tag_list(tags).any(|t| weak_eq(t, &tag)));
    let mut response = if fresh {
        exchange::empty(304)
    } else {
        exchange::bytes(200, "application/json", representation)
    };
    validators(&mut response, &tag);
    response
}

/// `ETag`, and `Cache-Control: no-cache`: a cache may keep the representation but must
/// check it is current (a conditional GET) before using it.
fn validators(response: &mut Response<Body>, tag: &str) {
    set(response, header::ETAG, tag);
    set(response, header::CACHE_CONTROL, "no-cache");
}

/// 412 when a precondition fails (RFC 9110 §13.2.2): `If-Match` naming another version
/// than the current one, or, for a method that changes something, `If-None-Match` naming
/// the current one (`*`: "only if it does not exist yet"). A GET's `If-None-Match` is a
/// revalidation, answered with 304 by [`conditional_get`].
fn failed_precondition(req: &Req, kind: Kind, tag: &str) -> Option<Response<Body>> {
    let name = kind.singular();
    let detail = if let Some(tags) = req.header(header::IF_MATCH)
        && !(tags.trim() == "*" || tag_list(tags).any(|t| t == tag))
    {
        format!(
            "the {name} changed since that version: its ETag is now {tag}; GET it again and retry"
        )
    } else if let Some(tags) = req.header(header::IF_NONE_MATCH)
        && !matches!(req.method, Method::GET | Method::HEAD)
        && (tags.trim() == "*" || tag_list(tags).any(|t| weak_eq(t, tag)))
    {
        format!(
            "the {name} exists (If-None-Match: {}), so it was left as it is",
            tags.trim()
        )
    } else {
        return None;
    };
    let mut response = problem(412, &detail);
    set(&mut response, header::ETAG, tag);
    Some(response)
}

fn tag_list(tags: &str) -> impl Iterator<Item = &str> {
    tags.split(',').map(str::trim).filter(|t| !t.is_empty())
}

fn weak_eq(a: &str, b: &str) -> bool {
    a.trim_start_matches("W/") == b.trim_start_matches("W/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merge_patch_follows_rfc_7396() {
        let target = json!({"a": "b", "c": {"d": "e", "f": "g"}});
        let patch = json!({"a": "z", "c": {"f": null}, "n": [1]});
        let merged = merge_patch(
            target.as_object().unwrap().clone(),
            patch.as_object().unwrap().clone(),
        );
        assert_eq!(
            Value::Object(merged),
            json!({"a": "z", "c": {"d": "e"}, "n": [1]})
        );
    }

    #[test]
    fn tags_are_stable_and_quoted() {
        assert_eq!(etag(b""), "\"cbf29ce484222325\"");
        assert!(weak_eq("W/\"x\"", "\"x\""));
    }
}
