//! Body modes (SPEC §2, §3): form, multipart, curl's -d family, --json, -F, -T, stdin, -G.

use std::io::{Read, Write};
use std::process::Stdio;
use std::time::Duration;

use crate::support::{Server, hit, temp_file, wait_with_deadline};

const FORM: &str = "application/x-www-form-urlencoded";

#[test]
fn urlencoded_items() {
    let server = Server::ok();
    hit(&["--urlencoded", &server.url("/f"), "a=1", "b=x y&z"])
        .run()
        .success();
    let req = server.only_request();
    assert_eq!(req.method, "POST");
    assert_eq!(req.body_str(), "a=1&b=x+y%26z");
    assert_eq!(req.header("content-type"), Some(FORM));
    assert_eq!(req.header("accept"), Some("*/*"));
}

#[test]
fn raw_json_items_send_their_text_in_a_form() {
    // HTTPie's rule: a string's text, a number as typed, a boolean's word.
    let server = Server::ok();
    let url = server.url("/f");
    let items = [
        r#"option:="x y""#,
        "n:=1.50",
        "big:=1E400",
        "ok:=true",
        r"\]=a",
    ];
    let mut args = vec!["--urlencoded", url.as_str()];
    args.extend(items);
    hit(&args).run().success();
    // HTTPie's form field names keep a backslash that escapes no separator.
    assert_eq!(
        server.only_request().body_str(),
        "option=x+y&n=1.50&big=1E400&ok=true&%5C%5D=a"
    );

    let server = Server::ok();
    let (_dir, path) = temp_file("n.json", " false\n");
    let from_file = format!("n:=@{path}");
    hit(&["--multipart", &server.url("/f"), &from_file])
        .run()
        .success();
    let request = server.only_request();
    let boundary = request.boundary();
    assert_eq!(
        request.body_str(),
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"n\"\r\n\r\nfalse\r\n--{boundary}--\r\n"
        )
    );
}

#[test]
fn a_form_refuses_arrays_objects_and_null_and_sends_nothing() {
    let server = Server::ok();
    let (_dir, path) = temp_file("tags.json", "[\"a\", \"b\"]\n");
    let from_file = format!("tags:=@{path}");
    let cases: [(&[&str], &str, &str); 5] = [
        (
            &["--urlencoded"],
            "tags:=[1,2]",
            "with --urlencoded (an array)",
        ),
        (
            &["--urlencoded"],
            r#"o:={"a":1}"#,
            "with --urlencoded (an object)",
        ),
        (&["--multipart"], "z:=null", "with --multipart (null)"),
        (&["--multipart"], &from_file, "with --multipart (an array)"),
        (
            &["-F", "a=1"],
            "z:=null",
            "in a multipart form (-F makes one) (null)",
        ),
    ];
    for (options, item, why) in cases {
        let url = server.url("/f");
        let mut args = options.to_vec();
        args.extend([url.as_str(), "ok=1", item]);
        let run = hit(&args).run();
        assert_eq!(run.code, 2, "{run:#?}");
        assert_eq!(
            run.stderr,
            format!(
                "hit: error: bad item '{item}': cannot use complex JSON value types {why}: a \
                 form field takes a string, a number or a boolean\n"
            )
        );
        assert!(run.stdout.is_empty(), "{run:#?}");
    }
    assert!(server.requests().is_empty(), "nothing is sent");
}

#[test]
fn multipart_items() {
    let server = Server::ok();
    hit(&["--multipart", &server.url("/f"), "a=1"])
        .run()
        .success();
    let req = server.only_request();
    let boundary = req.boundary();
    assert_eq!(
        req.body_str(),
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--{boundary}--\r\n"
        )
    );
}

