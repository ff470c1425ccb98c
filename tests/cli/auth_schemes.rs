//! `--digest`, `--anyauth` and netrc files: credentials answer a challenge, or come from a
//! netrc entry, and go only to the host they are for.

use std::collections::HashMap;

use md5::{Digest, Md5};

use crate::support::{Recorded, Reply, Server, hit};

const REALM: &str = "hit-tests";
const NONCE: &str = "dcd98b7102dd2f0e8b11d0f600bfb0c093";

fn md5_hex(text: &str) -> String {
    Md5::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The fields of a `Digest a="b", c=d` header.
fn fields(header: &str) -> HashMap<String, String> {
    let rest = header.strip_prefix("Digest ").unwrap_or_default();
    rest.split(',')
        .filter_map(|pair| pair.trim().split_once('='))
        .map(|(k, v)| (k.to_string(), v.trim_matches('"').to_string()))
        .collect()
}

/// A server that asks for Digest (and Basic, when `basic_too`) and says 200 only to a right
/// answer for ada/secret (RFC 7616 §3.4.1, qop=auth, MD5).
fn digest_server(basic_too: bool) -> Server {
    Server::start(move |request: &Recorded| {
        let challenge =
            format!(r#"Digest realm="{REALM}", nonce="{NONCE}", qop="auth", algorithm=MD5"#);
        let Some(header) = request.header("authorization") else {
            let mut reply = Reply::new(401).header("WWW-Authenticate", &challenge);
            if basic_too {
                reply = reply.header("WWW-Authenticate", r#"Basic realm="hit-tests""#);
            }
            return reply;
        };
        let f = fields(header);
        let ha1 = md5_hex(&format!("ada:{REALM}:secret"));
        let ha2 = md5_hex(&format!("{}:{}", request.method, f["uri"]));
        let expected = md5_hex(&format!(
            "{ha1}:{NONCE}:{}:{}:auth:{ha2}",
            f["nc"], f["cnonce"]
        ));
        if f.get("response") == Some(&expected) && f["uri"] == request.target {
            Reply::text(200, "welcome")
        } else {
            Reply::new(401).header("WWW-Authenticate", &challenge)
        }
    })
}

#[test]
fn digest_answers_the_challenge_once() {
    let server = digest_server(false);
    let run = hit(&["--digest", "-u", "ada:secret", &server.url("/private?x=1")]).run();
    run.success();
    assert_eq!(run.stdout(), "welcome");
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(
        requests[0].header("authorization"),
        None,
        "nothing sent before the 401"
    );
    assert!(
        requests[1]
            .header("authorization")
            .unwrap()
            .starts_with("Digest ")
    );

    // A wrong password: one answer, then the 401 is the answer (exit 4).
    let run = hit(&["--digest", "-u", "ada:wrong", &server.url("/private")]).run();
    assert_eq!(run.code, 4, "{run:#?}");
    assert_eq!(server.requests().len(), 4);
}

#[test]
fn curl_runs_the_same_digest_exchange() {
    let server = digest_server(false);
    let run = hit(&[
        "--curl",
        "--show-secrets",
        "--digest",
        "-u",
        "ada:secret",
        &server.url("/p"),
    ])
    .run();
    run.success();
    let command = run.stdout();
    assert!(command.contains("--digest"), "{command}");
    let status = std::process::Command::new("sh")
        .args([
            "-c",
            &format!("{} -s -o /dev/null -w '%{{http_code}}'", command.trim()),
        ])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&status.stdout), "200");
}

#[test]
fn anyauth_picks_digest_over_basic_and_digest_never_sends_basic() {
    let server = digest_server(true);
    hit(&["--anyauth", "-u", "ada:secret", &server.url("/a")])
        .run()
        .success();
    let basic_only = Server::start(|request: &Recorded| match request.header("authorization") {
        Some("Basic YWRhOnNlY3JldA==") => Reply::text(200, "basic ok"),
        _ => Reply::new(401).header("WWW-Authenticate", r#"Basic realm="r""#),
    });
    let run = hit(&["--anyauth", "-u", "ada:secret", &basic_only.url("/b")]).run();
    run.success();
    assert_eq!(run.stdout(), "basic ok");
    let run = hit(&["--digest", "-u", "ada:secret", &basic_only.url("/c")]).run();
    assert_eq!(
        run.code, 4,
        "--digest does not fall back to Basic: {run:#?}"
    );
    assert_eq!(basic_only.requests()[2].header("authorization"), None);
}

fn netrc(lines: &str) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("netrc");
    std::fs::write(&path, lines).unwrap();
    let path = path.to_str().unwrap().to_string();
    (dir, path)
}

#[test]
fn netrc_gives_the_hosts_credentials_and_no_others() {
    let server = Server::ok();
    let (_dir, file) = netrc(
        "machine other.example login eve password stolen\n\
         machine 127.0.0.1 login ada password s3cret\n\
         default login anon password guest\n",
    );
    hit(&["--netrc-file", &file, &server.url("/a")])
        .run()
        .success();
    // -u and the URL's own credentials come first.
    hit(&["--netrc-file", &file, "-u", "bob:pw", &server.url("/b")])
        .run()
        .success();
    let with_user = server.url("/c").replace("http://", "http://carl:x@");
    hit(&["--netrc-file", &file, &with_user]).run().success();
    // localhost is another machine: the default entry, never 127.0.0.1's.
    let localhost = server.url("/d").replace("127.0.0.1", "localhost");
    hit(&["--netrc-file", &file, &localhost]).run().success();
    let basic = |pair: &str| {
        use base64::Engine;
        format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD.encode(pair)
        )
    };
    let requests = server.requests();
    assert_eq!(
        requests[0].header("authorization"),
        Some(basic("ada:s3cret").as_str())
    );
    assert_eq!(
        requests[1].header("authorization"),
        Some(basic("bob:pw").as_str())
    );
    assert_eq!(
        requests[2].header("authorization"),
        Some(basic("carl:x").as_str())
    );
    assert_eq!(
        requests[3].header("authorization"),
        Some(basic("anon:guest").as_str())
    );
}

#[test]
fn netrc_credentials_never_follow_a_redirect_to_another_host() {
    let target = Server::ok();
    let landing = target.url("/landing").replace("127.0.0.1", "localhost");
    let first = Server::reply(Reply::new(302).header("Location", &landing));
    let (_dir, file) = netrc(
        "machine 127.0.0.1 login ada password s3cret\n\
         machine localhost login mallory\n",
    );
    let run = hit(&["-L", "--netrc-file", &file, &first.url("/start")]).run();
    run.success();
    assert!(first.only_request().header("authorization").is_some());
    assert_eq!(
        target.only_request().header("authorization"),
        None,
        "neither 127.0.0.1's password nor anything else goes to another host"
    );
}

#[test]
fn a_missing_netrc_file_is_an_error_unless_optional() {
    let server = Server::ok();
    let run = hit(&["--netrc-file", "/nonexistent/netrc", &server.url("/x")]).run();
    assert_eq!(run.code, 1, "{run:#?}");
    assert!(
        run.stderr
            .contains("cannot read the netrc file '/nonexistent/netrc'"),
        "{}",
        run.stderr
    );
    let run = hit(&["-n", &server.url("/x")]).run();
    assert_eq!(run.code, 2, "no HOME in the test environment: {run:#?}");
    hit(&["--netrc-optional", &server.url("/y")])
        .env("HOME", "/nonexistent")
        .run()
        .success();
    assert_eq!(server.only_request().target, "/y");
}
