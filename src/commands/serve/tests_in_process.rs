//! The practice API served in process, on tokio's paused clock: each connection is an
//! in-memory pipe served by the same `http` settings and `handle` as `hit serve`'s, so the
//! time limits, delays, streams, the rate-limit window and report jobs are tested in virtual
//! seconds instead of real ones. The process-level tests are in tests/cli/serve*.rs.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt, DuplexStream};
use tokio::time::Instant;

use super::store::Shared;
use super::{App, Limits, Log, handle, http};

/// One practice API, its store and limits, reached through [`Server::connect`].
struct Server {
    limits: Limits,
    /// Kept so that WebSocket sessions do not take the server for stopped.
    stopping: (tokio::sync::watch::Sender<bool>, super::exchange::Stopping),
    shared: Arc<Shared>,
    /// The lines the server logged.
    logged: Arc<std::sync::Mutex<Vec<String>>>,
}

/// A response, read whole from a connection the server closed.
#[derive(Debug)]
struct Answer {
    status: u16,
    head: String,
    body: String,
}

impl Answer {
    fn parse(text: &str) -> Answer {
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or((text, ""));
        let status = head
            .split(' ')
            .nth(1)
            .and_then(|code| code.parse().ok())
            .unwrap_or_else(|| panic!("no status in {text:?}"));
        Answer {
            status,
            head: head.to_owned(),
            body: body.to_owned(),
        }
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().skip(1).find_map(|line| {
            let (field, value) = line.split_once(':')?;
            field.eq_ignore_ascii_case(name).then(|| value.trim())
        })
    }

    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|_| panic!("not JSON: {self:#?}"))
    }
}

impl Server {
    fn new(limits: Limits) -> Server {
        Server {
            limits,
            stopping: tokio::sync::watch::channel(false),
            shared: Arc::new(Shared::seeded(limits.store_bytes, limits.token_ttl)),
            logged: Arc::default(),
        }
    }

    /// A new connection: the client's end of a pipe whose other end is served on its own
    /// task, as `accept` serves a TCP connection.
    fn connect(&self) -> DuplexStream {
        let (client, server) = tokio::io::duplex(64 * 1024);
        let peer = SocketAddr::from(([127, 0, 0, 1], 50_000));
        let local = SocketAddr::from(([127, 0, 0, 1], 8080));
        let (body, shared) = (self.limits.body, Arc::clone(&self.shared));
        let stopping = self.stopping.1.clone();
        let logged = Arc::clone(&self.logged);
        let log = Log(Arc::new(move |line| {
            logged.lock().unwrap().push(line.to_owned())
        }));
        let service = service_fn(move |request| {
            let app = App::Practice(Arc::clone(&shared));
            handle(
                request,
                peer,
                local,
                body,
                app,
                log.clone(),
                stopping.clone(),
            )
        });
        let connection = http(&self.limits)
            .serve_connection(TokioIo::new(server), service)
            .with_upgrades();
        tokio::spawn(async move {
            let _ = connection.await;
        });
        client
    }

    /// Sends raw bytes on a new connection and reads until the server closes it.
    async fn raw(&self, request: &[u8]) -> String {
        let mut connection = self.connect();
        connection
            .write_all(request)
            .await
            .expect("send the request");
        let mut answer = Vec::new();
        connection
            .read_to_end(&mut answer)
            .await
            .expect("read the answer");
        String::from_utf8_lossy(&answer).into_owned()
    }

    /// `METHOD path` with these headers and body, on a connection of its own.
    async fn send(&self, method: &str, path: &str, headers: &[&str], body: &str) -> Answer {
        let mut request = format!("{method} {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n");
        for header in headers {
            request.push_str(&format!("{header}\r\n"));
        }
        if !body.is_empty() {
            request.push_str("Content-Type: application/json\r\n");
            request.push_str(&format!("Content-Length: {}\r\n", body.len()));
        }
        request.push_str("\r\n");
        request.push_str(body);
        Answer::parse(&self.raw(request.as_bytes()).await)
    }

    async fn get(&self, path: &str) -> Answer {
        self.send("GET", path, &[], "").await
    }
}

fn practice() -> Server {
    Server::new(Limits::default())
}

/// The server is still answering.
async fn still_serving(server: &Server) {
    let health = server.get("/health").await;
    assert_eq!(
        (health.status, health.json()),
        (200, json!({"status": "ok"}))
    );
}

// The log

