//! The practice routes around the resources: an echo, chosen statuses and delays, a flaky
//! endpoint and a rate limit to practise retries on, redirects, bytes, streams, cookies, auth,
//! search, and a report job that finishes later (202 Accepted).

use std::convert::Infallible;
use std::time::Duration;

use base64::Engine;
use bytes::Bytes;
use futures_util::stream;
use http_body_util::{BodyExt, StreamBody};
use hyper::body::Frame;
use hyper::header;
use hyper::{Method, Response};
use serde_json::{Map, Value, json};
use tokio::time::Instant;

use super::exchange::{self, Body, Req, append, problem, set};
use super::listing::search_matches;
use super::store::{Kind, Shared, Window};
use crate::facts;

/// `/flaky` fails this many times per client before it answers 200.
const FLAKY_FAILURES: u32 = 2;
/// `/ratelimit` allows this many requests per window per client.
const RATE_BUDGET: u32 = 3;
const RATE_WINDOW: Duration = Duration::from_secs(10);
/// A report job is done this long after it was started.
const JOB_TIME: Duration = Duration::from_secs(3);
const MAX_DELAY: f64 = 10.0;
const MAX_BYTES: u64 = 100 * 1024 * 1024;
const MAX_LINES: usize = 100;
const LINE_INTERVAL: Duration = Duration::from_millis(100);
const SSE_EVENTS: usize = 5;
const SSE_INTERVAL: Duration = Duration::from_millis(200);

/// `GET /`: what there is to try.
pub fn index(req: &Req) -> Response<Body> {
    let at = |path: &str| req.link(path);
    exchange::json(
        200,
        &json!({
            "name": "hit serve",
            "about": "a practice HTTP API; everything lives in memory and resets on restart",
            "resources": [at("/users"), at("/products"), at("/orders")],
            "tools": [
                at("/anything"), at("/status/418"), at("/delay/2"), at("/flaky"),
                at("/ratelimit"), at("/redirect/3"), at("/bytes/1024"), at("/stream/5"),
                at("/sse"), at("/cookies/set?flavour=oatmeal"), at("/basic-auth/ada/secret"),
                at("/bearer"), at("/search?q=python+tutorial"), at("/reports/generate"),
                at("/files/1m.bin"), at("/download?id=7"), at("/health"),
            ],
            "oauth": super::oauth::listing(),
            "websockets": super::sockets::listing(req),
            "learn": "hit explain get-vs-post",
        }),
    )
}

/// `/anything`: the request as the server received it.
pub fn anything(req: &Req) -> Response<Body> {
    let mut query = Map::new();
    for (key, value) in &req.query {
        match query.get_mut(key) {
            Some(Value::Array(values)) => values.push(value.clone().into()),
            Some(first) => *first = json!([first.clone(), value]),
            None => {
                query.insert(key.clone(), value.clone().into());
            }
        }
    }
    let mut headers = Map::new();
    for (name, value) in &req.headers {
        let value = String::from_utf8_lossy(value.as_bytes()).into_owned();
        match headers.get_mut(name.as_str()) {
            Some(Value::String(first)) => {
                first.push_str(", ");
                first.push_str(&value);
            }
            _ => {
                headers.insert(name.as_str().into(), value.into());
            }
        }
    }
    let parsed = serde_json::from_slice::<Value>(&req.body).ok();
    let mut echo = json!({
        "method": req.method.as_str(),
        "path": req.link(&req.path),
        "query": query,
        "headers": headers,
        "origin": req.peer.ip().to_string(),
    });
    match std::str::from_utf8(&req.body) {
        Ok(text) => echo["body"] = text.into(),
        Err(_) => {
            echo["body_base64"] = base64::engine::general_purpose::STANDARD
                .encode(&req.body)
                .into();
        }
    }
    echo["json"] = parsed.unwrap_or(Value::Null);
    exchange::json(200, &echo)
}

/// `/status/{code}`: that status, with the headers that belong to it.
pub fn status(req: &Req, code: &str) -> Response<Body> {
    let code = match code.parse::<u16>() {
        Ok(code) if (200..=599).contains(&code) => code,
        _ => {
            let detail = format!(
                "the status must be a number from 200 to 599, not '{code}' \
                 (1xx answers are not final, so a server cannot end with one)"
            );
            return problem(400, &detail);
        }
    };
    let mut response = match code {
        204 | 205 | 304 => exchange::empty(code),
        400.. => problem(code, &format!("you asked for {}", facts::status_line(code))),
        _ => {
            let body = json!({"status": code, "reason": facts::reason(code)});
            exchange::json(code, &body)
        }
    };
    match code {
        301..=303 | 307 | 308 => set(&mut response, header::LOCATION, &req.link("/anything")),
        401 => set(
            &mut response,
            header::WWW_AUTHENTICATE,
            "Basic realm=\"hit serve\"",
        ),
        405 => set(&mut response, header::ALLOW, "GET, HEAD, OPTIONS"),
        429 | 503 => set(&mut response, header::RETRY_AFTER, "1"),
        _ => {}
    }
    response
}

