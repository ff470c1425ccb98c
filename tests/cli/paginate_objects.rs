//! `--paginate` over object pages (issue 25): the items array (`--paginate-field`, or the
//! one array field that changes) merged into one array; `-o` writes the merged document;
//! `--explain` speaks of every page.

use crate::paginate::page_of;
use crate::support::{Reply, Server, hit};

/// Page `n` of 3 as a shop API sends it: a count, the page number, the products.
fn products(n: usize) -> Reply {
    let ids: Vec<String> = (0..2)
        .map(|i| format!("{{\"id\": {}}}", n * 10 + i))
        .collect();
    let body = format!(
        "{{\"total\": 6, \"page\": {n}, \"products\": [{}]}}",
        ids.join(", ")
    );
    let reply = Reply::json(200, &body);
    if n < 3 {
        reply.header("Link", &format!("</products?page={}>; rel=\"next\"", n + 1))
    } else {
        reply
    }
}

#[test]
fn the_one_array_field_of_object_pages_is_merged() {
    let server = Server::start(|req| products(page_of(req)));
    let result = hit(&["--paginate", &server.url("/products")]).run();
    result.success();
    // The items alone, as written: the count and page number describe one page.
    assert_eq!(
        result.stdout(),
        r#"[{"id": 10},{"id": 11},{"id": 20},{"id": 21},{"id": 30},{"id": 31}]"#
    );
    assert_eq!(result.stderr, "");
    assert_eq!(server.requests().len(), 3);
}