#[tokio::test(start_paused = true)]
async fn each_exchange_is_one_line_of_the_log_with_its_time() {
    let server = practice();
    server
        .send("GET", "/products/42", &["X-Request-Id: log-1"], "")
        .await;
    server
        .send("GET", "/nope?x=1", &["X-Request-Id: log-2"], "")
        .await;
    server
        .send("GET", "/delay/2", &["X-Request-Id: log-3"], "")
        .await;
    assert_eq!(
        *server.logged.lock().unwrap(),
        [
            "GET /products/42 200 0.0ms log-1",
            "GET /nope?x=1 404 0.0ms log-2",
            "GET /delay/2 200 2000.0ms log-3",
        ]
    );
}

// Time limits

#[tokio::test(start_paused = true)]
async fn a_client_that_stops_mid_head_is_cut_off_after_the_head_timeout() {
    let server = practice();
    let started = Instant::now();
    let answer = server.raw(b"GET /health HTTP/1.1\r\nHost: x\r\n").await;
    assert_eq!(answer, "", "closed without an answer");
    assert_eq!(started.elapsed(), Limits::default().head);
    still_serving(&server).await;
}

#[tokio::test(start_paused = true)]
async fn a_body_that_stops_arriving_is_408_after_the_body_timeout() {
    let server = practice();
    let started = Instant::now();
    let partial = b"POST /anything HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc";
    let answer = Answer::parse(&server.raw(partial).await);
    assert_eq!(started.elapsed(), Duration::from_secs(10));
    assert!(
        answer.head.starts_with("HTTP/1.1 408 Request Timeout\r\n"),
        "{answer:#?}"
    );
    assert_eq!(answer.header("connection"), Some("close"));
    let detail = "the request body did not arrive within 10 seconds";
    assert_eq!(answer.json()["detail"], detail);
    still_serving(&server).await;
}

#[tokio::test(start_paused = true)]
async fn the_time_limits_are_the_servers_to_choose() {
    let limits = Limits {
        head: Duration::from_secs(2),
        body: Duration::from_secs(3),
        ..Limits::default()
    };
    let server = Server::new(limits);
    let started = Instant::now();
    assert_eq!(server.raw(b"GET / HTTP/1.1\r\n").await, "");
    assert_eq!(started.elapsed(), Duration::from_secs(2));
    let partial = b"PUT /anything HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n";
    let answer = Answer::parse(&server.raw(partial).await);
    assert_eq!(started.elapsed(), Duration::from_secs(5));
    let detail = "the request body did not arrive within 3 seconds";
    assert_eq!(
        (answer.status, &answer.json()["detail"]),
        (408, &json!(detail))
    );
}

// Delays and streams, in virtual time

#[tokio::test(start_paused = true)]
async fn delay_waits_then_answers() {
    let server = practice();
    let started = Instant::now();
    let answer = server.get("/delay/1").await;
    assert_eq!(started.elapsed(), Duration::from_secs(1));
    assert_eq!(
        (answer.status, answer.json()),
        (200, json!({"delayed_seconds": 1.0}))
    );
    let capped = server.get("/delay/60").await;
    assert_eq!(capped.json(), json!({"delayed_seconds": 10.0}));
    assert_eq!(started.elapsed(), Duration::from_secs(11));
}

#[tokio::test(start_paused = true)]
async fn a_delay_does_not_hold_up_other_requests() {
    let server = Arc::new(practice());
    let slow = tokio::spawn({
        let server = Arc::clone(&server);
        async move { server.get("/delay/2").await }
    });
    tokio::task::yield_now().await;
    let started = Instant::now();
    still_serving(&server).await;
    assert_eq!(
        started.elapsed(),
        Duration::ZERO,
        "/health waited for nothing"
    );
    assert!(!slow.is_finished(), "/delay/2 is still waiting");
    let slow = slow.await.unwrap();
    assert_eq!(slow.json(), json!({"delayed_seconds": 2.0}));
}