/// `/delay/{seconds}`: answers after that long, at most 10 seconds.
pub async fn delay(seconds: &str) -> Response<Body> {
    let Some(seconds) = seconds.parse::<f64>().ok().filter(|s| *s >= 0.0) else {
        return problem(
            400,
            "the delay must be a number of seconds, such as 2 or 0.5",
        );
    };
    let seconds = seconds.min(MAX_DELAY);
    tokio::time::sleep(Duration::from_secs_f64(seconds)).await;
    exchange::json(200, &json!({"delayed_seconds": seconds}))
}

/// `/flaky`: 503 with `Retry-After: 1` twice per client, then 200, and round again.
pub fn flaky(req: &Req, shared: &Shared) -> Response<Body> {
    let client = match req.client() {
        Ok(client) => client,
        Err(refusal) => return *refusal,
    };
    let attempt = {
        let mut state = shared.lock();
        let count = state.flaky.entry(client, || 0);
        *count += 1;
        let attempt = *count;
        if attempt > FLAKY_FAILURES {
            *count = 0;
        }
        attempt
    };
    if attempt > FLAKY_FAILURES {
        return exchange::json(200, &json!({"ok": true, "attempt": attempt}));
    }
    let detail = format!(
        "failure {attempt} of {FLAKY_FAILURES} on purpose; the next attempt after \
         Retry-After may succeed (hit --retry 3 retries it)"
    );
    let mut response = problem(503, &detail);
    set(&mut response, header::RETRY_AFTER, "1");
    response
}

/// `/ratelimit`: three requests per ten seconds per client, then 429 with `Retry-After`
/// and the `RateLimit-*` fields of draft-ietf-httpapi-ratelimit-headers.
pub fn ratelimit(req: &Req, shared: &Shared) -> Response<Body> {
    let client = match req.client() {
        Ok(client) => client,
        Err(refusal) => return *refusal,
    };
    let now = Instant::now();
    let (used, reset) = {
        let mut state = shared.lock();
        let window = state.ratelimit.entry(client, || Window {
            started: now,
            used: 0,
        });
        if now.duration_since(window.started) >= RATE_WINDOW {
            *window = Window {
                started: now,
                used: 0,
            };
        }
        window.used += 1;
        let left = RATE_WINDOW.saturating_sub(now.duration_since(window.started));
        (window.used, left.as_secs_f64().ceil().max(1.0) as u64)
    };
    let remaining = RATE_BUDGET.saturating_sub(used);
    let mut response = if used > RATE_BUDGET {
        let detail = format!(
            "over the budget of {RATE_BUDGET} requests per {} seconds; \
             wait {reset} seconds, as Retry-After says",
            RATE_WINDOW.as_secs()
        );
        let mut response = problem(429, &detail);
        set(&mut response, header::RETRY_AFTER, &reset.to_string());
        response
    } else {
        exchange::json(200, &json!({"ok": true, "remaining": remaining}))
    };
    set(&mut response, "ratelimit-limit", &RATE_BUDGET.to_string());
    set(&mut response, "ratelimit-remaining", &remaining.to_string());
    set(&mut response, "ratelimit-reset", &reset.to_string());
    response
}

/// `/redirect/{n}`: n redirects (302) before `/anything`.
pub fn redirect(req: &Req, n: &str) -> Response<Body> {
    let Some(n) = n.parse::<u32>().ok().filter(|n| (1..=50).contains(n)) else {
        return problem(400, "the redirect count must be a number from 1 to 50");
    };
    let next = if n == 1 {
        req.link("/anything")
    } else {
        req.link(&format!("/redirect/{}", n - 1))
    };
    let mut response = exchange::empty(302);
    set(&mut response, header::LOCATION, &next);
    response
}

/// `/bytes/{n}`: n pseudo-random bytes (the same for the same n), streamed.
pub fn bytes(n: &str) -> Response<Body> {
    let Some(total) = n.parse::<u64>().ok().filter(|n| *n <= MAX_BYTES) else {
        let detail = format!("the size must be a number of bytes up to {MAX_BYTES}");
        return problem(400, &detail);
    };
    let mut rng = fastrand::Rng::with_seed(total);
    let chunks = stream::unfold(total, move |left| {
        let size = left.min(64 * 1024);
        let chunk: Vec<u8> = (0..size).map(|_| rng.u8(..)).collect();
        async move { (size > 0).then(|| (Ok(Frame::data(Bytes::from(chunk))), left - size)) }
    });
    let mut response = streamed(chunks, "application/octet-stream");
    set(&mut response, header::CONTENT_LENGTH, &total.to_string());
    response
}

