//! curl commands as curl reads them (man curl): option values that start with `-`, a
//! multipart Content-Type the user sets, `--form-string`, `-D`, `--trace`, `http:/HOST`
//! URLs over `--unix-socket`, and `-u USER` without a terminal.

use crate::support::{Reply, Server, hit, temp_file, unix_socket_server};

/// A browser's multipart body, pasted as `--data-raw`: it starts with `--`.
const PASTED: &str = "------WebKitFormBoundaryQ1\r\nContent-Disposition: form-data; \
                      name=\"a\"\r\n\r\n1\r\n------WebKitFormBoundaryQ1--\r\n";

#[test]
fn values_that_start_with_a_dash_are_values() {
    let server = Server::ok();
    let content_type = "Content-Type: multipart/form-data; boundary=----WebKitFormBoundaryQ1";
    for option in ["-d", "--data-raw", "--data-binary"] {
        hit(&["-H", content_type, option, PASTED, &server.url("/pasted")])
            .run()
            .success();
    }
    hit(&["-H", "-X-Odd: 1", "-F", "-a=-1", &server.url("/dash")])
        .run()
        .success();
    let requests = server.requests();
    for request in &requests[..3] {
        assert_eq!(request.body_str(), PASTED);
        assert_eq!(
            request.header("content-type"),
            Some("multipart/form-data; boundary=----WebKitFormBoundaryQ1")
        );
    }
    let dash = &requests[3];
    assert_eq!(dash.header("-x-odd"), Some("1"));
    assert!(
        dash.body_str()
            .contains("Content-Disposition: form-data; name=\"-a\"\r\n\r\n-1\r\n"),
        "{}",
        dash.body_str()
    );
}

#[test]
fn a_multipart_type_the_user_sets_gets_the_boundary_of_the_parts() {
    let server = Server::ok();
    let url = server.url("/upload");
    hit(&["-H", "Content-Type: multipart/form-data", "-F", "a=1", &url])
        .run()
        .success();
    let related = "Content-Type: multipart/related; boundary=my-own-boundary";
    hit(&["-H", related, "-F", "a=1", &url]).run().success();
    let requests = server.requests();
    let boundary = requests[0].boundary();
    assert!(
        requests[0]
            .body_str()
            .starts_with(&format!("--{boundary}\r\n"))
    );
    assert_eq!(
        requests[1].header("content-type"),
        Some("multipart/related; boundary=my-own-boundary")
    );
    let body = requests[1].body_str();
    assert!(body.starts_with("--my-own-boundary\r\n"), "{body}");
    assert!(body.ends_with("\r\n--my-own-boundary--\r\n"), "{body}");
}

#[test]
fn form_files_get_curls_types() {
    let (dir, _) = temp_file("a.wav", b"RIFF");
    std::fs::write(dir.path().join("b.png"), b"png").unwrap();
    let server = Server::ok();
    hit(&["-F", "f=@a.wav", "-F", "g=@b.png", &server.url("/")])
        .current_dir(dir.path())
        .run()
        .success();
    let body = server.only_request().body_str();
    assert!(
        body.contains("filename=\"a.wav\"\r\nContent-Type: application/octet-stream\r\n"),
        "{body}"
    );
    assert!(
        body.contains("filename=\"b.png\"\r\nContent-Type: image/png\r\n"),
        "{body}"
    );
}

#[test]
fn form_string_takes_the_value_as_written_in_command_line_order() {
    let server = Server::ok();
    hit(&[
        "-F",
        "a=1",
        "--form-string",
        "b=@not-a-file;type=x",
        "-F",
        "c=\"x;y\";type=text/plain",
        &server.url("/"),
    ])
    .run()
    .success();
    let request = server.only_request();
    let boundary = request.boundary();
    let parts: Vec<String> = request
        .body_str()
        .split(&format!("--{boundary}"))
        .map(str::to_string)
        .collect();
    assert_eq!(
        parts[1..4],
        [
            "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n",
            "\r\nContent-Disposition: form-data; name=\"b\"\r\n\r\n@not-a-file;type=x\r\n",
            "\r\nContent-Disposition: form-data; name=\"c\"\r\nContent-Type: text/plain\r\n\r\nx;y\r\n",
        ]
    );
}

