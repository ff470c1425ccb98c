//! SOCKS proxies (SPEC §3): `-x socks4://`, `socks4a://`, `socks5://`, `socks5h://`,
//! `--socks5`, `--socks5-hostname` and the same schemes in the environment, against the SOCKS
//! proxy in the test support. As in curl, socks4 and socks5 hand the proxy the address hit
//! looked up (so `--resolve` applies), socks4a and socks5h hand it the name. The proxy
//! connects every name to 127.0.0.1.

use crate::support::socks::{Asked, Socks};
use crate::support::{Reply, Server, hit, temp_file};

fn asked(version: u8, host: &str, port: u16) -> Asked {
    Asked {
        version,
        host: host.to_string(),
        by_name: host.parse::<std::net::IpAddr>().is_err(),
        port,
        credentials: None,
    }
}

fn logged_in(asked: Asked, user: &str, password: &str) -> Asked {
    Asked {
        credentials: Some((user.to_string(), password.to_string())),
        ..asked
    }
}

/// A server that answers "through", its port, and `http://api.test:PORT/x` for it.
fn target() -> (Server, u16, String) {
    let server = Server::reply(Reply::text(200, "through"));
    let port = server.addr.port();
    (server, port, format!("http://api.test:{port}/x"))
}

#[test]
fn socks5h_and_socks4a_hand_the_proxy_the_name() {
    for (scheme, version) in [("socks5h", 5), ("socks4a", 4)] {
        let (server, port, url) = target();
        let socks = Socks::start();
        let run = hit(&["-x", &socks.url(scheme), &url]).run();
        run.success();
        assert_eq!(run.stdout(), "through", "{scheme}");
        assert_eq!(socks.only(), asked(version, "api.test", port), "{scheme}");
        let request = server.only_request();
        assert_eq!(request.target, "/x");
        assert_eq!(request.header("host"), Some(&*format!("api.test:{port}")));
    }
}

#[test]
fn socks5_and_socks4_hand_the_proxy_the_address_hit_looked_up() {
    for (scheme, version) in [("socks5", 5), ("socks4", 4)] {
        let (server, port, url) = target();
        let socks = Socks::start();
        let resolve = format!("api.test:{port}:127.0.0.1");
        let run = hit(&["-x", &socks.url(scheme), "--resolve", &resolve, &url]).run();
        run.success();
        assert_eq!(run.stdout(), "through", "{scheme}");
        assert_eq!(socks.only(), asked(version, "127.0.0.1", port), "{scheme}");
        assert_eq!(
            server.only_request().header("host"),
            Some(&*format!("api.test:{port}"))
        );
    }
}

#[test]
fn socks5_and_socks5_hostname_options_as_in_curl() {
    let (_server, port, url) = target();
    let resolve = format!("api.test:{port}:127.0.0.1");

    let socks = Socks::start();
    hit(&["--socks5", &socks.address(), "--resolve", &resolve, &url])
        .run()
        .success();
    assert_eq!(socks.only(), asked(5, "127.0.0.1", port));

    let socks = Socks::start();
    hit(&["--socks5-hostname", &socks.address(), &url])
        .run()
        .success();
    assert_eq!(socks.only(), asked(5, "api.test", port));

    // A scheme that says the same is taken too.
    let socks = Socks::start();
    hit(&["--socks5-hostname", &socks.url("socks5h"), &url])
        .run()
        .success();
    assert_eq!(socks.only(), asked(5, "api.test", port));

    // The last of -x, --socks5 and --socks5-hostname wins, as in curl.
    let socks = Socks::start();
    let run = hit(&[
        "-x",
        "http://127.0.0.1:9",
        "--socks5-hostname",
        &socks.address(),
        &url,
    ])
    .run();
    run.success();
    assert_eq!(socks.asked().len(), 1);
    let http_proxy = Server::reply(Reply::text(200, "via http proxy"));
    let run = hit(&[
        "--socks5",
        &socks.address(),
        "-x",
        &http_proxy.url(""),
        &url,
    ])
    .run();
    assert_eq!(run.stdout(), "via http proxy");
    assert_eq!(socks.asked().len(), 1);
}

