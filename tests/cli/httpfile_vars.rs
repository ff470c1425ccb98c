//! `hit run`: variables that use variables are expanded within bounds (depth and size), so
//! a few hundred bytes of `.http` file cannot send gigabytes or run forever.

use std::time::Duration;

use crate::support::{Server, hit};

/// Runs `source` as `api.http` in a directory of its own.
fn run_source(source: &str) -> crate::support::Run {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("api.http"), source).unwrap();
    hit(&["run", "api.http"])
        .current_dir(dir.path())
        .run_within(Duration::from_secs(10))
}

/// `@v0 = {{leaf}}{{leaf}}…` ten times, `@v1 = {{v0}}{{v0}}…`, …: ten times more text at
/// each of `levels` levels.
fn exponential(leaf: &str, levels: usize) -> (String, String) {
    let mut lines = vec![format!("@leaf = {leaf}")];
    let mut previous = "leaf".to_string();
    for level in 0..levels {
        let name = format!("v{level}");
        lines.push(format!(
            "@{name} = {}",
            format!("{{{{{previous}}}}}").repeat(10)
        ));
        previous = name;
    }
    (lines.join("\n"), previous)
}

#[test]
fn an_exponential_chain_of_variables_is_refused_fast_and_nothing_is_sent() {
    let server = Server::ok();
    let grows = "expands to more than 1 MiB; variables that use other variables several times \
                 grow exponentially (a large body belongs in a file: < FILE)";
    let empty = "uses variables more than 100000 times; variables that use other variables \
                 several times grow exponentially";
    for (leaf, why) in [("x".repeat(40), grows), (String::new(), empty)] {
        let (variables, last) = exponential(&leaf, 20);
        let source = format!(
            "{variables}\n\nPOST {}\nContent-Type: text/plain\n\n{{{{{last}}}}}\n",
            server.url("/")
        );
        let run = run_source(&source);
        assert_eq!(run.code, 2, "{run:#?}");
        let message = format!("hit: error: api.http:26: {{{{v19}}}} {why}\n");
        assert_eq!(run.stderr, message);
    }
    assert_eq!(server.requests().len(), 0);
}

#[test]
fn variables_in_a_loop_are_refused_naming_the_loop() {
    let server = Server::ok();
    let url = server.url("/");
    let cases = [
        (
            format!("@a = x{{{{b}}}}\n@b = y{{{{c}}}}\n@c = {{{{a}}}}\n\nGET {url}{{{{a}}}}\n"),
            "api.http:5: {{a}} refers to itself through {{b}}, {{c}} (variables in a loop)",
        ),
        (
            format!("@a = {{{{a}}}}{{{{a}}}}\n\nGET {url}\nX-A: {{{{a}}}}\n"),
            "api.http:4: {{a}} refers to itself (variables in a loop)",
        ),
    ];
    for (source, message) in cases {
        let run = run_source(&source);
        assert_eq!(
            (run.code, run.stderr.as_str()),
            (2, format!("hit: error: {message}\n").as_str())
        );
    }
    let chain: Vec<String> = (0..40)
        .map(|i| format!("@d{i} = {{{{d{}}}}}", i + 1))
        .collect();
    let source = format!("{}\n@d40 = end\n\nGET {url}{{{{d0}}}}\n", chain.join("\n"));
    let run = run_source(&source);
    assert_eq!(
        (run.code, run.stderr.as_str()),
        (
            2,
            "hit: error: api.http:43: {{d0}} nests variables more than 32 deep\n"
        )
    );
    assert_eq!(server.requests().len(), 0);
}

#[test]
fn ordinary_nesting_and_a_large_expansion_under_the_bound_still_work() {
    let server = Server::ok();
    // Five levels of variables, and 10^4 copies of an 80-byte leaf: 800,000 bytes.
    let leaf = "1234567890".repeat(8);
    let (variables, last) = exponential(&leaf, 4);
    let source = format!(
        "{variables}\n@host = {}\n@base = http://{{{{host}}}}\n@api = {{{{base}}}}/v1\n\n\
         POST {{{{api}}}}/items\nContent-Type: text/plain\n\n{{{{{last}}}}}\n",
        server.url("").trim_start_matches("http://")
    );
    let run = run_source(&source);
    assert_eq!(run.code, 0, "{run:#?}");
    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].target, "/v1/items");
    assert_eq!(requests[0].body, leaf.repeat(10_000).as_bytes());
}