/// `/stream/{n}`: n NDJSON lines, one every 100 ms, each sent as it is made.
pub fn ndjson(n: &str) -> Response<Body> {
    let Some(count) = n.parse::<usize>().ok().filter(|n| *n <= MAX_LINES) else {
        let detail = format!("the line count must be a number up to {MAX_LINES}");
        return problem(400, &detail);
    };
    let lines = stream::unfold(0, move |i| async move {
        if i == count {
            return None;
        }
        if i > 0 {
            tokio::time::sleep(LINE_INTERVAL).await;
        }
        let line = format!("{}\n", json!({"id": i + 1, "of": count}));
        Some((Ok(Frame::data(Bytes::from(line))), i + 1))
    });
    streamed(lines, "application/x-ndjson")
}

/// `/sse`: five server-sent events, 200 ms apart. `Last-Event-ID` resumes after that
/// event, and when all five were sent the answer is 204 No Content, which tells a
/// reconnecting client to stop (WHATWG HTML §9.2.3); `?retry=MS` asks the client to wait
/// MS before reconnecting, and `?drop=N` closes the stream after N events, to show it.
pub fn sse(req: &Req) -> Response<Body> {
    let param = |name: &str| {
        let value = req.query.iter().find(|(n, _)| n == name);
        value.and_then(|(_, v)| v.parse::<usize>().ok())
    };
    let last = req.headers.get("last-event-id");
    let after = last.and_then(|id| id.to_str().ok()?.trim().parse::<usize>().ok());
    let first = after.unwrap_or(0).min(SSE_EVENTS);
    if first == SSE_EVENTS {
        return exchange::empty(204);
    }
    let last = first + param("drop").unwrap_or(SSE_EVENTS).max(1);
    let retry = param("retry").map(|ms| format!("retry: {ms}\n"));
    let events = stream::unfold(first, move |i| {
        let retry = retry.clone();
        async move {
            if i == SSE_EVENTS.min(last) {
                return None;
            }
            if i > first {
                tokio::time::sleep(SSE_INTERVAL).await;
            }
            let n = i + 1;
            let data = json!({"tick": n, "of": SSE_EVENTS});
            let retry = retry.filter(|_| i == first).unwrap_or_default();
            let event = format!("{retry}id: {n}\nevent: tick\ndata: {data}\n\n");
            Some((Ok(Frame::data(Bytes::from(event))), n))
        }
    });
    let mut response = streamed(events, "text/event-stream");
    set(&mut response, header::CACHE_CONTROL, "no-cache");
    response
}

fn streamed(
    frames: impl futures_util::Stream<Item = Result<Frame<Bytes>, Infallible>> + Send + 'static,
    content_type: &str,
) -> Response<Body> {
    let mut response = Response::new(StreamBody::new(frames).boxed_unsync());
    set(&mut response, header::CONTENT_TYPE, content_type);
    response
}

/// `/cookies/set?name=value`: one `Set-Cookie` per parameter.
pub fn set_cookies(req: &Req) -> Response<Body> {
    // RFC 6265 §4.1.1: a name is a token, a value has no space, quote, comma, semicolon or
    // backslash, so a value cannot add attributes of its own.
    let token = |name: &str| {
        !name.is_empty()
            && name
                .bytes()
                .all(|b| b.is_ascii_graphic() && !b"()<>@,;:\\\"/[]?={}".contains(&b))
    };
    let octets = |value: &str| {
        value
            .bytes()
            .all(|b| b.is_ascii_graphic() && !b"\",;\\".contains(&b))
    };
    if let Some((name, _)) = req
        .query
        .iter()
        .find(|(name, value)| !token(name) || !octets(value))
    {
        let detail = format!(
            "the cookie '{name}' cannot be set: a cookie name is a token and its value has no \
             space, quote, comma, semicolon or backslash (RFC 6265 §4.1.1)"
        );
        return problem(400, &detail);
    }
    let mut set_now = Map::new();
    for (name, value) in &req.query {
        set_now.insert(name.clone(), value.clone().into());
    }
    let mut response = exchange::json(200, &json!({"cookies": set_now}));
    for (name, value) in &req.query {
        let cookie = format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax");
        append(&mut response, header::SET_COOKIE, &cookie);
    }
    response
}

/// `/cookies`: the cookies the client sent.
pub fn cookies(req: &Req) -> Response<Body> {
    let mut received = Map::new();
    for pair in req.header(header::COOKIE).unwrap_or("").split(';') {
        if let Some((name, value)) = pair.trim().split_once('=') {
            received.insert(name.into(), value.into());
        }
    }
    exchange::json(200, &json!({"cookies": received}))
}

