//! Methods, default headers, auth, header options and redirects.

use crate::support::{Reply, Server, hit};

const USER_AGENT: &str = concat!("hit/", env!("CARGO_PKG_VERSION"));

#[test]
fn every_common_method_case_insensitive() {
    let server = Server::reply(Reply::text(200, "body"));
    for method in ["get", "POST", "Put", "patch", "DELETE", "head", "OPTIONS"] {
        let run = hit(&[method, &server.url("/m")]).run();
        run.success();
        let expected = if method == "head" { "" } else { "body" };
        assert_eq!(run.stdout(), expected, "{method}");
    }
    let methods: Vec<String> = server.requests().into_iter().map(|r| r.method).collect();
    assert_eq!(
        methods,
        ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]
    );
}

#[test]
fn custom_methods_positional_and_request_flag() {
    let server = Server::ok();
    hit(&["PURGE", &server.url("/a")]).run().success();
    hit(&["-X", "PROPFIND", &server.url("/b")]).run().success();
    let methods: Vec<String> = server.requests().into_iter().map(|r| r.method).collect();
    assert_eq!(methods, ["PURGE", "PROPFIND"]);
}

#[test]
fn default_headers() {
    let server = Server::ok();
    hit(&[&server.bare("/d")]).run().success();
    let req = server.only_request();
    assert_eq!(req.method, "GET");
    assert_eq!(req.header("user-agent"), Some(USER_AGENT));
    assert_eq!(req.header("accept"), Some("*/*"));
    assert_eq!(req.header("accept-encoding"), Some("gzip, deflate, br"));
    assert_eq!(req.header("referer"), None);
    assert_eq!(req.header("content-type"), None);
}

#[test]
fn header_options() {
    let server = Server::ok();
    hit(&[
        "-H",
        "X-Api-Key: k1",
        "-H",
        "Accept-Encoding:",
        "-A",
        "agent/1",
        "-e",
        "https://ref.example/",
        "-b",
        "a=1; b=2",
        "-b",
        "c=3",
        "--accept",
        "json",
        &server.url("/h"),
    ])
    .run()
    .success();
    let req = server.only_request();
    assert_eq!(req.header("x-api-key"), Some("k1"));
    assert_eq!(req.header("accept-encoding"), None);
    assert_eq!(req.header("user-agent"), Some("agent/1"));
    assert_eq!(req.header("referer"), Some("https://ref.example/"));
    assert_eq!(req.header("cookie"), Some("a=1; b=2; c=3"));
    assert_eq!(req.header("accept"), Some("application/json"));
}

#[test]
fn a_url_in_the_query_keeps_the_loopback_default() {
    let server = Server::ok();
    let url = server.bare("/login?next=https://app.example/x");
    hit(&[&url]).run().success();
    assert_eq!(
        server.only_request().target,
        "/login?next=https://app.example/x"
    );
}

#[test]
fn accept_cannot_be_removed_and_says_so() {
    let server = Server::ok();
    let run = hit(&["-p", "H", &server.url("/"), "Accept:"]).run();
    run.success();
    assert!(run.stdout().contains("\nAccept: */*\n"), "{}", run.stdout());
    assert_eq!(
        run.stderr,
        "hit: warning: the HTTP client always sends an Accept header, so 'Accept:' sends 'Accept: */*'; 'Accept;' sends it empty\n"
    );
    hit(&[&server.url("/"), "Accept;"]).run().success();
    let accepts: Vec<String> = server
        .requests()
        .iter()
        .map(|r| r.header("accept").unwrap().to_string())
        .collect();
    assert_eq!(accepts, ["*/*", ""]);
}

#[test]
fn basic_and_bearer_auth() {
    let server = Server::ok();
    hit(&["-u", "alice:s3cret", &server.url("/b")])
        .run()
        .success();
    hit(&["--bearer", "tok123", &server.url("/t")])
        .run()
        .success();
    let auth: Vec<String> = server
        .requests()
        .iter()
        .map(|r| r.header("authorization").unwrap().to_string())
        .collect();
    assert_eq!(auth, ["Basic YWxpY2U6czNjcmV0", "Bearer tok123"]);
}

