//! A request held to its operation: the [`Contract`] the exchange checks, made of the
//! operation and `openapi::contract`'s checks.

use reqwest::header::HeaderMap;

use super::Called;
use crate::http::{PreparedRequest, RequestBody};
use crate::openapi::contract::{self, Problem, RequestParts};
use crate::openapi::paths;
use crate::settings::contract::Contract;

/// An operation, and the base URL path its paths are under.
pub struct Held {
    pub called: Called,
    pub base_path: String,
}

impl Contract for Held {
    fn name(&self) -> String {
        let operation = &self.called.operation;
        format!(
            "{} ({} {})",
            operation.name, operation.method, operation.path
        )
    }

    fn check_request(&self, request: &PreparedRequest) -> Vec<String> {
        let operation = &self.called.operation;
        let path = paths::within(request.url.path(), &self.base_path)
            .and_then(|path| paths::matches(&operation.path, path))
            .unwrap_or_default();
        let query: Vec<(String, String)> = request.url.query_pairs().into_owned().collect();
        let headers: Vec<(String, String)> = (request.headers.iter())
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect();
        // A body streamed from a file, stdin or parts is not read twice for a check.
        let (body, streamed) = match &request.body {
            RequestBody::Bytes(bytes) => (Some(bytes.as_ref()), false),
            RequestBody::Empty => (None, false),
            _ => (None, true),
        };
        let parts = RequestParts {
            path: &path,
            query: &query,
            headers: &headers,
            content_type: request.headers.get("content-type"),
            body,
        };
        let problems = contract::check_request(operation, self.called.dialect, &parts);
        // Of a streamed body, only its content type is known.
        let unread = |p: &&Problem| {
            let typed =
                p.message.starts_with("content type") || p.message.starts_with("no content");
            streamed && p.place.starts_with("body") && !typed
        };
        (problems.iter())
            .filter(|p| !unread(p))
            .map(ToString::to_string)
            .collect()
    }

    fn check_response(&self, status: u16, headers: &HeaderMap, body: &[u8]) -> Vec<String> {
        let headers: Vec<(String, String)> = (headers.iter())
            .map(|(n, v)| {
                (
                    n.to_string(),
                    String::from_utf8_lossy(v.as_bytes()).into_owned(),
                )
            })
            .collect();
        let operation = &self.called.operation;
        contract::check_response(operation, self.called.dialect, status, &headers, body)
            .iter()
            .map(ToString::to_string)
            .collect()
    }
}
