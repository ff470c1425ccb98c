//! Whole-output snapshots (insta): the help pages, a few `hit explain` pages, and `-v`
//! request and response heads against a test server. The snapshots live in
//! tests/cli/snapshots/; `cargo insta review` (or `INSTA_UPDATE=always cargo test`) updates
//! them after a change meant to show.

use crate::support::{Reply, Server, hit};

/// What hit prints, stdout then stderr, after it succeeded.
fn output(args: &[&str]) -> String {
    let run = hit(args).run();
    assert_eq!(run.code, 0, "{run:#?}");
    format!("{}{}", run.stdout(), run.stderr)
}

#[test]
fn hit_help() {
    insta::assert_snapshot!(output(&["--help"]));
}

#[test]
fn hit_run_help() {
    insta::assert_snapshot!(output(&["run", "--help"]));
}

#[test]
fn hit_serve_help() {
    insta::assert_snapshot!(output(&["serve", "--help"]));
}

#[test]
fn explain_pages() {
    for topic in [
        "get-vs-post",
        "404",
        "retry-after",
        "PATCH",
        "idempotency",
        "put-vs-patch",
        "pagination",
        "long-url",
        "secret-in-query",
        "body-without-meaning",
    ] {
        insta::assert_snapshot!(format!("explain_{topic}"), output(&["explain", topic]));
    }
}

/// Several topics in one call: each page whole, in the order asked, separated by a rule.
#[test]
fn explain_several_topics() {
    let both = output(&["explain", "put-vs-patch", "pagination"]);
    let apart = [
        output(&["explain", "put-vs-patch"]),
        output(&["explain", "pagination"]),
    ];
    assert_eq!(both, apart.join("\n---\n\n"));
    insta::assert_snapshot!(both);
}

/// Asserts a snapshot of `-v` output with the test server's port and dates, which change on
/// every run, replaced.
macro_rules! assert_heads {
    ($text:expr) => {{
        let mut settings = insta::Settings::clone_current();
        settings.add_filter(r"127\.0\.0\.1:\d+", "127.0.0.1:[PORT]");
        settings.add_filter(r"(?m)^([Dd]ate: ).*$", "${1}[DATE]");
        settings.bind(|| insta::assert_snapshot!($text));
    }};
}

#[test]
fn verbose_heads_of_a_get() {
    let server =
        Server::reply(Reply::json(200, r#"{"id":7,"name":"Ada"}"#).header("ETag", "\"v7\""));
    assert_heads!(output(&[
        "-v",
        &server.url("/users/7"),
        "X-Trace:abc",
        "page==2"
    ]));
}

#[test]
fn verbose_heads_of_a_post_with_a_json_body() {
    let server = Server::reply(Reply::json(201, r#"{"id":26}"#).header("Location", "/users/26"));
    assert_heads!(output(&[
        "-v",
        "POST",
        &server.url("/users"),
        "name=Ada",
        "admin:=true"
    ]));
}

#[test]
fn hit_auth_help() {
    insta::assert_snapshot!(output(&["auth", "--help"]));
}
