//! `hit serve`: the practice routes around the resources (echo, statuses, delays, retries,
//! redirects, streams, cookies, auth, search, report jobs), what every response carries, the
//! request log, bad input, what `hit serve` refuses to start with, idempotency under
//! concurrency, and load.

use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde_json::{Value, json};

use crate::serve::{Answer, ask, body, client, raw, runtime};
use crate::support::{Practice, hit};

#[test]
fn anything_echoes_the_request() {
    let practice = Practice::start();
    let items = ["a==1", "a==2", "b==3", "X-Thing:yes", "name=v"];
    let mut args = vec![practice.at("/anything/x")];
    args.extend(items.map(String::from));
    let echo = body(&args.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(echo["method"], "POST");
    assert_eq!(echo["path"], "/anything/x");
    assert_eq!(echo["query"], json!({"a": ["1", "2"], "b": "3"}));
    assert_eq!(echo["headers"]["x-thing"], "yes");
    assert_eq!(echo["headers"]["content-type"], "application/json");
    assert_eq!(echo["body"], r#"{"name":"v"}"#);
    assert_eq!(echo["json"], json!({"name": "v"}));
    assert_eq!(echo["origin"], "127.0.0.1");
    let get = body(&["GET", &practice.at("/api/anything")]);
    let seen = [&get["method"], &get["path"], &get["body"], &get["json"]];
    assert_eq!(
        seen,
        [
            &json!("GET"),
            &json!("/api/anything"),
            &json!(""),
            &Value::Null
        ]
    );
}

#[test]
fn anything_echoes_a_body_that_is_not_utf8_as_base64() {
    let practice = Practice::start();
    let head = "POST /anything HTTP/1.1\r\nHost: x\r\nConnection: close\r\n";
    let mut request = format!("{head}Content-Length: 2\r\n\r\n").into_bytes();
    request.extend_from_slice(b"\xff\xfe");
    let answer = raw(practice.port, &request, Duration::from_secs(5));
    let (_, echo) = answer.split_once("\r\n\r\n").expect("a response");
    let echo: Value = serde_json::from_str(echo).expect("JSON");
    assert_eq!(echo["body_base64"], "//4=");
    assert_eq!(echo.get("body"), None);
    assert_eq!(echo["json"], Value::Null);
}

#[test]
fn status_418_is_a_teapot_problem_and_exit_4() {
    let practice = Practice::start();
    let teapot = ask(&[&practice.at("/status/418")]);
    teapot.is_problem(418, "I'm a teapot", "you asked for 418 I'm a teapot");
}

#[test]
fn status_204_is_empty_and_302_has_a_location() {
    let practice = Practice::start();
    let empty = ask(&[&practice.at("/status/204")]);
    empty.is(0, 204);
    assert!(empty.body.is_empty());
    let found = ask(&[&practice.at("/status/302")]);
    found.is(3, 302);
    assert_eq!(found.header("Location"), Some("/anything"));
    assert_eq!(found.json(), json!({"status": 302, "reason": "Found"}));
    let busy = ask(&[&practice.at("/status/503")]);
    busy.is(5, 503);
    assert_eq!(busy.header("Retry-After"), Some("1"));
}

#[test]
fn a_status_outside_200_to_599_is_400() {
    let practice = Practice::start();
    for code in ["99", "100", "600", "abc"] {
        let answer = ask(&[&practice.at(&format!("/status/{code}"))]);
        answer.is(4, 400);
        let detail = answer.json()["detail"].as_str().unwrap().to_owned();
        let start = format!("the status must be a number from 200 to 599, not '{code}'");
        assert!(detail.starts_with(&start), "{detail}");
    }
}

#[test]
fn a_delay_that_is_not_a_number_is_400() {
    let practice = Practice::start();
    for seconds in ["abc", "-1", "NaN"] {
        let answer = ask(&[&practice.at(&format!("/delay/{seconds}"))]);
        let detail = "the delay must be a number of seconds, such as 2 or 0.5";
        answer.is_problem(400, "Bad Request", detail);
    }
}

#[test]
fn flaky_fails_twice_with_retry_after_then_succeeds() {
    let practice = Practice::start();
    for attempt in 1..=2 {
        let failed = ask(&[&practice.at("/flaky")]);
        let detail = format!(
            "failure {attempt} of 2 on purpose; the next attempt after Retry-After may succeed \
             (hit --retry 3 retries it)"
        );
        failed.is_problem(503, "Service Unavailable", &detail);
        assert_eq!(failed.header("Retry-After"), Some("1"));
    }
    let third = ask(&[&practice.at("/flaky")]);
    third.is(0, 200);
    assert_eq!(third.json(), json!({"ok": true, "attempt": 3}));
    ask(&[&practice.at("/flaky")]).is(5, 503);
}

#[test]
fn hit_retry_gets_through_flaky() {
    // One failure spent before hit starts, so that it waits out one Retry-After (1 s), not
    // two; the in-process tests count all three attempts.
    let practice = Practice::start();
    assert_eq!(
        ask(&[&practice.at("/flaky"), "X-Client-Id:hit"]).status,
        503
    );
    let run = hit(&["--retry", "3", &practice.at("/flaky"), "X-Client-Id:hit"]).run();
    run.success();
    let answer: Value = serde_json::from_slice(&run.stdout).unwrap();
    assert_eq!(answer, json!({"ok": true, "attempt": 3}));
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(lines.len(), 1, "{}", run.stderr);
    for (n, line) in lines.iter().enumerate() {
        let start = format!("hit: retry {}/3 in ", n + 1);
        assert!(line.starts_with(&start), "{line}");
        assert!(line.contains("after 503 Service Unavailable"), "{line}");
    }
}

#[test]
fn flaky_counts_each_client_id_separately() {
    let practice = Practice::start();
    let flaky = |client: &str| {
        let header = format!("X-Client-Id:{client}");
        ask(&[&practice.at("/flaky"), &header]).status
    };
    assert_eq!([flaky("a"), flaky("b"), flaky("a"), flaky("b")], [503; 4]);
    assert_eq!([flaky("a"), flaky("b")], [200, 200]);
    let anonymous = ask(&[&practice.at("/flaky")]);
    assert_eq!(anonymous.status, 503, "no id is another client");
}

#[test]
fn ratelimit_allows_three_then_429_with_ratelimit_headers() {
    let practice = Practice::start();
    for remaining in [2, 1, 0] {
        let ok = ask(&[&practice.at("/ratelimit")]);
        ok.is(0, 200);
        assert_eq!(ok.json(), json!({"ok": true, "remaining": remaining}));
        assert_eq!(ok.header("RateLimit-Limit"), Some("3"));
        let left = remaining.to_string();
        assert_eq!(ok.header("RateLimit-Remaining"), Some(left.as_str()));
    }
    let limited = ask(&[&practice.at("/ratelimit")]);
    limited.is(4, 429);
    assert_eq!(limited.header("RateLimit-Limit"), Some("3"));
    assert_eq!(limited.header("RateLimit-Remaining"), Some("0"));
    let reset = limited.header("RateLimit-Reset").unwrap();
    assert!((1..=10).contains(&reset.parse::<u64>().unwrap()), "{reset}");
    assert_eq!(limited.header("Retry-After"), Some(reset));
    let other = ask(&[&practice.at("/ratelimit"), "X-Client-Id:other"]);
    assert_eq!(other.status, 200, "another client has its own budget");
}

#[test]
fn redirects_count_down_to_anything_and_l_follows_them() {
    let practice = Practice::start();
    let first = ask(&[&practice.at("/redirect/3")]);
    first.is(3, 302);
    assert_eq!(first.header("Location"), Some("/redirect/2"));
    let followed = ask(&["-L", &practice.at("/redirect/3")]);
    followed.is(0, 200);
    assert_eq!(followed.json()["path"], "/anything");
    let prefixed = ask(&[&practice.at("/api/redirect/1")]);
    assert_eq!(prefixed.header("Location"), Some("/api/anything"));
    ask(&[&practice.at("/redirect/0")]).is(4, 400);
}

#[test]
fn bytes_gives_exactly_that_many_the_same_each_time() {
    let practice = Practice::start();
    let first = ask(&[&practice.at("/bytes/1000")]);
    first.is(0, 200);
    assert_eq!(first.body.len(), 1000);
    assert_eq!(first.header("Content-Length"), Some("1000"));
    let binary = Some("application/octet-stream");
    assert_eq!(first.header("Content-Type"), binary);
    let second = hit(&[&practice.at("/bytes/1000")]).run();
    assert_eq!(second.stdout, first.body);
    let varied = first.body.iter().any(|b| *b != first.body[0]);
    assert!(varied, "not one repeated byte");
}

#[test]
fn bytes_over_100_mib_is_400() {
    let practice = Practice::start();
    let answer = ask(&[&practice.at("/bytes/104857601")]);
    let detail = "the size must be a number of bytes up to 104857600";
    answer.is_problem(400, "Bad Request", detail);
}

#[test]
fn stream_gives_ndjson_lines() {
    let practice = Practice::start();
    let answer = ask(&[&practice.at("/stream/3")]);
    answer.is(0, 200);
    let ndjson = Some("application/x-ndjson");
    assert_eq!(answer.header("Content-Type"), ndjson);
    let lines = "{\"id\":1,\"of\":3}\n{\"id\":2,\"of\":3}\n{\"id\":3,\"of\":3}\n";
    assert_eq!(String::from_utf8(answer.body).unwrap(), lines);
}

#[test]
fn cookies_set_sets_them_and_cookies_echoes_them() {
    let practice = Practice::start();
    let set = ask(&[&practice.at("/cookies/set"), "a==1", "b==2"]);
    set.is(0, 200);
    let attributes = "Path=/; HttpOnly; SameSite=Lax";
    let cookies = [format!("a=1; {attributes}"), format!("b=2; {attributes}")];
    assert_eq!(set.header_all("Set-Cookie"), cookies);
    assert_eq!(set.json(), json!({"cookies": {"a": "1", "b": "2"}}));
    let echoed = body(&[&practice.at("/cookies"), "Cookie:a=1; flavour=oatmeal"]);
    assert_eq!(echoed, json!({"cookies": {"a": "1", "flavour": "oatmeal"}}));
    let none = body(&[&practice.at("/cookies")]);
    assert_eq!(none, json!({"cookies": {}}));
}

#[test]
fn a_cookie_value_cannot_add_attributes() {
    let practice = Practice::start();
    let refused = ask(&[&practice.at("/cookies/set"), "a==1; Domain=example.org"]);
    assert!(refused.header_all("Set-Cookie").is_empty(), "{refused:#?}");
    let detail = "the cookie 'a' cannot be set: a cookie name is a token and its value has no \
                  space, quote, comma, semicolon or backslash (RFC 6265 §4.1.1)";
    refused.is_problem(400, "Bad Request", detail);
    let set = ask(&[&practice.at("/cookies/set"), "a==1"]);
    let attributes: Vec<&str> = set.header_all("Set-Cookie")[0]
        .split(';')
        .skip(1)
        .map(str::trim)
        .collect();
    assert_eq!(attributes, ["Path=/", "HttpOnly", "SameSite=Lax"]);
}

#[test]
fn basic_auth_takes_exactly_the_credentials_in_the_path() {
    let practice = Practice::start();
    let url = practice.at("/basic-auth/ada/secret");
    let right = body(&["-u", "ada:secret", &url]);
    assert_eq!(right, json!({"authenticated": true, "user": "ada"}));
    let challenge = Some("Basic realm=\"hit serve\", charset=\"UTF-8\"");
    let wrong = ask(&["-u", "ada:wrong", &url]);
    wrong.is_problem(401, "Unauthorized", "wrong user name or password");
    assert_eq!(wrong.header("WWW-Authenticate"), challenge);
    let none = ask(&[&url]);
    let detail = "this route needs credentials: hit -u USER:PASSWORD URL";
    none.is_problem(401, "Unauthorized", detail);
    assert_eq!(none.header("WWW-Authenticate"), challenge);
}

#[test]
fn bearer_needs_a_token() {
    let practice = Practice::start();
    let with = body(&["--bearer", "t", &practice.at("/bearer")]);
    assert_eq!(with, json!({"authenticated": true, "token": "t"}));
    let without = ask(&[&practice.at("/bearer")]);
    let detail = "this route needs a bearer token: hit --bearer TOKEN URL";
    without.is_problem(401, "Unauthorized", detail);
    let challenge = Some("Bearer realm=\"hit serve\"");
    assert_eq!(without.header("WWW-Authenticate"), challenge);
}

#[test]
fn health_and_the_index() {
    let practice = Practice::start();
    assert_eq!(body(&[&practice.at("/health")]), json!({"status": "ok"}));
    let index = body(&[&practice.at("/")]);
    assert_eq!(index["name"], "hit serve");
    let resources = json!(["/users", "/products", "/orders"]);
    assert_eq!(index["resources"], resources);
    let prefixed = body(&[&practice.at("/api")]);
    let resources = json!(["/api/users", "/api/products", "/api/orders"]);
    assert_eq!(prefixed["resources"], resources);
}

#[test]
fn an_unknown_path_is_a_404_problem() {
    let practice = Practice::start();
    let answer = ask(&[&practice.at("/nope")]);
    let detail = "there is nothing at /nope; GET / lists what there is";
    answer.is_problem(404, "Not Found", detail);
}

#[test]
fn post_to_a_read_only_route_is_405() {
    let practice = Practice::start();
    let post = ask(&["POST", &practice.at("/health")]);
    let detail = "POST is not allowed here; this resource allows GET, HEAD, OPTIONS";
    post.is_problem(405, "Method Not Allowed", detail);
    assert_eq!(post.header("Allow"), Some("GET, HEAD, OPTIONS"));
    let options = ask(&["OPTIONS", &practice.at("/health")]);
    options.is(0, 204);
    assert_eq!(options.header("Allow"), Some("GET, HEAD, OPTIONS"));
}

#[test]
fn search_finds_records_across_resources() {
    let practice = Practice::start();
    let found = body(&[&practice.at("/search"), "q==python tutorial"]);
    let result = |id: u64, name: &str| json!({"type": "product", "id": id, "name": name, "href": format!("/products/{id}")});
    let expected = json!({
        "q": "python tutorial",
        "total": 2,
        "results": [
            result(2, "Python Tutorial for Beginners"),
            result(34, "Python Tutorial: Data Edition"),
        ],
    });
    assert_eq!(found, expected);
    let kettles = body(&[&practice.at("/search"), "q==kettle"]);
    let order = json!({"type": "order", "id": 2, "name": "kettle", "href": "/orders/2"});
    let expected = json!([result(36, "Electric Kettle"), order]);
    assert_eq!(kettles["results"], expected);
}

#[test]
fn search_without_q_is_400() {
    let practice = Practice::start();
    let detail = "search needs words to look for: /search?q=python+tutorial";
    let none = ask(&[&practice.at("/search")]);
    none.is_problem(400, "Bad Request", detail);
    let blank = ask(&[&practice.at("/search"), "q==  "]);
    blank.is_problem(400, "Bad Request", detail);
}

// What every response carries, and the log

fn request_id(answer: &Answer) -> &str {
    let id = answer.header("X-Request-Id");
    id.unwrap_or_else(|| panic!("no X-Request-Id: {answer:#?}"))
}

#[test]
fn every_response_has_a_request_id_and_a_date() {
    let practice = Practice::start();
    let answers = [
        ask(&[&practice.at("/health")]),
        ask(&[&practice.at("/nope")]),
        ask(&["POST", &practice.at("/orders"), "item=pen"]),
        ask(&["HEAD", &practice.at("/products/1")]),
        ask(&["OPTIONS", &practice.at("/users")]),
        ask(&[&practice.at("/status/500")]),
        ask(&[&practice.at("/stream/2")]),
    ];
    let mut ids: Vec<&str> = answers.iter().map(request_id).collect();
    for (answer, id) in answers.iter().zip(&ids) {
        assert!(uuid::Uuid::parse_str(id).is_ok(), "{id}");
        let date = answer.header("Date");
        let date = date.unwrap_or_else(|| panic!("no Date: {answer:#?}"));
        assert!(httpdate::parse_http_date(date).is_ok(), "{date}");
    }
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), answers.len(), "each id is new");
}