#[test]
fn data_sniffs_json_or_sends_a_form() {
    let server = Server::ok();
    hit(&["-d", r#"{"a":1}"#, &server.url("/j")])
        .run()
        .success();
    hit(&["-d", "a=1", "-d", "b=2", &server.url("/f")])
        .run()
        .success();
    hit(&["-d", "[broken", &server.url("/b")]).run().success();
    let reqs = server.requests();
    assert_eq!(reqs[0].method, "POST");
    assert_eq!(reqs[0].body_str(), r#"{"a":1}"#);
    assert_eq!(reqs[0].header("content-type"), Some("application/json"));
    assert_eq!(reqs[1].body_str(), "a=1&b=2");
    assert_eq!(reqs[1].header("content-type"), Some(FORM));
    assert_eq!(reqs[2].header("content-type"), Some(FORM));
}

#[test]
fn data_flags_keep_curl_semantics_and_order() {
    let (dir, file) = temp_file("d.txt", "x=1\r\ny=2\n");
    let raw = dir.path().join("raw.bin");
    std::fs::write(&raw, "keep\nnewlines\n").unwrap();
    let server = Server::ok();
    hit(&["-d", &format!("@{file}"), &server.url("/a")])
        .run()
        .success();
    hit(&[
        "--data-binary",
        &format!("@{}", raw.display()),
        &server.url("/b"),
    ])
    .run()
    .success();
    hit(&["--data-raw", "@literal", &server.url("/c")])
        .run()
        .success();
    hit(&[
        "-d",
        "a=1",
        "--data-urlencode",
        "q=a b&c",
        "--data-urlencode",
        "plain text",
        "-d",
        "z=9",
        &server.url("/d"),
    ])
    .run()
    .success();
    let bodies: Vec<String> = server.requests().iter().map(|r| r.body_str()).collect();
    assert_eq!(
        bodies,
        [
            "x=1y=2",
            "keep\nnewlines\n",
            "@literal",
            "a=1&q=a+b%26c&plain+text&z=9"
        ]
    );
}

#[test]
fn binary_data_files_are_sent_byte_for_byte() {
    let bytes: Vec<u8> = vec![0xff, 0x00, 0xfe, b'\n', 0x80];
    let (_dir, file) = temp_file("blob.bin", &bytes);
    let server = Server::ok();
    hit(&["--data-binary", &format!("@{file}"), &server.url("/b")])
        .run()
        .success();
    hit(&["-d", &format!("@{file}"), &server.url("/d")])
        .run()
        .success();
    let bodies: Vec<Vec<u8>> = server.requests().into_iter().map(|r| r.body).collect();
    assert_eq!(bodies, [bytes.clone(), vec![0xff, 0x00, 0xfe, 0x80]]);
}

#[test]
fn missing_upload_files_are_named() {
    let server = Server::ok();
    let url = server.url("/");
    let run = hit(&[&url, "doc@/no/such.pdf"]).run();
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "hit: error: bad item 'doc@/no/such.pdf': cannot read '/no/such.pdf': No such file or directory\n"
    );
    let run = hit(&["-F", "f=@/no/such.pdf", &url]).run();
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "hit: error: bad -F 'f=@/no/such.pdf': cannot read '/no/such.pdf': No such file or directory\n"
    );
    let run = hit(&["-T", "/no/such.pdf", &url]).run();
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "hit: error: cannot read '/no/such.pdf': No such file or directory\n"
    );
    assert!(server.requests().is_empty());
}

