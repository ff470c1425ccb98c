//! One request answered: routed, checked against the spec, then given the documented
//! response (or the one `Prefer` asks for) with a body from its example or its schema.

use serde_json::{Value, json};

use super::{Mock, text};
use crate::commands::serve::exchange::json_bytes;
use crate::facts;
use crate::http::media;
use crate::openapi::contract::{self, Problem, RequestParts};
use crate::openapi::schema::{self, Direction, Validator};
use crate::openapi::{Media, Operation, Response};

/// A request, as the mock reads it.
pub struct Asked<'a> {
    pub method: &'a str,
    /// The path as sent (percent-encoded), with or without the server's base path.
    pub path: &'a str,
    pub query: &'a [(String, String)],
    pub headers: &'a [(String, String)],
    pub body: &'a [u8],
}

/// What the mock answers.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    content_type: Option<String>,
    /// Headers other than `Content-Type`.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Answer {
    fn new(status: u16) -> Answer {
        Answer {
            status,
            content_type: None,
            headers: Vec::new(),
            body: Vec::new(),
        }
    }

    pub fn content_type(&self) -> Option<&str> {
        self.content_type.as_deref()
    }

    /// Every header, `Content-Type` among them.
    #[cfg(test)]
    pub fn all_headers(&self) -> Vec<(String, String)> {
        let content_type = self.content_type.iter();
        let typed = content_type.map(|ct| ("Content-Type".to_owned(), ct.clone()));
        typed.chain(self.headers.iter().cloned()).collect()
    }
}

/// The response to answer with: its status, what the spec says of it, and the example
/// `Prefer` names.
type Chosen<'o> = (u16, &'o Response, Option<String>);

/// The preferences of RFC 7240's `Prefer` header the mock honours, as Prism does.
#[derive(Default)]
struct Prefer {
    code: Option<String>,
    example: Option<String>,
}

impl Prefer {
    fn read(headers: &[(String, String)]) -> Prefer {
        let mut prefer = Prefer::default();
        let values = headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case("prefer"));
        for preference in values.flat_map(|(_, value)| value.split(',')) {
            let first = preference.split(';').next().unwrap_or_default();
            let Some((name, value)) = first.split_once('=') else {
                continue;
            };
            let value = value.trim().trim_matches('"').to_owned();
            match name.trim().to_ascii_lowercase().as_str() {
                "code" => prefer.code = Some(value),
                "example" => prefer.example = Some(value),
                _ => {}
            }
        }
        prefer
    }

    /// What `Preference-Applied` (RFC 7240 §3) says was honoured.
    fn applied(&self) -> Option<String> {
        let code = self.code.as_ref().map(|code| format!("code={code}"));
        let example = self.example.as_ref().map(|name| format!("example={name}"));
        let both: Vec<String> = code.into_iter().chain(example).collect();
        (!both.is_empty()).then(|| both.join(", "))
    }
}

impl Mock {
    /// The answer to one request: a problem when no path or method of the spec is asked for
    /// or the request breaks the spec, else the documented response.
    pub fn answer(&self, asked: &Asked) -> Answer {
        // A base path that is also a documented path (`/anything` under a server at
        // `/anything`) is tried both ways.
        let found = (self.routes.find(self.without_base(asked.path)))
            .or_else(|| self.routes.find(asked.path));
        let Some(found) = found else {
            return self.not_found(asked.path);
        };
        let method = asked.method.to_ascii_uppercase();
        let on = |method: &str| {
            let mut indexes = found.operations.iter().copied();
            indexes.find(|&i| self.entries[i].method == method)
        };
        let index = on(&method).or_else(|| on("GET").filter(|_| method == "HEAD"));
        let Some(index) = index else {
            return self.not_allowed(found.path, found.operations, &method);
        };
        let op = match self.operation(index) {
            Ok(op) => op,
            Err(err) => {
                // Someone cleared the cache under a running mock.
                let reason = crate::error::without_os_error(err.root_cause().to_string());
                let lost = Problem {
                    place: "the mock".to_owned(),
                    message: format!(
                        "cannot read this operation from the OpenAPI cache ({reason}); \
                         restart hit serve to read the document again"
                    ),
                };
                return problem(500, &[lost]);
            }
        };
        let op = &*op;
        if let Some(refusal) = self.refusal(op, &found.values, asked) {
            return refusal;
        }
        let accept = (asked.headers.iter())
            .find(|(name, _)| name.eq_ignore_ascii_case("accept"))
            .map(|(_, value)| value.as_str());
        let prefer = Prefer::read(asked.headers);
        match self.choose(op, &prefer) {
            Ok(Some(chosen)) => {
                let mut answer = self.documented(op, chosen, accept);
                if let Some(applied) = prefer.applied() {
                    answer
                        .headers
                        .push(("Preference-Applied".to_owned(), applied));
                }
                answer
            }
            Ok(None) => Answer::new(204),
            Err(refusal) => refusal,
        }
    }

