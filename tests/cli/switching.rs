//! The spellings of curl and HTTPie that hit reads as its own behaviour (issue 25, item 1),
//! and the notes where a letter means another tool's option (item 2): what the server
//! received, what the user saw and the exit code.

use crate::support::{Recorded, Reply, Server, hit, temp_file};

const REFUSED: &str = "http://127.0.0.1:9/";

#[test]
fn a_ci_scripts_curl_flags_run_as_hit_does() {
    let server = Server::reply(Reply::json(404, r#"{"error":"no such user"}"#));
    let run = hit(&[
        "-sS",
        "--no-progress-meter",
        "--retry-connrefused",
        "--fail-with-body",
        "-#",
        "--compressed-ssh",
        "--tcp-nodelay",
        "--no-buffer",
        "--styled-output",
        "--disable",
        "--fail-early",
        "--tlsv1.2",
        "--ssl-reqd",
        &server.url("/users/7"),
    ])
    .run();
    assert_eq!(run.code, 4, "{run:#?}");
    assert_eq!(run.stdout(), r#"{"error":"no such user"}"#);
    assert_eq!(run.stderr, "hit: warning: 404 Not Found\n");
    assert_eq!(server.only_request().target, "/users/7");
}

#[test]
fn fail_with_body_wins_over_an_earlier_fail() {
    let server = Server::reply(Reply::text(500, "boom"));
    let run = hit(&["-f", "--fail-with-body", &server.url("/")]).run();
    assert_eq!(run.code, 5);
    assert_eq!(run.stdout(), "boom");
}

#[test]
fn retry_all_errors_retries_any_4xx_for_an_idempotent_request() {
    let server = Server::sequence(vec![Reply::new(404), Reply::text(200, "here")]);
    let args = ["--retry", "1", "--retry-delay", "0", "--retry-all-errors"];
    let run = hit(&[&args[..], &[&server.url("/late")]].concat()).run();
    assert_eq!(run.code, 0, "{run:#?}");
    assert_eq!(run.stdout(), "here");
    assert_eq!(run.stderr, "hit: retry 1/1 in 0ms after 404 Not Found\n");
    assert_eq!(server.requests().len(), 2);
}

#[test]
fn retry_all_errors_does_not_send_a_post_twice_and_says_so() {
    // As with --retry alone: the lint before sending, the refusal when a retry was due.
    let server = Server::sequence(vec![Reply::new(400), Reply::new(201)]);
    let args = ["--retry", "1", "--retry-delay", "0", "--retry-all-errors"];
    let run = hit(&[&args[..], &["POST", &server.url("/orders"), "item=book"]].concat()).run();
    assert_eq!(run.code, 4, "{run:#?}");
    assert_eq!(
        run.stderr,
        "hit: lint unsafe-retry: --retry cannot retry this POST once the server may have seen \
         it: POST is not idempotent, so sending it twice could apply it twice; --idempotency-key \
         auto makes retries safe if the server honours Idempotency-Key\n\
         hit: warning: not retrying POST after 400 Bad Request: POST is not idempotent, so \
         sending it twice could apply it twice; --idempotency-key auto makes the retry safe if \
         the server honours Idempotency-Key\n\
         hit: warning: 400 Bad Request\n"
    );
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn retry_connrefused_is_what_hit_does_already() {
    let args = [
        "--retry",
        "1",
        "--retry-delay",
        "0",
        "--retry-connrefused",
        REFUSED,
    ];
    let run = hit(&args).run();
    assert_eq!(run.code, 7);
    assert!(
        run.stderr.starts_with(
            "hit: retry 1/1 in 0ms after an error: cannot connect to 127.0.0.1:9: Connection \
             refused"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn remote_name_all_saves_as_o_does() {
    let server = Server::reply(Reply::text(200, "report"));
    let dir = tempfile::tempdir().unwrap();
    let run = hit(&["--remote-name-all", &server.url("/files/report.txt")])
        .current_dir(dir.path())
        .run();
    assert_eq!(run.code, 0, "{run:#?}");
    let saved = std::fs::read_to_string(dir.path().join("report.txt")).unwrap();
    assert_eq!(saved, "report");
}

#[test]
fn curls_spellings_of_hits_own_options() {
    let server = Server::ok();
    hit(&["--oauth2-bearer", "t0k", &server.url("/a")])
        .run()
        .success();
    hit(&["-u", "ada:pw", "--digest", "--basic", &server.url("/b")])
        .run()
        .success();
    hit(&["--data-ascii", "a=1", &server.url("/c")])
        .run()
        .success();
    let got = server.requests();
    assert_eq!(got[0].header("authorization"), Some("Bearer t0k"));
    assert_eq!(got[1].header("authorization"), Some("Basic YWRhOnB3"));
    assert_eq!(
        (got[2].method.as_str(), got[2].body_str()),
        ("POST", "a=1".into())
    );
}

#[test]
fn follow_is_curls_and_httpies_location() {
    let server = Server::start(|request: &Recorded| match request.target.as_str() {
        "/old" => Reply::new(301).header("Location", "/new"),
        _ => Reply::text(200, "moved here"),
    });
    let run = hit(&["--follow", &server.url("/old")]).run();
    assert_eq!(run.code, 0);
    assert_eq!(run.stdout(), "moved here");
}

#[test]
fn an_older_tls_or_no_keepalive_is_said_once_and_the_request_runs() {
    let server = Server::ok();
    let run = hit(&["--tlsv1.0", "--no-keepalive", &server.url("/")]).run();
    assert_eq!(run.code, 0);
    assert_eq!(
        run.stderr,
        "hit: note: --tlsv1 allows TLS 1.0 and 1.1: hit speaks TLS 1.2 or later\n\
         hit: note: --no-keepalive: hit keeps TCP keepalive probes on\n"
    );
    let run = hit(&["-s", "-1", &server.url("/")]).run();
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
}

#[test]
fn proto_https_refuses_an_http_url_before_sending() {
    let server = Server::ok();
    let run = hit(&["--proto", "=https", "--tlsv1.2", &server.url("/install.sh")]).run();
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        format!(
            "hit: error: --proto allows only https, and {} is an http:// URL\n",
            server.url("/install.sh")
        )
    );
    assert!(server.requests().is_empty());
    let run = hit(&["--proto", "=ftp", &server.url("/")]).run();
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("--proto and --proto-redir must allow https")
    );
}

#[test]
fn proto_https_does_not_follow_a_redirect_to_http() {
    let plain = Server::ok();
    let target = plain.url("/plain");
    let (secure, ca) =
        Server::start_tls(move |_: &Recorded| Reply::new(302).header("Location", &target));
    let (_dir, ca_file) = temp_file("ca.pem", ca);
    let url = secure.url("/script").replace("http://", "https://");
    let run = hit(&["--proto", "=https", "-L", "--cacert", &ca_file, &url]).run();
    assert_eq!(run.code, 3, "{run:#?}");
    assert_eq!(
        run.stderr,
        format!(
            "hit: warning: not following the redirect to '{}': --proto allows only https\n",
            plain.url("/plain")
        )
    );
    assert!(plain.requests().is_empty());
    let run = hit(&[
        "--proto-redir",
        "-all,https",
        "-L",
        "--cacert",
        &ca_file,
        &url,
    ])
    .run();
    assert_eq!(run.code, 3);
    assert!(plain.requests().is_empty());
}

#[test]
fn httpies_check_status_and_ignore_stdin() {
    let server = Server::reply(Reply::new(404));
    let run = hit(&["--ignore-status", "--check-status", &server.url("/")]).run();
    assert_eq!(run.code, 4);
    let server = Server::ok();
    let run = hit(&["--ignore-stdin", &server.url("/")])
        .stdin("not a body")
        .run();
    assert_eq!(run.code, 0);
    let got = server.only_request();
    assert_eq!((got.method.as_str(), got.body.len()), ("GET", 0));
}

#[test]
fn httpies_verify() {
    let (server, ca) = Server::start_tls(|_: &Recorded| Reply::text(200, "secure"));
    let url = server.url("/").replace("http://", "https://");
    let (_dir, ca_file) = temp_file("ca.pem", ca);
    let verify_path = format!("--verify={ca_file}");
    for (args, code) in [
        (&["--verify=no"][..], 0),
        (&["--verify", "yes"], 7),
        (&["-k", "--verify=yes"], 7),
        (&[verify_path.as_str()], 0),
    ] {
        let run = hit(&[args, &[&url]].concat()).run();
        assert_eq!(run.code, code, "{args:?}: {run:#?}");
    }
}

#[test]
fn httpies_auth_and_auth_type() {
    let server = Server::ok();
    for args in [
        &["--auth", "ada:pw"][..],
        &["--auth-type", "basic", "-u", "ada:pw"],
        &["--auth-type=bearer", "--auth", "t0k"],
        &["-u", "t0k", "--auth-type", "bearer"],
    ] {
        hit(&[args, &[&server.url("/")]].concat()).run().success();
    }
    let got: Vec<_> = server.requests();
    let auth: Vec<_> = got.iter().map(|r| r.header("authorization")).collect();
    assert_eq!(
        auth,
        [
            Some("Basic YWRhOnB3"),
            Some("Basic YWRhOnB3"),
            Some("Bearer t0k"),
            Some("Bearer t0k")
        ]
    );
    // Digest waits for the challenge: the first request carries no credentials.
    let server = Server::ok();
    let run = hit(&[
        "--auth-type",
        "digest",
        "--auth",
        "ada:pw",
        &server.url("/"),
    ])
    .run();
    assert_eq!(run.code, 0);
    assert_eq!(server.only_request().header("authorization"), None);
    let run = hit(&["--auth-type", "ntlm", "-u", "a:b", REFUSED]).run();
    assert_eq!(run.code, 2);
}

#[test]
fn httpies_form_is_a_form_and_curls_form_a_field() {
    let server = Server::ok();
    hit(&["--form", "POST", &server.url("/f"), "name=Ada", "lang=en"])
        .run()
        .success();
    let (_dir, file) = temp_file("cv.txt", "hello");
    let upload = format!("cv@{file}");
    hit(&["--form", &server.url("/g"), "name=Ada", &upload])
        .run()
        .success();
    hit(&["--form", "name=Ada", &server.url("/h")])
        .run()
        .success();
    let got = server.requests();
    assert_eq!(
        got[0].header("content-type"),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(got[0].body_str(), "name=Ada&lang=en");
    for request in &got[1..] {
        assert!(request.boundary().starts_with("hit-"), "{request:?}");
    }
    assert!(got[1].body_str().contains("hello"));
    assert!(got[2].body_str().contains("name=\"name\"\r\n\r\nAda"));
}

#[test]
fn f_with_data_items_says_it_is_curls_fail() {
    let server = Server::ok();
    let run = hit(&["-f", "POST", &server.url("/f"), "name=Ada"]).run();
    assert_eq!(run.code, 0);
    assert_eq!(
        run.stderr,
        "hit: note: -f is curl's --fail; for a form use --urlencoded or --form\n"
    );
    assert_eq!(server.only_request().body_str(), r#"{"name":"Ada"}"#);
    // Without data items, with a form chosen, or under -s, nothing is said.
    for args in [
        &["-f", &server.url("/f"), "page==2"][..],
        &["-f", "--urlencoded", &server.url("/f"), "a=1"],
        &["-sf", &server.url("/f"), "a=1"],
    ] {
        let run = hit(args).run();
        assert_eq!((run.code, run.stderr.as_str()), (0, ""), "{args:?}");
    }
}

#[test]
fn b_with_a_url_says_it_is_curls_cookie() {
    let run = hit(&["-b", "https://example.org/users"]).run();
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "hit: note: -b is curl's --cookie; for the body only use --body\n\
         hit: error: no URL given (try 'hit --help')\n"
    );
}

#[test]
fn a_is_curls_append_and_points_to_u() {
    let run = hit(&["-a", "ada:pw", REFUSED]).run();
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "hit: error: -a (--append) is a curl option hit does not support; for credentials \
         (HTTPie's -a, --auth) use -u USER[:PASSWORD] (see 'hit --help')\n"
    );
}

#[test]
#[cfg(feature = "jq")]
fn r_is_raw_output_with_jq_and_curls_range_without() {
    let server = Server::reply(Reply::json(200, r#"{"name":"Ada"}"#));
    let run = hit(&["--jq", ".name", "-r", &server.url("/")]).run();
    assert_eq!(run.code, 0);
    assert_eq!(run.stdout(), "Ada\n");
    let run = hit(&["-r", "0-99", &server.url("/")]).run();
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "hit: error: -r (--range) is a curl option hit does not support; with --jq, -r is \
         jq's --raw-output (see 'hit --help')\n"
    );
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn create_dirs_makes_the_directories_of_o() {
    let server = Server::reply(Reply::text(200, "report"));
    let dir = tempfile::tempdir().unwrap();
    let run = hit(&["--create-dirs", "-o", "out/2026/r.txt", &server.url("/r")])
        .current_dir(dir.path())
        .run();
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    let saved = std::fs::read_to_string(dir.path().join("out/2026/r.txt")).unwrap();
    assert_eq!(saved, "report");
    let run = hit(&["-o", "elsewhere/r.txt", &server.url("/r")])
        .current_dir(dir.path())
        .run();
    assert_eq!(run.code, 1, "without --create-dirs: {run:#?}");
}