#[test]
fn credentials_go_to_a_socks5_proxy_from_the_url_or_u() {
    let (server, port, url) = target();
    let socks = Socks::with_login("bob", "s3cret");
    let with_login = format!("socks5h://bob:s3cret@{}", socks.address());
    hit(&["-x", &with_login, &url]).run().success();
    hit(&[
        "--socks5-hostname",
        &socks.address(),
        "-U",
        "bob:s3cret",
        &url,
    ])
    .run()
    .success();
    // Percent-encoded in the URL, as curl reads it.
    let socks_at = Socks::with_login("bob", "s@cret:1");
    let encoded = format!("socks5h://bob:s%40cret%3A1@{}", socks_at.address());
    hit(&["-x", &encoded, &url]).run().success();

    let login = logged_in(asked(5, "api.test", port), "bob", "s3cret");
    assert_eq!(socks.asked(), [login.clone(), login]);
    assert_eq!(
        socks_at.only(),
        logged_in(asked(5, "api.test", port), "bob", "s@cret:1")
    );
    // They stay with the proxy: nothing of them reaches the server through the tunnel.
    for request in server.requests() {
        assert_eq!(request.header("proxy-authorization"), None);
    }
    assert_eq!(server.requests().len(), 3);
}

#[test]
fn https_goes_through_the_tunnel_with_the_name_checked() {
    let (server, ca_pem) = Server::start_tls(|_| Reply::text(200, "secure"));
    let (_dir, ca) = temp_file("ca.pem", ca_pem);
    let port = server.addr.port();
    let socks = Socks::start();
    let url = format!("https://localhost:{port}/s");
    let run = hit(&["--cacert", &ca, "-x", &socks.url("socks5h"), &url]).run();
    run.success();
    assert_eq!(run.stdout(), "secure");
    assert_eq!(socks.only(), asked(5, "localhost", port));
}

#[test]
fn environment_proxies_may_be_socks() {
    let (server, port, url) = target();
    for name in ["ALL_PROXY", "all_proxy", "http_proxy"] {
        let socks = Socks::start();
        let run = hit(&[&url]).env(name, &socks.url("socks5h")).run();
        run.success();
        assert_eq!(run.stderr, "", "{name}");
        assert_eq!(socks.only(), asked(5, "api.test", port), "{name}");
    }
    let socks = Socks::with_login("bob", "s3cret");
    let proxy = format!("socks5h://bob:s3cret@{}", socks.address());
    hit(&[&url]).env("ALL_PROXY", &proxy).run().success();
    assert_eq!(
        socks.only(),
        logged_in(asked(5, "api.test", port), "bob", "s3cret")
    );
    assert_eq!(server.requests().len(), 4);

    let (tls, ca_pem) = Server::start_tls(|_| Reply::text(200, "secure"));
    let (_dir, ca) = temp_file("ca.pem", ca_pem);
    let socks = Socks::start();
    let url = format!("https://localhost:{}/", tls.addr.port());
    for name in ["https_proxy", "HTTPS_PROXY"] {
        let run = hit(&["--cacert", &ca, &url])
            .env(name, &socks.url("socks4a"))
            .run();
        run.success();
        assert_eq!(run.stdout(), "secure");
    }
    assert_eq!(socks.asked().len(), 2);

    // NO_PROXY applies to a SOCKS proxy as to any other.
    let direct = Server::reply(Reply::text(200, "direct"));
    let socks = Socks::start();
    let run = hit(&[&direct.url("/")])
        .env("ALL_PROXY", &socks.url("socks5h"))
        .env("NO_PROXY", "127.0.0.1")
        .run();
    assert_eq!(run.stdout(), "direct");
    assert!(socks.asked().is_empty());
}