/// `/basic-auth/{user}/{password}`: 200 for exactly those credentials, else 401 with a
/// challenge (RFC 7617).
pub fn basic_auth(req: &Req, user: &str, password: &str) -> Response<Body> {
    let sent = req
        .header(header::AUTHORIZATION)
        .and_then(|value| value.strip_prefix("Basic "))
        .and_then(|encoded| {
            base64::engine::general_purpose::STANDARD
                .decode(encoded.trim())
                .ok()
        })
        .map(|decoded| String::from_utf8_lossy(&decoded).into_owned());
    if sent.as_deref() == Some(&format!("{user}:{password}")) {
        return exchange::json(200, &json!({"authenticated": true, "user": user}));
    }
    let detail = match sent {
        Some(_) => "wrong user name or password",
        None => "this route needs credentials: hit -u USER:PASSWORD URL",
    };
    let mut response = problem(401, detail);
    set(
        &mut response,
        header::WWW_AUTHENTICATE,
        "Basic realm=\"hit serve\", charset=\"UTF-8\"",
    );
    response
}

/// `/bearer`: 200 for any bearer token, else 401 with a challenge (RFC 6750).
pub fn bearer(req: &Req) -> Response<Body> {
    let token = req
        .header(header::AUTHORIZATION)
        .and_then(|value| value.strip_prefix("Bearer "))
        .map(str::trim)
        .filter(|token| !token.is_empty());
    if let Some(token) = token {
        return exchange::json(200, &json!({"authenticated": true, "token": token}));
    }
    let detail = "this route needs a bearer token: hit --bearer TOKEN URL";
    let mut response = problem(401, detail);
    set(
        &mut response,
        header::WWW_AUTHENTICATE,
        "Bearer realm=\"hit serve\"",
    );
    response
}

/// `/search?q=words`: records of every resource whose text holds every word.
pub fn search(req: &Req, shared: &Shared) -> Response<Body> {
    let Some(query) = req.param("q").filter(|q| !q.trim().is_empty()) else {
        return problem(
            400,
            "search needs words to look for: /search?q=python+tutorial",
        );
    };
    let state = shared.lock();
    let mut results = Vec::new();
    for kind in Kind::ALL {
        for record in state.records(kind).values() {
            if search_matches(record, query) {
                let id = &record["id"];
                results.push(json!({
                    "type": kind.singular(),
                    "id": id,
                    "name": record.get("name").or(record.get("item")),
                    "href": req.link(&format!("/{}/{id}", kind.plural())),
                }));
            }
        }
    }
    let body = json!({"q": query, "total": results.len(), "results": results});
    exchange::json(200, &body)
}

/// `/reports/generate` (POST): 202 Accepted with the job to poll in `Location`.
pub fn generate_report(req: &Req, shared: &Shared) -> Response<Body> {
    if req.method != Method::POST {
        return super::resources::not_allowed(req, "POST");
    }
    let Some(id) = shared.lock().start_job() else {
        return problem(
            507,
            "too many report jobs; restart hit serve to start again",
        );
    };
    let location = req.link(&format!("/reports/jobs/{id}"));
    let body = json!({"id": id, "status": "pending", "href": location});
    let mut response = exchange::json(202, &body);
    set(&mut response, header::LOCATION, &location);
    set(
        &mut response,
        header::RETRY_AFTER,
        &JOB_TIME.as_secs().to_string(),
    );
    response
}

/// `/reports/jobs/{id}`: running (with `Retry-After`) until three seconds have passed, then
/// done with the report.
pub fn report_job(shared: &Shared, id: &str) -> Response<Body> {
    let state = shared.lock();
    let started = id
        .parse::<usize>()
        .ok()
        .and_then(|n| state.jobs.get(n.checked_sub(1)?).copied());
    let Some(started) = started else {
        return problem(404, &format!("there is no report job with the id {id}"));
    };
    let elapsed = started.elapsed();
    if elapsed < JOB_TIME {
        let left = (JOB_TIME - elapsed).as_secs_f64().ceil() as u64;
        let body = json!({"id": id.parse::<u64>().unwrap_or(0), "status": "running"});
        let mut response = exchange::json(200, &body);
        set(&mut response, header::RETRY_AFTER, &left.max(1).to_string());
        return response;
    }
    let orders = state.records(Kind::Orders).len();
    let users = state.records(Kind::Users).len();
    let products = state.records(Kind::Products).len();
    let body = json!({
        "id": id.parse::<u64>().unwrap_or(0),
        "status": "done",
        "report": {"users": users, "products": products, "orders": orders},
    });
    exchange::json(200, &body)
}