#[test]
fn the_clients_request_id_is_echoed() {
    let practice = Practice::start();
    let answer = ask(&[&practice.at("/users/1"), "X-Request-Id:abc"]);
    assert_eq!(request_id(&answer), "abc");
    let missing = ask(&[&practice.at("/users/99"), "X-Request-Id:abc-404"]);
    assert_eq!(request_id(&missing), "abc-404");
    let warned = missing.stderr.contains("(request id: abc-404)");
    assert!(warned, "{}", missing.stderr);
}

#[test]
fn each_request_is_one_line_of_the_log() {
    let practice = Practice::start();
    hit(&[&practice.at("/products/42"), "X-Request-Id:log-1"]).run();
    hit(&[&practice.at("/nope?x=1"), "X-Request-Id:log-2"]).run();
    hit(&[
        "POST",
        &practice.at("/orders"),
        "item=pen",
        "X-Request-Id:log-3",
    ])
    .run();
    let logged = || practice.log().contains("log-3");
    crate::support::wait_until("the third line logged", Duration::from_secs(5), logged);
    let log = practice.log();
    let lines: Vec<&str> = log.lines().collect();
    assert_eq!(lines.len(), 3, "{log}");
    let expected = [
        ("hit serve: GET /products/42 200 ", "log-1"),
        ("hit serve: GET /nope?x=1 404 ", "log-2"),
        ("hit serve: POST /orders 201 ", "log-3"),
    ];
    for (line, (start, id)) in lines.iter().zip(expected) {
        let time = line.strip_prefix(start);
        let time = time.and_then(|rest| rest.strip_suffix(&format!("ms {id}")));
        let time = time.unwrap_or_else(|| panic!("{line:?} is not {start}<time>ms {id}"));
        assert!(time.parse::<f64>().is_ok_and(|ms| ms >= 0.0), "{line}");
    }
}

