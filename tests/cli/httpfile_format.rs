//! `hit run`: requests as the JetBrains HTTP Client and the VS Code REST Client documents
//! write them (multipart bodies, GraphQL, `Basic user pass`, `>>` saves…), asserting what
//! the server received.

use crate::support::{Recorded, Reply, Server, hit};

/// A directory with these files; the path of the first.
fn files(files: &[(&str, &[u8])]) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    for (name, contents) in files {
        std::fs::write(dir.path().join(name), contents).unwrap();
    }
    let first = dir.path().join(files[0].0).display().to_string();
    (dir, first)
}

fn echo() -> Server {
    Server::start(|r: &Recorded| Reply::text(200, &format!("{} {}\n", r.method, r.target)))
}

#[test]
fn a_written_out_multipart_body_is_sent_byte_for_byte() {
    let server = echo();
    let png: &[u8] = b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe";
    let source = format!(
        "POST {}/upload\n\
         Content-Type: multipart/form-data; boundary=WebAppBoundary\n\n\
         --WebAppBoundary\n\
         Content-Disposition: form-data; name=\"field-name\"\n\n\
         field-value\n\
         --WebAppBoundary\n\
         Content-Disposition: form-data; name=\"image\"; filename=\"a.png\"\n\
         Content-Type: image/png\n\n\
         < ./a.png\n\
         --WebAppBoundary--\n",
        server.url("")
    );
    let (_dir, path) = files(&[("up.http", source.as_bytes()), ("a.png", png)]);
    hit(&["run", &path]).run().success();
    let request = server.only_request();
    assert_eq!(
        request.header("content-type"),
        Some("multipart/form-data; boundary=WebAppBoundary")
    );
    let mut want = b"--WebAppBoundary\r\n\
        Content-Disposition: form-data; name=\"field-name\"\r\n\r\n\
        field-value\r\n\
        --WebAppBoundary\r\n\
        Content-Disposition: form-data; name=\"image\"; filename=\"a.png\"\r\n\
        Content-Type: image/png\r\n\r\n"
        .to_vec();
    want.extend_from_slice(png);
    want.extend_from_slice(b"\r\n--WebAppBoundary--");
    assert_eq!(request.body, want);
}

#[test]
fn graphql_requests_are_sent_as_json() {
    let server = echo();
    let source = format!(
        "GRAPHQL {url}/graphql\n\n\
         query Hero($name: String!) {{\n  hero(name: $name) {{ name }}\n}}\n\n\
         {{\n  \"name\": \"R2-D2\"\n}}\n\n\
         ###\nPOST {url}/graphql\nX-REQUEST-TYPE: GraphQL\n\n\
         query {{ heroes {{ name }} }}\n",
        url = server.url("")
    );
    let (_dir, path) = files(&[("gql.http", source.as_bytes())]);
    hit(&["run", &path]).run().success();
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[0].method, "POST");
    assert_eq!(requests[0].header("content-type"), Some("application/json"));
    let body: serde_json::Value = serde_json::from_slice(&requests[0].body).unwrap();
    assert_eq!(
        body,
        serde_json::json!({
            "query": "query Hero($name: String!) {\n  hero(name: $name) { name }\n}",
            "operationName": "Hero",
            "variables": {"name": "R2-D2"}
        })
    );
    assert_eq!(requests[1].header("x-request-type"), None);
    assert_eq!(
        requests[1].body_str(),
        r#"{"query":"query { heroes { name } }"}"#
    );
}

#[test]
fn basic_credentials_written_plain_are_encoded_and_empty_values_sent_empty() {
    let server = echo();
    let source = format!(
        "@empty =\n\
         GET {url}/a\nAuthorization: Basic ada s3cret\nX-Code: {{{{empty}}}}\n\n\
         ###\nGET {url}/b\nAuthorization: Basic ada:s3cret\n\n\
         ###\nGET {url}/c\nAuthorization: Basic YWRhOnMzY3JldA==\n",
        url = server.url("")
    );
    let (_dir, path) = files(&[("auth.http", source.as_bytes())]);
    hit(&["run", &path]).run().success();
    let requests = server.requests();
    for request in &requests {
        assert_eq!(
            request.header("authorization"),
            Some("Basic YWRhOnMzY3JldA==")
        );
    }
    assert_eq!(requests[0].header("x-code"), Some(""));
}

