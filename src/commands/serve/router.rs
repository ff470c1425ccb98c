//! Which handler answers a path. Resources take their methods from RFC 9110; the practice
//! routes that only show something answer GET and HEAD.

use hyper::{Method, Response, header};
use serde_json::json;

use super::exchange::{self, Body, Req, problem, set};
use super::files;
use super::oauth;
use super::resources;
use super::sockets;
use super::store::{Kind, Shared};
use super::tools;

pub async fn route(req: &Req, shared: &Shared) -> Response<Body> {
    let segments = req.segments();
    let words: Vec<&str> = segments.iter().map(String::as_str).collect();
    if let Some(kind) = words.first().and_then(|first| Kind::from_segment(first)) {
        return match words.as_slice() {
            [_] => resources::collection(req, shared, kind),
            [_, id] => resources::item(req, shared, kind, id),
            _ => not_found(req),
        };
    }
    if let Some(response) = oauth::route(req, shared, &words) {
        return response;
    }
    if let Some(response) = sockets::route(req, shared, &words) {
        return response;
    }
    // Routes that take any method, as httpbin's do.
    match words.as_slice() {
        ["anything", ..] => return tools::anything(req),
        ["status", code] => return tools::status(req, code),
        ["delay", seconds] => return tools::delay(seconds).await,
        ["flaky"] => return tools::flaky(req, shared),
        ["ratelimit"] => return tools::ratelimit(req, shared),
        ["redirect", n] => return tools::redirect(req, n),
        ["reports", "generate"] => return tools::generate_report(req, shared),
        _ => {}
    }
    let response = match words.as_slice() {
        [] => tools::index(req),
        ["health"] => exchange::json(200, &json!({"status": "ok"})),
        [
            ".well-known",
            "openid-configuration" | "oauth-authorization-server",
        ] => oauth::discovery(req),
        ["oauth", "jwks"] => oauth::jwks(shared),
        ["me"] => oauth::me(req, shared),
        ["bytes", n] => tools::bytes(n),
        ["stream", n] => tools::ndjson(n),
        ["sse"] => tools::sse(req),
        ["cookies"] => tools::cookies(req),
        ["cookies", "set"] => tools::set_cookies(req),
        ["basic-auth", user, password] => tools::basic_auth(req, user, password),
        ["bearer"] => tools::bearer(req),
        ["search"] => tools::search(req, shared),
        ["reports", "jobs", id] => tools::report_job(shared, id),
        ["files"] => files::index(req),
        ["files", name] => files::file(req, name),
        ["download"] => files::download(req),
        _ => return not_found(req),
    };
    match req.method {
        Method::GET | Method::HEAD => response,
        Method::OPTIONS => {
            let mut response = exchange::empty(204);
            set(&mut response, header::ALLOW, "GET, HEAD, OPTIONS");
            response
        }
        _ => resources::not_allowed(req, "GET, HEAD, OPTIONS"),
    }
}

fn not_found(req: &Req) -> Response<Body> {
    let detail = format!(
        "there is nothing at {}; GET / lists what there is",
        req.link(&req.path)
    );
    problem(404, &detail)
}
