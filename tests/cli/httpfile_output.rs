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
