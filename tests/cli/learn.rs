//! Seeing and understanding a request: `--offline`, the lints, `hit explain` and `--explain`.

use crate::support::{Reply, Server, hit, temp_file};

#[test]
fn offline_prints_a_json_request_as_sent_and_sends_nothing() {
    let server = Server::ok();
    let url = server.url("/orders?source=cli");
    let run = hit(&["--offline", "POST", &url, "item=book", "qty:=2"]).run();
    run.success();
    let port = url.split(':').nth(2).unwrap().split('/').next().unwrap();
    assert_eq!(
        run.stdout(),
        format!(
            "POST /orders?source=cli HTTP/1.1\n\
             Host: 127.0.0.1:{port}\n\
             User-Agent: hit/{}\n\
             Accept: application/json, */*;q=0.5\n\
             Accept-Encoding: gzip, deflate, br\n\
             Content-Type: application/json\n\
             Content-Length: 23\n\
             \n\
             {{\"item\":\"book\",\"qty\":2}}\n\n",
            env!("CARGO_PKG_VERSION")
        )
    );
    assert_eq!(run.stderr, "");
    assert!(server.requests().is_empty(), "--offline sent a request");
}

#[test]
fn offline_resolves_nothing_and_shows_the_first_request_of_a_retried_redirected_one() {
    let run = hit(&[
        "--offline",
        "-L",
        "--retry",
        "3",
        "https://no-such-host.invalid/x",
        "X-Trace:1",
    ])
    .run();
    run.success();
    assert_eq!(
        run.stdout(),
        format!(
            "GET /x HTTP/1.1\nHost: no-such-host.invalid\nUser-Agent: hit/{}\nAccept: */*\n\
             Accept-Encoding: gzip, deflate, br\nX-Trace: 1\n\n",
            env!("CARGO_PKG_VERSION")
        )
    );
}

#[test]
fn offline_prints_a_form_and_a_file_upload() {
    let run = hit(&[
        "--offline",
        "--urlencoded",
        "http://localhost/form",
        "name=Ada Lovelace",
        "x=1&2",
    ])
    .run();
    run.success();
    assert!(
        run.stdout().ends_with(
            "Content-Type: application/x-www-form-urlencoded\nContent-Length: 25\n\n\
             name=Ada+Lovelace&x=1%262\n\n"
        ),
        "{}",
        run.stdout()
    );
    let (_dir, path) = temp_file("report.csv", "a,b\n1,2\n");
    let run = hit(&["--offline", "-T", &path, "http://localhost/upload"]).run();
    run.success();
    let shown = run.stdout();
    assert!(shown.starts_with("PUT /upload HTTP/1.1\n"), "{shown}");
    assert!(shown.contains("Content-Length: 8\n"), "{shown}");
    assert!(
        shown.ends_with(&format!("\n\n(8 bytes streamed from '{path}')\n\n")),
        "{shown}"
    );
}

#[test]
fn offline_prints_multipart_parts_with_a_line_for_each_file() {
    let (_dir, path) = temp_file("notes.txt", "hello\n");
    let run = hit(&[
        "--offline",
        "-F",
        "name=Ada",
        "-F",
        &format!("doc=@{path}"),
        "http://localhost/upload",
    ])
    .run();
    run.success();
    let shown = run.stdout();
    let boundary = shown
        .split("boundary=")
        .nth(1)
        .and_then(|rest| rest.lines().next())
        .unwrap()
        .to_string();
    let body = shown.split("\n\n").skip(1).collect::<Vec<_>>().join("\n\n");
    let expected = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nAda\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"doc\"; filename=\"notes.txt\"\r\n\
         Content-Type: text/plain\r\n\r\n(6 bytes from '{path}')\r\n--{boundary}--\r\n\n"
    );
    assert_eq!(body, expected);
}

/// Runs hit against a server that answers 200 and returns its stderr.
fn lints_of(args: &[&str]) -> String {
    let run = hit(args).run();
    assert_eq!(run.code, 0, "{run:#?}");
    run.stderr
}