#[test]
fn dump_header_writes_each_response_head_as_received() {
    let server = Server::sequence(vec![
        Reply::new(302).header("Location", "/final"),
        Reply::text(200, "done").header("X-Kind", "last"),
    ]);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("heads.txt");
    let run = hit(&["-L", "-D", file.to_str().unwrap(), &server.url("/start")]).run();
    run.success();
    assert_eq!(run.stdout(), "done");
    let heads = std::fs::read_to_string(&file).unwrap();
    assert!(heads.starts_with("HTTP/1.1 302 Found\r\n"), "{heads}");
    assert!(heads.contains("\r\n\r\nHTTP/1.1 200 OK\r\n"), "{heads}");
    assert!(heads.contains("x-kind: last\r\n"), "{heads}");
    assert!(heads.ends_with("\r\n\r\n"), "{heads}");

    let run = hit(&["-s", "--dump-header", "-", &server.url("/again")]).run();
    run.success();
    let out = run.stdout();
    assert!(out.starts_with("HTTP/1.1 "), "{out}");
    assert!(out.contains("\r\n\r\n"), "{out}");
}

#[test]
fn trace_writes_the_verbose_view_without_colour() {
    let server = Server::reply(Reply::json(200, "{\"ok\":true}"));
    let dir = tempfile::tempdir().unwrap();
    for option in ["--trace", "--trace-ascii"] {
        let file = dir.path().join(format!("{option}.txt"));
        let run = hit(&[
            option,
            file.to_str().unwrap(),
            "-d",
            "a=1",
            "-H",
            "Authorization: Bearer s3cret",
            &server.url("/t"),
        ])
        .terminal()
        .run();
        run.success();
        let trace = std::fs::read_to_string(&file).unwrap();
        assert!(trace.starts_with("POST /t HTTP/1.1\n"), "{trace}");
        assert!(trace.contains("\n\na=1\n"), "{trace}");
        // Credentials are hidden as -v hides them.
        assert!(trace.contains("Authorization: Bearer ••••\n"), "{trace}");
        assert!(!trace.contains("s3cret"), "{trace}");
        assert!(trace.contains("HTTP/1.1 200 OK\n"), "{trace}");
        assert!(trace.ends_with("\n\n{\"ok\":true}"), "{trace}");
        assert!(!trace.contains('\u{1b}'), "{trace}");
    }
}

#[test]
fn a_single_slash_url_reaches_the_unix_socket() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("docker.sock");
    let server = unix_socket_server(
        &path,
        b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\n[]",
    );
    let run = hit(&[
        "--unix-socket",
        path.to_str().unwrap(),
        "http:/v1.24/containers/json",
    ])
    .run();
    run.success();
    assert_eq!(run.stdout(), "[]");
    let head = server.join().unwrap();
    assert!(
        head.starts_with("GET /containers/json HTTP/1.1\r\n"),
        "{head}"
    );

    let run = hit(&["http:/v1.24/containers/json"]).run();
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("reads as an IPv4 address, and this is not one"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_user_without_password_and_no_terminal_sends_an_empty_one() {
    let server = Server::ok();
    hit(&["-u", "sk_test_key", &server.url("/")])
        .run()
        .success();
    // base64("sk_test_key:")
    assert_eq!(
        server.only_request().header("authorization"),
        Some("Basic c2tfdGVzdF9rZXk6")
    );
}

#[test]
fn dump_header_and_trace_never_replace_a_file_without_clobber() {
    let server = Server::ok();
    let dir = tempfile::tempdir().unwrap();
    for option in ["-D", "--dump-header", "--trace"] {
        let file = dir.path().join("kept.txt");
        std::fs::write(&file, "mine").unwrap();
        let path = file.to_str().unwrap();
        let run = hit(&[option, path, &server.url("/x")]).run();
        assert_eq!(run.code, 2, "{option}: {run:#?}");
        assert!(run.stderr.contains("--clobber"), "{}", run.stderr);
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "mine");
        // Nor through a link to it.
        let link = dir.path().join("link.txt");
        let _ = std::fs::remove_file(&link);
        std::os::unix::fs::symlink(&file, &link).unwrap();
        let run = hit(&[option, link.to_str().unwrap(), &server.url("/x")]).run();
        assert_eq!(run.code, 2, "{option}: {run:#?}");
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "mine");

        let run = hit(&["--clobber", option, path, &server.url("/x")]).run();
        run.success();
        assert!(
            std::fs::read_to_string(&file)
                .unwrap()
                .contains("HTTP/1.1 200"),
            "{option}"
        );
    }
    // A device is written to, as -o /dev/null is.
    let run = hit(&["-D", "/dev/stderr", &server.url("/x")]).run();
    run.success();
    assert!(
        run.stderr.starts_with("HTTP/1.1 200 OK\r\n"),
        "{}",
        run.stderr
    );
}
