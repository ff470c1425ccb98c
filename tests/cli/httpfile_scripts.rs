//! `hit run`: JetBrains HTTP Client scripts. Response handlers (`> {% … %}`,
//! `> ./handler.js`) and pre-request scripts (`< {% … %}`) run in a sandbox; their
//! `client.global` and `request.variables` values fill later `{{…}}`; `client.test` and
//! `client.assert` are checks that decide the exit code.

use std::path::Path;
use std::time::Duration;

use crate::support::{Reply, Server, hit, untimed};

/// Runs `source` as `api.http` in `dir` with `args` after the file.
fn run_in(dir: &Path, source: &str, args: &[&str]) -> crate::support::Run {
    std::fs::write(dir.join("api.http"), source).unwrap();
    let mut all = vec!["run", "api.http"];
    all.extend(args);
    hit(&all)
        .current_dir(dir)
        .run_within(Duration::from_secs(20))
}

fn run_source(source: &str, args: &[&str]) -> crate::support::Run {
    run_in(tempfile::tempdir().unwrap().path(), source, args)
}

/// `/login` answers a JSON token; anything else an empty 200.
fn login_server() -> Server {
    Server::start(|request| match request.target.as_str() {
        "/login" => {
            Reply::json(200, r#"{"token": "t-1", "user": {"id": 7}}"#).header("X-Request-Id", "r-9")
        }
        _ => Reply::new(200),
    })
}

#[test]
fn a_handler_sets_a_global_from_the_json_body_that_the_next_request_sends() {
    let server = login_server();
    let source = format!(
        "POST {login}\nContent-Type: application/json\n\n{{\"user\": \"ada\"}}\n\n\
         > {{%\n\
         client.global.set(\"token\", response.body.token);\n\
         client.global.set(\"user\", response.body.user.id);\n\
         client.log(response.status, response.contentType.mimeType,\n\
         \x20          response.headers.valueOf(\"x-request-id\"));\n\
         %}}\n\n\
         ###\nGET {me}?user={{{{user}}}}\nAuthorization: Bearer {{{{token}}}}\n",
        login = server.url("/login"),
        me = server.url("/me"),
    );
    let run = run_source(&source, &[]);
    run.success();
    let requests = server.requests();
    assert_eq!(requests.len(), 2, "{run:#?}");
    // The handler is not part of the first request's body.
    assert_eq!(requests[0].body_str(), "{\"user\": \"ada\"}");
    assert_eq!(requests[1].target, "/me?user=7");
    assert_eq!(requests[1].header("authorization"), Some("Bearer t-1"));
    assert!(
        run.stderr
            .contains("hit: api.http:6: 200 application/json r-9\n"),
        "{run:#?}"
    );
}

#[test]
fn client_test_results_decide_the_exit_code_and_are_reported_by_name() {
    let server = login_server();
    let url = server.url("/login");
    let passing = format!(
        "GET {url}\n\n> {{% client.test(\"token is there\", function () {{\n\
         client.assert(response.body.token === \"t-1\", \"no token\");\n}}); %}}\n"
    );
    let run = run_source(&passing, &[]);
    run.success();
    assert!(
        run.stderr
            .contains("hit: api.http:3: test 'token is there' passed\n"),
        "{run:#?}"
    );

    let failing = format!(
        "GET {url}\n\n> {{%\nclient.test(\"created\", () => {{\n\
         client.assert(response.status === 201, \"expected 201, got \" + response.status);\n\
         }});\n%}}\n"
    );
    let run = run_source(&failing, &[]);
    assert_eq!(run.code, 1, "{run:#?}");
    assert!(
        run.stderr
            .contains("hit: test failed: 'created': expected 201, got 200 (api.http:3)\n"),
        "{run:#?}"
    );

    // An assertion outside a test fails the request too.
    let bare = format!("GET {url}\n\n> {{% client.assert(false, \"never\") %}}\n");
    let run = run_source(&bare, &[]);
    assert_eq!(run.code, 1, "{run:#?}");
    assert!(
        run.stderr
            .contains("hit: assertion failed: never (api.http:3)\n"),
        "{run:#?}"
    );
}

#[test]
fn a_failed_test_stops_the_run_under_fail_fast() {
    let server = login_server();
    let source = format!(
        "GET {}\n\n> {{% client.test(\"t\", () => client.assert(false, \"no\")) %}}\n\n\
         ###\nGET {}\n",
        server.url("/a"),
        server.url("/b")
    );
    let run = run_source(&source, &["--fail-fast"]);
    assert_eq!((run.code, server.requests().len()), (1, 1), "{run:#?}");
    // By default the run goes on: the second request does not use the first's response.
    let run = run_source(&source, &[]);
    assert_eq!((run.code, server.requests().len()), (1, 3), "{run:#?}");
}

#[test]
fn a_script_that_never_ends_is_stopped() {
    let server = Server::ok();
    let source = format!("GET {}\n\n> {{% while (true) {{}} %}}\n", server.url("/"));
    let run = run_source(&source, &[]);
    assert_eq!(run.code, 1, "{run:#?}");
    assert_eq!(
        untimed(&run.stderr),
        "hit: error: api.http:3: the script failed: the script ran longer than 5s and was \
         stopped\nhit: api.http: 1 request: 0 passed, 1 failed, 0 skipped\n"
    );
}

#[test]
fn scripts_have_no_modules_files_or_network() {
    let server = Server::ok();
    for (call, name) in [
        ("require('fs').readFileSync('/etc/passwd')", "require"),
        ("fetch('http://example.com/')", "fetch"),
    ] {
        let source = format!("GET {}\n\n> {{% {call} %}}\n", server.url("/"));
        let run = run_source(&source, &[]);
        assert_eq!(run.code, 1, "{run:#?}");
        assert_eq!(
            untimed(&run.stderr),
            format!(
                "hit: error: api.http:3: the script failed: ReferenceError: {name} is not \
                 defined (scripts have the JetBrains HTTP Client API only: no modules, files, \
                 network or processes)\nhit: api.http: 1 request: 0 passed, 1 failed, 0 skipped\n"
            )
        );
    }
}

#[test]
fn a_runaway_allocation_is_stopped_by_the_memory_limit() {
    let server = Server::ok();
    // In the script, in a test, or caught: the script failed for want of memory.
    for script in [
        "const a = []; while (true) a.push('x'.repeat(4096));",
        "client.test('grows', () => { const a = []; while (true) a.push('x'.repeat(4096)); });",
        "try { const a = []; while (true) a.push('x'.repeat(4096)); } catch (e) { throw e; }",
    ] {
        let source = format!("GET {}\n\n> {{% {script} %}}\n", server.url("/"));
        let run = run_source(&source, &[]);
        assert_eq!(run.code, 1, "{run:#?}");
        assert_eq!(
            untimed(&run.stderr),
            "hit: error: api.http:3: the script failed: out of memory (the scripts of a run \
             may hold 64 MiB)\nhit: api.http: 1 request: 0 passed, 1 failed, 0 skipped\n",
            "{script}"
        );
    }
}

#[test]
fn a_test_that_throws_null_is_named_and_not_taken_for_running_out_of_memory() {
    let server = Server::ok();
    let source = format!(
        "GET {}\n\n> {{% client.test('nothing', () => {{ throw null; }}); %}}\n",
        server.url("/")
    );
    let run = run_source(&source, &[]);
    assert_eq!(run.code, 1, "{run:#?}");
    assert!(
        run.stderr
            .contains("hit: test failed: 'nothing': threw null (api.http:3)\n"),
        "{run:#?}"
    );
    assert!(!run.stderr.contains("memory"), "{run:#?}");
}

#[test]
fn lookups_by_name_see_only_the_names_set() {
    let server = Server::ok();
    let source = format!(
        "GET {}\n\n> {{%\n\
         client.global.set('__proto__', 'x');\n\
         client.log(request.environment.get('constructor'), request.variables.get('toString'),\n\
         client.global.get('hasOwnProperty'), client.global.get('__proto__'),\n\
         typeof client.global.isEmpty);\n%}}\n",
        server.url("/")
    );
    let run = run_source(&source, &[]);
    run.success();
    assert!(
        run.stderr
            .contains("hit: api.http:3: null null null x function\n"),
        "{run:#?}"
    );
}

#[test]
fn no_scripts_skips_each_script_naming_it() {
    let server = login_server();
    let source = format!(
        "< {{% request.variables.set('x', '1') %}}\nPOST {}\n\nbody\n\n\
         > {{% client.assert(false) %}}\n> ./check.js\n",
        server.url("/login")
    );
    // The handler file is not read either.
    let run = run_source(&source, &["--no-scripts"]);
    run.success();
    assert_eq!(
        run.stderr,
        "hit: api.http:1: script not run (--no-scripts)\n\
         hit: api.http:6: script not run (--no-scripts)\n\
         hit: api.http:7: script not run (--no-scripts)\n"
    );
    assert_eq!(server.only_request().body_str(), "body");
}

#[test]
fn a_pre_request_script_sets_variables_for_its_request() {
    let server = Server::ok();
    let source = format!(
        "< {{%\n\
         request.variables.set(\"id\", 40 + 2);\n\
         client.global.set(\"seen\", request.headers.findByName(\"X-Tag\").getRawValue());\n\
         client.global.set(\"url\", request.url.getRaw());\n\
         %}}\n\
         GET {base}/items/{{{{id}}}}\nX-Tag: {{{{id}}}}\n\n\
         ###\nPOST {base}/echo\nContent-Type: text/plain\n\n{{{{seen}}}} {{{{url}}}}\n",
        base = server.url("").trim_end_matches('/'),
    );
    let run = run_source(&source, &[]);
    run.success();
    let requests = server.requests();
    assert_eq!(requests[0].target, "/items/42");
    assert_eq!(requests[0].header("x-tag"), Some("42"));
    let base = server.url("").trim_end_matches('/').to_string();
    assert_eq!(
        requests[1].body_str(),
        format!("{{{{id}}}} {base}/items/{{{{id}}}}")
    );
}

#[test]
fn a_handler_file_is_read_beside_the_http_file() {
    let server = login_server();
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("scripts")).unwrap();
    std::fs::write(
        dir.path().join("scripts/check.js"),
        "client.test('sha256', () => client.assert(\n\
           crypto.sha256().updateWithText('abc').digest().toHex() ===\n\
           'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'));\n\
         client.test('hmac', () => client.assert(crypto.hmac.sha256().withTextSecret('key')\n\
           .updateWithText('The quick brown fox jumps over the lazy dog').digest().toBase64()\n\
           === '97yD9DBThCSxMpjmqm+xQ+9NWaFJRhdZl0edvC0aPNg='));\n\
         client.test('random', () => client.assert(/^[0-9a-f-]{36}$/.test($random.uuid)\n\
           && $random.integer(3, 4) === 3 && $random.integer(1) === 0 && $random.alphabetic(5).length === 5));\n",
    )
    .unwrap();
    let source = format!("GET {}\n\n> scripts/check.js\n", server.url("/login"));
    let run = run_in(dir.path(), &source, &[]);
    run.success();
    for name in ["sha256", "hmac", "random"] {
        let line = format!("hit: api.http:3: test '{name}' passed\n");
        assert!(run.stderr.contains(&line), "{run:#?}");
    }

    // A missing handler file is refused before anything is sent.
    let source = format!("GET {}\n\n> ./missing.js\n", server.url("/login"));
    let run = run_in(dir.path(), &source, &[]);
    assert_eq!(run.code, 2, "{run:#?}");
    assert!(
        run.stderr.starts_with("hit: error: api.http:3: "),
        "{run:#?}"
    );
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn a_variable_only_a_script_sets_is_known_before_the_run_and_named_when_unset() {
    let server = Server::reply(Reply::json(200, r#"{"other": 1}"#));
    let source = format!(
        "GET {url}\n\n> {{% client.global.set(\"token\", response.body.token) %}}\n\n\
         ###\nGET {url}\nAuthorization: Bearer {{{{token}}}}\n",
        url = server.url("/")
    );
    let run = run_source(&source, &[]);
    assert_eq!(run.code, 2, "{run:#?}");
    assert_eq!(
        untimed(&run.stderr),
        "hit: error: api.http:7: {{token}} is not a variable of the file (@token = …) or of \
         the environment (--env, --env-var); the script at api.http:3 sets it, and had not when \
         this request was filled in\nhit: api.http: 2 requests: 1 passed, 1 failed, 0 skipped\n"
    );
    assert_eq!(server.requests().len(), 1);
}