    /// The path without the server's base path, when it starts with it.
    fn without_base<'p>(&self, path: &'p str) -> &'p str {
        crate::openapi::paths::within(path, &self.base).unwrap_or(path)
    }

    fn not_found(&self, path: &str) -> Answer {
        let mut paths: Vec<&str> = self.routes.paths().take(8).collect();
        if self.routes.paths().nth(8).is_some() {
            paths.push("…");
        }
        let message = format!(
            "no path of the spec matches it (it has {})",
            paths.join(", ")
        );
        let problems = [Problem {
            place: format!("path {path}"),
            message,
        }];
        problem(404, &problems)
    }

    /// 405 with the methods the path takes; for an OPTIONS the spec does not document, 204
    /// with them (as the practice API answers, and a browser's preflight expects).
    fn not_allowed(&self, path: &str, operations: &[usize], method: &str) -> Answer {
        let mut methods: Vec<&str> = (operations.iter())
            .map(|&i| self.entries[i].method.as_str())
            .collect();
        if methods.contains(&"GET") && !methods.contains(&"HEAD") {
            methods.push("HEAD");
        }
        let allowed = methods.join(", ");
        if method == "OPTIONS" {
            let mut answer = Answer::new(204);
            answer
                .headers
                .push(("Allow".to_owned(), format!("{allowed}, OPTIONS")));
            return answer;
        }
        let problems = [Problem {
            place: format!("method {method}"),
            message: format!("{path} takes {allowed}"),
        }];
        let mut answer = problem(405, &problems);
        answer.headers.push(("Allow".to_owned(), allowed));
        answer
    }

    /// The problem document for a request the spec does not allow: 415 for a body of a type
    /// it does not list, 400 for parameters, 422 for a body that breaks its schema.
    fn refusal(&self, op: &Operation, path: &[(String, String)], asked: &Asked) -> Option<Answer> {
        let content_type = (asked.headers.iter())
            .find(|(name, _)| name.eq_ignore_ascii_case("content-type"))
            .map(|(_, value)| value.as_str());
        let parts = RequestParts {
            path,
            query: asked.query,
            headers: asked.headers,
            content_type,
            body: Some(asked.body),
        };
        let problems = contract::check_request(op, self.dialect, &parts);
        if problems.is_empty() {
            return None;
        }
        let unsupported = op.body.as_ref().is_some_and(|body| {
            !asked.body.is_empty()
                && !body.content.is_empty()
                && content_type.is_none_or(|ct| contract::find_media(&body.content, ct).is_none())
        });
        let status = if unsupported {
            415
        } else if problems.iter().any(|p| !p.place.starts_with("body")) {
            400
        } else {
            422
        };
        Some(problem(status, &problems))
    }

    /// The response to give: the one `Prefer: code=` or `example=` names, else the first
    /// success the spec documents, else its `default`, else its first. `None`: the operation
    /// documents no response at all.
    fn choose<'o>(&self, op: &'o Operation, prefer: &Prefer) -> Result<Option<Chosen<'o>>, Answer> {
        let example = prefer.example.clone();
        if let Some(code) = &prefer.code {
            let response = code
                .parse::<u16>()
                .ok()
                .and_then(|c| Some((c, op.response(c)?)));
            let Some((code, response)) = response.filter(|(c, _)| (200..600).contains(c)) else {
                // A 1xx is no final answer (101 would switch the connection's protocol).
                let message = format!(
                    "code={code}: not documented (the spec lists {})",
                    statuses(op)
                );
                return Err(problem(400, &[prefer_problem(message)]));
            };
            return Ok(Some((code, response, example)));
        }
        if let Some(name) = &example {
            let named = |r: &&Response| r.content.iter().any(|m| named(m, name).is_some());
            let Some(response) = op.responses.iter().find(named) else {
                let message = format!("example={name}: no response of the operation has it");
                return Err(problem(400, &[prefer_problem(message)]));
            };
            return Ok(Some((status_of(&response.status), response, example)));
        }
        let success = op.responses.iter().find(|r| r.status.starts_with('2'));
        let fallback = op.responses.iter().find(|r| r.status == "DEFAULT");
        let response = success.or(fallback).or(op.responses.first());
        Ok(response.map(|r| (status_of(&r.status), r, None)))
    }

    /// The chosen response: its headers, and its body in the media type the example is in,
    /// else the first the client's `Accept` names, else JSON, else the first listed.
    fn documented(&self, op: &Operation, chosen: Chosen, accept: Option<&str>) -> Answer {
        let (status, response, example) = chosen;
        let example = example.as_deref();
        let mut answer = Answer::new(status);
        answer.headers = self.headers(op, response);
        if matches!(status, 204 | 304) || response.content.is_empty() {
            return answer;
        }
        let chosen = match example {
            Some(name) => response.content.iter().find(|m| named(m, name).is_some()),
            None => None,
        };
        let wanted = accept.and_then(|accept| accepted(&response.content, accept));
        let json = response.content.iter().find(|m| is_json(&concrete(m)));
        let first = response.content.first();
        let Some(media) = chosen.or(wanted).or(json).or(first) else {
            return answer;
        };
        let Some(value) = self.value(op, media, example) else {
            return answer;
        };
        let content_type = concrete(media);
        answer.body = match value {
            Value::String(text) if !is_json(&content_type) => text.into_bytes(),
            value => json_bytes(&value),
        };
        answer.content_type = Some(content_type);
        answer
    }

    /// The body's value: the named example, else the media's example when it is valid, else
    /// one made from the schema; `None` when the spec says nothing of the body.
    fn value(&self, op: &Operation, media: &Media, example: Option<&str>) -> Option<Value> {
        if let Some(value) = example.and_then(|name| named(media, name)) {
            return Some(value.clone());
        }
        let described = media.schema != Value::Bool(true);
        let valid = |value: &Value| {
            let validator = Validator::new(
                &op.document,
                &media.schema,
                self.dialect,
                Direction::Response,
            );
            validator.is_ok_and(|v| v.is_valid(value))
        };
        match &media.example {
            Some(value) if !described || valid(value) => Some(value.clone()),
            _ if described => Some(self.made(op, &media.schema)),
            _ => None,
        }
    }

    fn made(&self, op: &Operation, schema: &Value) -> Value {
        let direction = Direction::Response;
        schema::example(&op.document, schema, self.dialect, direction, self.seed)
    }

    /// The response's documented headers with example values (an optional one whose value
    /// would be an object is left out: a header cannot carry it plainly).
    fn headers(&self, op: &Operation, response: &Response) -> Vec<(String, String)> {
        let declared = response.headers.iter();
        let headers = declared.filter(|h| !h.name.eq_ignore_ascii_case("content-type"));
        headers
            .filter_map(|header| {
                let value = self.made(op, &header.schema);
                (header.required || !value.is_object()).then(|| (header.name.clone(), text(&value)))
            })
            .collect()
    }
}