#[test]
fn a_body_gets_no_content_type_the_file_does_not_give() {
    let server = echo();
    let source = format!(
        "POST {url}/raw\n\n{{\"a\": 1}}\n\n\
         ###\nPOST {url}/text\n\na=1&b=2\n",
        url = server.url("")
    );
    let (_dir, path) = files(&[("raw.http", source.as_bytes())]);
    hit(&["run", &path]).run().success();
    for request in server.requests() {
        assert_eq!(request.header("content-type"), None, "{}", request.target);
    }
}

#[test]
fn blank_lines_between_the_headers_and_the_body_are_not_the_body() {
    let server = echo();
    let source = format!(
        "POST {}\nContent-Type: application/json\n\n\n\n{{\"a\": 1}}\n",
        server.url("/j")
    );
    let (_dir, path) = files(&[("api.http", source.as_bytes())]);
    hit(&["run", &path]).run().success();
    assert_eq!(server.only_request().body_str(), "{\"a\": 1}");
}

#[test]
fn continuation_lines_bom_and_names_above_the_separator() {
    let server = echo();
    let source = format!(
        "\u{feff}# @name first\n###\nGET {url}\n    /users\n    /42\n    ?page=2\n    &size=10\n\n\
         # @name login\n###\nPOST {url}/token\nContent-Type: application/x-www-form-urlencoded\n\n\
         grant_type=password\n&username=ada\n&password=s3cret\n\n\
         ###\nGET {url}/me?t={{{{login.response.body.$.token}}}}\n\
         <> 2024-05-01T101010.200.json\n",
        url = server.url("")
    );
    let server2 = Server::start(|_: &Recorded| Reply::json(200, r#"{"token":"t0"}"#));
    let source = source.replacen(
        &format!("{}/token", server.url("")),
        &server2.url("/token"),
        1,
    );
    let (_dir, path) = files(&[("c.http", source.as_bytes())]);
    hit(&["run", &path, "first"]).run().success();
    assert_eq!(server.only_request().target, "/users/42?page=2&size=10");
    hit(&["run", &path]).run().success();
    let token = server2.only_request();
    assert_eq!(
        token.body_str(),
        "grant_type=password&username=ada&password=s3cret"
    );
    let requests = server.requests();
    assert_eq!(requests.last().unwrap().target, "/me?t=t0");
    assert!(requests.last().unwrap().body.is_empty());
}

#[test]
fn a_value_filled_into_a_form_body_cannot_add_fields() {
    let server = echo();
    let source = format!(
        "@pw = p+ss&admin=1%\n@q = 50%25 #1\n\nPOST {}/login\n\
         Content-Type: application/x-www-form-urlencoded\n\n\
         user=ann&password={{{{pw}}}}&note={{{{q}}}}&raw=a+b%20c\n",
        server.url("")
    );
    let (_dir, path) = files(&[("f.http", source.as_bytes())]);
    hit(&["run", &path]).run().success();
    // The values are encoded as encodeURIComponent does, a valid `%XX` kept; the text
    // written in the file is sent as written.
    assert_eq!(
        server.only_request().body_str(),
        "user=ann&password=p%2Bss%26admin%3D1%25&note=50%25%20%231&raw=a+b%20c"
    );
}

#[test]
fn a_body_file_with_placeholders_is_filled() {
    let server = echo();
    let source = format!(
        "@name = ada\nPOST {}/users\nContent-Type: application/json\n\n<@ ./user.json\n",
        server.url("")
    );
    let (_dir, path) = files(&[
        ("u.http", source.as_bytes()),
        ("user.json", b"{\"name\": \"{{name}}\"}\n"),
    ]);
    hit(&["run", &path]).run().success();
    assert_eq!(server.only_request().body_str(), "{\"name\": \"ada\"}\n");
}

#[test]
fn responses_are_saved_with_a_new_name_or_overwritten() {
    let server = Server::start(|r: &Recorded| Reply::text(200, &r.target));
    let source = format!(
        "GET {url}/one\n\n>> ./out/saved.txt\n\n\
         ###\nGET {url}/two\n\n>> ./out/saved.txt\n\n\
         ###\nGET {url}/three\n\n>>! ./out/forced.txt\n",
        url = server.url("")
    );
    let (dir, path) = files(&[("s.http", source.as_bytes())]);
    std::fs::create_dir(dir.path().join("out")).unwrap();
    std::fs::write(dir.path().join("out/forced.txt"), "old").unwrap();
    hit(&["run", &path]).run().success();
    let read = |name: &str| std::fs::read_to_string(dir.path().join("out").join(name)).unwrap();
    assert_eq!(read("saved.txt"), "/one");
    assert_eq!(read("saved-1.txt"), "/two");
    assert_eq!(read("forced.txt"), "/three");
    for request in server.requests() {
        assert!(request.body.is_empty());
    }
}