#[test]
fn each_lint_fires_once_does_not_block_and_can_be_silenced() {
    let server = Server::ok();
    let url = server.url("/x");
    let long = format!("{url}?q={}", "a".repeat(2_100));
    let cases: [(&str, Vec<String>); 5] = [
        (
            "secret-in-query",
            vec![url.clone(), "api_key==s3cret".into()],
        ),
        (
            "body-without-meaning",
            vec!["GET".into(), url.clone(), "a=1".into()],
        ),
        ("long-url", vec![long]),
        (
            "unsafe-retry",
            vec![
                "--retry".into(),
                "2".into(),
                "POST".into(),
                url.clone(),
                "a=1".into(),
            ],
        ),
        (
            "duplicate-header",
            vec![
                url.clone(),
                "Authorization:a".into(),
                "Authorization:b".into(),
            ],
        ),
    ];
    for (name, args) in &cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let stderr = lints_of(&args);
        let prefix = format!("hit: lint {name}: ");
        assert_eq!(stderr.lines().count(), 1, "{name}: {stderr}");
        assert!(stderr.starts_with(&prefix), "{name}: {stderr}");
        let mut silenced = vec!["--no-lint", name];
        silenced.extend(&args);
        assert_eq!(lints_of(&silenced), "", "{name} with --no-lint");
        let mut quiet = vec!["-q"];
        quiet.extend(&args);
        assert_eq!(lints_of(&quiet), "", "{name} with -q");
    }
    assert_eq!(
        server.requests().len(),
        cases.len() * 3,
        "lints never block"
    );
}

#[test]
fn lints_that_need_another_host_fire_without_sending() {
    // --offline: the host is never reached, so a remote one is safe to name.
    let run = hit(&["--offline", "http://api.example.com/x", "--bearer", "t"]).run();
    run.success();
    assert_eq!(
        run.stderr,
        "hit: lint plain-http-credentials: credentials (the Authorization header) go to \
         api.example.com over plain http, where anyone on the way can read them; use https://\n"
    );
    let run = hit(&["--offline", "-k", "https://api.example.com/x"]).run();
    assert!(
        run.stderr
            .starts_with("hit: lint insecure: -k turns certificate checks off")
    );
    let run = hit(&["--offline", "-k", "https://localhost/x"]).run();
    assert_eq!(run.stderr, "");
}

#[test]
fn an_unknown_lint_name_is_a_usage_error() {
    let run = hit(&["--no-lint", "nope", "http://localhost/"]).run();
    assert_eq!(run.code, 2, "{run:#?}");
    assert!(run.stderr.contains("'nope'"), "{}", run.stderr);
}

/// `--explain` lines of one exchange with a server that answers `reply`.
fn explained(reply: Reply, extra: &[&str]) -> (i32, Vec<String>) {
    let server = Server::reply(reply);
    let url = server.url("/x");
    let mut args = vec!["--explain"];
    args.extend(extra);
    args.push(&url);
    let run = hit(&args).run();
    let lines = run
        .stderr
        .lines()
        .filter_map(|line| line.strip_prefix("hit: explain: "))
        .map(str::to_string)
        .collect();
    (run.code, lines)
}

#[test]
fn explain_annotates_the_method_the_status_and_the_notable_headers() {
    let (code, lines) = explained(Reply::json(200, "{}").header("ETag", "\"v1\""), &[]);
    assert_eq!(code, 0);
    assert_eq!(lines.len(), 3, "{lines:#?}");
    assert!(lines[0].starts_with("GET: safe (it changes nothing) and idempotent. "));
    assert!(lines[0].ends_with("(RFC 9110 §9.3.1)"), "{}", lines[0]);
    assert!(lines[1].starts_with("200 OK: "), "{}", lines[1]);
    assert!(lines[2].starts_with("ETag: \"v1\": "), "{}", lines[2]);

    let (code, lines) = explained(Reply::new(304).header("ETag", "\"v1\""), &[]);
    assert_eq!(code, 0);
    assert!(lines[1].starts_with("304 Not Modified: "), "{lines:#?}");

    let (code, lines) = explained(Reply::json(404, "{}"), &[]);
    assert_eq!(code, 4);
    assert!(lines[1].starts_with("404 Not Found: "), "{lines:#?}");
    assert!(lines[1].ends_with("(RFC 9110 §15.5.5)"), "{lines:#?}");

    let (code, lines) = explained(Reply::json(429, "{}").header("Retry-After", "7"), &[]);
    assert_eq!(code, 4);
    assert!(
        lines[1].starts_with("429 Too Many Requests: "),
        "{lines:#?}"
    );
    assert!(lines[2].starts_with("Retry-After: 7: "), "{lines:#?}");
    assert!(lines[2].ends_with("(RFC 9110 §10.2.3)"), "{lines:#?}");

    let (code, lines) = explained(Reply::new(302).header("Location", "/y"), &["-q"]);
    assert_eq!(code, 3, "-q does not silence what --explain asked for");
    assert!(lines[1].starts_with("302 Found: "), "{lines:#?}");
    assert!(lines[2].starts_with("Location: /y: "), "{lines:#?}");
}

