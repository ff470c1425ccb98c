//! The printer (SPEC §4): pipe vs terminal, colour rules, sections, request IDs.

use crate::support::{Reply, Server, hit};

const JSON_BODY: &str = r#"{"name":"Ada","tags":["x",1,null,true]}"#;

fn json_server() -> Server {
    Server::reply(Reply::json(200, JSON_BODY).header("X-Request-Id", "req-42"))
}

#[test]
fn a_pipe_gets_the_exact_bytes_only() {
    let server = json_server();
    let run = hit(&[&server.url("/")]).run();
    run.success();
    assert_eq!(run.stdout(), JSON_BODY);
    assert_eq!(run.stderr, "");
}

#[test]
fn a_terminal_gets_headers_and_pretty_json() {
    let server = json_server();
    let run = hit(&[&server.url("/")]).plain_terminal().run();
    run.success();
    assert_eq!(
        run.stdout(),
        r#"HTTP/1.1 200 OK
Content-Type: application/json
X-Request-Id: req-42
Content-Length: 39

{
    "name": "Ada",
    "tags": [
        "x",
        1,
        null,
        true
    ]
}
"#
    );
}

/// The escape sequences of the default palette, spelled out.
const RESET: &str = "\x1b[0m";
const BOLD: &str = "\x1b[1m";
const BLUE: &str = "\x1b[34m";
const CYAN: &str = "\x1b[36m";
const GREEN: &str = "\x1b[32m";
const BOLD_GREEN: &str = "\x1b[1;32m";
const BOLD_BLUE: &str = "\x1b[1;34m";
const BOLD_MAGENTA: &str = "\x1b[1;35m";
const BOLD_GREY: &str = "\x1b[1;90m";

#[test]
fn a_terminal_gets_colour() {
    let server = json_server();
    let run = hit(&[&server.url("/")]).terminal().run();
    run.success();
    let expected = format!(
        "{BLUE}HTTP/1.1{RESET} {BOLD_GREEN}200 OK{RESET}\n\
         {CYAN}Content-Type{RESET}: application/json\n\
         {BOLD_MAGENTA}X-Request-Id: req-42{RESET}\n\
         {CYAN}Content-Length{RESET}: 39\n\
         \n\
         {BOLD}{{{RESET}\n    \
         {BOLD_BLUE}\"name\"{RESET}: {GREEN}\"Ada\"{RESET},\n    \
         {BOLD_BLUE}\"tags\"{RESET}: {BOLD}[{RESET}\n        \
         {GREEN}\"x\"{RESET},\n        \
         1,\n        \
         {BOLD_GREY}null{RESET},\n        \
         true\n    \
         {BOLD}]{RESET}\n\
         {BOLD}}}{RESET}\n"
    );
    assert_eq!(run.stdout(), expected);
}

#[test]
fn colour_rules() {
    let server = json_server();
    let url = server.url("/");
    let has_colour = |run: &crate::support::Run| run.stdout().contains('\x1b');
    // A terminal colours unless NO_COLOR, TERM=dumb or --color never.
    assert!(has_colour(&hit(&[&url]).terminal().run()));
    assert!(!has_colour(&hit(&[&url]).plain_terminal().run()));
    assert!(!has_colour(
        &hit(&[&url]).terminal().env("TERM", "dumb").run()
    ));
    assert!(!has_colour(
        &hit(&["--color", "never", &url]).terminal().run()
    ));
    // A pipe is never coloured unless forced.
    assert!(!has_colour(&hit(&[&url]).run()));
    assert!(has_colour(&hit(&["--color", "always", &url]).run()));
    // Forced colour in a pipe paints the body but keeps its layout.
    let run = hit(&[&url]).env("FORCE_COLOR", "1").run();
    assert!(has_colour(&run));
    assert_eq!(strip_ansi(&run.stdout()), JSON_BODY);
    assert!(has_colour(&hit(&[&url]).env("CLICOLOR_FORCE", "1").run()));
    // --pretty format keeps the layout without colour.
    let run = hit(&["--pretty", "format", &url]).terminal().run();
    assert!(!has_colour(&run) && run.stdout().contains("\n    \"name\": \"Ada\",\n"));
    // --pretty none leaves the body exactly as received, even on a terminal.
    let run = hit(&["--pretty", "none", "--body", &url]).terminal().run();
    assert_eq!(run.stdout(), format!("{JSON_BODY}\n"));
}