#[test]
fn a_socks_proxy_that_refuses_is_named() {
    let (_server, port, url) = target();
    let run = hit(&["-x", "socks5h://bob:s3cret@127.0.0.1:9", &url]).run();
    assert_eq!(run.code, 7, "{run:#?}");
    assert_eq!(
        run.stderr,
        "hit: error: cannot connect to the proxy 127.0.0.1:9 (from -x): Connection refused\n"
    );

    let socks = Socks::with_login("bob", "s3cret");
    let at = socks.address();
    let run = hit(&["--socks5-hostname", &at, &url]).run();
    assert_eq!(run.code, 7, "{run:#?}");
    assert_eq!(
        run.stderr,
        format!(
            "hit: error: the proxy {at} (from --socks5-hostname) asks for a username and \
             password; pass -U/--proxy-user USER:PASSWORD\n"
        )
    );
    let run = hit(&["--socks5-hostname", &at, "-U", "bob:wrong-s3cret", &url]).run();
    assert_eq!(run.code, 7, "{run:#?}");
    assert_eq!(
        run.stderr,
        format!(
            "hit: error: the proxy {at} (from --socks5-hostname) refused the username and \
             password\n"
        )
    );
    let open = Socks::start();
    let run = hit(&["-x", &open.url("socks5h"), "-U", "bob:s3cret", &url]).run();
    assert_eq!(run.code, 7, "{run:#?}");
    assert_eq!(
        run.stderr,
        format!(
            "hit: error: the proxy {} (from -x) takes no username and password; leave out -U \
             and the USER:PASSWORD@ of its URL\n",
            open.address()
        )
    );

    // The proxy cannot reach the destination: its reply is named.
    let closed = "http://api.test:9/x";
    for (scheme, reply) in [
        ("socks5h", "connection refused"),
        ("socks4a", "server failed to execute command"),
    ] {
        let run = hit(&["-x", &open.url(scheme), closed]).run();
        assert_eq!(run.code, 7, "{run:#?}");
        assert_eq!(
            run.stderr,
            format!(
                "hit: error: the proxy {} (from -x) could not connect to api.test:9: {reply}\n",
                open.address()
            )
        );
    }
    assert!(
        open.asked()
            .iter()
            .all(|asked| asked.port == 9 || asked.port == port)
    );
}

#[test]
fn what_hit_cannot_send_to_a_socks_proxy_is_a_usage_error() {
    let (server, _port, url) = target();
    let cases = [
        (
            vec!["-x", "socks4://bob@127.0.0.1:1080"],
            "bad -x 'socks4://bob@127.0.0.1:1080': socks4 carries no password and hit sends no \
             user ID; a proxy that wants credentials takes socks5: -x socks5://HOST -U \
             USER:PASSWORD",
        ),
        (
            vec!["-x", "socks4a://127.0.0.1", "-U", "bob:s3cret"],
            "-U cannot go to the socks4a proxy socks4a://127.0.0.1:1080 (from -x): socks4a \
             carries no password and hit sends no user ID; a proxy that wants credentials \
             takes socks5: -x socks5://HOST -U USER:PASSWORD",
        ),
        (
            vec!["--socks5", "http://127.0.0.1:1080"],
            "--socks5 takes the HOST[:PORT] of a socks5 proxy; -x takes the URL http://…",
        ),
        (
            vec!["--socks5-hostname", "socks5://127.0.0.1:1080"],
            "--socks5-hostname takes the HOST[:PORT] of a socks5h proxy; -x takes the URL \
             socks5://…",
        ),
        (
            vec!["-x", "socks://127.0.0.1"],
            "bad -x 'socks://127.0.0.1': hit speaks to http, https, socks4, socks4a, socks5 \
             and socks5h proxies, not socks",
        ),
    ];
    for (args, message) in cases {
        let mut args = args.clone();
        args.push(&url);
        let run = hit(&args).run();
        assert_eq!(run.code, 2, "{args:?}: {run:#?}");
        assert_eq!(run.stderr, format!("hit: error: {message}\n"), "{args:?}");
    }
    assert!(server.requests().is_empty());

    // From the environment, such a proxy is passed over with a warning, its password kept
    // out.
    let run = hit(&[&url.replace("api.test", "127.0.0.1")])
        .env("ALL_PROXY", "socks4://bob:s3cret@127.0.0.1:1080")
        .run();
    run.success();
    assert_eq!(
        run.stderr,
        "hit: warning: bad ALL_PROXY 'socks4://bob:••••@127.0.0.1:1080': socks4 carries no \
         password and hit sends no user ID; a proxy that wants credentials takes socks5: -x \
         socks5://HOST -U USER:PASSWORD; going direct for what it would cover\n"
    );
}