#[test]
fn json_flag_like_curl() {
    let server = Server::ok();
    hit(&["--json", r#"{"a":"#, "--json", "1}", &server.url("/j")])
        .run()
        .success();
    let req = server.only_request();
    assert_eq!(req.method, "POST");
    assert_eq!(req.body_str(), r#"{"a":1}"#);
    assert_eq!(req.header("content-type"), Some("application/json"));
    assert_eq!(req.header("accept"), Some("application/json"));
}

#[test]
fn form_flag_parts_and_items_join_them() {
    let (dir, csv) = temp_file("data.csv", "a,b\n1,2\n");
    let note = dir.path().join("note.txt");
    std::fs::write(&note, "from a file").unwrap();
    let server = Server::ok();
    hit(&[
        "-F",
        "name=value",
        "-F",
        &format!("sheet=@{csv};type=text/csv"),
        "-F",
        &format!("note=<{}", note.display()),
        &server.url("/f"),
        "extra=item",
    ])
    .run()
    .success();
    let req = server.only_request();
    assert_eq!(req.method, "POST");
    let boundary = req.boundary();
    let part = |headers: &str, body: &str| format!("--{boundary}\r\n{headers}\r\n\r\n{body}\r\n");
    let expected = [
        part("Content-Disposition: form-data; name=\"name\"", "value"),
        part(
            "Content-Disposition: form-data; name=\"sheet\"; filename=\"data.csv\"\r\nContent-Type: text/csv",
            "a,b\n1,2\n",
        ),
        part("Content-Disposition: form-data; name=\"note\"", "from a file"),
        part("Content-Disposition: form-data; name=\"extra\"", "item"),
        format!("--{boundary}--\r\n"),
    ]
    .concat();
    assert_eq!(req.body_str(), expected);
}

#[test]
fn upload_file_is_a_put_with_the_exact_bytes() {
    let contents: Vec<u8> = (0..=255u8).cycle().take(300_000).collect();
    let (_dir, file) = temp_file("blob.bin", &contents);
    let server = Server::ok();
    hit(&["-T", &file, &server.url("/blob")]).run().success();
    let req = server.only_request();
    assert_eq!(req.method, "PUT");
    assert_eq!(req.body, contents);
    assert_eq!(req.header("content-length"), Some("300000"));
}

#[test]
fn stdin_is_the_body_for_post_put_patch_only() {
    let server = Server::ok();
    for method in ["POST", "put", "PATCH"] {
        hit(&[method, &server.url("/s")])
            .stdin("piped body")
            .run()
            .success();
    }
    hit(&["GET", &server.url("/g")])
        .stdin("ignored")
        .run()
        .success();
    hit(&["--no-stdin", "POST", &server.url("/n")])
        .stdin("ignored")
        .run()
        .success();
    hit(&["-d", "@-", &server.url("/d")])
        .stdin("a=1")
        .run()
        .success();
    let seen: Vec<(String, String)> = server
        .requests()
        .iter()
        .map(|r| (r.method.clone(), r.body_str()))
        .collect();
    let expected = [
        ("POST", "piped body"),
        ("PUT", "piped body"),
        ("PATCH", "piped body"),
        ("GET", ""),
        ("POST", ""),
        ("POST", "a=1"),
    ];
    assert_eq!(seen, expected.map(|(m, b)| (m.to_string(), b.to_string())));
}

#[test]
fn stdin_that_comes_after_the_start_is_the_body_without_a_hint() {
    // Stdin is a pipe, open and empty when hit starts, written later; the hint after 5 s
    // of silence is tested in process on a paused clock (request::input's tests).
    let server = Server::ok();
    let mut child = hit(&["POST", &server.url("/slow")])
        .command()
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    stdin.write_all(b"late body").unwrap();
    drop(stdin);
    let status = wait_with_deadline(&mut child, Duration::from_secs(30));
    let mut said = String::new();
    stderr.read_to_string(&mut said).unwrap();
    assert!(status.success(), "{said}");
    assert_eq!(said, "");
    assert_eq!(server.only_request().body_str(), "late body");
}

#[test]
fn get_flag_moves_data_into_the_query() {
    let server = Server::ok();
    hit(&[
        "-G",
        "-d",
        "a=1",
        "--data-urlencode",
        "b=x y",
        &server.url("/q?x=0"),
    ])
    .run()
    .success();
    let req = server.only_request();
    assert_eq!(req.method, "GET");
    assert_eq!(req.target, "/q?x=0&a=1&b=x+y");
    assert!(req.body.is_empty());
}

#[test]
fn two_body_sources_are_a_usage_error_naming_both() {
    let server = Server::ok();
    let url = server.url("/");
    let run = hit(&["-d", "x=1", &url, "name=a"]).run();
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "hit: error: two request bodies: the request item 'name=a' and -d 'x=1'; a request has one body, so use one of them\n"
    );
    let run = hit(&["--json", "{}", "-T", "/etc/hostname", &url]).run();
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "hit: error: two request bodies: --json '{}' and -T '/etc/hostname'; a request has one body, so use one of them\n"
    );
    assert!(server.requests().is_empty());
}

#[test]
fn a_multipart_type_of_ones_own_gets_the_boundary_of_the_parts() {
    let server = Server::ok();
    let content_type = "Content-Type:multipart/related; type=\"text/plain\"";
    hit(&[&server.url("/"), "-F", "a=1", content_type])
        .run()
        .success();
    let request = server.only_request();
    let sent = request.header("content-type").unwrap();
    let boundary = sent
        .strip_prefix("multipart/related; type=\"text/plain\"; boundary=")
        .unwrap_or_else(|| panic!("{sent}"));
    assert_eq!(
        request.body_str(),
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--{boundary}--\r\n"
        )
    );
    // A boundary the user gave is theirs to keep.
    let server = Server::ok();
    let given = "Content-Type:multipart/mixed; boundary=mine";
    hit(&[&server.url("/"), "-F", "a=1", given]).run().success();
    assert_eq!(
        server.only_request().header("content-type"),
        Some("multipart/mixed; boundary=mine")
    );
}

#[test]
fn data_binary_from_a_large_file_arrives_whole_with_its_length() {
    let data: Vec<u8> = (0..3 << 20).map(|i: u32| (i % 251) as u8).collect();
    let (_dir, path) = crate::support::temp_file("big.bin", &data);
    let server = Server::ok();
    let at = format!("@{path}");
    hit(&[&server.url("/"), "--data-binary", &at])
        .run()
        .success();
    let request = server.only_request();
    assert_eq!(request.method, "POST");
    assert_eq!(request.header("content-length"), Some("3145728"));
    assert_eq!(
        request.header("content-type"),
        Some("application/x-www-form-urlencoded")
    );
    assert!(request.body == data, "the body differs");
}
