//! Redirects (SPEC §6): hit follows them itself, keeps credentials on their origin, changes
//! the method as browsers do, refuses other schemes and stops at --max-redirs.

use crate::support::{Reply, Server, hit, temp_file};

fn redirect_to(status: u16, location: String) -> Server {
    Server::reply(Reply::new(status).header("Location", &location))
}

/// A request with every kind of credential hit can send.
fn with_credentials(url: &str) -> Vec<String> {
    [
        "-L",
        "-u",
        "alice:pw",
        "-b",
        "sid=1",
        "-H",
        "Proxy-Authorization: Basic eA==",
        url,
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

fn run(args: &[String]) -> crate::support::Run {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    hit(&args).run()
}

#[test]
fn another_origin_gets_no_credentials() {
    let target = Server::reply(Reply::text(200, "landed"));
    let origin = redirect_to(302, target.url("/there"));
    let result = run(&with_credentials(&origin.url("/here")));
    result.success();
    assert_eq!(result.stdout(), "landed");

    let first = origin.only_request();
    assert!(first.header("authorization").is_some());
    assert_eq!(first.header("cookie"), Some("sid=1"));
    let second = target.only_request();
    assert_eq!(second.target, "/there");
    for name in ["authorization", "proxy-authorization", "cookie", "referer"] {
        assert_eq!(second.header(name), None, "{name} was sent: {second:#?}");
    }
    assert_eq!(
        result.stderr,
        format!(
            "hit: warning: not sending Authorization, Proxy-Authorization, Cookie to {}, another \
             origin (--location-trusted sends it)\n",
            target.url("")
        )
    );
}

#[test]
fn another_port_is_another_origin() {
    let target = Server::ok();
    let origin = redirect_to(307, format!("http://localhost:{}/", target.addr.port()));
    run(&with_credentials(&origin.url("/"))).success();
    assert_eq!(target.only_request().header("authorization"), None);
}

#[test]
fn the_same_origin_keeps_credentials() {
    let server = Server::start(|req| {
        if req.target == "/start" {
            Reply::new(301).header("Location", "/end")
        } else {
            Reply::text(200, "end")
        }
    });
    let result = run(&with_credentials(&server.url("/start")));
    result.success();
    assert_eq!(result.stderr, "");
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[1].target, "/end");
    assert_eq!(
        requests[1].header("authorization"),
        Some("Basic YWxpY2U6cHc=")
    );
    assert_eq!(requests[1].header("cookie"), Some("sid=1"));
    assert_eq!(requests[1].header("referer"), None);
}

#[test]
fn location_trusted_sends_credentials_everywhere() {
    let target = Server::ok();
    let origin = redirect_to(302, target.url("/"));
    let mut args = with_credentials(&origin.url("/"));
    args.insert(0, "--location-trusted".into());
    run(&args).success();
    let second = target.only_request();
    assert_eq!(second.header("authorization"), Some("Basic YWxpY2U6cHc="));
    assert_eq!(second.header("cookie"), Some("sid=1"));
}

#[test]
fn see_other_after_a_post_becomes_a_get_without_body() {
    for status in [301, 302, 303] {
        let target = Server::ok();
        let origin = redirect_to(status, target.url("/result"));
        hit(&["-L", "POST", &origin.url("/form"), "name=Ada"])
            .run()
            .success();
        assert_eq!(origin.only_request().body_str(), r#"{"name":"Ada"}"#);
        let second = target.only_request();
        assert_eq!(second.method, "GET", "after {status}");
        assert!(second.body.is_empty());
        assert_eq!(second.header("content-type"), None);
        assert_eq!(second.header("content-length"), None);
    }
}

#[test]
fn temporary_and_permanent_redirects_repeat_method_and_body() {
    for status in [307, 308] {
        let target = Server::ok();
        let origin = redirect_to(status, target.url("/again"));
        hit(&["-L", "POST", &origin.url("/"), "name=Ada"])
            .run()
            .success();
        let second = target.only_request();
        assert_eq!(second.method, "POST", "after {status}");
        assert_eq!(second.body_str(), r#"{"name":"Ada"}"#);
        assert_eq!(second.header("content-type"), Some("application/json"));
    }
}

#[test]
fn an_uploaded_file_is_sent_again_after_307() {
    let contents = "x".repeat(300_000);
    let (_dir, path) = temp_file("big.txt", &contents);
    let target = Server::ok();
    let origin = redirect_to(307, target.url("/"));
    hit(&["-L", "-T", &path, &origin.url("/")]).run().success();
    assert_eq!(origin.only_request().body.len(), 300_000);
    let second = target.only_request();
    assert_eq!(second.method, "PUT");
    assert_eq!(second.body_str(), contents);
}

#[test]
fn a_redirect_loop_exits_6() {
    let server = Server::start(|req| Reply::new(302).header("Location", &req.target));
    let result = hit(&["-L", "--max-redirs", "3", &server.url("/loop")]).run();
    assert_eq!(result.code, 6, "{result:#?}");
    assert_eq!(
        result.stderr,
        format!(
            "hit: error: stopped after 3 redirects from {0}; the next goes back to {0}, a loop\n",
            server.url("/loop")
        )
    );
    assert_eq!(server.requests().len(), 4);
}

#[test]
fn too_many_redirects_exit_6() {
    let server = Server::start(|req| {
        let n: u32 = req.target[1..].parse().unwrap();
        Reply::new(302).header("Location", &format!("/{}", n + 1))
    });
    let result = hit(&["-L", "--max-redirs", "2", &server.url("/0")]).run();
    assert_eq!(result.code, 6, "{result:#?}");
    assert_eq!(
        result.stderr,
        format!(
            "hit: error: stopped after 2 redirects from {}; the next is to {} (raise --max-redirs \
             to allow more)\n",
            server.url("/0"),
            server.url("/3")
        )
    );
}

#[test]
fn other_schemes_are_refused() {
    let server = redirect_to(302, "file:///etc/passwd".into());
    let result = hit(&["-L", &server.url("/")]).run();
    assert_eq!(result.code, 3, "{result:#?}");
    assert_eq!(server.requests().len(), 1);
    assert_eq!(
        result.stderr,
        "hit: warning: not following the redirect to 'file:///etc/passwd': hit follows only \
         http and https\n"
    );
}

#[test]
fn without_l_a_redirect_is_the_answer() {
    let target = Server::ok();
    let origin = redirect_to(302, target.url("/"));
    let result = hit(&[&origin.url("/")]).run();
    assert_eq!(result.code, 3);
    assert!(target.requests().is_empty());
}

#[test]
fn https_to_http_warns() {
    let target = Server::reply(Reply::text(200, "plain"));
    let location = target.url("/");
    let (origin, ca_pem) =
        Server::start_tls(move |_| Reply::new(302).header("Location", &location));
    let (_dir, ca) = temp_file("ca.pem", ca_pem);
    let result = hit(&["-L", "--cacert", &ca, &format!("https://{}/", origin.addr)]).run();
    result.success();
    assert_eq!(result.stdout(), "plain");
    assert_eq!(
        result.stderr,
        format!(
            "hit: warning: redirected from https to {}: the rest of the exchange is not encrypted\n",
            target.url("/")
        )
    );
}

#[test]
fn http_to_https_sets_up_tls_on_the_way() {
    let (target, _ca_pem) = Server::start_tls(|_| Reply::text(200, "secure"));
    let origin = redirect_to(302, format!("https://{}/", target.addr));
    let result = hit(&["-L", "-k", &origin.url("/")]).run();
    result.success();
    assert_eq!(result.stdout(), "secure");
}

#[test]
fn verbose_shows_every_hop_whole() {
    let server = Server::start(|req| match req.target.as_str() {
        "/a" => Reply::json(302, r#"{"moved":"/b"}"#).header("Location", "/b"),
        _ => Reply::text(200, "landed"),
    });
    let result = hit(&["-v", "-L", "-A", "t", &server.url("/a")]).run();
    result.success();
    let host = server.addr.to_string();
    let request = |path: &str| {
        format!(
            "GET {path} HTTP/1.1\nHost: {host}\nAccept: */*\nAccept-Encoding: gzip, deflate, \
             br\nUser-Agent: t\n\n"
        )
    };
    // Each hop with its request, its head and its body; a blank line before the next.
    let expected = format!(
        "{}HTTP/1.1 302 Found\nContent-Type: application/json\nLocation: /b\n\
         Content-Length: 14\n\n{{\"moved\":\"/b\"}}\n\n{}HTTP/1.1 200 OK\n\
         Content-Type: text/plain\nContent-Length: 6\n\nlanded",
        request("/a"),
        request("/b"),
    );
    assert_eq!(result.stdout(), expected);
    assert_eq!(result.stderr, "");
}

#[test]
fn a_hop_body_on_a_terminal_is_formatted_as_any_body() {
    let server = Server::start(|req| match req.target.as_str() {
        "/a" => Reply::json(307, r#"{"moved":"/b"}"#).header("Location", "/b"),
        _ => Reply::text(200, "landed"),
    });
    let result = hit(&["-L", "-p", "Hb", &server.url("/a")])
        .plain_terminal()
        .run();
    result.success();
    let stdout = result.stdout();
    assert!(
        stdout.contains("\n\n{\n    \"moved\": \"/b\"\n}\n\nGET /b HTTP/1.1\n"),
        "{stdout}"
    );
    assert!(stdout.ends_with("\n\nlanded\n"), "{stdout}");
}

#[test]
fn a_long_hop_body_is_cut_and_the_next_hop_still_goes() {
    let server = Server::start(|req| match req.target.as_str() {
        "/a" => Reply::text(302, &"x".repeat(5000)).header("Location", "/b"),
        _ => Reply::text(200, "landed"),
    });
    let result = hit(&["-v", "-L", &server.url("/a")]).run();
    result.success();
    let stdout = result.stdout();
    let cut = format!(
        "\n\n{}\n+-- the first 2048 of 5000 bytes shown --+\n\nGET /b HTTP/1.1\n",
        "x".repeat(2048)
    );
    assert!(stdout.contains(&cut), "{stdout}");
    assert!(stdout.ends_with("\n\nlanded"), "{stdout}");
    assert_eq!(server.requests().len(), 2);
}

#[test]
fn a_hop_body_of_unknown_length_or_broken_is_said_to_be() {
    let target = Server::reply(Reply::text(200, "landed"));
    let location = target.url("/b");
    let chunked = format!(
        "HTTP/1.1 302 Found\r\nLocation: {location}\r\nTransfer-Encoding: chunked\r\n\r\n\
         bb8\r\n{}\r\n0\r\n\r\n",
        "y".repeat(3000)
    );
    let broken =
        format!("HTTP/1.1 302 Found\r\nLocation: {location}\r\nContent-Length: 100\r\n\r\npartial");
    let (chunked, broken): (&'static str, &'static str) = (chunked.leak(), broken.leak());
    let (port, _) = crate::support::raw_server(move |n| {
        crate::support::Raw::Answer(if n == 0 { chunked } else { broken }.as_bytes())
    });
    let url = format!("http://127.0.0.1:{port}/a");
    let result = hit(&["-v", "-L", &url]).run();
    result.success();
    let stdout = result.stdout();
    let cut = format!(
        "\n\n{}\n+-- the first 2048 bytes shown; the body goes on --+\n\nGET /b HTTP/1.1\n",
        "y".repeat(2048)
    );
    assert!(stdout.contains(&cut), "{stdout}");
    assert!(stdout.ends_with("landed"), "{stdout}");

    // A body that breaks off is shown as far as it came; the redirect is still followed.
    let result = hit(&["-v", "-L", &url]).run();
    result.success();
    let stdout = result.stdout();
    assert!(
        stdout.contains(&format!(
            "\n\npartial\n+-- the rest of the body did not arrive: the response body from \
             127.0.0.1:{port} was cut short"
        )),
        "{stdout}"
    );
    assert!(stdout.ends_with("landed"), "{stdout}");
}

#[test]
fn a_binary_hop_body_on_a_terminal_is_summarised() {
    let server = Server::start(|req| match req.target.as_str() {
        "/a" => Reply::new(302)
            .header("Location", "/b")
            .header("Content-Type", "application/octet-stream")
            .body([0u8, 1, 2, 255]),
        _ => Reply::text(200, "landed"),
    });
    let result = hit(&["-v", "-L", &server.url("/a")]).plain_terminal().run();
    result.success();
    let stdout = result.stdout();
    assert!(
        stdout.contains(
            "\n\n+-- binary body not shown on a terminal (4 bytes); use -o FILE or a pipe --+\n\n\
             GET /b HTTP/1.1\n"
        ),
        "{stdout}"
    );
}

#[test]
fn hop_bodies_only_with_the_request_and_the_body_shown() {
    let server = Server::start(|req| match req.target.as_str() {
        "/a" => Reply::text(302, "moved away").header("Location", "/b"),
        _ => Reply::text(200, "landed"),
    });
    for (print, hop_head, hop_body) in [
        ("Hh", true, false),
        ("hb", false, false),
        ("Hb", false, true),
    ] {
        let result = hit(&["-L", "-p", print, &server.url("/a")]).run();
        result.success();
        let stdout = result.stdout();
        assert_eq!(
            stdout.contains("302 Found"),
            hop_head,
            "-p {print}: {stdout}"
        );
        assert_eq!(
            stdout.contains("moved away"),
            hop_body,
            "-p {print}: {stdout}"
        );
    }
}

#[test]
fn metadata_counts_redirects() {
    let target = Server::ok();
    let origin = redirect_to(302, target.url("/"));
    let result = hit(&["-L", "-p", "m", &origin.url("/")]).run();
    result.success();
    assert!(
        result.stdout().contains("Redirects: 1\n"),
        "{}",
        result.stdout()
    );
}

#[test]
fn a_host_header_stays_with_its_origin() {
    let target = Server::ok();
    let origin = redirect_to(302, target.url("/"));
    hit(&["-L", "-H", "Host: internal.example", &origin.url("/")])
        .run()
        .success();
    assert_eq!(
        origin.only_request().header("host"),
        Some("internal.example")
    );
    assert_eq!(
        target.only_request().header("host"),
        Some(target.bare("").as_str())
    );
}

#[test]
fn a_password_in_the_url_stays_out_of_messages() {
    let server = Server::start(|req| Reply::new(302).header("Location", &req.target));
    let url = format!("http://alice:secret@{}/a", server.addr);
    let result = hit(&["-L", "--max-redirs", "0", &url]).run();
    assert_eq!(result.code, 6);
    assert!(!result.stderr.contains("secret"), "{}", result.stderr);
    // The credentials went into the Authorization header, not the messages.
    assert_eq!(
        server.only_request().header_all("authorization"),
        ["Basic YWxpY2U6c2VjcmV0"]
    );
}

#[test]
fn credential_like_headers_stay_with_their_origin() {
    let target = Server::ok();
    let origin = redirect_to(302, target.url("/"));
    let run = hit(&[
        "-L",
        "-H",
        "X-Api-Key: k",
        "-H",
        "X-Auth-Token: t",
        "-H",
        "X-Client-Secret: s",
        "-H",
        "X-Trace: kept",
        &origin.url("/"),
    ])
    .run();
    run.success();
    let request = target.only_request();
    for name in ["x-api-key", "x-auth-token", "x-client-secret"] {
        assert_eq!(request.header(name), None, "{name}");
    }
    assert_eq!(request.header("x-trace"), Some("kept"));
    assert_eq!(
        run.stderr,
        format!(
            "hit: warning: not sending X-Api-Key, X-Auth-Token, X-Client-Secret to {}, \
             another origin (--location-trusted sends it)\n",
            target.url("")
        )
    );
}

#[test]
fn redirects_on_one_server_reuse_one_connection() {
    let server = Server::start(|request| match request.target.as_str() {
        "/a" => Reply::new(302).header("Location", "/b"),
        "/b" => Reply::new(307).header("Location", "/c"),
        _ => Reply::text(200, "done"),
    });
    let run = hit(&["-L", &server.url("/a")]).run();
    run.success();
    assert_eq!(run.stdout(), "done");
    let requests = server.requests();
    let targets: Vec<&str> = requests.iter().map(|r| r.target.as_str()).collect();
    assert_eq!(targets, ["/a", "/b", "/c"]);
    // One transport sends every hop over the connection it kept alive.
    assert!(
        requests.iter().all(|r| r.peer == requests[0].peer),
        "{requests:#?}"
    );
}