#[test]
fn section_selectors() {
    let server = json_server();
    let url = server.url("/");
    let head = "HTTP/1.1 200 OK\nContent-Type: application/json\nX-Request-Id: req-42\nContent-Length: 39\n\n";
    assert_eq!(hit(&["--headers", &url]).run().stdout(), head);
    assert_eq!(
        hit(&["-i", &url]).run().stdout(),
        format!("{head}{JSON_BODY}")
    );
    assert_eq!(hit(&["-p", "h", &url]).run().stdout(), head);
    assert_eq!(
        hit(&["--body", &url])
            .plain_terminal()
            .run()
            .stdout()
            .lines()
            .next(),
        Some("{")
    );
    let run = hit(&["-q", &url]).run();
    assert_eq!(
        (run.code, run.stdout(), run.stderr.as_str()),
        (0, String::new(), "")
    );
    let run = hit(&["-p", "x", &url]).run();
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "hit: error: bad --print 'x': 'x' is not one of H B h b m\n"
    );
}

#[test]
fn verbose_shows_the_request_then_the_response() {
    let server = Server::reply(Reply::text(201, "made"));
    let run = hit(&["-v", &server.url("/users?x=1"), "name=Ada"]).run();
    run.success();
    let port = server.addr.port();
    assert_eq!(
        run.stdout(),
        format!(
            "POST /users?x=1 HTTP/1.1\n\
             Host: 127.0.0.1:{port}\n\
             User-Agent: hit/{}\n\
             Accept: application/json, */*;q=0.5\n\
             Accept-Encoding: gzip, deflate, br\n\
             Content-Type: application/json\n\
             Content-Length: 14\n\
             \n\
             {{\"name\":\"Ada\"}}\n\
             \n\
             HTTP/1.1 201 Created\n\
             Content-Type: text/plain\n\
             Content-Length: 4\n\
             \n\
             made",
            env!("CARGO_PKG_VERSION")
        )
    );
}

#[test]
fn metadata_section() {
    let server = Server::reply(Reply::text(200, "12345"));
    let run = hit(&["-p", "m", &server.url("/")]).run();
    run.success();
    let names: Vec<&str> = run
        .stdout
        .split(|&b| b == b'\n')
        .filter_map(|l| std::str::from_utf8(l).ok()?.split(':').next())
        .filter(|n| !n.is_empty())
        .collect();
    assert_eq!(
        names,
        [
            "HTTP version",
            "Remote address",
            "Attempts",
            "Redirects",
            "Time to first byte",
            "Total time",
            "Body size",
            "Speed"
        ]
    );
    let stdout = run.stdout();
    assert!(
        stdout.contains(&format!("Remote address: {}\n", server.addr)),
        "{stdout}"
    );
    assert!(stdout.contains("Body size: 5 B\n"), "{stdout}");
}

