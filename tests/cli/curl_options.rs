//! curl's options that copied commands use (`--url`, HTTP versions, `-4`/`-6`, `--resolve`,
//! `--connect-to`, `--unix-socket`, `--noproxy`, `--raw`, `-g`), and curl's options hit
//! lacks, named as such.

use std::io::Write;

use crate::support::{Reply, Server, hit, unix_socket_server};

#[test]
fn url_gives_the_url_and_every_positional_word_is_an_item() {
    let server = Server::ok();
    hit(&["--url", &server.url("/x"), "a=1", "X-Y:z"])
        .run()
        .success();
    hit(&["PUT", "--url", &server.url("/y")]).run().success();
    let requests = server.requests();
    assert_eq!(requests[0].method, "POST");
    assert_eq!(requests[0].target, "/x");
    assert_eq!(requests[0].body_str(), r#"{"a":"1"}"#);
    assert_eq!(requests[0].header("x-y"), Some("z"));
    assert_eq!(
        (requests[1].method.as_str(), requests[1].target.as_str()),
        ("PUT", "/y")
    );
}

#[test]
fn http_versions_are_chosen_as_curl_chooses_them() {
    // An HTTP/2-only server on plain TCP answers only a client that starts in HTTP/2.
    let h2c = Server::start_h2c(|_| Reply::text(200, "over h2c"));
    let run = hit(&["--http2-prior-knowledge", "-v", &h2c.url("/x")]).run();
    run.success();
    assert!(
        run.stdout().starts_with("GET /x HTTP/2\n"),
        "{}",
        run.stdout()
    );
    assert!(run.stdout().ends_with("over h2c"), "{}", run.stdout());
    let run = hit(&[&h2c.url("/x")]).run();
    assert_ne!(run.code, 0, "HTTP/1.1 to an HTTP/2-only server: {run:#?}");

    // Over TLS the server offers both: HTTP/2 by default and with --http2, 1.1 on demand.
    let (tls, ca) = Server::start_tls_h2(|_| Reply::text(200, "ok"));
    let dir = tempfile::tempdir().unwrap();
    let ca_file = dir.path().join("ca.pem");
    std::fs::write(&ca_file, ca).unwrap();
    let ca_file = ca_file.to_str().unwrap();
    let url = tls.url("/v").replace("http://", "https://");
    for (flag, version) in [("--http2", "HTTP/2"), ("--http1.1", "HTTP/1.1")] {
        let run = hit(&[flag, "--cacert", ca_file, "-p", "h", &url]).run();
        run.success();
        assert!(
            run.stdout().starts_with(&format!("{version} 200")),
            "{flag}: {}",
            run.stdout()
        );
    }
}

#[test]
fn ipv4_and_ipv6_only() {
    let server = Server::ok();
    hit(&["-4", &server.url("/four")]).run().success();
    let run = hit(&["-6", &server.url("/six")]).run();
    assert_eq!(
        run.code, 7,
        "an IPv4 server is out of reach over IPv6: {run:#?}"
    );
    assert_eq!(server.only_request().target, "/four");
}

#[test]
fn resolve_sends_a_name_to_an_address() {
    let server = Server::ok();
    let port = server
        .url("")
        .rsplit(':')
        .next()
        .unwrap()
        .trim_end_matches('/')
        .to_string();
    let rule = format!("api.example.test:{port}:127.0.0.1");
    let url = format!("http://api.example.test:{port}/x");
    hit(&["--resolve", &rule, &url]).run().success();
    let request = server.only_request();
    assert_eq!(
        request.header("host"),
        Some(format!("api.example.test:{port}").as_str())
    );
    let run = hit(&["--resolve", "nonsense", &url]).run();
    assert_eq!(run.code, 2, "{run:#?}");
    assert!(
        run.stderr.contains("is not HOST:PORT:ADDRESS"),
        "{}",
        run.stderr
    );
}

/// The port of a test server's URL.
fn port_of(server: &Server) -> String {
    let url = server.url("");
    let port = url.trim_end_matches('/').rsplit(':').next().unwrap();
    port.to_string()
}

#[test]
fn connect_to_sends_a_host_elsewhere_and_keeps_its_name() {
    let server = Server::ok();
    let port = port_of(&server);
    // The URL's default port changes; the Host header is still the URL's.
    let rule = format!("api.example.test:80:127.0.0.1:{port}");
    hit(&["--connect-to", &rule, "http://api.example.test/a"])
        .run()
        .success();
    // Empty parts: any host and port, and the URL's port.
    let url = format!("http://api.example.test:{port}/b");
    hit(&["--connect-to", "::127.0.0.1:", &url]).run().success();
    // A rule for another port does not apply; the next one does.
    let rules = ["api.example.test:443:nowhere.invalid:1", &rule];
    hit(&[
        "--connect-to",
        rules[0],
        "--connect-to",
        rules[1],
        "http://api.example.test/c",
    ])
    .run()
    .success();
    let requests = server.requests();
    let seen: Vec<_> = requests
        .iter()
        .map(|r| (r.target.as_str(), r.header("host").unwrap()))
        .collect();
    let with_port = format!("api.example.test:{port}");
    assert_eq!(
        seen,
        [
            ("/a", "api.example.test"),
            ("/b", with_port.as_str()),
            ("/c", "api.example.test")
        ]
    );
}

#[test]
fn connect_to_keeps_the_urls_name_for_tls() {
    let (tls, ca) = Server::start_tls_h2(|_| Reply::text(200, "ok"));
    let dir = tempfile::tempdir().unwrap();
    let ca_file = dir.path().join("ca.pem");
    std::fs::write(&ca_file, ca).unwrap();
    let ca_file = ca_file.to_str().unwrap();
    let rule = format!("localhost:443:127.0.0.1:{}", port_of(&tls));
    // HTTP/1.1, so that the server records a Host header (HTTP/2 sends :authority).
    let h1 = "--http1.1";
    hit(&[
        h1,
        "--cacert",
        ca_file,
        "--connect-to",
        &rule,
        "https://localhost/t",
    ])
    .run()
    .success();
    assert_eq!(tls.only_request().header("host"), Some("localhost"));
    // The certificate is for localhost: another name sent to the same server fails TLS.
    let rule = format!("other.test:443:127.0.0.1:{}", port_of(&tls));
    let run = hit(&[
        "--cacert",
        ca_file,
        "--connect-to",
        &rule,
        "https://other.test/t",
    ])
    .run();
    assert_eq!(run.code, 7, "{run:#?}");
    assert!(run.stderr.contains("other.test"), "{}", run.stderr);
    assert_eq!(tls.requests().len(), 1);
}

#[test]
fn connect_to_cannot_change_a_port_the_url_names() {
    let server = Server::ok();
    let rule = format!("::127.0.0.1:{}", port_of(&server));
    let run = hit(&["--connect-to", &rule, "http://api.example.test:8080/x"]).run();
    assert_eq!(run.code, 2, "{run:#?}");
    assert_eq!(
        run.stderr,
        format!(
            "hit: error: --connect-to {rule}: hit can change the port only of a URL that does not \
             name one; leave :8080 out of the URL, or the port out of the rule\n"
        )
    );
    let run = hit(&["--connect-to", "a:b:c:d", "http://x.test/"]).run();
    assert_eq!(run.code, 2, "{run:#?}");
    assert!(
        run.stderr.contains("is not HOST1:PORT1:HOST2:PORT2"),
        "{}",
        run.stderr
    );
    assert!(server.requests().is_empty());
}

#[test]
fn path_as_is_sends_the_path_as_typed_or_says_it_cannot() {
    let server = Server::ok();
    let url = server.url("/a/b.c/..d/%41?x=../y");
    hit(&["--path-as-is", &url]).run().success();
    assert_eq!(server.only_request().target, "/a/b.c/..d/%41?x=../y");
    for path in ["/a/../b", "/a/./b", "/a/%2E%2e/b"] {
        let url = server.url(path);
        let run = hit(&["--path-as-is", &url]).run();
        assert_eq!(run.code, 2, "{run:#?}");
        assert!(
            run.stderr
                .starts_with("hit: error: --path-as-is: hit cannot send the '")
                && run.stderr.ends_with("curl --path-as-is can\n"),
            "{}",
            run.stderr
        );
    }
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn a_unix_socket_carries_the_request() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("api.sock");
    let server = unix_socket_server(
        &path,
        b"HTTP/1.1 200 OK\r\nContent-Length: 6\r\nConnection: close\r\n\r\nsocket",
    );
    let run = hit(&[
        "--unix-socket",
        path.to_str().unwrap(),
        "http://docker/v1/info",
    ])
    .run();
    run.success();
    assert_eq!(run.stdout(), "socket");
    let head = server.join().unwrap();
    assert!(head.starts_with("GET /v1/info HTTP/1.1\r\n"), "{head}");
    assert!(head.contains("Host: docker\r\n"), "{head}");
}

#[test]
fn noproxy_replaces_no_proxy() {
    let proxy = Server::ok();
    let direct = Server::ok();
    hit(&["--noproxy", "127.0.0.1", &direct.url("/direct")])
        .env("http_proxy", &proxy.url(""))
        .env("no_proxy", "")
        .run()
        .success();
    hit(&["--noproxy", "", &direct.url("/proxied")])
        .env("http_proxy", &proxy.url(""))
        .env("no_proxy", "127.0.0.1")
        .run()
        .success();
    assert_eq!(direct.only_request().target, "/direct");
    assert!(proxy.only_request().target.ends_with("/proxied"));
}

#[test]
fn raw_passes_the_body_on_as_received() {
    use flate2::{Compression, write::GzEncoder};
    let mut gz = GzEncoder::new(Vec::new(), Compression::default());
    gz.write_all(b"hello").unwrap();
    let gzipped = gz.finish().unwrap();
    let body = gzipped.clone();
    let server = Server::start(move |_| {
        Reply::new(200)
            .header("Content-Encoding", "gzip")
            .body(body.clone())
    });
    let run = hit(&["--raw", &server.url("/r")]).run();
    run.success();
    assert_eq!(run.stdout, gzipped);
    assert_eq!(server.requests()[0].header("accept-encoding"), None);
    hit(&["--raw", "--compressed", &server.url("/r")])
        .run()
        .success();
    assert_eq!(
        server.requests()[1].header("accept-encoding"),
        Some("gzip, deflate, br")
    );
    let run = hit(&[&server.url("/decoded")]).run();
    assert_eq!(run.stdout(), "hello");
}

#[test]
fn globoff_is_accepted_since_hit_never_globs() {
    let server = Server::ok();
    hit(&["-g", &server.url("/x?a[]=1&b={2}")]).run().success();
    assert_eq!(server.only_request().target, "/x?a[]=1&b={2}");
}

#[test]
fn curl_options_hit_lacks_are_named_as_curls() {
    for (args, line) in [
        (
            &["--proxy-negotiate", "http://127.0.0.1:9/"][..],
            "hit: error: --proxy-negotiate is a curl option hit does not support (see 'hit --help')\n",
        ),
        (
            &["-j", "http://127.0.0.1:9/"],
            "hit: error: -j (--junk-session-cookies) is a curl option hit does not support (see 'hit --help')\n",
        ),
        (
            &["--tcp-fastopen", "http://127.0.0.1:9/"],
            "hit: error: --tcp-fastopen is a curl option hit does not support (see 'hit --help')\n",
        ),
    ] {
        let run = hit(args).run();
        assert_eq!(run.code, 2, "{args:?}: {run:#?}");
        assert_eq!(run.stderr, line);
    }
}
