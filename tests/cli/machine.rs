//! Output for scripts and streams: `--output-format json`, `-w`, `-f`, `--stream`,
//! `--sort-keys`, `--indent`, and terminal safety.

use std::io::{BufRead, BufReader, Read, Write};
use std::time::Duration;

use crate::support::{Raw, Reply, Server, hit, raw_server};

#[test]
fn output_format_json_is_the_whole_exchange() {
    let server = Server::reply(
        Reply::json(201, r#"{"id": 12345678901234567890123, "price": 1.10}"#)
            .header("X-Request-Id", "abc"),
    );
    let run = hit(&[
        "--output-format",
        "json",
        "POST",
        &server.url("/items?x=1"),
        "name=Ada",
    ])
    .run();
    run.success();
    let text = run.stdout();
    // The body is embedded token for token.
    assert!(
        text.contains(r#""body":{"id": 12345678901234567890123, "price": 1.10}"#),
        "{text}"
    );
    let doc: serde_json::Value = serde_json::from_str(&text).expect("one JSON document");
    assert_eq!(doc["request"]["method"], "POST");
    assert_eq!(doc["request"]["url"], server.url("/items?x=1"));
    assert!(
        doc["request"]["headers"]
            .as_array()
            .unwrap()
            .contains(&serde_json::json!(["Content-Type", "application/json"]))
    );
    assert_eq!(doc["response"]["status"], 201);
    assert_eq!(doc["response"]["reason"], "Created");
    assert_eq!(doc["response"]["http_version"], "HTTP/1.1");
    assert_eq!(
        doc["response"]["headers"][1],
        serde_json::json!(["x-request-id", "abc"])
    );
    assert_eq!(doc["response"]["body_size"], 46);
    assert_eq!(doc["attempts"], 1);
    assert_eq!(doc["redirects"], 0);
    assert_eq!(doc["remote_address"], server.addr.to_string());
    assert!(doc["timing"]["total"].as_f64().unwrap() > 0.0);
}

#[test]
fn output_format_json_embeds_text_and_binary_bodies_as_strings() {
    let server = Server::reply(Reply::text(200, "plain {text}"));
    let run = hit(&["--output-format", "json", &server.url("/")]).run();
    let doc: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    assert_eq!(doc["response"]["body"], "plain {text}");

    let server = Server::reply(Reply::new(200).body(b"\xff\x00\x01"));
    let run = hit(&["--output-format", "json", &server.url("/")]).run();
    let doc: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    assert_eq!(doc["response"]["body"], "/wAB");
    assert_eq!(doc["response"]["body_encoding"], "base64");

    // Invalid JSON with a JSON type is a string too.
    let server = Server::reply(Reply::json(200, "{broken"));
    let run = hit(&["--output-format", "json", &server.url("/")]).run();
    let doc: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    assert_eq!(doc["response"]["body"], "{broken");
}

#[test]
fn output_format_json_on_a_terminal_is_formatted() {
    let server = Server::reply(Reply::json(200, "[1]"));
    let run = hit(&["--output-format", "json", &server.url("/")])
        .plain_terminal()
        .run();
    let text = run.stdout();
    assert!(text.starts_with("{\n    \"request\": {\n"), "{text}");
    assert!(
        text.contains("\"body\": [\n            1\n        ],"),
        "{text}"
    );
    serde_json::from_str::<serde_json::Value>(&text).unwrap();
}

#[test]
fn write_out_prints_curls_variables_after_the_body() {
    let server = Server::reply(
        Reply::new(200)
            .body("hello")
            .header("Content-Type", "text/plain; charset=utf-8")
            .header("X-Trace", "t-1"),
    );
    let run = hit(&[
        "-w",
        "\\n%{http_code} %{size_download} %{content_type} %{url_effective} %header{x-trace} %{num_redirects}\\n",
        &server.url("/w"),
    ])
    .run();
    run.success();
    assert_eq!(
        run.stdout(),
        format!(
            "hello\n200 5 text/plain; charset=utf-8 {} t-1 0\n",
            server.url("/w")
        )
    );
}

#[test]
fn write_out_times_look_like_curls() {
    let server = Server::ok();
    let run = hit(&[
        "-w",
        "%{time_total} %{time_starttransfer}",
        &server.url("/"),
    ])
    .run();
    let out = run.stdout();
    let times: Vec<f64> = out.split(' ').map(|t| t.parse().unwrap()).collect();
    assert!(times[0] >= times[1] && times[1] > 0.0, "{out}");
    assert!(
        out.split(' ')
            .all(|t| t.split('.').nth(1).unwrap().len() == 6),
        "{out}"
    );
}

#[test]
fn write_out_knows_where_a_redirect_points() {
    let server = Server::reply(Reply::new(302).header("Location", "/elsewhere"));
    let run = hit(&["-w", "%{redirect_url}", &server.url("/a/b")]).run();
    assert_eq!(run.code, 3);
    assert_eq!(run.stdout(), server.url("/elsewhere"));
}

#[test]
fn write_out_rejects_unknown_variables() {
    let run = hit(&["-w", "%{bogus}", ":1"]).run();
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .starts_with("hit: error: bad --write-out: unknown variable '%{bogus}'"),
        "{}",
        run.stderr
    );
}

#[test]
fn fail_hides_the_body_of_an_error_status() {
    let server = Server::reply(Reply::text(404, "secret page").header("X-Request-Id", "r-9"));
    let run = hit(&["-f", &server.url("/")]).run();
    assert_eq!(run.code, 4);
    assert_eq!(run.stdout(), "");
    assert_eq!(
        run.stderr,
        "hit: warning: 404 Not Found (request id: r-9)\n"
    );

    // On a terminal too, where the headers are still shown.
    let run = hit(&["-f", &server.url("/")]).plain_terminal().run();
    assert!(!run.stdout().contains("secret page"), "{}", run.stdout());
    assert!(run.stdout().starts_with("HTTP/1.1 404 Not Found\n"));
    assert_eq!(
        run.stderr,
        "hit: warning: 404 Not Found (request id: r-9)\n"
    );

    // A success is printed as usual.
    let server = Server::reply(Reply::text(200, "fine"));
    assert_eq!(hit(&["-f", &server.url("/")]).run().stdout(), "fine");
}

#[test]
fn sort_keys_and_indent() {
    let server = Server::reply(Reply::json(200, r#"{"b":1,"a":{"d":2,"c":[3]}}"#));
    let run = hit(&[
        "--pretty",
        "format",
        "--sort-keys",
        "--indent",
        "2",
        &server.url("/"),
    ])
    .run();
    assert_eq!(
        run.stdout(),
        "{\n  \"a\": {\n    \"c\": [\n      3\n    ],\n    \"d\": 2\n  },\n  \"b\": 1\n}\n"
    );
}

#[test]
fn a_terminal_never_receives_escape_sequences() {
    let response: &'static [u8] = b"HTTP/1.1 200 OK\r\nX-Evil: a\xc2\x9b31mb\r\nContent-Type: text/plain\r\nContent-Length: 17\r\n\r\nhi\x1b[2J\x1b]0;pwn\x07\r!\x7f";
    let (port, _) = raw_server(move |_| Raw::Answer(response));
    let url = format!("127.0.0.1:{port}/");

    let run = hit(&[&url]).plain_terminal().run();
    run.success();
    assert_eq!(
        run.stdout(),
        "HTTP/1.1 200 OK\nX-Evil: a<U+009B>31mb\nContent-Type: text/plain\nContent-Length: 17\n\nhi^[[2J^[]0;pwn^G^M!^?\n"
    );

    // A pipe gets the bytes as they were sent.
    let run = hit(&[&url]).run();
    run.success();
    assert_eq!(run.stdout, &response[response.len() - 17..]);
}

#[test]
fn a_terminal_shows_text_in_its_charset() {
    let server = Server::reply(
        Reply::new(200)
            .header("Content-Type", "text/plain; charset=ISO-8859-1")
            .body(b"caf\xe9 cr\xe8me"),
    );
    let run = hit(&["--body", &server.url("/")]).terminal().run();
    assert_eq!(run.stdout(), "café crème\n");
    let run = hit(&[&server.url("/")]).run();
    assert_eq!(run.stdout, b"caf\xe9 cr\xe8me");
}

/// A server that sends one NDJSON line, waits for `release`, then sends the second.
fn two_line_stream(content_type: &'static str) -> (u16, std::sync::mpsc::Sender<()>) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let (release, released) = std::sync::mpsc::channel::<()>();
    std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().unwrap();
        let mut buf = [0u8; 4096];
        let _ = stream.read(&mut buf);
        let head = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nTransfer-Encoding: chunked\r\n\r\n"
        );
        let first = "{\"n\":1}\n";
        let second = "{\"n\":2}\n";
        let _ = write!(stream, "{head}{:x}\r\n{first}\r\n", first.len());
        let _ = stream.flush();
        let _ = released.recv_timeout(Duration::from_secs(20));
        let _ = write!(stream, "{:x}\r\n{second}\r\n0\r\n\r\n", second.len());
    });
    (port, release)
}

