//! `--paginate` (issue 16): Link rel="next" followed over one transport, JSON array pages
//! merged into one array (or NDJSON with --stream), each page's status checked, other
//! origins followed only with --location-trusted.

use crate::support::{Recorded, Reply, Server, hit};

/// The page number of a request (`?page=N`, 1 without one).
pub fn page_of(req: &Recorded) -> usize {
    req.target
        .split_once("page=")
        .and_then(|(_, n)| n.split('&').next()?.parse().ok())
        .unwrap_or(1)
}

/// Page `n` of `pages`, each with `per_page` numbers, linking to the next by a relative URI.
fn numbered(n: usize, pages: usize, per_page: usize) -> Reply {
    let first = (n - 1) * per_page;
    let items: Vec<String> = (first..first + per_page).map(|i| i.to_string()).collect();
    let mut reply = Reply::json(200, &format!("[{}]", items.join(",")));
    reply = reply.header("Link", "</items?page=1>; rel=\"first\"");
    if n < pages {
        let link = format!(
            "</items?page={}>; rel=\"next\", </items?page={pages}>; rel=\"last\"",
            n + 1
        );
        reply = reply.header("Link", &link);
    }
    reply
}

#[test]
fn three_pages_are_merged_into_one_array() {
    let server = Server::start(|req| match page_of(req) {
        1 => Reply::json(200, r#"[{"id":1},{"id":2}]"#)
            .header("Link", "</items?page=2>; rel=\"next\""),
        2 => Reply::json(200, "[ {\"id\": 3.0e0} ]\n")
            .header("Link", "<items?page=3>; rel=\"next last\""),
        _ => Reply::json(200, r#"["four"]"#),
    });
    let result = hit(&["--paginate", &server.url("/items")]).run();
    result.success();
    assert_eq!(
        result.stdout(),
        r#"[{"id":1},{"id":2},{"id": 3.0e0},"four"]"#
    );
    assert_eq!(result.stderr, "");
    let requests = server.requests();
    let targets: Vec<&str> = requests.iter().map(|r| r.target.as_str()).collect();
    assert_eq!(targets, ["/items", "/items?page=2", "/items?page=3"]);
    // One kept-alive connection for every page.
    assert!(
        requests.iter().all(|r| r.peer == requests[0].peer),
        "{requests:#?}"
    );
}

#[test]
fn stream_prints_one_element_per_line() {
    let server = Server::start(|req| numbered(page_of(req), 3, 2));
    let result = hit(&["--paginate", "--stream", &server.url("/items")]).run();
    result.success();
    assert_eq!(result.stdout(), "0\n1\n2\n3\n4\n5\n");
}

#[test]
fn a_terminal_gets_the_merged_array_pretty_printed() {
    let server = Server::start(|req| numbered(page_of(req), 2, 1));
    let result = hit(&[
        "--paginate",
        "--body",
        "--pretty",
        "format",
        &server.url("/items"),
    ])
    .terminal()
    .run();
    result.success();
    assert_eq!(result.stdout(), "[\n    0,\n    1\n]\n");
}

#[test]
fn a_failing_middle_page_stops_with_its_status() {
    let server = Server::start(|req| match page_of(req) {
        1 => numbered(1, 3, 2),
        2 => Reply::json(500, r#"{"error":"boom"}"#).header("X-Request-Id", "r-2"),
        _ => numbered(3, 3, 2),
    });
    let result = hit(&["--paginate", &server.url("/items")]).run();
    assert_eq!(result.code, 5, "{result:#?}");
    // What was printed stays, and stays valid JSON: the array is closed.
    assert_eq!(result.stdout(), "[0,1]");
    assert_eq!(
        result.stderr,
        format!(
            "hit: error: page 2 ({}): 500 Internal Server Error (request id: r-2)\n",
            server.url("/items?page=2")
        )
    );
    assert_eq!(server.requests().len(), 2);
}

#[test]
fn a_failing_first_page_is_shown_as_any_response() {
    let server = Server::reply(Reply::json(404, r#"{"error":"none"}"#));
    let result = hit(&["--paginate", &server.url("/items")]).run();
    assert_eq!(result.code, 4);
    assert_eq!(result.stdout(), r#"{"error":"none"}"#);
}

#[test]
fn another_origin_is_followed_only_when_trusted() {
    let other = Server::start(|_| Reply::json(200, "[3]"));
    let next = format!("<{}>; rel=\"next\"", other.url("/more"));
    let origin = Server::start(move |_| Reply::json(200, "[1,2]").header("Link", &next));
    let url = origin.url("/items");

    let result = hit(&["--paginate", "-H", "Authorization: Bearer t", &url]).run();
    result.success();
    assert_eq!(result.stdout(), "[1,2]");
    assert_eq!(
        result.stderr,
        format!(
            "hit: warning: not following page 1's next link to {}: another origin \
             (--location-trusted follows it)\n",
            other.url("/more")
        )
    );
    assert!(other.requests().is_empty());

    let trusted = [
        "--paginate",
        "--location-trusted",
        "-H",
        "Authorization: Bearer t",
        &url,
    ];
    let result = hit(&trusted).run();
    result.success();
    assert_eq!(result.stdout(), "[1,2,3]");
    assert_eq!(
        other.only_request().header("authorization"),
        Some("Bearer t")
    );
}

#[test]
fn max_pages_stops_with_a_warning() {
    let server = Server::start(|req| numbered(page_of(req), 5, 1));
    let result = hit(&["--paginate", "--max-pages", "2", &server.url("/items")]).run();
    result.success();
    assert_eq!(result.stdout(), "[0,1]");
    assert_eq!(
        result.stderr,
        format!(
            "hit: warning: stopped after 2 pages (--max-pages 2); the next is {}\n",
            server.url("/items?page=3")
        )
    );
    assert_eq!(server.requests().len(), 2);
}

#[test]
fn pages_that_are_not_arrays_follow_one_another() {
    let server = Server::start(|req| match page_of(req) {
        1 => Reply::text(200, "one\n").header("Link", "<?page=2>; rel=next"),
        _ => Reply::json(200, r#"{"page":2}"#),
    });
    let result = hit(&["--paginate", &server.url("/items")]).run();
    result.success();
    assert_eq!(result.stdout(), "one\n{\"page\":2}");
}

#[test]
fn headers_are_shown_for_each_page() {
    let server = Server::start(|req| numbered(page_of(req), 2, 1));
    let result = hit(&["--paginate", "-p", "hb", &server.url("/items")]).run();
    result.success();
    let out = result.stdout();
    assert_eq!(out.matches("HTTP/1.1 200 OK").count(), 2, "{out}");
    assert!(out.contains("[0]") && out.contains("[1]"), "{out}");
}

#[test]
fn offline_shows_only_the_first_request() {
    let result = hit(&["--paginate", "--offline", "http://127.0.0.1:9/items"]).run();
    result.success();
    assert!(
        result.stdout().starts_with("GET /items HTTP/1.1"),
        "{}",
        result.stdout()
    );
}

#[test]
fn ten_thousand_elements_over_large_pages() {
    const PAGES: usize = 5;
    const PER_PAGE: usize = 2_000;
    // Each element is about 1 KiB, so each page is about 2 MiB.
    let server = Server::start(|req| {
        let n = page_of(req);
        let first = (n - 1) * PER_PAGE;
        let pad = "x".repeat(1000);
        let items: Vec<String> = (first..first + PER_PAGE)
            .map(|i| format!("{{\"id\":{i},\"pad\":\"{pad}\"}}"))
            .collect();
        let mut reply = Reply::json(200, &format!("[\n{}\n]", items.join(",\n")));
        if n < PAGES {
            reply = reply.header("Link", &format!("</big?page={}>; rel=\"next\"", n + 1));
        }
        reply
    });
    let result = hit(&["--paginate", &server.url("/big")]).run();
    result.success();
    let merged: serde_json::Value = serde_json::from_slice(&result.stdout).expect("one JSON array");
    let items = merged.as_array().expect("an array");
    assert_eq!(items.len(), PAGES * PER_PAGE);
    for (i, item) in items.iter().enumerate() {
        assert_eq!(item["id"], i, "element {i}");
    }
    assert_eq!(server.requests().len(), PAGES);
}
