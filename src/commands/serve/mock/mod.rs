//! `hit serve --openapi FILE`: a mock of any API with an OpenAPI document. Every documented
//! operation answers on loopback: requests are checked against the spec
//! ([`crate::openapi::contract`]) and refused with an RFC 9457 problem naming what is wrong;
//! the others get the documented response, its body from the spec's example or made from
//! its schema (the same `--seed`, the same bytes), as Prism does.

mod answer;
mod route;
#[cfg(test)]
mod tests;

use std::net::SocketAddr;

use anyhow::Result;
use hyper::Response;
use serde_json::Value;

use super::exchange::{self, Body, Req};
use crate::error::usage;
use crate::openapi::cache::Cache;
use crate::openapi::source::{self, Source};
use crate::openapi::{Api, Dialect, Operation, Parameter, Place, schema};
#[cfg(test)]
use answer::Answer;
use answer::Asked;
use route::Routes;

/// A document's operations, ready to answer.
pub struct Mock {
    /// The document as the user named it.
    name: String,
    title: String,
    api_version: String,
    dialect: Dialect,
    seed: u64,
    /// The path of the first server's URL (`/v1`), which requests may carry or not; empty
    /// when it has none.
    base: String,
    operations: Vec<Operation>,
    routes: Routes,
}

impl Mock {
    /// Reads the document (through the cache, so a large spec is parsed once) and prepares
    /// its routes. A document that cannot be read is a usage error: nothing is served.
    pub fn load(document: &str, seed: u64) -> Result<Mock> {
        let refuse = |err: anyhow::Error| usage(format!("{err:#}"));
        let read = source::read(&Source::parse(document).map_err(refuse)?).map_err(refuse)?;
        let cache = Cache::of(&read.key)?;
        let operations = (0..read.api.operations.len())
            .map(|index| cache.operation(index))
            .collect::<Result<Vec<_>>>()?;
        if operations.is_empty() {
            return Err(usage(format!(
                "{document} documents no operations; a mock of it would answer nothing"
            )));
        }
        Ok(Mock::new(document, &read.api, operations, seed))
    }

    pub fn new(name: &str, api: &Api, operations: Vec<Operation>, seed: u64) -> Mock {
        let base = (api.server_url(&[], Some("http://localhost/")))
            .and_then(|url| url::Url::parse(&url).ok())
            .map(|url| url.path().trim_end_matches('/').to_owned())
            .unwrap_or_default();
        Mock {
            name: name.to_owned(),
            title: api.title.clone(),
            api_version: api.api_version.clone(),
            dialect: api.dialect,
            seed,
            base,
            routes: Routes::new(&operations),
            operations,
        }
    }

    /// The start line: which document, how many operations, where, and a request to try.
    pub fn banner(&self, local: SocketAddr) -> String {
        let origin = super::typed_origin(local);
        let count = self.operations.len();
        let plural = if count == 1 { "" } else { "s" };
        let mut line = format!(
            "hit serve: mock of {} {} ({}, {count} operation{plural}) on http://{local}{}/ \
             (Ctrl-C stops it)",
            self.title, self.api_version, self.name, self.base
        );
        let get = self.operations.iter().find(|op| op.method == "GET");
        if let Some(op) = get {
            let (path, query) = self.example_request(op);
            line.push_str(&format!("; try: hit {origin}{}{path}", self.base));
            for (name, value) in query {
                line.push_str(&format!(" {name}=={value}"));
            }
        }
        line.push('\n');
        line
    }

    /// The response to a request, as hyper sends it.
    pub fn respond(&self, req: &Req) -> Response<Body> {
        let path = format!("{}{}", req.prefix, req.path);
        let headers: Vec<(String, String)> = (req.headers.iter())
            .filter_map(|(name, value)| Some((name.to_string(), value.to_str().ok()?.to_owned())))
            .collect();
        let asked = Asked {
            method: req.method.as_str(),
            path: &path,
            query: &req.query,
            headers: &headers,
            body: &req.body,
        };
        let answer = self.answer(&asked);
        let mut response = match answer.content_type() {
            Some(content_type) => exchange::bytes(answer.status, content_type, answer.body.clone()),
            None => exchange::empty(answer.status),
        };
        for (name, value) in &answer.headers {
            if let (Ok(name), Ok(value)) = (
                hyper::header::HeaderName::try_from(name.as_str()),
                hyper::header::HeaderValue::from_str(value),
            ) {
                response.headers_mut().append(name, value);
            }
        }
        response
    }

    /// A request path for `op` (its path parameters filled with example values, without the
    /// base) and its required query parameters.
    fn example_request(&self, op: &Operation) -> (String, Vec<(String, String)>) {
        let mut path = op.path.clone();
        for parameter in op.parameters.iter().filter(|p| p.place == Place::Path) {
            let value = self.parameter_text(op, parameter);
            let encoded = percent_encoding::utf8_percent_encode(&value, SEGMENT).to_string();
            path = path.replace(&format!("{{{}}}", parameter.name), &encoded);
        }
        let query = (op.parameters.iter())
            .filter(|p| p.place == Place::Query && p.required)
            .map(|p| (p.name.clone(), self.parameter_text(op, p)))
            .collect();
        (path, query)
    }

    /// A parameter's example (the spec's, else made from its schema) as the text sent.
    fn parameter_text(&self, op: &Operation, parameter: &Parameter) -> String {
        let value = parameter.example.clone().unwrap_or_else(|| {
            let direction = schema::Direction::Request;
            let dialect = self.dialect;
            schema::example(
                &op.document,
                &parameter.schema,
                dialect,
                direction,
                self.seed,
            )
        });
        text(&value)
    }
}

/// What must be escaped in a path segment.
const SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// A value as a parameter or header carries it: text as is, an array's items joined with
/// commas (OpenAPI's default styles), anything else as JSON.
fn text(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        Value::Array(items) => items.iter().map(text).collect::<Vec<_>>().join(","),
        other => other.to_string(),
    }
}