#[test]
fn the_array_that_changes_is_found_among_several() {
    let server = Server::start(|req| {
        let n = page_of(req);
        let body = format!(r#"{{"tags": ["sale"], "items": [{n}], "links": []}}"#);
        let reply = Reply::json(200, &body);
        if n < 3 {
            reply.header("Link", &format!("<?page={}>; rel=next", n + 1))
        } else {
            reply
        }
    });
    let result = hit(&["--paginate", &server.url("/items")]).run();
    result.success();
    assert_eq!(result.stdout(), "[1,2,3]");
    assert_eq!(result.stderr, "");
}

#[test]
fn paginate_field_names_a_nested_array() {
    let server = Server::start(|req| {
        let n = page_of(req);
        let body = format!(r#"{{"data": {{"items": ["p{n}"], "more": {}}}}}"#, n < 2);
        let reply = Reply::json(200, &body);
        if n < 2 {
            reply.header("Link", "<?page=2>; rel=next")
        } else {
            reply
        }
    });
    let url = server.url("/items");
    let result = hit(&["--paginate", "--paginate-field", ".data.items", &url]).run();
    result.success();
    assert_eq!(result.stdout(), r#"["p1","p2"]"#);

    // A field the pages do not have: what was merged stays valid JSON, and the line says
    // what the page has instead.
    let result = hit(&["--paginate", "--paginate-field", ".products", &url]).run();
    assert_eq!(result.code, 1, "{result:#?}");
    assert_eq!(result.stdout(), "");
    assert_eq!(
        result.stderr,
        format!(
            "hit: error: page 1 ({url}): no field 'products' (it has: data) (--paginate-field \
             .products)\n"
        )
    );
}

#[test]
fn a_bad_field_path_is_a_usage_error() {
    let result = hit(&[
        "--paginate",
        "--paginate-field",
        "products",
        "http://127.0.0.1:9/",
    ])
    .run();
    assert_eq!(result.code, 2);
    assert!(
        result.stderr.contains("'products' is not a field path"),
        "{}",
        result.stderr
    );
    let result = hit(&["--paginate-field", ".products", "http://127.0.0.1:9/"]).run();
    assert_eq!(result.code, 2);
}

#[test]
fn object_pages_with_no_clear_items_field_are_shown_as_they_came() {
    let server = Server::start(|req| {
        let n = page_of(req);
        let body = format!(r#"{{"a": [{n}], "b": [{n}]}}"#);
        let reply = Reply::json(200, &body);
        if n < 2 {
            reply.header("Link", "<?page=2>; rel=next")
        } else {
            reply
        }
    });
    let result = hit(&["--paginate", &server.url("/items")]).run();
    result.success();
    assert_eq!(
        result.stdout(),
        r#"{"a": [1], "b": [1]}{"a": [2], "b": [2]}"#
    );
    assert_eq!(
        result.stderr,
        "hit: warning: the pages are objects with several arrays (a, b), and not just one of \
         them changes from page to page; the pages are shown as they came (--paginate-field .a \
         merges that one)\n"
    );
}

#[test]
fn output_file_gets_the_merged_document() {
    let server = Server::start(|req| products(page_of(req)));
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("products.json");
    let file = file.to_str().unwrap();
    let result = hit(&["--paginate", "-o", file, &server.url("/products")])
        .terminal()
        .run();
    result.success();
    // Written as it came, not formatted for the terminal; nothing on stdout.
    assert_eq!(
        std::fs::read_to_string(file).unwrap(),
        r#"[{"id": 10},{"id": 11},{"id": 20},{"id": 21},{"id": 30},{"id": 31}]"#
    );
    assert_eq!(result.stdout(), "");

    // An existing file is not replaced without --clobber, and nothing is sent.
    let result = hit(&["--paginate", "-o", file, &server.url("/products")]).run();
    assert_eq!(result.code, 2, "{result:#?}");
    assert_eq!(server.requests().len(), 3);
    let result = hit(&[
        "--paginate",
        "--clobber",
        "-o",
        file,
        &server.url("/products"),
    ])
    .run();
    result.success();
}

#[test]
fn output_file_gets_array_pages_merged_and_stdout_the_heads() {
    let server = Server::start(|req| {
        let n = page_of(req);
        let reply = Reply::json(200, &format!("[{n}]"));
        if n < 2 {
            reply.header("Link", "<?page=2>; rel=next")
        } else {
            reply
        }
    });
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("items.json");
    let file = file.to_str().unwrap();
    let result = hit(&["--paginate", "-p", "h", "-o", file, &server.url("/items")]).run();
    result.success();
    assert_eq!(std::fs::read_to_string(file).unwrap(), "[1,2]");
    assert_eq!(result.stdout().matches("HTTP/1.1 200 OK").count(), 2);
}

#[test]
fn output_file_with_a_failing_first_page_is_not_written() {
    let server = Server::reply(Reply::json(404, r#"{"error":"none"}"#));
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("items.json");
    let result = hit(&[
        "--paginate",
        "-o",
        file.to_str().unwrap(),
        &server.url("/items"),
    ])
    .run();
    assert_eq!(result.code, 4);
    assert!(!file.exists());
}

#[test]
fn what_a_merged_file_cannot_do_is_refused() {
    for (args, message) in [
        (
            &["-o", "x.json", "-C", "-"][..],
            "-C - has nothing to resume",
        ),
        (&["-O", "-J"][..], "use -o FILE or -O instead of -J"),
        (
            &["-o", "x.json", "--output-format", "json"][..],
            "drop -o/-O, or redirect stdout",
        ),
    ] {
        let mut all = vec!["--paginate"];
        all.extend(args);
        all.push("http://127.0.0.1:9/items");
        let result = hit(&all).run();
        assert_eq!(result.code, 2, "{args:?}: {result:#?}");
        assert!(
            result.stderr.contains(message),
            "{args:?}: {}",
            result.stderr
        );
    }
}

#[test]
fn explain_speaks_of_every_page() {
    let server = Server::start(|req| products(page_of(req)));
    let url = server.url("/products");
    let result = hit(&["--paginate", "--explain", &url]).run();
    result.success();
    let pages: Vec<&str> = result
        .stderr
        .lines()
        .filter(|line| line.contains(": page "))
        .collect();
    assert_eq!(
        pages,
        [
            format!("hit: explain: page 1 ({url}):"),
            format!("hit: explain: page 2 ({url}?page=2):"),
            format!("hit: explain: page 3 ({url}?page=3):"),
        ]
    );
    assert_eq!(
        result.stderr.matches("200 OK: ").count(),
        3,
        "{}",
        result.stderr
    );
}

#[test]
fn object_page_items_stream_and_format_as_array_pages_do() {
    let server = Server::start(|req| products(page_of(req)));
    let url = server.url("/products");
    let result = hit(&["--paginate", "--stream", &url]).run();
    result.success();
    assert_eq!(
        result.stdout(),
        "{\"id\":10}\n{\"id\":11}\n{\"id\":20}\n{\"id\":21}\n{\"id\":30}\n{\"id\":31}\n"
    );
    let result = hit(&["--paginate", "--body", "--max-pages", "1", &url])
        .plain_terminal()
        .run();
    result.success();
    assert_eq!(
        result.stdout(),
        "[\n    {\n        \"id\": 10\n    },\n    {\n        \"id\": 11\n    }\n]\n"
    );
}