#[test]
fn ndjson_streams_each_line_as_it_arrives() {
    let (port, release) = two_line_stream("application/x-ndjson");
    let mut child = hit(&[&format!("127.0.0.1:{port}/")]).spawn();
    let mut lines = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    // The second line is held back by the server until this one has arrived.
    lines.read_line(&mut first).unwrap();
    assert_eq!(first, "{\"n\":1}\n");
    release.send(()).unwrap();
    let mut rest = String::new();
    lines.read_to_string(&mut rest).unwrap();
    assert_eq!(rest, "{\"n\":2}\n");
    let status = crate::support::wait_with_deadline(&mut child, Duration::from_secs(20));
    assert!(status.success());
}

#[test]
fn the_stream_option_flushes_any_body() {
    let (port, release) = two_line_stream("text/plain");
    let mut child = hit(&["--stream", &format!("127.0.0.1:{port}/")]).spawn();
    let mut lines = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    lines.read_line(&mut first).unwrap();
    assert_eq!(first, "{\"n\":1}\n");
    release.send(()).unwrap();
    let status = crate::support::wait_with_deadline(&mut child, Duration::from_secs(20));
    assert!(status.success());
}

#[test]
fn warnings_neutralise_what_the_server_sent() {
    let response: &'static [u8] =
        b"HTTP/1.1 404 Not Found\r\nX-Request-Id: id\xc2\x9b2J\r\nContent-Length: 0\r\n\r\n";
    let (port, _) = raw_server(move |_| Raw::Answer(response));
    let run = hit(&[&format!("127.0.0.1:{port}/")]).run();
    assert_eq!(run.code, 4);
    assert_eq!(
        run.stderr,
        "hit: warning: 404 Not Found (request id: id<U+009B>2J)\n"
    );
}

