//! A build without the default features (`cargo test --no-default-features`): `--jq`,
//! `--check` and `hit serve` keep their place in the help and are refused with one line and
//! exit 2, before anything is sent. In a default build these tests do not run.

#[cfg(not(feature = "jq"))]
use crate::support::{Server, hit};

#[test]
#[cfg(not(feature = "jq"))]
fn jq_and_check_are_refused_in_one_line_before_sending() {
    let server = Server::ok();
    for (flag, value) in [("--jq", ".a"), ("--check", ".ok == true")] {
        let run = hit(&[flag, value, &server.url("/")]).run();
        assert_eq!(run.code, 2, "{run:#?}");
        assert_eq!(
            run.stderr,
            format!(
                "hit: error: {flag}: this build of hit was built without jq (the cargo feature \
                 'jq'); a default build has it\n"
            )
        );
    }
    assert!(server.requests().is_empty());
}

#[test]
#[cfg(not(feature = "serve"))]
fn serve_is_refused_in_one_line() {
    let run = crate::support::hit(&["serve", "--port", "0"]).run();
    assert_eq!(run.code, 2, "{run:#?}");
    assert_eq!(
        run.stderr,
        "hit: error: this build of hit was built without 'hit serve' (the cargo feature \
         'serve'); a default build has it\n"
    );
    assert_eq!(run.stdout, b"");
}