#[test]
fn head_flag_prints_headers_even_in_a_pipe() {
    let server = Server::reply(Reply::text(200, "hello").header("X-Thing", "1"));
    let run = hit(&["-I", &server.url("/")]).run();
    run.success();
    assert_eq!(
        run.stdout(),
        "HTTP/1.1 200 OK\nContent-Type: text/plain\nX-Thing: 1\nContent-Length: 5\n\n"
    );
    assert_eq!(server.only_request().method, "HEAD");
}

#[test]
fn redirects_are_followed_only_with_location() {
    let target = Server::reply(Reply::text(200, "arrived"));
    let to = target.url("/end");
    let start = Server::start(move |_| Reply::new(302).header("Location", &to));
    let run = hit(&[&start.url("/start")]).run();
    assert_eq!(run.code, 3);
    assert_eq!(run.stdout(), "");
    assert_eq!(
        run.stderr,
        format!(
            "hit: warning: 302 Found to {} was not followed (pass -L to follow redirects)\n",
            target.url("/end")
        )
    );
    let run = hit(&["-L", &start.url("/start")]).run();
    run.success();
    assert_eq!(run.stdout(), "arrived");
    assert_eq!(target.only_request().header("referer"), None);
}

#[test]
fn proxy_flag_sends_the_request_through_the_proxy() {
    let proxy = Server::reply(Reply::text(200, "via proxy"));
    let run = hit(&["-x", &proxy.url(""), "http://example.invalid/path?q=1"]).run();
    run.success();
    assert_eq!(run.stdout(), "via proxy");
    let req = proxy.only_request();
    assert_eq!(req.target, "/path?q=1");
    assert_eq!(req.header("host"), Some("example.invalid"));
}

#[test]
fn user_without_password_prompts_on_a_terminal() {
    // `script` (util-linux) gives hit a pseudo-terminal, so it prompts and reads the answer.
    let server = Server::ok();
    let command = format!(
        "{} -u alice {}",
        env!("CARGO_BIN_EXE_hit"),
        server.url("/private")
    );
    let mut child = std::process::Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .env_clear()
        .env("PATH", "/usr/bin:/bin")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("script(1) from util-linux");
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let (chunks, received) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut buf = [0u8; 1024];
        while let Ok(n @ 1..) = std::io::Read::read(&mut stdout, &mut buf) {
            let _ = chunks.send(buf[..n].to_vec());
        }
    });
    // Answer only once the prompt is up, as a person would.
    let mut output = Vec::new();
    while !String::from_utf8_lossy(&output).contains("password for alice: ") {
        match received.recv_timeout(std::time::Duration::from_secs(20)) {
            Ok(chunk) => output.extend(chunk),
            Err(_) => {
                let _ = child.kill();
                panic!("no password prompt: {:?}", String::from_utf8_lossy(&output));
            }
        }
    }
    // rpassword writes the prompt before it turns echo off: answer once it is off.
    let script = child.id();
    crate::support::wait_until(
        "echo turned off for the password",
        std::time::Duration::from_secs(20),
        || echo_is_off(script),
    );
    std::io::Write::write_all(&mut stdin, b"s3cret\n").unwrap();
    let status = crate::support::wait_with_deadline(&mut child, std::time::Duration::from_secs(30));
    drop(stdin);
    output.extend(received.iter().flatten());
    let output = String::from_utf8_lossy(&output);
    assert!(status.success(), "{output}");
    assert!(
        output.starts_with("hit: password for alice: "),
        "{output:?}"
    );
    assert!(
        !output.contains("s3cret"),
        "the password is not echoed: {output:?}"
    );
    assert_eq!(
        server.only_request().header("authorization"),
        Some("Basic YWxpY2U6czNjcmV0")
    );
}