/// Reads a streamed body from the start, noting how far into it each piece arrived.
async fn timed_pieces(server: &Server, path: &str) -> Vec<(Duration, String)> {
    let mut connection = server.connect();
    let request = format!("GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    connection.write_all(request.as_bytes()).await.unwrap();
    let started = Instant::now();
    let mut pieces = Vec::new();
    let mut buf = vec![0; 64 * 1024];
    loop {
        let n = connection.read(&mut buf).await.unwrap();
        if n == 0 {
            return pieces;
        }
        let text = String::from_utf8_lossy(&buf[..n]).into_owned();
        pieces.push((started.elapsed(), text));
    }
}

#[tokio::test(start_paused = true)]
async fn sse_gives_five_events_200_ms_apart() {
    let server = practice();
    let pieces = timed_pieces(&server, "/sse").await;
    let text: String = pieces.iter().map(|(_, text)| text.as_str()).collect();
    let answer = Answer::parse(&text);
    assert_eq!(answer.header("content-type"), Some("text/event-stream"));
    assert_eq!(answer.header("cache-control"), Some("no-cache"));
    let events: Vec<&str> = answer
        .body
        .split("\r\n")
        .filter(|s| s.starts_with("id: "))
        .collect();
    let expected: Vec<String> = (1..=5)
        .map(|n| format!("id: {n}\nevent: tick\ndata: {{\"tick\":{n},\"of\":5}}\n\n"))
        .collect();
    assert_eq!(events, expected, "chunked: {:?}", answer.body);
    let times: Vec<u64> = pieces
        .iter()
        .filter(|(_, text)| text.contains("event: tick"))
        .map(|(at, _)| at.as_millis() as u64)
        .collect();
    assert_eq!(times, [0, 200, 400, 600, 800]);
}

#[tokio::test(start_paused = true)]
async fn sse_resumes_after_the_last_event_id_and_can_drop_and_set_retry() {
    let server = practice();
    let ids = |answer: &Answer| -> Vec<String> {
        let lines = answer.body.lines();
        let ids = lines.filter_map(|l| l.strip_prefix("id: "));
        ids.map(str::to_string).collect()
    };
    let resumed = server.send("GET", "/sse", &["Last-Event-ID: 3"], "").await;
    assert_eq!(
        (resumed.status, ids(&resumed)),
        (200, vec!["4".into(), "5".into()])
    );
    // All sent: 204 tells a reconnecting client to stop.
    let done = server.send("GET", "/sse", &["Last-Event-ID: 5"], "").await;
    assert_eq!((done.status, done.body.as_str()), (204, ""));
    let dropped = server.get("/sse?drop=2&retry=500").await;
    assert_eq!(ids(&dropped), ["1", "2"]);
    assert_eq!(
        dropped.body.matches("retry: 500\n").count(),
        1,
        "{}",
        dropped.body
    );
}

#[tokio::test(start_paused = true)]
async fn stream_sends_one_line_every_100_ms() {
    let server = practice();
    let pieces = timed_pieces(&server, "/stream/3").await;
    let lines: Vec<(u64, &str)> = pieces
        .iter()
        .filter_map(|(at, text)| {
            let line = text.lines().find(|line| line.starts_with("{\"id\""))?;
            Some((at.as_millis() as u64, line))
        })
        .collect();
    let expected = [
        (0, "{\"id\":1,\"of\":3}"),
        (100, "{\"id\":2,\"of\":3}"),
        (200, "{\"id\":3,\"of\":3}"),
    ];
    assert_eq!(lines, expected);
}

// Counters that run on the clock

#[tokio::test(start_paused = true)]
async fn a_report_job_runs_for_three_seconds_then_is_done() {
    let server = practice();
    let accepted = server.send("POST", "/reports/generate", &[], "").await;
    assert_eq!(accepted.status, 202);
    assert_eq!(accepted.header("location"), Some("/reports/jobs/1"));
    assert_eq!(accepted.header("retry-after"), Some("3"));
    let pending = json!({"id": 1, "status": "pending", "href": "/reports/jobs/1"});
    assert_eq!(accepted.json(), pending);
    let mut waits = Vec::new();
    let done = loop {
        let answer = server.get("/reports/jobs/1").await;
        if answer.json()["status"] == "done" {
            break answer.json();
        }
        assert_eq!(answer.json(), json!({"id": 1, "status": "running"}));
        let wait: u64 = answer.header("retry-after").unwrap().parse().unwrap();
        waits.push(wait);
        tokio::time::sleep(Duration::from_millis(1500)).await;
    };
    assert_eq!(waits, [3, 2], "Retry-After counts down, rounded up");
    let report = json!({"users": 25, "products": 64, "orders": 3});
    assert_eq!(done, json!({"id": 1, "status": "done", "report": report}));
    let get = server.get("/reports/generate").await;
    assert_eq!((get.status, get.header("allow")), (405, Some("POST")));
    assert_eq!(server.get("/reports/jobs/2").await.status, 404);
}

#[tokio::test(start_paused = true)]
async fn the_rate_limit_window_starts_again_after_ten_seconds() {
    let server = practice();
    let ask = || server.send("GET", "/ratelimit", &["X-Client-Id: w"], "");
    for remaining in [2, 1, 0] {
        let answer = ask().await;
        assert_eq!(
            (answer.status, answer.json()["remaining"].clone()),
            (200, json!(remaining))
        );
    }
    tokio::time::sleep(Duration::from_millis(6500)).await;
    let refused = ask().await;
    assert_eq!(refused.status, 429);
    assert_eq!(refused.header("retry-after"), Some("4"));
    assert_eq!(refused.header("ratelimit-reset"), Some("4"));
    tokio::time::sleep(Duration::from_millis(3500)).await;
    let again = ask().await;
    assert_eq!(
        (again.status, again.header("ratelimit-remaining")),
        (200, Some("2"))
    );
}

#[tokio::test(start_paused = true)]
async fn flaky_answers_after_two_failures_whatever_the_time() {
    let server = practice();
    let statuses = async || {
        let mut statuses = Vec::new();
        for _ in 0..3 {
            statuses.push(server.get("/flaky").await.status);
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
        statuses
    };
    assert_eq!(statuses().await, [503, 503, 200]);
    assert_eq!(statuses().await, [503, 503, 200], "and round again");
}

// The store's budget, chosen by the test

/// POSTs `json` to `path` until the server stops answering 201 (at most `limit` times);
/// returns the statuses and the last answer's body.
async fn fill(server: &Server, path: &str, json: &str, limit: usize) -> (Vec<u16>, Value) {
    let mut statuses = Vec::new();
    loop {
        let answer = server.send("POST", path, &[], json).await;
        statuses.push(answer.status);
        if answer.status != 201 || statuses.len() >= limit {
            return (statuses, answer.json());
        }
    }
}

fn problem(status: u16, title: &str, detail: &str) -> Value {
    json!({"type": "about:blank", "title": title, "status": status, "detail": detail})
}

fn with_store(bytes: usize) -> Server {
    Server::new(Limits {
        store_bytes: bytes,
        ..Limits::default()
    })
}

#[tokio::test]
async fn a_full_store_is_507_until_a_delete_makes_room() {
    assert_eq!(Limits::default().store_bytes, 32 * 1024 * 1024);
    let server = with_store(4 * 1024 * 1024);
    let note = json!({"note": "x".repeat(100_000)}).to_string();
    let (statuses, last) = fill(&server, "/orders", &note, 60).await;
    // 4 MiB hold the demo data and 40 notes of a hundred thousand bytes.
    assert_eq!(statuses, [vec![201; 40], vec![507]].concat());
    let detail = "hit serve keeps at most 4 MiB of users, products and orders; DELETE some, or \
                  restart it to start again from the demo data";
    assert_eq!(last, problem(507, "Insufficient Storage", detail));
    assert_eq!(
        server.send("DELETE", "/orders/4", &[], "").await.status,
        204
    );
    let (statuses, room) = fill(&server, "/orders", &note, 1).await;
    assert_eq!(
        (statuses, &room["id"]),
        (vec![201], &json!(44)),
        "ids are not reused"
    );
}

#[tokio::test]
async fn many_small_records_fill_a_small_store_by_the_memory_they_hold() {
    let server = with_store(262_144);
    let order = r#"{"item":"x"}"#;
    let (statuses, last) = fill(&server, "/orders", order, 5000).await;
    let stored = statuses.len() - 1;
    assert_eq!(statuses[stored], 507, "{statuses:?}");
    assert!(statuses[..stored].iter().all(|s| *s == 201), "{statuses:?}");
    // Each order is about 20 bytes of JSON: counted by their JSON, 256 KiB would hold
    // over ten thousand; what they hold in memory is several hundred bytes each.
    assert!((100..1000).contains(&stored), "{stored} orders stored");
    let detail = "hit serve keeps at most 262144 bytes of users, products and orders; DELETE \
                  some, or restart it to start again from the demo data";
    assert_eq!(last, problem(507, "Insufficient Storage", detail));
    // One budget for every collection; a DELETE makes room again.
    let (statuses, _) = fill(&server, "/users", r#"{"name":"Ada"}"#, 5).await;
    assert_eq!(statuses, [507]);
    assert_eq!(
        server.send("DELETE", "/orders/4", &[], "").await.status,
        204
    );
    let (statuses, last) = fill(&server, "/orders", order, 1).await;
    assert_eq!((statuses, &last["id"]), (vec![201], &json!(stored + 4)));
}

#[tokio::test]
async fn a_record_of_empty_objects_counts_what_it_holds_not_its_json() {
    let server = with_store(1_048_576);
    // 40,000 empty objects: 0.5 MB of JSON, several MB in memory.
    let members: Vec<String> = (0..40_000).map(|i| format!(r#""a{i}":{{}}"#)).collect();
    let order = format!(r#"{{"item":"x",{}}}"#, members.join(","));
    assert!(order.len() < 600_000);
    let (statuses, last) = fill(&server, "/orders", &order, 3).await;
    assert_eq!(statuses, [507]);
    assert_eq!(last["status"], 507);
    assert_eq!(server.get("/orders").await.json()["total"], 3);
}

mod oauth;
