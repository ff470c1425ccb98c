//! A build without the default features (`cargo test --no-default-features`): `--jq`,
//! `--check`, `hit serve` and `hit run`'s scripts keep their place in the help and are refused with one line and
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

#[test]
#[cfg(not(feature = "scripts"))]
fn a_file_with_scripts_is_refused_naming_the_script_and_no_scripts_runs_it() {
    let server = crate::support::Server::ok();
    let source = format!("GET {}\n\n> {{% client.log('hi') %}}\n", server.url("/"));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("api.http");
    std::fs::write(&path, source).unwrap();
    let path = path.to_str().unwrap();
    let run = crate::support::hit(&["run", path]).run();
    assert_eq!(run.code, 2, "{run:#?}");
    assert_eq!(
        run.stderr,
        format!(
            "hit: error: {path}:3: this build of hit was built without scripts (the cargo \
             feature 'scripts'); a default build has them, and --no-scripts runs the file \
             without them\n"
        )
    );
    assert!(server.requests().is_empty());
    let run = crate::support::hit(&["run", path, "--no-scripts"]).run();
    assert_eq!(run.code, 0, "{run:#?}");
    assert_eq!(server.requests().len(), 1);
}
