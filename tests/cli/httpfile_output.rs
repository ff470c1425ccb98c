//! `hit run`: what it shows of a request whose values came from the environment, and the
//! one line `-q` keeps when a request stops the run.

use serde_json::{Value, json};

use crate::support::{Recorded, Reply, Server, hit};

/// A directory holding `api.http` with `source`.
fn http_file(source: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("api.http"), source).unwrap();
    dir
}

/// A header, a query value and a body that take `$processEnv API_TOKEN`, directly and
/// through a variable.
fn secret_request(server: &Server) -> String {
    format!(
        "@token = {{{{$processEnv API_TOKEN}}}}\n\n\
         POST {}?key={{{{$processEnv API_TOKEN}}}}&page=2\n\
         X-Api-Key: {{{{token}}}}\nContent-Type: application/json\n\n\
         {{\"token\": \"{{{{token}}}}\"}}\n",
        server.url("/items")
    )
}

/// The request as `-p HB` prints it, with `key`, `header` and `body` for the values.
fn shown(port: u16, key: &str, header: &str, body: &str) -> String {
    format!(
        "POST /items?key={key}&page=2 HTTP/1.1\nHost: 127.0.0.1:{port}\nUser-Agent: hit/0.1.0\n\
         Accept: */*\nAccept-Encoding: gzip, deflate, br\nX-Api-Key: {header}\n\
         Content-Type: application/json\nContent-Length: 23\n\n\
         {{\"token\": \"{body}\"}}\n\n"
    )
}

#[test]
fn values_from_process_env_are_hidden_where_the_request_is_shown() {
    let server = Server::ok();
    let dir = http_file(&secret_request(&server));
    let port = server.addr.port();
    let run_with = |options: &[&str]| {
        let mut args = vec!["run", "api.http", "-p", "HB"];
        args.extend_from_slice(options);
        let run = hit(&args)
            .env("API_TOKEN", "s3cr3t tok")
            .current_dir(dir.path())
            .run();
        run.success();
        run
    };
    let run = run_with(&[]);
    assert_eq!(run.stdout(), shown(port, "••••", "••••", "••••"));
    let run = run_with(&["-v"]);
    assert!(
        run.stdout()
            .starts_with(&shown(port, "••••", "••••", "••••"))
    );
    assert!(!run.stdout().contains("s3cr3t"), "{}", run.stdout());
    let run = run_with(&["--show-secrets"]);
    let clear = shown(port, "s3cr3t%20tok", "s3cr3t tok", "s3cr3t tok");
    assert_eq!(run.stdout(), clear);

    let run = hit(&["run", "api.http", "--output-format", "json"])
        .env("API_TOKEN", "s3cr3t tok")
        .current_dir(dir.path())
        .run();
    run.success();
    let document: Value = serde_json::from_slice(&run.stdout).unwrap();
    assert_eq!(
        document["request"]["url"],
        format!("http://127.0.0.1:{port}/items?key=••••&page=2")
    );
    let headers = document["request"]["headers"].as_array().unwrap();
    assert!(
        headers.contains(&json!(["X-Api-Key", "••••"])),
        "{headers:?}"
    );
    assert!(!run.stdout().contains("s3cr3t"));

    // The server received the real values every time.
    let requests = server.requests();
    assert_eq!(requests.len(), 4);
    for request in &requests {
        assert_eq!(request.target, "/items?key=s3cr3t%20tok&page=2");
        assert_eq!(request.header("x-api-key"), Some("s3cr3t tok"));
        assert_eq!(request.body, br#"{"token": "s3cr3t tok"}"#);
    }
}

/// 404 with a request ID for `/missing`, 200 for anything else.
fn api() -> Server {
    Server::start(|r: &Recorded| match r.target.as_str() {
        "/missing" => Reply::json(404, r#"{"error":"no"}"#).header("X-Request-Id", "req-42"),
        _ => Reply::json(200, r#"{"status":"ok"}"#),
    })
}

#[test]
fn quiet_names_the_request_that_stopped_the_run_and_qq_says_nothing() {
    let server = api();
    let source = format!(
        "### first\nGET {ok}\n\n###\n# @name lookup\nGET {missing}\n\n###\nGET {ok}\n",
        ok = server.url("/ok"),
        missing = server.url("/missing"),
    );
    let dir = http_file(&source);
    let run = hit(&["run", "api.http", "-q", "--fail-fast"])
        .current_dir(dir.path())
        .run();
    assert_eq!((run.code, run.stdout()), (4, String::new()));
    assert_eq!(
        run.stderr,
        format!(
            "hit: error: api.http:6: lookup (GET {}): 404 Not Found (request id: req-42)\n",
            server.url("/missing")
        )
    );
    let run = hit(&["run", "api.http", "-qq", "--fail-fast"])
        .current_dir(dir.path())
        .run();
    assert_eq!(
        (run.code, run.stdout(), run.stderr.as_str()),
        (4, String::new(), "")
    );
    // The third request was never sent.
    assert_eq!(server.requests().len(), 4);
}

#[test]
#[cfg(feature = "jq")]
fn quiet_names_a_failed_check_and_a_refused_connection_once() {
    let server = api();
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let closed_port = closed.local_addr().unwrap().port();
    drop(closed);
    let source = format!(
        "GET {ok}\n# @check .status == \"down\"\n\n###\nGET http://127.0.0.1:{closed_port}/x\n",
        ok = server.url("/ok"),
    );
    let dir = http_file(&source);
    let run = hit(&["run", "api.http", "-q", "--fail-fast"])
        .current_dir(dir.path())
        .run();
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        format!(
            "hit: error: api.http:1: GET {}: check failed: .status == \"down\" (.status is \
             \"ok\")\n",
            server.url("/ok")
        )
    );
    // By default the run goes on; the refused connection (7) decides and is named.
    let run = hit(&["run", "api.http", "-q"])
        .current_dir(dir.path())
        .run();
    assert_eq!(run.code, 7);
    assert_eq!(
        run.stderr,
        format!(
            "hit: error: api.http:5: GET http://127.0.0.1:{closed_port}/x: cannot connect to \
             127.0.0.1:{closed_port}: Connection refused (is anything listening on \
             127.0.0.1:{closed_port}?)\n"
        )
    );
    let run = hit(&["run", "api.http", "-qq", "--continue"])
        .current_dir(dir.path())
        .run();
    assert_eq!((run.code, run.stderr.as_str()), (7, ""));
}
