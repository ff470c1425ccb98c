//! Request items (SPEC §2): every kind, escapes, nested JSON, bad items.

use crate::support::{Reply, Server, hit, temp_file};

#[test]
fn post_with_json_items_sends_exactly_the_fields() {
    let server = Server::reply(Reply::json(201, r#"{"id":1}"#));
    let users = server.bare("/users");
    let run = hit(&[
        "POST",
        &users,
        "name=Charlie",
        "email=charlie@example.com",
        "role=developer",
    ])
    .run();
    run.success();
    assert_eq!(run.stdout(), r#"{"id":1}"#);
    let req = server.only_request();
    assert_eq!(req.method, "POST");
    assert_eq!(req.target, "/users");
    assert_eq!(
        req.body_str(),
        r#"{"name":"Charlie","email":"charlie@example.com","role":"developer"}"#
    );
    assert_eq!(req.header("content-type"), Some("application/json"));
    assert_eq!(req.header("accept"), Some("application/json, */*;q=0.5"));
}

#[test]
fn header_items_set_remove_and_empty() {
    let (_dir, file) = temp_file("token.txt", "from-file\n");
    let server = Server::ok();
    hit(&[
        &server.url("/"),
        "X-One:1",
        "X-Two: two words",
        "User-Agent:",
        "X-Empty;",
        &format!("X-File:@{file}"),
        "X-Multi:a",
        "X-Multi:b",
    ])
    .run()
    .success();
    let req = server.only_request();
    assert_eq!(req.header("x-one"), Some("1"));
    assert_eq!(req.header("x-two"), Some("two words"));
    assert_eq!(req.header("user-agent"), None);
    assert_eq!(req.header("x-empty"), Some(""));
    assert_eq!(req.header("x-file"), Some("from-file"));
    assert_eq!(req.header_all("x-multi"), vec!["a", "b"]);
    assert_eq!(req.method, "GET");
}

#[test]
fn query_items_are_appended_to_the_url_query() {
    let (_dir, file) = temp_file("q.txt", "filed\n");
    let server = Server::ok();
    hit(&[
        &server.url("/search?q=a"),
        "page==2",
        "tag==x y",
        "tag==z&w",
        &format!("f==@{file}"),
    ])
    .run()
    .success();
    let req = server.only_request();
    assert_eq!(req.target, "/search?q=a&page=2&tag=x+y&tag=z%26w&f=filed");
    assert_eq!(req.method, "GET");
    assert!(req.body.is_empty());
}

#[test]
fn data_field_kinds_and_files() {
    let (dir, text) = temp_file("bio.txt", "line one\nline two");
    let json = dir.path().join("cfg.json");
    std::fs::write(&json, r#"{"debug": true, "level": 3}"#).unwrap();
    let server = Server::ok();
    hit(&[
        &server.url("/p"),
        "s=plain",
        "n:=3",
        "ok:=true",
        r#"tags:=["a","b"]"#,
        &format!("bio=@{text}"),
        &format!("cfg:=@{}", json.display()),
    ])
    .run()
    .success();
    assert_eq!(
        server.only_request().body_str(),
        r#"{"s":"plain","n":3,"ok":true,"tags":["a","b"],"bio":"line one\nline two","cfg":{"debug":true,"level":3}}"#
    );
}

#[test]
fn nested_json_paths_and_escapes() {
    let server = Server::ok();
    hit(&[
        &server.url("/p"),
        "user[name]=Ada",
        "user[langs][]=en",
        "user[langs][]=fr",
        "ids[1]:=20",
        "ids[0]:=10",
        r"a\=b=c",
        r"path=C\:\dir",
        r"lit\[0\]=x",
        r"foo[\1][type]=x",
        r"\1=a",
        r"\\1=b",
        "=empty",
    ])
    .run()
    .success();
    assert_eq!(
        server.only_request().body_str(),
        r#"{"user":{"name":"Ada","langs":["en","fr"]},"ids":[10,20],"a=b":"c","path":"C:\\dir","lit[0]":"x","foo":{"1":{"type":"x"}},"1":"a","\\1":"b","":"empty"}"#
    );
}

#[test]
fn top_level_array() {
    let server = Server::ok();
    hit(&[&server.url("/p"), "[]:=1", "[]=two"]).run().success();
    assert_eq!(server.only_request().body_str(), r#"[1,"two"]"#);
}

#[test]
fn file_item_switches_to_multipart_and_streams_the_file() {
    let (_dir, file) = temp_file("notes.txt", "file contents\n");
    let server = Server::ok();
    hit(&[&server.url("/up"), "title=Notes", &format!("doc@{file}")])
        .run()
        .success();
    let req = server.only_request();
    assert_eq!(req.method, "POST");
    let boundary = req.boundary();
    let body = req.body_str();
    assert_eq!(
        body,
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nNotes\r\n\
             --{boundary}\r\nContent-Disposition: form-data; name=\"doc\"; filename=\"notes.txt\"\r\n\
             Content-Type: text/plain\r\n\r\nfile contents\n\r\n--{boundary}--\r\n"
        )
    );
    assert_eq!(
        req.header("content-length"),
        Some(body.len().to_string().as_str())
    );
}

#[test]
fn bad_items_are_usage_errors_naming_the_item() {
    let server = Server::ok();
    let url = server.url("/");
    let cases = [
        (
            "novalue",
            "hit: error: bad item 'novalue': no separator (expected Name:Value, name==value, name=value, name:=json or name@file)\n",
        ),
        (
            "n:=nope",
            "hit: error: bad item 'n:=nope': invalid JSON: expected ident at line 1 column 2\n",
        ),
        (
            "x=@/no/such/file",
            "hit: error: bad item 'x=@/no/such/file': cannot read '/no/such/file': No such file or directory\n",
        ),
        (
            "a[b=1",
            "hit: error: bad item 'a[b=1': expected ']'\n  a[b\n     ^\n",
        ),
        (
            "foo[-10]:=[1,2]",
            "hit: error: bad item 'foo[-10]:=[1,2]': negative indexes are not supported\n  foo[-10]\n      ^^^\n",
        ),
        (
            r"A\[]:=1",
            "hit: error: bad item 'A\\[]:=1': expected '['\n  A\\[]\n     ^\n",
        ),
        (
            "Bad Header:x",
            "hit: error: bad item 'Bad …': a header name cannot hold a space\n",
        ),
    ];
    for (item, expected) in cases {
        let run = hit(&[&url, item]).run();
        assert_eq!(run.code, 2, "{item}: {run:#?}");
        assert_eq!(run.stderr, expected);
        assert!(run.stdout.is_empty());
    }
    let run = hit(&[&url, "a=1", "a[b]=2"]).run();
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "hit: error: bad item 'a[b]=2': 'b' needs an object here, but this is a string\n"
    );
    assert!(
        server.requests().is_empty(),
        "nothing is sent after a usage error"
    );
}

/// `:=` numbers as typed, in every kind of value and every way the body leaves hit.
const TYPED: [&str; 5] = [
    "n:=12345678901234567890123",
    "f:=1.10000000000000000001",
    "one:=1.0",
    "z:=-0",
    "deep[x][]:=[1e400, 1E5]",
];
const SENT: &str = r#"{"n":12345678901234567890123,"f":1.10000000000000000001,"one":1.0,"z":-0,"deep":{"x":[[1e400,1E5]]}}"#;

#[test]
fn numbers_are_sent_as_typed() {
    let server = Server::ok();
    let url = server.url("/n");
    hit(&[&[url.as_str()][..], &TYPED].concat()).run().success();
    assert_eq!(server.only_request().body_str(), SENT);

    let run = hit(&[&["--offline", url.as_str()][..], &TYPED].concat()).run();
    run.success();
    assert!(
        run.stdout().contains(&format!("\n\n{SENT}\n")),
        "{}",
        run.stdout()
    );
    let run = hit(&[&["--curl", url.as_str()][..], &TYPED].concat()).run();
    run.success();
    assert!(
        run.stdout().contains(&format!("--json '{SENT}'")),
        "{}",
        run.stdout()
    );

    // From a file, too.
    let (_dir, file) = temp_file("n.json", "[1.0, -0, 12345678901234567890123]");
    hit(&[&url, &format!("list:=@{file}")]).run().success();
    assert_eq!(
        server.requests()[1].body_str(),
        r#"{"list":[1.0,-0,12345678901234567890123]}"#
    );
}

#[test]
fn a_saved_request_sends_its_numbers_as_typed() {
    let config = crate::profiles::Config::new();
    let server = Server::ok();
    let url = server.url("/n");
    config.ok(&[&["save", "numbers", url.as_str()][..], &TYPED].concat());
    config.ok(&["@numbers", "more:=2.50"]);
    let expected = SENT.replace("]]}}", "]]},\"more\":2.50}");
    assert_eq!(server.only_request().body_str(), expected);
}

#[test]
fn a_number_that_is_not_json_is_named_and_nothing_is_sent() {
    let server = Server::ok();
    let run = hit(&[&server.url("/n"), "n:=1e"]).run();
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "hit: error: bad item 'n:=1e': invalid JSON: EOF while parsing a value at line 1 column 2\n"
    );
    assert!(server.requests().is_empty());
}
