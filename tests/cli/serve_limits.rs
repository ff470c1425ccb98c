//! `hit serve` within bounds: the header values it keeps are capped, its store is bounded
//! by the bytes its records hold (not their count or their JSON), and a start line that
//! cannot be written stops it.

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::Duration;

use serde_json::{Value, json};

use crate::serve::{ask, body, client, problem, runtime};
use crate::support::{Practice, wait_with_deadline};

const TOO_LARGE: &str = "Request Header Fields Too Large";
/// What the store may hold, in bytes, when a test wants it small.
const STORE: &str = "HIT_SERVE_MAX_STORE_BYTES";

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

/// POSTs `json` to `path` until the server stops answering 201 (at most `limit` times);
/// returns the statuses and the last answer's body.
fn fill(practice: &Practice, path: &str, json: &str, limit: usize) -> (Vec<u16>, Value) {
    let (runtime, client) = (runtime(), client());
    runtime.block_on(async {
        let mut statuses = Vec::new();
        loop {
            let request = client.post(practice.url(path));
            let request = request.header("Content-Type", "application/json");
            let response = request.body(json.to_owned()).send().await.expect("POST");
            statuses.push(response.status().as_u16());
            let bytes = response.bytes().await.expect("the body");
            if statuses.last() != Some(&201) || statuses.len() >= limit {
                let last = serde_json::from_slice(&bytes).expect("JSON");
                return (statuses, last);
            }
        }
    })
}

#[test]
fn many_small_records_fill_a_small_store_by_the_memory_they_hold() {
    let practice = Practice::start_with(&[(STORE, "262144")]);
    let order = r#"{"item":"x"}"#;
    let (statuses, last) = fill(&practice, "/orders", order, 5000);
    let stored = statuses.len() - 1;
    assert_eq!(statuses[stored], 507, "{statuses:?}");
    assert!(statuses[..stored].iter().all(|s| *s == 201), "{statuses:?}");
    // Each order is about 20 bytes of JSON: counted by their JSON, 256 KiB would hold
    // over ten thousand; what they hold in memory is several hundred bytes each.
    assert!((100..1000).contains(&stored), "{stored} orders stored");
    let detail = "hit serve keeps at most 262144 bytes of users, products and orders; DELETE \
                  some, or restart it to start again from the demo data";
    assert_eq!(last, problem(507, "Insufficient Storage", detail));
    // One budget for every collection; a DELETE makes room again.
    let (statuses, _) = fill(&practice, "/users", r#"{"name":"Ada"}"#, 5);
    assert_eq!(statuses, [507]);
    ask(&["DELETE", &practice.at("/orders/4")]).is(0, 204);
    let (statuses, last) = fill(&practice, "/orders", order, 1);
    assert_eq!((statuses, &last["id"]), (vec![201], &json!(stored + 4)));
}

#[test]
fn a_record_of_empty_objects_counts_what_it_holds_not_its_json() {
    let practice = Practice::start_with(&[(STORE, "1048576")]);
    // 40,000 empty objects: 0.5 MB of JSON, several MB in memory.
    let members: Vec<String> = (0..40_000).map(|i| format!(r#""a{i}":{{}}"#)).collect();
    let order = format!(r#"{{"item":"x",{}}}"#, members.join(","));
    assert!(order.len() < 600_000);
    let (statuses, last) = fill(&practice, "/orders", &order, 3);
    assert_eq!(statuses, [507]);
    assert_eq!(last["status"], 507);
    assert_eq!(body(&[&practice.at("/orders")])["total"], 3);
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