// Bad input never brings the server down

#[track_caller]
fn still_serving(practice: &Practice) {
    assert_eq!(body(&[&practice.at("/health")]), json!({"status": "ok"}));
}

#[test]
fn a_body_over_one_mib_is_413_and_the_server_goes_on() {
    let practice = Practice::start();
    let head = "POST /orders HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n";
    let declared = format!("{head}Content-Length: 2000000\r\n\r\n");
    let declared = raw(practice.port, declared.as_bytes(), Duration::from_secs(5));
    let size = 1024 * 1024 + 10;
    let mut chunked = format!("{head}Transfer-Encoding: chunked\r\n\r\n{size:x}\r\n").into_bytes();
    chunked.extend(std::iter::repeat_n(b'a', size));
    chunked.extend_from_slice(b"\r\n0\r\n\r\n");
    let streamed = raw(practice.port, &chunked, Duration::from_secs(5));
    let problem = "{\n  \"type\": \"about:blank\",\n  \"title\": \"Content Too Large\",\n  \
                   \"status\": 413,\n  \"detail\": \"the request body is over the 1048576 \
                   byte limit\"\n}\n";
    for answer in [declared, streamed] {
        assert!(answer.starts_with("HTTP/1.1 413 "), "{answer}");
        assert!(answer.contains("\r\nconnection: close\r\n"), "{answer}");
        assert!(answer.ends_with(&format!("\r\n\r\n{problem}")), "{answer}");
    }
    still_serving(&practice);
}

