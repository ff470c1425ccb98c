//! netrc files as curl reads them (issue 23 item 10): quoted values with escapes, comments,
//! macros skipped, `default` for any other host; the Authorization header the server
//! receives is the one curl sends for the same file.

use std::process::{Command, Stdio};

use base64::Engine;

use crate::support::{Server, hit};

fn basic(pair: &str) -> String {
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(pair)
    )
}

/// A netrc file in its own directory, with `127.0.0.1:PORT`'s host standing for HOST.
fn netrc_file(text: &str) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(".netrc");
    std::fs::write(&path, text.replace("HOST", "127.0.0.1")).unwrap();
    let path = path.to_str().unwrap().to_string();
    (dir, path)
}

/// Files whose reading every curl since 7.88 agrees on, and what they give 127.0.0.1.
const FILES: &[(&str, Option<&str>)] = &[
    (
        "machine HOST login alice password \"open sesame\"\n",
        Some("alice:open sesame"),
    ),
    (
        "machine HOST login \"a \\\"q\\\" b\" password \"back\\\\slash\\ttab\\nline\"\n",
        Some("a \"q\" b:back\\slash\ttab\nline"),
    ),
    (
        "# work\n\
         macdef init\n\
         machine HOST login evil password macro-body\n\
         \n\
         machine other.test login eve password not-yours\n\
         MACHINE HOST\n\tLOGIN ada\n\tPASSWORD \"s3 cret\"\n\
         machine HOST login late password second\n\
         default login anon password guest\n",
        Some("ada:s3 cret"),
    ),
    (
        "machine other.test login eve password not-yours\n\
         default login anon password \"g u e s t\"\n",
        Some("anon:g u e s t"),
    ),
    (
        "machine HOST password only-a-password\n",
        Some(":only-a-password"),
    ),
    ("machine HOST login only-a-login\n", Some("only-a-login:")),
    ("machine other.test login eve password not-yours\n", None),
];

#[test]
fn a_quoted_password_with_a_space_is_sent() {
    let server = Server::ok();
    let (_dir, file) = netrc_file(FILES[0].0);
    hit(&["--netrc-file", &file, &server.url("/a")])
        .run()
        .success();
    // -n reads ~/.netrc, the same file.
    let home = std::path::Path::new(&file).parent().unwrap();
    hit(&["-n", &server.url("/b")])
        .env("HOME", home.to_str().unwrap())
        .run()
        .success();
    let sent: Vec<Option<String>> = server
        .requests()
        .iter()
        .map(|r| r.header("authorization").map(String::from))
        .collect();
    let expected = Some(basic("alice:open sesame"));
    assert_eq!(sent, [expected.clone(), expected]);
}

#[test]
fn every_file_gives_what_it_should() {
    for (text, expected) in FILES {
        let server = Server::ok();
        let (_dir, file) = netrc_file(text);
        let run = hit(&["--netrc-file", &file, &server.url("/")]).run();
        assert_eq!((run.code, run.stderr.as_str()), (0, ""), "{text:?}");
        let sent = server
            .only_request()
            .header("authorization")
            .map(String::from);
        assert_eq!(sent, expected.map(basic), "{text:?}");
    }
}

#[test]
fn the_same_files_give_what_curl_sends() {
    if Command::new("curl").arg("--version").output().is_err() {
        eprintln!("skipped: curl is not installed, so hit's netrc reading is not compared");
        return;
    }
    for (text, _) in FILES {
        let server = Server::ok();
        let (_dir, file) = netrc_file(text);
        let status = Command::new("curl")
            .env_clear()
            .args(["-q", "-s", "-o", "/dev/null", "--netrc-file", &file])
            .arg(server.url("/curl"))
            .stdout(Stdio::null())
            .status()
            .expect("curl runs");
        assert!(status.success(), "curl with {text:?}: {status}");
        hit(&["--netrc-file", &file, &server.url("/hit")])
            .run()
            .success();
        let requests = server.requests();
        assert_eq!(requests.len(), 2, "{text:?}");
        assert_eq!(
            requests[1].header("authorization"),
            requests[0].header("authorization"),
            "hit and curl read {text:?} differently"
        );
    }
}

#[test]
fn a_quote_left_open_names_the_line_and_never_the_password() {
    let server = Server::ok();
    let (_dir, file) = netrc_file(
        "machine other.test login eve password fine\n\
         machine HOST login ada\n  password \"s3cret-never-shown\n",
    );
    let run = hit(&["--netrc-file", &file, &server.url("/")]).run();
    assert_eq!(run.code, 1, "{run:#?}");
    assert_eq!(
        run.stderr,
        format!(
            "hit: error: the netrc file '{file}', line 3: a quoted value has no closing '\"' \
             on its line\n"
        )
    );
    assert!(server.requests().is_empty());
}

#[cfg(unix)]
#[test]
fn a_fifo_nothing_writes_to_is_an_empty_file_not_a_hang() {
    let server = Server::ok();
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("netrc");
    let made = Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    // `run` fails the test if hit waits for a writer (30 s at most).
    let run = hit(&["--netrc-file", fifo.to_str().unwrap(), &server.url("/")]).run();
    run.success();
    assert_eq!(server.only_request().header("authorization"), None);
}