#[test]
fn https_verifies_certificates_unless_told_otherwise() {
    let (server, ca_pem) = Server::start_tls(|_| Reply::text(200, "secure"));
    let url = format!("https://{}/", server.addr);
    let port = server.addr.port();

    let run = hit(&[&url]).run();
    assert_eq!(run.code, 7, "{run:#?}");
    assert!(
        run.stderr.starts_with(&format!(
            "hit: error: TLS handshake with 127.0.0.1:{port} failed: "
        )),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.ends_with(
            "(--cacert FILE trusts a private CA, or the server's own self-signed certificate)\n"
        ),
        "{}",
        run.stderr
    );

    let (_dir, ca) = crate::support::temp_file("ca.pem", ca_pem);
    let run = hit(&["--cacert", &ca, &url]).run();
    run.success();
    assert_eq!(run.stdout(), "secure");

    let run = hit(&["-k", &url]).run();
    run.success();
    assert_eq!(run.stdout(), "secure");
    assert_eq!(server.requests().len(), 2);
}

#[test]
fn one_authorization_and_a_content_length_that_matches_the_body() {
    let server = Server::ok();
    let url = format!("http://user:wrong@{}/x", server.addr);
    let run = hit(&["-u", "user:right", &url]).run();
    run.success();
    assert_eq!(
        server.only_request().header_all("authorization"),
        ["Basic dXNlcjpyaWdodA=="]
    );
    assert_eq!(
        run.stderr,
        "hit: warning: -u/--bearer replaces the user and password in the URL\n"
    );

    for given in ["0", "10"] {
        let server = Server::ok();
        let header = format!("Content-Length: {given}");
        let run = hit(&["-H", &header, "--data-raw", "foo", &server.url("/")]).run();
        run.success();
        let request = server.only_request();
        assert_eq!(request.body, b"foo");
        assert_eq!(request.header_all("content-length"), ["3"]);
        assert_eq!(
            run.stderr,
            format!(
                "hit: warning: not sending 'Content-Length: {given}': the body has 3 bytes, and a \
                 length that disagrees with it would corrupt the request\n"
            )
        );
    }
}

#[test]
fn head_with_a_body_is_a_usage_error() {
    let run = hit(&["-I", "-d", "x=1", "http://127.0.0.1:9/"]).run();
    assert_eq!(run.code, 2, "{run:#?}");
    assert_eq!(
        run.stderr,
        "hit: error: HEAD asks for the headers alone and carries no body, but the request has \
         one; drop the data, or use GET\n"
    );
}

/// Whether the terminal of the `hit` that `script` (pid `script`) runs has echo turned off,
/// as `stty` reads it.
fn echo_is_off(script: u32) -> bool {
    let parent = |pid: &str| {
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
        let after_name = stat.rsplit_once(')')?.1;
        after_name.split_whitespace().nth(1)?.parse::<u32>().ok()
    };
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return false;
    };
    let hit = entries.flatten().find_map(|entry| {
        let pid = entry.file_name().to_string_lossy().into_owned();
        let comm = std::fs::read_to_string(format!("/proc/{pid}/comm")).ok()?;
        let mut up = parent(&pid)?;
        let below_script = (0..3).any(|_| {
            let found = up == script;
            up = parent(&up.to_string()).unwrap_or(0);
            found
        });
        (comm.trim() == "hit" && below_script).then_some(pid)
    });
    let Some(terminal) = hit.and_then(|pid| std::fs::read_link(format!("/proc/{pid}/fd/0")).ok())
    else {
        return false;
    };
    let stty = std::process::Command::new("stty")
        .arg("-F")
        .arg(terminal)
        .arg("-a")
        .env_clear()
        .env("PATH", "/usr/bin:/bin")
        .output();
    stty.is_ok_and(|out| String::from_utf8_lossy(&out.stdout).contains(" -echo "))
}