#[test]
fn a_body_of_exactly_one_mib_is_read() {
    let practice = Practice::start();
    let size = 1024 * 1024;
    let head = format!("PUT /anything HTTP/1.1\r\nHost: x\r\nContent-Length: {size}\r\n");
    let mut request = format!("{head}Connection: close\r\n\r\n").into_bytes();
    request.extend(std::iter::repeat_n(b'a', size));
    let answer = raw(practice.port, &request, Duration::from_secs(5));
    let start = &answer[..answer.len().min(200)];
    assert!(start.starts_with("HTTP/1.1 200 OK\r\n"), "{start}");
}

#[test]
fn a_request_head_over_64_kib_is_431_and_the_server_goes_on() {
    let practice = Practice::start();
    let mut request = b"GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ".to_vec();
    request.extend(std::iter::repeat_n(b'a', 70 * 1024));
    request.extend_from_slice(b"\r\n\r\n");
    let answer = raw(practice.port, &request, Duration::from_secs(5));
    let refused = answer.starts_with("HTTP/1.1 431 Request Header Fields Too Large\r\n");
    assert!(refused, "{answer}");
    still_serving(&practice);
}

// Refusals

#[test]
fn serve_refuses_addresses_other_than_loopback() {
    for host in ["0.0.0.0", "192.168.1.1"] {
        let run = hit(&["serve", "--host", host]).run();
        assert_eq!(run.code, 2, "{run:#?}");
        assert_eq!(run.stdout(), "", "no banner");
        let refusal = format!(
            "hit: error: hit serve listens on loopback only (127.0.0.1 or ::1), not {host}: it \
             is a practice API that accepts any token, not for other machines to reach\n"
        );
        assert_eq!(run.stderr, refusal);
    }
}

