//! `hit serve --openapi FILE`: a mock of any API with an OpenAPI document. Every documented
//! operation answers on loopback: requests are checked against the spec
//! ([`crate::openapi::contract`]) and refused with an RFC 9457 problem naming what is wrong;
//! the others get the documented response, its body from the spec's example or made from
//! its schema (the same `--seed`, the same bytes), as Prism does.

mod answer;
mod route;
#[cfg(test)]
mod tests;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, PoisonError};

use anyhow::Result;
use hyper::Response;
use serde_json::Value;

use super::exchange::{self, Body, Req};
use crate::error::usage;
use crate::openapi::cache::Cache;
use crate::openapi::source::{self, Source};
use crate::openapi::{Api, Dialect, Entry, Operation, Parameter, Place, schema};
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
    /// Each operation's method and path, in the document's order.
    entries: Vec<Entry>,
    operations: Operations,
    routes: Routes,
    /// The request the start line suggests: a path (without the base) and its query.
    tried: Option<(String, Vec<(String, String)>)>,
}

/// The operations whole: read from the cache when a request first asks for one, so that a
/// large spec's thousand operations are not all held (GitHub's: 1,200, 200 MB as values);
/// or given whole (the tests).
enum Operations {
    Cached {
        cache: Cache,
        read: Mutex<HashMap<usize, Arc<Operation>>>,
    },
    #[cfg(test)]
    Given(Vec<Arc<Operation>>),
}

impl Mock {
    /// Reads the document (through the cache, so a large spec is parsed once) and prepares
    /// its routes. A document that cannot be read is a usage error: nothing is served.
    pub fn load(document: &str, seed: u64) -> Result<Mock> {
        let refuse = |err: anyhow::Error| usage(format!("{err:#}"));
        let read = source::read(&Source::parse(document).map_err(refuse)?).map_err(refuse)?;
        if read.api.operations.is_empty() {
            return Err(usage(format!(
                "{document} documents no operations; a mock of it would answer nothing"
            )));
        }
        let operations = Operations::Cached {
            cache: Cache::of(&read.key)?,
            read: Mutex::default(),
        };
        Mock::new(document, &read.api, operations, seed)
    }

    /// A mock of these operations, given whole.
    #[cfg(test)]
    pub fn given(name: &str, api: &Api, operations: Vec<Operation>, seed: u64) -> Mock {
        let operations = Operations::Given(operations.into_iter().map(Arc::new).collect());
        Mock::new(name, api, operations, seed).expect("the operations are given")
    }

    fn new(name: &str, api: &Api, operations: Operations, seed: u64) -> Result<Mock> {
        let base = (api.server_url(&[], Some("http://localhost/")))
            .and_then(|url| url::Url::parse(&url).ok())
            .map(|url| url.path().trim_end_matches('/').to_owned())
            .unwrap_or_default();
        let mut mock = Mock {
            name: name.to_owned(),
            title: api.title.clone(),
            api_version: api.api_version.clone(),
            dialect: api.dialect,
            seed,
            base,
            entries: api.operations.clone(),
            routes: Routes::new(&api.operations),
            operations,
            tried: None,
        };
        // The first GET is read now: the start line suggests it, and a cache that cannot
        // be read fails here rather than on the first request.
        let get = mock.entries.iter().position(|entry| entry.method == "GET");
        if let Some(index) = get {
            let op = mock.operation(index)?;
            mock.tried = Some(mock.example_request(&op));
        }
        Ok(mock)
    }

    /// The operation at `index` of the document's listing, whole.
    fn operation(&self, index: usize) -> Result<Arc<Operation>> {
        match &self.operations {
            Operations::Cached { cache, read } => {
                let mut read = read.lock().unwrap_or_else(PoisonError::into_inner);
                if let Some(op) = read.get(&index) {
                    return Ok(Arc::clone(op));
                }
                let op = Arc::new(cache.operation(index)?);
                read.insert(index, Arc::clone(&op));
                Ok(op)
            }
            #[cfg(test)]
            Operations::Given(all) => {
                (all.get(index).cloned()).ok_or_else(|| anyhow::anyhow!("no operation {index}"))
            }
        }
    }

    /// The start line: which document, how many operations, where, and a request to try.
    pub fn banner(&self, local: SocketAddr) -> String {
        let origin = super::typed_origin(local);
        let count = self.entries.len();
        let plural = if count == 1 { "" } else { "s" };
        let mut line = format!(
            "hit serve: mock of {} {} ({}, {count} operation{plural}) on http://{local}{}/ \
             (Ctrl-C stops it)",
            self.title, self.api_version, self.name, self.base
        );
        if let Some((path, query)) = &self.tried {
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
