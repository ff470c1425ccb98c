//! `hit serve` within bounds: the header values it keeps are capped, and a start line that
//! cannot be written stops it. Its store's budget in bytes held and its time limits are
//! tested in process (src/serve/tests_in_process.rs).

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::serve::{ask, body};
use crate::support::{Practice, wait_with_deadline};

const TOO_LARGE: &str = "Request Header Fields Too Large";

#[test]
fn an_idempotency_key_over_256_bytes_is_431_naming_it_and_makes_nothing() {
    let practice = Practice::start();
    let post = |key: &str| {
        let key = format!("Idempotency-Key:{key}");
        ask(&["POST", &practice.at("/orders"), "item=book", &key])
    };
    post(&"k".repeat(257)).is_problem(
        431,
        TOO_LARGE,
        "the Idempotency-Key header is 257 bytes long; hit serve keeps values of at most 256 \
         bytes, so send a shorter one",
    );
    assert_eq!(body(&[&practice.at("/orders")])["total"], 3);
    let longest = "k".repeat(256);
    post(&longest).is(0, 201);
    let again = post(&longest);
    again.is(0, 201);
    assert_eq!(again.header("Idempotent-Replayed"), Some("true"));
    assert_eq!(body(&[&practice.at("/orders")])["total"], 4);
}

#[test]
fn a_client_id_over_256_bytes_is_431_naming_it() {
    let practice = Practice::start();
    let id = format!("X-Client-Id:{}", "c".repeat(60_000));
    let detail = "the X-Client-Id header is 60000 bytes long; hit serve keeps values of at most \
                  256 bytes, so send a shorter one";
    for path in ["/flaky", "/ratelimit"] {
        ask(&[&practice.at(path), &id]).is_problem(431, TOO_LARGE, detail);
    }
    let id = format!("X-Client-Id:{}", "c".repeat(256));
    ask(&[&practice.at("/ratelimit"), &id]).is(0, 200);
}

#[test]
fn a_start_line_that_cannot_be_written_exits_1_saying_so() {
    let full = std::fs::OpenOptions::new().write(true).open("/dev/full");
    let full = full.expect("open /dev/full");
    let (reader, closed) = std::io::pipe().expect("a pipe");
    drop(reader);
    let cases = [
        (Stdio::from(full), "No space left on device"),
        (Stdio::from(closed), "Broken pipe"),
    ];
    for (stdout, reason) in cases {
        let mut child = Command::new(env!("CARGO_BIN_EXE_hit"))
            .args(["serve", "--port", "0"])
            .env_clear()
            .stdin(Stdio::null())
            .stdout(stdout)
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn hit serve");
        let status = wait_with_deadline(&mut child, Duration::from_secs(10));
        let mut stderr = String::new();
        let mut pipe = child.stderr.take().unwrap();
        pipe.read_to_string(&mut stderr).unwrap();
        assert_eq!(
            (status.code(), stderr.as_str()),
            (
                Some(1),
                format!("hit: error: cannot write the start line to stdout: {reason}\n").as_str()
            )
        );
    }
}
