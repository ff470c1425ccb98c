//! Commands as browsers, Postman, Insomnia and API docs write them for curl, run by curl and
//! by hit with `curl` replaced by `hit`: the same method, target, headers the command sets,
//! and body bytes reach the server.

use std::process::Command;

use crate::support::{Recorded, Reply, Server, hit};

/// Where a case's arguments take the URL, and the server's `127.0.0.1:PORT`.
const URL: &str = "{url}";
const ADDR: &str = "{addr}";
const PORT: &str = "{port}";
/// A file a case may read, in its own directory.
const FILE: &str = "{file}";

struct Case {
    args: &'static [&'static str],
    /// The headers the command sets, compared by name (case-insensitively) and value.
    headers: &'static [&'static str],
}

const fn case(args: &'static [&'static str], headers: &'static [&'static str]) -> Case {
    Case { args, headers }
}

const CASES: &[Case] = &[
    // Chrome "Copy as cURL (bash)", a GET with the browser's headers.
    case(
        &[
            URL,
            "-H",
            "accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
            "-H",
            "accept-language: en-US,en;q=0.9",
            "-H",
            "cache-control: no-cache",
            "-H",
            "pragma: no-cache",
            "-H",
            "sec-ch-ua: \"Not_A Brand\";v=\"8\", \"Chromium\";v=\"120\"",
            "-H",
            "sec-ch-ua-mobile: ?0",
            "-H",
            "sec-fetch-mode: navigate",
            "-H",
            CHROME_UA_HEADER,
            "--compressed",
        ],
        &[
            "accept",
            "accept-language",
            "cache-control",
            "pragma",
            "sec-ch-ua",
            "sec-ch-ua-mobile",
            "sec-fetch-mode",
            "user-agent",
        ],
    ),
    // Chrome, a fetch() POST of JSON.
    case(
        &[
            URL,
            "-H",
            "content-type: application/json",
            "-H",
            "origin: http://app.test",
            "--data-raw",
            "{\"query\":\"hit\",\"page\":2,\"tags\":[\"a\",\"b\"]}",
            "--compressed",
        ],
        &["content-type", "origin"],
    ),
    // Firefox, a form POST.
    case(
        &[
            URL,
            "-X",
            "POST",
            "-H",
            "User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0",
            "-H",
            "Accept: */*",
            "-H",
            "Content-Type: application/x-www-form-urlencoded; charset=UTF-8",
            "--data-raw",
            "name=Ada+Lovelace&lang=en",
        ],
        &["user-agent", "accept", "content-type"],
    ),
    // Safari, a GET with cookies.
    case(
        &[
            URL,
            "-X",
            "GET",
            "-H",
            "Cookie: session=abc; theme=dark",
            "-H",
            "Accept: application/json",
        ],
        &["cookie", "accept"],
    ),
    // Postman's export.
    case(
        &[
            "--location",
            URL,
            "--header",
            "Content-Type: application/json",
            "--data",
            "{\"name\":\"hit\"}",
        ],
        &["content-type"],
    ),
    case(
        &[
            "--location",
            "--request",
            "GET",
            URL,
            "--header",
            "Authorization: Bearer eyJhbGciOi.J9",
        ],
        &["authorization"],
    ),
    case(
        &[
            "--location",
            "--request",
            "PATCH",
            URL,
            "--header",
            "Content-Type: application/merge-patch+json",
            "--data",
            "{\"email\":null}",
        ],
        &["content-type"],
    ),
    // Insomnia's export.
    case(
        &[
            "--request",
            "POST",
            "--url",
            URL,
            "--header",
            "content-type: application/json",
            "--data",
            "{\"n\":1}",
        ],
        &["content-type"],
    ),
    case(&["--request", "DELETE", "--url", URL], &[]),
    // API docs.
    case(
        &[
            "-G",
            URL,
            "--data-urlencode",
            "q=hello world & more",
            "--data-urlencode",
            "lang=en",
        ],
        &[],
    ),
    case(&[URL, "--json", "{\"a\":1}"], &["content-type", "accept"]),
    case(
        &[URL, "--json", "{\"a\":1}", "--json", "{\"b\":2}"],
        &["content-type", "accept"],
    ),
    case(&["-u", "ada:s3cret word", URL], &["authorization"]),
    case(&["--user", "ada:", URL], &["authorization"]),
    case(&[URL, "-d", "a=1", "-d", "b=2"], &["content-type"]),
    case(&[URL, "-d", FILE_ARG], &["content-type"]),
    case(
        &[
            URL,
            "--data-binary",
            FILE_ARG,
            "-H",
            "Content-Type: text/plain",
        ],
        &["content-type"],
    ),
    case(&[URL, "--data-urlencode", "note@{file}"], &["content-type"]),
    case(&["-X", "PUT", URL, "-d", "x=1"], &["content-type"]),
    case(&["-X", "POST", URL], &[]),
    case(&["-I", URL], &[]),
    case(
        &["-A", "agent/1.0", "-e", "http://ref.test/page", URL],
        &["user-agent", "referer"],
    ),
    case(
        &[
            "--user-agent",
            "agent/2.0",
            "--referer",
            "http://ref.test/",
            "--cookie",
            "a=1; b=2",
            URL,
        ],
        &["user-agent", "referer", "cookie"],
    ),
    case(
        &[URL, "-H", "X-Empty;", "-H", "X-Trace: 1"],
        &["x-empty", "x-trace"],
    ),
    // $'…' strings arrive with real newlines, tabs and quotes.
    case(
        &[
            URL,
            "-H",
            "Content-Type: application/json",
            "--data-raw",
            "{\"text\":\"line one\nline\ttwo \\\"quoted\\\"\"}",
        ],
        &["content-type"],
    ),
    case(&["-T", FILE, URL], &[]),
    case(&["--url", URL, "-X", "OPTIONS"], &[]),
    case(
        &[
            "--resolve",
            "api.example.test:{port}:127.0.0.1",
            "http://api.example.test:{port}/v1/items?x=1",
        ],
        &["host"],
    ),
    case(
        &[
            "--connect-to",
            "api.example.test:80:127.0.0.1:{port}",
            "http://api.example.test/v1/items",
        ],
        &["host"],
    ),
    case(&["-H", "Host: virtual.test", URL], &["host"]),
    case(
        &["--http1.1", "-4", URL, "-H", "Accept: application/xml"],
        &["accept"],
    ),
    case(&["-g", "{url}?filter[name]=ada&fields[]=id"], &[]),
    // Multipart, as curl's -F reads it (boundaries compared as BOUNDARY).
    case(
        &[
            URL,
            "-F",
            "name=Ada",
            "-F",
            "file=@{file};type=text/html;filename=x.htm",
        ],
        &[],
    ),
    case(&[URL, "-F", "notes=<{file}", "-F", "plain=@{file}"], &[]),
    case(&["-F", "a=1;type=text/plain", URL], &[]),
];