#[test]
fn socks4_and_socks4a_are_curl_options_hit_spells_as_urls() {
    for (option, scheme) in [("--socks4", "socks4"), ("--socks4a", "socks4a")] {
        let run = hit(&[option, "127.0.0.1:1080", "http://a.test/"]).run();
        assert_eq!(run.code, 2, "{run:#?}");
        assert!(
            run.stderr.starts_with(&format!(
                "hit: error: {option} is curl's option; hit's is -x {scheme}://HOST[:PORT]"
            )),
            "{}",
            run.stderr
        );
    }
}

#[test]
fn a_name_hit_looks_up_for_a_socks_proxy_is_the_urls_alone() {
    // --resolve answers for api.test; the proxy's own name is looked up as usual.
    let (_server, port, url) = target();
    let socks = Socks::start();
    let proxy = socks.url("socks5").replace("127.0.0.1", "localhost");
    let resolve = format!("api.test:{port}:127.0.0.2");
    let run = hit(&["-x", &proxy, "--resolve", &resolve, &url]).run();
    assert_eq!(run.code, 7, "{run:#?}");
    assert_eq!(socks.only(), asked(5, "127.0.0.2", port));
}

#[test]
fn socks_credentials_are_hidden_in_every_output() {
    let (_server, port, url) = target();
    let socks = Socks::with_login("bob", "s3cret");
    let with_login = format!("socks5h://bob:s3cret@{}", socks.address());
    let hidden = format!(
        "socks5h://{} --proxy-user \"bob:$HIT_PROXY_PASSWORD\"",
        socks.address()
    );
    let at = socks.address();
    let views: [&[&str]; 4] = [&["--curl"], &["--offline"], &["-v"], &["-v", "--offline"]];
    for view in views {
        let mut args = view.to_vec();
        args.extend(["-x", &with_login, &url]);
        let run = hit(&args).run();
        run.success();
        let shown = format!("{}{}", run.stdout(), run.stderr);
        assert!(!shown.contains("s3cret"), "{view:?}: {shown}");
        let mut args = view.to_vec();
        args.extend(["--socks5-hostname", &at, "-U", "bob:s3cret", &url]);
        let run = hit(&args).run();
        run.success();
        let shown = format!("{}{}", run.stdout(), run.stderr);
        assert!(!shown.contains("s3cret"), "{view:?} -U: {shown}");
    }
    assert_eq!(socks.asked().len(), 2, "-v sends, with either credential");

    let run = hit(&["--curl", "-x", &with_login, &url]).run();
    assert!(
        run.stdout().contains(&format!(" -x {hidden}\n")),
        "{}",
        run.stdout()
    );
    let run = hit(&["--curl", "--show-secrets", "-x", &with_login, &url]).run();
    assert!(
        run.stdout()
            .contains(&format!(" -x socks5h://{at} --proxy-user bob:s3cret\n")),
        "{}",
        run.stdout()
    );

    // Errors name the proxy by its address only.
    let refused = "socks5h://bob:s3cret@127.0.0.1:9";
    let run = hit(&["-x", refused, &url]).run();
    assert_eq!(run.code, 7);
    assert!(!run.stderr.contains("s3cret"), "{}", run.stderr);
    assert!(socks.asked().iter().all(|asked| asked.port == port));
}