#[test]
fn error_status_warns_on_stderr_with_the_request_id() {
    let server =
        Server::reply(Reply::json(404, r#"{"error":"nope"}"#).header("X-Request-Id", "abc-123"));
    let run = hit(&[&server.url("/missing")]).run();
    assert_eq!(run.code, 4);
    assert_eq!(run.stdout(), r#"{"error":"nope"}"#);
    assert_eq!(
        run.stderr,
        "hit: warning: 404 Not Found (request id: abc-123)\n"
    );
    // -q keeps the line that explains the exit code, as -sS does; -s and -qq silence it.
    let line = "hit: warning: 404 Not Found (request id: abc-123)\n";
    for (flags, stderr) in [
        (&["-q"][..], line),
        (&["-sS"], line),
        (&["-q", "-S"], line),
        (&["-s"], ""),
        (&["-qq"], ""),
    ] {
        let run = hit(&[flags, &[&server.url("/missing")]].concat()).run();
        assert_eq!((run.code, run.stderr.as_str()), (4, stderr), "{flags:?}");
    }
    // On a terminal the coloured status line says it; no warning.
    let run = hit(&[&server.url("/missing")]).terminal().run();
    assert_eq!((run.code, run.stderr.as_str()), (4, ""));
    // Unless nothing of the response is shown.
    let run = hit(&["-q", &server.url("/missing")]).terminal().run();
    assert_eq!((run.code, run.stderr.as_str()), (4, line));
}

#[test]
fn output_file_gets_the_body_and_stdout_stays_empty() {
    let server = json_server();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.json");
    let run = hit(&["-o", path.to_str().unwrap(), &server.url("/")])
        .terminal()
        .run();
    run.success();
    assert_eq!(run.stdout(), "");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), JSON_BODY);
}

#[test]
fn binary_bodies_are_not_dumped_on_a_terminal() {
    let bytes = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    let server = Server::reply(
        Reply::new(200)
            .header("Content-Type", "image/png")
            .body(&bytes),
    );
    let run = hit(&["--body", &server.url("/")]).plain_terminal().run();
    run.success();
    assert_eq!(
        run.stdout(),
        "+-- binary body not shown on a terminal (16 bytes); use -o FILE or a pipe --+\n"
    );
    let run = hit(&[&server.url("/")]).run();
    assert_eq!(run.stdout, bytes);
}

fn strip_ansi(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            chars.by_ref().find(|&c| c == 'm');
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn pretty_colors_paints_without_reformatting() {
    let server = Server::reply(Reply::json(200, "{\"a\": [1,\n2]}"));
    let run = hit(&["--pretty", "colors", "--body", &server.url("/")])
        .terminal()
        .run();
    assert!(run.stdout().contains("\x1b["), "{:?}", run.stdout());
    assert_eq!(strip_ansi(&run.stdout()), "{\"a\": [1,\n2]}\n");
}

#[test]
fn invalid_json_with_nul_bytes_is_not_dumped_on_a_terminal() {
    let server = Server::reply(Reply::json(200, "{\"a\":\"\0"));
    let run = hit(&["--body", &server.url("/")]).plain_terminal().run();
    assert_eq!(
        run.stdout(),
        "+-- binary body not shown on a terminal (7 bytes); use -o FILE or a pipe --+\n"
    );
}

#[test]
fn invalid_json_is_shown_as_it_came() {
    // Small enough to check first: shown unchanged.
    let server = Server::reply(Reply::json(200, r#"{"a": [1, 2 oops]}"#));
    let run = hit(&["--body", &server.url("/")]).plain_terminal().run();
    assert_eq!(run.stdout(), "{\"a\": [1, 2 oops]}\n");

    // Too large to hold: formatted as it streams, up to the mistake, then unchanged.
    let big = format!("[{}2 oops]", "1,".repeat(600_000));
    let server = Server::reply(Reply::json(200, &big));
    let run = hit(&["--body", "--indent", "0", &server.url("/")])
        .plain_terminal()
        .run();
    let stdout = run.stdout();
    assert!(stdout.starts_with("[1,1,"), "{}", &stdout[..20]);
    assert!(
        stdout.ends_with("2 oops]\n"),
        "{}",
        &stdout[stdout.len() - 20..]
    );

    let server = Server::reply(Reply::json(200, "<html>not json</html>"));
    let run = hit(&["--body", &server.url("/")]).terminal().run();
    assert_eq!(run.stdout(), "<html>not json</html>\n");
}

#[test]
fn a_closed_stdout_pipe_exits_quietly() {
    let server = Server::reply(Reply::text(200, &"x".repeat(8 * 1024 * 1024)));
    let mut child = hit(&[&server.url("/big")]).spawn();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 1];
    std::io::Read::read_exact(&mut stdout, &mut first).unwrap();
    drop(stdout); // like `| head -c1`
    let run = crate::support::collect(child);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
}

#[test]
fn output_to_dev_null_works() {
    let server = Server::reply(Reply::text(200, &"x".repeat(100_000)));
    let run = hit(&[
        "-o",
        "/dev/null",
        "-w",
        "%{size_download}",
        &server.url("/"),
    ])
    .run();
    run.success();
    assert_eq!((run.stdout().as_str(), run.stderr.as_str()), ("100000", ""));
}

#[test]
fn verbose_names_the_version_the_connection_used() {
    let (server, ca_pem) = Server::start_tls_h2(|_| Reply::text(200, "two"));
    let (_dir, ca) = crate::support::temp_file("ca.pem", ca_pem);
    let url = format!("https://localhost:{}/v?x=1", server.addr.port());
    let run = hit(&["-v", "--cacert", &ca, &url]).run();
    run.success();
    let port = server.addr.port();
    assert_eq!(
        run.stdout(),
        format!(
            "GET /v?x=1 HTTP/2\n\
             host: localhost:{port}\n\
             user-agent: hit/{}\n\
             accept: */*\n\
             accept-encoding: gzip, deflate, br\n\
             \n\
             HTTP/2 200 OK\n\
             content-type: text/plain\n\
             content-length: 3\n\
             \n\
             two",
            env!("CARGO_PKG_VERSION")
        )
    );
    assert_eq!(server.only_request().target, "/v?x=1");
}

#[test]
fn a_terminal_shows_the_post_that_data_items_chose() {
    // `category=shoes` typed for the query `category==shoes`: the request line says POST.
    let server = Server::reply(Reply::json(201, "{}"));
    let run = hit(&[&server.url("/products"), "category=shoes"])
        .plain_terminal()
        .run();
    run.success();
    assert_eq!(
        run.stdout(),
        "POST /products\nHTTP/1.1 201 Created\nContent-Type: application/json\n\
         Content-Length: 2\n\n{}\n"
    );
    assert_eq!(run.stderr, "");
    let sent = server.only_request();
    assert_eq!(
        (sent.method.as_str(), sent.body_str()),
        ("POST", r#"{"category":"shoes"}"#.into())
    );

    // Dimmed in colour, above the coloured status line.
    let run = hit(&[&server.url("/products?page=2"), "qty:=2"])
        .terminal()
        .run();
    run.success();
    assert!(
        run.stdout().starts_with(&format!(
            "\x1b[2mPOST /products?page=2{RESET}\n{BLUE}HTTP/1.1{RESET}"
        )),
        "{run:#?}"
    );
}

#[test]
fn the_chosen_post_is_not_repeated_where_the_method_is_said_or_the_head_is_not_shown() {
    let server = Server::reply(Reply::json(201, "{}"));
    let url = server.url("/products");
    let starts = |args: &[&str], terminal: bool| {
        let mut all = vec![url.as_str()];
        all.extend(args);
        let run = if terminal {
            hit(&all).plain_terminal().run()
        } else {
            hit(&all).run()
        };
        run.success();
        run.stdout().lines().next().unwrap_or_default().to_string()
    };
    // A pipe gets what it always got.
    assert_eq!(starts(&["category=shoes"], false), "{}");
    // A method given, a query item, or no data: no line.
    assert_eq!(
        starts(&["-X", "POST", "category=shoes"], true),
        "HTTP/1.1 201 Created"
    );
    assert_eq!(starts(&["category==shoes"], true), "HTTP/1.1 201 Created");
    // curl's options choose POST as curl users expect.
    assert_eq!(
        starts(&["-d", "category=shoes"], true),
        "HTTP/1.1 201 Created"
    );
    // -v shows the request line already; --body asks for the body alone.
    assert_eq!(
        starts(&["-v", "category=shoes"], true),
        "POST /products HTTP/1.1"
    );
    assert_eq!(starts(&["--body", "category=shoes"], true), "{}");
}