const CHROME_UA_HEADER: &str = concat!(
    "user-agent: ",
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36"
);
const FILE_ARG: &str = "@{file}";

fn fill(args: &[&str], url: &str, file: &str) -> Vec<String> {
    let addr = url
        .trim_start_matches("http://")
        .split('/')
        .next()
        .unwrap_or_default();
    let port = addr.rsplit(':').next().unwrap_or_default();
    args.iter()
        .map(|a| {
            a.replace(URL, url.trim_end_matches('/'))
                .replace(ADDR, addr)
                .replace(PORT, port)
                .replace(FILE, file)
        })
        .collect()
}

/// The first request each tool sent for the same arguments.
fn both(case: &Case, file: &str) -> (Recorded, Recorded) {
    let by_curl = Server::reply(Reply::text(200, "ok"));
    let args = fill(case.args, &by_curl.url("/api/items"), file);
    let status = Command::new("curl")
        .args(["-s", "-o", "/dev/null"])
        .args(&args)
        .status()
        .expect("curl runs");
    assert!(status.success(), "curl {args:?}: {status}");
    let by_hit = Server::reply(Reply::text(200, "ok"));
    let args = fill(case.args, &by_hit.url("/api/items"), file);
    let argv: Vec<&str> = args.iter().map(String::as_str).collect();
    let run = hit(&argv).run();
    assert_eq!(run.code, 0, "hit {args:?}: {run:#?}");
    (by_curl.requests().remove(0), by_hit.requests().remove(0))
}

/// The body, with a multipart boundary written as BOUNDARY.
fn without_boundary(request: &Recorded) -> String {
    let body = request.body_str();
    let boundary = request
        .header("content-type")
        .and_then(|t| t.split_once("boundary="))
        .map(|(_, b)| b.trim_matches('"').to_string());
    match boundary {
        Some(boundary) => body.replace(&boundary, "BOUNDARY"),
        None => body,
    }
}

/// A Host or Authorization names the port, which differs between the two servers.
fn portless(value: &str) -> String {
    match value.rsplit_once(':') {
        Some((host, port)) if port.bytes().all(|b| b.is_ascii_digit()) => host.to_string(),
        _ => value.to_string(),
    }
}

#[test]
fn thirty_copied_curl_commands_send_the_same_request() {
    assert!(CASES.len() >= 30, "{} cases", CASES.len());
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("data.txt");
    std::fs::write(&file, "first line\nsecond=2 & more\r\nthird\n").unwrap();
    let file = file.to_str().unwrap();
    for case in CASES {
        let (curl, hit) = both(case, file);
        let what = format!("{:?}", case.args);
        assert_eq!(curl.method, hit.method, "method: {what}");
        assert_eq!(curl.target, hit.target, "target: {what}");
        let (curl_body, hit_body) = (without_boundary(&curl), without_boundary(&hit));
        assert_eq!(curl_body, hit_body, "body: {what}");
        for name in case.headers {
            let curl_value = curl.header(name).map(portless);
            let hit_value = hit.header(name).map(portless);
            assert_eq!(curl_value, hit_value, "{name}: {what}");
        }
    }
}