/// An RFC 9457 problem document naming each problem in `detail` and in `errors`.
fn problem(status: u16, problems: &[Problem]) -> Answer {
    let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
    let document = json!({
        "type": "about:blank",
        "title": facts::reason(status),
        "status": status,
        "detail": lines.join("; "),
        "errors": problems,
    });
    Answer {
        status,
        content_type: Some("application/problem+json".to_owned()),
        headers: Vec::new(),
        body: json_bytes(&document),
    }
}

fn prefer_problem(message: String) -> Problem {
    Problem {
        place: "Prefer".to_owned(),
        message,
    }
}

/// The documented statuses, for a message.
fn statuses(op: &Operation) -> String {
    contract::documented_statuses(op)
}

/// The code to answer for a documented status: itself, a class's first (`2XX`: 200), or 200
/// for `default`.
fn status_of(status: &str) -> u16 {
    if let Ok(code) = status.parse() {
        return code;
    }
    match status.as_bytes() {
        [class @ b'2'..=b'5', b'X', b'X'] => u16::from(class - b'0') * 100,
        _ => 200,
    }
}

fn named<'m>(media: &'m Media, name: &str) -> Option<&'m Value> {
    media
        .examples
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v)
}

/// The Content-Type to send for a media type the spec lists: itself, or for a range the
/// type it most likely means (`*/*` and `application/*`: JSON).
fn concrete(media: &Media) -> String {
    match media::media_type(&media.media_type).as_str() {
        "*/*" | "application/*" => "application/json".to_owned(),
        "text/*" => "text/plain".to_owned(),
        range if range.ends_with("/*") => "application/octet-stream".to_owned(),
        _ => media.media_type.clone(),
    }
}

/// The first media type of `content` that `accept` names, in the order it names them
/// (quality values are not weighed; `*/*` names none in particular), among those the mock
/// can write: JSON, or text.
fn accepted<'c>(content: &'c [Media], accept: &str) -> Option<&'c Media> {
    let writable = content.iter().filter(|m| writable(m));
    let writable: Vec<&Media> = writable.collect();
    accept.split(',').find_map(|range| {
        let range = media::media_type(range);
        let main = range.strip_suffix("/*").filter(|main| *main != "*");
        writable.iter().copied().find(|m| {
            let listed = media::media_type(&m.media_type);
            listed == range || main.is_some_and(|main| listed.starts_with(&format!("{main}/")))
        })
    })
}

/// Whether the mock can write a body of this media type: JSON, or a value that is text (an
/// XML document is not made from a schema).
fn writable(media: &Media) -> bool {
    is_json(&concrete(media))
        || media.example.as_ref().is_some_and(Value::is_string)
        || media.schema.get("type").and_then(Value::as_str) == Some("string")
}

fn is_json(content_type: &str) -> bool {
    media::is_json_type(&media::media_type(content_type))
}