#[test]
fn hit_explain_answers_topics_and_suggests_the_nearest_for_a_typo() {
    let run = hit(&["explain", "retry-after"]).run();
    run.success();
    assert!(
        run.stdout()
            .starts_with("Retry-After  (RFC 9110 §10.2.3)\n"),
        "{}",
        run.stdout()
    );
    let run = hit(&["explain", "Retyr-After"]).run();
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "hit: error: hit explain knows no topic 'Retyr-After' (did you mean Retry-After?)\n"
    );
    let run = hit(&["explain", "get", "vs", "post"]).run();
    run.success();
    assert!(run.stdout().contains("RFC 9110 §9.3.1"), "{}", run.stdout());
    let run = hit(&["explain"]).run();
    run.success();
    for kind in ["Methods:", "Status codes", "Headers:", "Concepts:"] {
        assert!(run.stdout().contains(kind), "{kind}: {}", run.stdout());
    }
}

#[test]
fn hit_explain_covers_every_method_and_status_it_acts_on() {
    for method in [
        "GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH",
    ] {
        let run = hit(&["explain", &method.to_lowercase()]).run();
        run.success();
        assert!(
            run.stdout().starts_with(&format!("{method}  (RFC ")),
            "{method}"
        );
        assert!(run.stdout().contains("Classic mistakes: "), "{method}");
    }
    let run = hit(&["explain", "503"]).run();
    run.success();
    assert!(
        run.stdout().contains("What to do next: "),
        "{}",
        run.stdout()
    );
    assert!(
        run.stdout()
            .contains("With hit: hit exits 5; --retry retries it"),
        "{}",
        run.stdout()
    );
    let run = hit(&["explain", "499"]).run();
    run.success();
    assert!(
        run.stdout().contains("Not a registered code: nginx"),
        "{}",
        run.stdout()
    );
}

#[test]
fn offline_on_a_terminal_shows_the_body_bytes_unformatted() {
    let run = hit(&[
        "--offline",
        "PUT",
        "http://localhost/users/1",
        "name=Ada King",
    ])
    .plain_terminal()
    .run();
    run.success();
    assert!(
        run.stdout()
            .ends_with("Content-Length: 19\n\n{\"name\":\"Ada King\"}\n\n"),
        "{}",
        run.stdout()
    );
}

#[test]
fn hit_explain_has_a_topic_for_every_lint_and_for_the_lessons_by_their_usual_names() {
    let lints = [
        "secret-in-query",
        "plain-http-credentials",
        "body-without-meaning",
        "long-url",
        "unsafe-retry",
        "insecure",
        "duplicate-header",
        "check-assigns",
    ];
    for lint in lints {
        let run = hit(&["explain", lint]).run();
        run.success();
        // The page's lines joined again, whatever the width they were wrapped to.
        let page = run.stdout().replace("\n  ", " ");
        let with_hit = format!(
            "With hit: a lint: before sending, one line on stderr (hit: lint {lint}: ...) says \
             what, why and the fix, and the request goes anyway; --no-lint {lint} silences it, \
             -q every lint\n"
        );
        assert!(page.ends_with(&with_hit), "{lint}: {page}");
    }
    let listed = hit(&["explain"]).run();
    listed.success();
    let listed = listed.stdout().replace("\n  ", " ");
    for lint in lints {
        assert!(listed.contains(lint), "{lint}: {listed}");
    }
    for (alias, topic) in [
        ("url-length", "long-url"),
        ("secrets-in-urls", "secret-in-query"),
        ("get-body", "body-without-meaning"),
        ("PATCH-vs-PUT", "put-vs-patch"),
        ("paginate", "pagination"),
    ] {
        let by_alias = hit(&["explain", alias]).run();
        by_alias.success();
        assert_eq!(
            by_alias.stdout,
            hit(&["explain", topic]).run().stdout,
            "{alias}"
        );
    }
    let run = hit(&["explain", "put-vs-patch", "paginaton"]).run();
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "hit: error: hit explain knows no topic 'paginaton' (did you mean pagination?)\n"
    );
    assert!(run.stdout.is_empty());
}
