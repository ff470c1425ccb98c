//! Proxies (SPEC §3): -x and the environment, as curl reads them, and failures that name the
//! proxy rather than the server behind it.

use crate::support::{Raw, Reply, Server, hit, raw_server};

#[test]
fn a_proxy_hit_cannot_speak_to_is_a_usage_error() {
    for (proxy, why) in [
        (
            "ftp://p.test",
            "hit speaks to http, https, socks4, socks4a, socks5 and socks5h proxies, not ftp",
        ),
        ("http://", "empty host"),
    ] {
        let run = hit(&["-x", proxy, "http://a.test/"]).run();
        assert_eq!(run.code, 2, "{proxy}: {run:#?}");
        assert_eq!(run.stderr, format!("hit: error: bad -x '{proxy}': {why}\n"));
    }
}

#[test]
fn a_proxy_that_refuses_is_named() {
    let run = hit(&["-x", "127.0.0.1:9", "http://a.test/"]).run();
    assert_eq!(run.code, 7, "{run:#?}");
    assert_eq!(
        run.stderr,
        "hit: error: cannot connect to the proxy 127.0.0.1:9 (from -x): Connection refused\n"
    );
}

#[test]
fn a_proxy_that_wants_credentials_says_so() {
    let (port, _) = raw_server(|_| {
        Raw::Answer(b"HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\n\r\n")
    });
    let proxy = format!("127.0.0.1:{port}");
    let run = hit(&["-x", &proxy, "https://a.test/"]).run();
    assert_eq!(run.code, 7, "{run:#?}");
    assert_eq!(
        run.stderr,
        format!(
            "hit: error: the proxy {proxy} (from -x) asks for credentials (407 Proxy \
             Authentication Required); pass -U/--proxy-user USER:PASSWORD\n"
        )
    );

    // For http the proxy's answer is the response.
    let run = hit(&["-x", &proxy, "http://a.test/"]).run();
    assert_eq!(run.code, 4, "{run:#?}");
    assert_eq!(
        run.stderr,
        "hit: warning: 407 Proxy Authentication Required: the proxy asks for credentials; \
         pass -U/--proxy-user USER:PASSWORD\n"
    );
}

#[test]
fn proxy_user_sends_proxy_credentials() {
    let proxy = Server::reply(Reply::text(200, "via proxy"));
    let run = hit(&["-x", &proxy.url(""), "-U", "bob:pw", "http://a.test/x"]).run();
    run.success();
    let request = proxy.only_request();
    assert_eq!(
        request.header("proxy-authorization"),
        Some("Basic Ym9iOnB3")
    );
    assert_eq!(request.header("host"), Some("a.test"));
}

#[test]
fn environment_proxies_as_curl_reads_them() {
    let proxy = Server::reply(Reply::text(200, "via proxy"));
    let direct = Server::reply(Reply::text(200, "direct"));

    let run = hit(&["http://a.test/"])
        .env("http_proxy", &proxy.url(""))
        .run();
    run.success();
    assert_eq!(run.stdout(), "via proxy");

    // HTTP_PROXY in upper case is what a CGI server sets from a request's Proxy header
    // ("httpoxy"): curl ignores it, and so does hit.
    let run = hit(&[&direct.url("/")])
        .env("HTTP_PROXY", &proxy.url(""))
        .run();
    run.success();
    assert_eq!(run.stdout(), "direct");

    let run = hit(&[&direct.url("/")])
        .env("http_proxy", &proxy.url(""))
        .env("NO_PROXY", "localhost,127.0.0.1")
        .run();
    run.success();
    assert_eq!(run.stdout(), "direct");
    assert_eq!(proxy.requests().len(), 1);

    let (port, _) =
        raw_server(|_| Raw::Answer(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n"));
    let run = hit(&["https://a.test/"])
        .env("HTTPS_PROXY", &format!("http://127.0.0.1:{port}"))
        .run();
    assert_eq!(run.code, 7, "{run:#?}");
    assert_eq!(
        run.stderr,
        format!(
            "hit: error: the proxy 127.0.0.1:{port} (from HTTPS_PROXY) would not open a tunnel \
             to a.test:443: tunnel error: unsuccessful\n"
        )
    );
}

#[test]
fn an_environment_proxy_hit_cannot_use_is_passed_over_and_its_password_kept_out() {
    let direct = Server::reply(Reply::text(200, "direct"));
    let run = hit(&[&direct.url("/")])
        .env("ALL_PROXY", "ftp://user:pw@127.0.0.1:1080")
        .run();
    run.success();
    assert_eq!(run.stdout(), "direct");
    assert_eq!(
        run.stderr,
        "hit: warning: bad ALL_PROXY 'ftp://user:••••@127.0.0.1:1080': hit speaks to http, https, \
         socks4, socks4a, socks5 and socks5h proxies, not ftp; going direct for what it would \
         cover\n"
    );

    let run = hit(&["-x", "ftp://u:s3cret@p.test", "http://a.test/"]).run();
    assert_eq!(run.code, 2);
    assert!(!run.stderr.contains("s3cret"), "{}", run.stderr);

    // -x '' turns proxies off, as in curl.
    let run = hit(&["-x", "", &direct.url("/")])
        .env("http_proxy", "http://127.0.0.1:9")
        .run();
    run.success();
}

#[test]
fn hit_run_says_an_unusable_environment_proxy_once() {
    let direct = Server::reply(Reply::text(200, "direct"));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("three.http");
    let url = direct.url("/");
    std::fs::write(
        &path,
        format!("GET {url}\n\n###\nGET {url}\n\n###\nGET {url}\n"),
    )
    .unwrap();
    let run = hit(&["run", path.to_str().unwrap()])
        .env("ALL_PROXY", "ftp://127.0.0.1:1080")
        .run();
    run.success();
    assert_eq!(direct.requests().len(), 3);
    assert_eq!(
        run.stderr.matches("bad ALL_PROXY").count(),
        1,
        "{}",
        run.stderr
    );
}