#[test]
fn serve_refuses_a_port_in_use_naming_it() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let run = hit(&["serve", "--port", &port]).run();
    assert_eq!(run.code, 2, "{run:#?}");
    let refusal = format!(
        "hit: error: port {port} is in use; choose another with --port N (--port 0 picks a free \
         one)\n"
    );
    assert_eq!(run.stderr, refusal);
}

/// A child process killed when the test ends, however it ends.
struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn serve_listens_on_ipv6_loopback_when_there_is_one() {
    if std::net::TcpListener::bind("[::1]:0").is_err() {
        eprintln!("skipped: this machine has no IPv6 loopback");
        return;
    }
    let mut command = Command::new(env!("CARGO_BIN_EXE_hit"));
    command
        .args(["serve", "--host", "::1", "--port", "0"])
        .env_clear();
    command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    let mut child = Killed(command.spawn().expect("spawn hit serve"));
    let mut stdout = std::io::BufReader::new(child.0.stdout.take().unwrap());
    let mut banner = String::new();
    std::io::BufRead::read_line(&mut stdout, &mut banner).unwrap();
    let port = banner.split("http://[::1]:").nth(1);
    let port: u16 = port
        .and_then(|rest| rest.split('/').next()?.parse().ok())
        .unwrap_or_else(|| panic!("no [::1] port in the banner {banner:?}"));
    let health = body(&[&format!("http://[::1]:{port}/health")]);
    assert_eq!(health, json!({"status": "ok"}));
}