#[test]
fn output_format_json_leaves_out_a_body_too_large_to_embed() {
    let server = Server::reply(Reply::text(200, &"x".repeat(17 * 1024 * 1024)));
    let run = hit(&["--output-format", "json", &server.url("/")]).run();
    run.success();
    let doc: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    assert_eq!(doc["response"]["body"], serde_json::Value::Null);
    assert_eq!(doc["response"]["body_size"], 17 * 1024 * 1024);
    assert!(
        doc["response"]["body_omitted"]
            .as_str()
            .unwrap()
            .starts_with("larger than 16 MiB")
    );
}

#[test]
fn a_closed_stderr_does_not_crash_hit() {
    let server = Server::reply(Reply::new(404));
    let mut child = hit(&[&server.url("/")]).spawn();
    drop(child.stderr.take());
    let status = crate::support::wait_with_deadline(&mut child, Duration::from_secs(20));
    assert_eq!(status.code(), Some(4), "{status:?}");
}

#[test]
fn indent_is_limited() {
    let run = hit(&["--indent", "17", ":1"]).run();
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("from 0 to 16"), "{}", run.stderr);
}

/// `-w` and the document for a request that failed before it was sent.
fn reports_before_sending(hit: crate::support::Hit, code: i32, kind: &str, message: &str) {
    let run = hit.run();
    assert_eq!(run.code, code, "{run:#?}");
    let document: serde_json::Value = serde_json::from_str(run.stdout().trim()).unwrap();
    assert_eq!(document["error"]["kind"], kind, "{document}");
    assert_eq!(document["error"]["message"], message, "{document}");
    assert_eq!(document["error"]["exit_code"], code, "{document}");
    assert_eq!(document["attempts"], 0, "{document}");
}

#[test]
fn a_request_that_fails_before_it_is_sent_still_reports() {
    let server = Server::ok();
    let url = server.url("/up");
    let template = "%{http_code} %{method} %{num_retries}";
    let run = hit(&["-T", "/missing", "-w", template, &url]).run();
    assert_eq!((run.code, run.stdout().as_str()), (1, "000 PUT 0"));
    assert_eq!(
        run.stderr,
        "hit: error: cannot read '/missing': No such file or directory\n"
    );
    let missing = "cannot read '/missing': No such file or directory";
    let json = ["--output-format", "json"];
    reports_before_sending(
        hit(&[&json[..], &["-T", "/missing", &url]].concat()),
        1,
        "other",
        missing,
    );

    // -m runs out while stdin is still the body.
    let run = hit(&["-m", "0.5", "-w", template, "PUT", &url])
        .stdin_then_silence("part")
        .run();
    assert_eq!((run.code, run.stdout().as_str()), (8, "000 PUT 0"));

    // A profile's token command fails.
    let config = crate::profiles::Config::new();
    let profile =
        format!("base_url = \"{url}\"\n\n[auth]\ntype = \"bearer\"\ntoken_cmd = \"exit 3\"\n");
    config.write("tk", &profile);
    let run = config.hit(&["-P", "tk", "-w", template, "/x"]).run();
    assert_eq!((run.code, run.stdout().as_str()), (1, "000 GET 0"));
    let failed = "profile 'tk': token_cmd 'exit 3' exited with status 3";
    reports_before_sending(
        config.hit(&[&json[..], &["-P", "tk", "/x"]].concat()),
        1,
        "other",
        failed,
    );
    assert!(server.requests().is_empty());
}

#[test]
fn the_attempts_made_are_reported_when_all_fail() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("127.0.0.1:{port}/");
    let retry = ["--retry", "2", "--retry-delay", "0.01"];
    let run = hit(&[&retry[..], &["-w", "%{http_code} %{num_retries}", &url]].concat()).run();
    assert_eq!((run.code, run.stdout().as_str()), (7, "000 2"));
    let run = hit(&[&retry[..], &["--output-format", "json", &url]].concat()).run();
    let document: serde_json::Value = serde_json::from_str(run.stdout().trim()).unwrap();
    assert_eq!(document["attempts"], 3, "{document}");
}
