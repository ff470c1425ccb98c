//! A response checked against the operation's documented responses.

use super::request::has_schema;
use super::{Problem, check_json_body, check_text, find_media, listed_media};
use crate::openapi::schema::Direction;
use crate::openapi::{Dialect, Operation, Response};

/// What is wrong with a response to `op`: a status the spec does not document (nor its class,
/// nor a `default`), required headers missing or invalid, a content type it does not list, a
/// JSON body that breaks its schema, an empty body where one is described. Each problem's
/// place starts with the status (`200 body /items/3/price`).
pub fn check_response(
    op: &Operation,
    dialect: Dialect,
    status: u16,
    headers: &[(String, String)],
    body: &[u8],
) -> Vec<Problem> {
    let Some(documented) = op.response(status) else {
        let listed: Vec<&str> = op.responses.iter().map(|r| r.status.as_str()).collect();
        return vec![Problem::new(
            format!("status {status}"),
            format!("not documented (the spec lists {})", listed.join(", ")),
        )];
    };
    let mut problems = Vec::new();
    check_headers(op, dialect, status, documented, headers, &mut problems);
    check_body(
        op,
        dialect,
        status,
        documented,
        headers,
        body,
        &mut problems,
    );
    problems
}

fn header<'h>(headers: &'h [(String, String)], name: &str) -> Option<&'h str> {
    let mut found = headers.iter().filter(|(n, _)| n.eq_ignore_ascii_case(name));
    found.next().map(|(_, value)| value.as_str())
}

/// The documented headers: required ones present, present ones valid. A `Content-Type`
/// header definition is ignored, as OpenAPI says (the content map speaks for it).
fn check_headers(
    op: &Operation,
    dialect: Dialect,
    status: u16,
    documented: &Response,
    headers: &[(String, String)],
    into: &mut Vec<Problem>,
) {
    let declared = documented.headers.iter();
    for spec in declared.filter(|h| !h.name.eq_ignore_ascii_case("content-type")) {
        let place = format!("{status} header \"{}\"", spec.name);
        match header(headers, &spec.name) {
            Some(value) => {
                let direction = Direction::Response;
                check_text(op, dialect, direction, &place, &spec.schema, value, into);
            }
            None if spec.required => into.push(Problem::new(place, "required")),
            None => {}
        }
    }
}

/// The body: of a listed content type, valid when it is JSON, and there when a schema says
/// what it holds (except for 204, 304 and HEAD, which have none).
fn check_body(
    op: &Operation,
    dialect: Dialect,
    status: u16,
    documented: &Response,
    headers: &[(String, String)],
    body: &[u8],
    into: &mut Vec<Problem>,
) {
    let content = &documented.content;
    let bodiless = matches!(status, 204 | 304) || op.method.eq_ignore_ascii_case("HEAD");
    if content.is_empty() || bodiless {
        return;
    }
    let place = format!("{status} body");
    let listed = listed_media(content);
    if body.is_empty() {
        if content.iter().any(|m| has_schema(&m.schema)) {
            into.push(Problem::new(
                place,
                format!("empty (the spec describes {listed})"),
            ));
        }
        return;
    }
    let Some(content_type) = header(headers, "content-type") else {
        into.push(Problem::new(
            place,
            format!("no content type (the spec lists {listed})"),
        ));
        return;
    };
    let Some(media) = find_media(content, content_type) else {
        let essence = crate::http::media::media_type(content_type);
        into.push(Problem::new(
            place,
            format!("content type {essence} is not one of {listed}"),
        ));
        return;
    };
    let pair = (content_type, media);
    check_json_body(op, dialect, Direction::Response, &place, pair, body, into);
}