// Idempotency-Key

#[test]
fn two_posts_without_a_key_make_two_orders() {
    let practice = Practice::start();
    let first = body(&["POST", &practice.at("/orders"), "item=book", "qty:=2"]);
    let second = body(&["POST", &practice.at("/orders"), "item=book", "qty:=2"]);
    assert_eq!([&first["id"], &second["id"]], [4, 5]);
    assert_eq!(body(&[&practice.at("/orders")])["total"], 5);
}

#[test]
fn the_same_key_and_body_replays_the_first_answer() {
    let practice = Practice::start();
    let key = "Idempotency-Key:order-7";
    let post = || ask(&["POST", &practice.at("/orders"), "item=book", "qty:=2", key]);
    let first = post();
    first.is(0, 201);
    assert_eq!(first.header("Idempotent-Replayed"), None);
    let second = post();
    second.is(0, 201);
    assert_eq!(second.header("Idempotent-Replayed"), Some("true"));
    assert_eq!(second.header("Location"), Some("/orders/4"));
    assert_eq!(second.body, first.body);
    assert_eq!(second.json()["id"], 4);
    assert_eq!(body(&[&practice.at("/orders")])["total"], 4);
}

#[test]
fn the_same_key_with_another_body_is_422() {
    let practice = Practice::start();
    let key = "Idempotency-Key:order-8";
    body(&["POST", &practice.at("/orders"), "item=book", "qty:=2", key]);
    let other = ask(&["POST", &practice.at("/orders"), "item=book", "qty:=3", key]);
    other.is_problem(
        422,
        "Unprocessable Content",
        "this Idempotency-Key was already used with a different body; use a new key for a new \
         request",
    );
    assert_eq!(body(&[&practice.at("/orders")])["total"], 4);
}