/// Runs `command` in bash with curl, as a user would paste it.
fn run_in_bash(command: &str) -> crate::support::Run {
    run_in_bash_with(command, &[])
}

/// Runs `command` in bash with curl and these shell variables set.
fn run_in_bash_with(command: &str, variables: &[(&str, &str)]) -> crate::support::Run {
    let dir = tempfile::tempdir().expect("temp dir");
    let child = std::process::Command::new("/bin/bash")
        .arg("-c")
        .arg(command)
        .env_clear()
        .env("PATH", "/usr/bin:/bin")
        .env("HOME", dir.path())
        .env("CURL_HOME", dir.path())
        .envs(variables.iter().copied())
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn bash");
    crate::support::collect(child)
}

#[test]
fn the_curl_command_asks_the_socks_proxy_what_hit_asks() {
    let (server, port, url) = target();
    let resolve = format!("api.test:{port}:127.0.0.1");
    let socks = Socks::with_login("bob", "s3 cret");
    let at = socks.address();
    let (local, remote) = (
        format!("socks5://bob:s3%20cret@{at}"),
        format!("socks5h://bob:s3%20cret@{at}"),
    );
    let cases: [&[&str]; 4] = [
        &["--socks5", &at, "--resolve", &resolve, "-U", "bob:s3 cret"],
        &["--socks5-hostname", &at, "-U", "bob:s3 cret"],
        &["-x", &remote],
        &["-x", &local, "--resolve", &resolve],
    ];
    for args in cases {
        let mut argv = args.to_vec();
        argv.push(&url);
        hit(&argv).run().success();
        let by_hit = socks.asked().pop().unwrap();
        let mut argv = vec!["--curl", "--show-secrets"];
        argv.extend(args);
        argv.push(&url);
        let command = hit(&argv).run().stdout();
        let run = run_in_bash(&command);
        assert_eq!(run.code, 0, "{command}\n{run:#?}");
        assert_eq!(run.stdout(), "through", "{command}");
        let by_curl = socks.asked().pop().unwrap();
        assert_eq!(by_curl, by_hit, "{command}");
    }
    assert_eq!(server.requests().len(), 8);
}

#[test]
fn the_curl_command_reads_a_socks_password_as_it_is_not_percent_encoded() {
    // The URL holds the password percent-encoded; the variable holds it as the user types
    // it, as it does for -u.
    let (_server, _port, url) = target();
    let socks = Socks::with_login("bob", "s3 cret%");
    let at = socks.address();
    let proxy = format!("socks5h://bob:s3%20cret%25@{at}");
    hit(&["-x", &proxy, &url]).run().success();
    let by_hit = socks.asked().pop().unwrap();
    let command = hit(&["--curl", "-x", &proxy, &url]).run().stdout();
    assert!(
        command.contains(&format!(
            " -x socks5h://{at} --proxy-user \"bob:$HIT_PROXY_PASSWORD\""
        )),
        "{command}"
    );
    let run = run_in_bash_with(&command, &[("HIT_PROXY_PASSWORD", "s3 cret%")]);
    assert_eq!(run.code, 0, "{command}\n{run:#?}");
    assert_eq!(run.stdout(), "through", "{command}");
    assert_eq!(socks.asked().pop().unwrap(), by_hit, "{command}");
}

#[test]
fn a_profile_may_keep_a_socks_proxy() {
    let (_server, port, url) = target();
    let socks = Socks::start();
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().to_str().unwrap();
    hit(&["profile", "add", "tunnel", "--proxy", &socks.url("socks5h")])
        .env("HIT_CONFIG_DIR", config)
        .run()
        .success();
    let run = hit(&["-P", "tunnel", &url])
        .env("HIT_CONFIG_DIR", config)
        .run();
    run.success();
    assert_eq!(run.stdout(), "through");
    assert_eq!(socks.only(), asked(5, "api.test", port));
}