#[test]
fn twenty_concurrent_posts_with_one_key_make_one_order() {
    let practice = Practice::start();
    let url = practice.url("/orders");
    let answers = runtime().block_on(async {
        let client = client();
        let mut posts = tokio::task::JoinSet::new();
        for _ in 0..20 {
            let request = client
                .post(&url)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", "one-order")
                .body(r#"{"item": "book", "qty": 2}"#);
            posts.spawn(async move {
                let response = request.send().await.expect("POST /orders");
                let status = response.status().as_u16();
                let replayed = response.headers().contains_key("idempotent-replayed");
                let bytes = response.bytes().await.expect("the body");
                let body: Value = serde_json::from_slice(&bytes).expect("JSON");
                (status, replayed, body)
            });
        }
        posts.join_all().await
    });
    let statuses: Vec<u16> = answers.iter().map(|a| a.0).collect();
    assert_eq!(statuses, [201; 20]);
    let replayed = answers.iter().filter(|a| a.1).count();
    assert_eq!(replayed, 19, "all but the first are replays");
    for (_, _, body) in &answers {
        assert_eq!(*body, json!({"id": 4, "item": "book", "qty": 2}));
    }
    assert_eq!(body(&[&practice.at("/orders")])["total"], 4);
}

// Load

#[test]
fn a_thousand_requests_from_fifty_clients_all_get_200() {
    const CLIENTS: usize = 50;
    const EACH: usize = 20;
    let practice = Practice::start();
    let base = practice.url("");
    let statuses = runtime().block_on(async {
        let mut clients = tokio::task::JoinSet::new();
        for c in 0..CLIENTS {
            let (client, base) = (client(), base.clone());
            clients.spawn(async move {
                let mut statuses = Vec::with_capacity(EACH);
                for n in c * EACH..(c + 1) * EACH {
                    let path = match n % 2 {
                        0 => format!("/products?page={}", n % 7 + 1),
                        _ => format!("/users/{}", n % 25 + 1),
                    };
                    let Ok(response) = client.get(format!("{base}{path}")).send().await else {
                        statuses.push(0);
                        continue;
                    };
                    let status = response.status().as_u16();
                    let read = response.bytes().await.is_ok_and(|b| !b.is_empty());
                    statuses.push(if read { status } else { 0 });
                }
                statuses
            });
        }
        let all = tokio::time::timeout(Duration::from_secs(60), clients.join_all());
        all.await.expect("1,000 requests within 60 s").concat()
    });
    assert_eq!(statuses.len(), CLIENTS * EACH);
    let failed = statuses.iter().filter(|s| **s != 200).count();
    assert_eq!(failed, 0, "{statuses:?}");
    still_serving(&practice);
}
