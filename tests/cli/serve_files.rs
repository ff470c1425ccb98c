//! `hit serve`'s files to practise downloads on: `/files/{name}` with ranges (206, several
//! as `multipart/byteranges`, 416), `If-Range`, validators and HEAD; `/download?id=N` with
//! `Content-Disposition`; and README's Files section replayed against it.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::Command;
use std::time::Duration;

use serde_json::json;

use crate::serve::ask;
use crate::support::{Practice, hit, listing};

const README: &str = include_str!("../../README.md");
const LAST_MODIFIED: &str = "Wed, 01 Jan 2025 00:00:00 GMT";

/// A response read off the wire: the head as text, the body as bytes.
struct Wire {
    head: String,
    body: Vec<u8>,
}

impl Wire {
    fn status(&self) -> &str {
        self.head.split(' ').nth(1).unwrap_or_default()
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().skip(1).find_map(|line| {
            let (n, v) = line.split_once(": ")?;
            n.eq_ignore_ascii_case(name).then_some(v)
        })
    }
}

/// `METHOD path` with `headers`, sent by hand so that every byte of the answer is seen.
fn wire(port: u16, method: &str, path: &str, headers: &[&str]) -> Wire {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut request = format!("{method} {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n");
    for header in headers {
        request.push_str(&format!("{header}\r\n"));
    }
    request.push_str("\r\n");
    stream.write_all(request.as_bytes()).expect("send");
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).expect("read");
    let end = answer
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a response head");
    Wire {
        head: String::from_utf8(answer[..end].to_vec()).expect("UTF-8 head"),
        body: answer[end + 4..].to_vec(),
    }
}

/// The whole file, as `hit -o` saves it.
fn whole(practice: &Practice, name: &str) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    let run = hit(&[
        "-o",
        path.to_str().unwrap(),
        &practice.at(&format!("/files/{name}")),
    ])
    .run();
    run.success();
    std::fs::read(path).unwrap()
}

#[test]
fn a_range_is_exactly_those_bytes_of_the_whole_file() {
    let practice = Practice::start();
    let all = whole(&practice, "100k.bin");
    assert_eq!(all.len(), 100 * 1024);
    for (range, first, last) in [
        ("bytes=1000-1999", 1000, 1999),
        ("bytes=-10", 102_390, 102_399),
        ("bytes=102000-", 102_000, 102_399),
        ("bytes=0-999999", 0, 102_399),
    ] {
        let answer = wire(
            practice.port,
            "GET",
            "/files/100k.bin",
            &[&format!("Range: {range}")],
        );
        assert_eq!(answer.status(), "206", "{range}: {}", answer.head);
        let content_range = format!("bytes {first}-{last}/102400");
        assert_eq!(answer.header("content-range"), Some(content_range.as_str()));
        let length = (last - first + 1).to_string();
        assert_eq!(answer.header("content-length"), Some(length.as_str()));
        assert!(answer.body == all[first..=last], "{range}: other bytes");
    }
    let line = ask(&[&practice.at("/files/1k.txt"), "Range:bytes=64-127"]);
    line.is(0, 206);
    assert_eq!(
        String::from_utf8(line.body.clone()).unwrap(),
        "0000000002 hit serve practice text; every line is 64 bytes long\n"
    );
    assert_eq!(
        line.header("Content-Type"),
        Some("text/plain; charset=utf-8")
    );
}

#[test]
fn several_ranges_come_as_multipart_byteranges() {
    let practice = Practice::start();
    let answer = wire(
        practice.port,
        "GET",
        "/files/1k.txt",
        &["Range: bytes=0-9, 64-73"],
    );
    assert_eq!(answer.status(), "206", "{}", answer.head);
    assert_eq!(
        answer.header("content-type"),
        Some("multipart/byteranges; boundary=hit-serve-byteranges")
    );
    let body = "--hit-serve-byteranges\r\nContent-Type: text/plain; charset=utf-8\r\n\
                Content-Range: bytes 0-9/1024\r\n\r\n0000000001\r\n\
                --hit-serve-byteranges\r\nContent-Type: text/plain; charset=utf-8\r\n\
                Content-Range: bytes 64-73/1024\r\n\r\n0000000002\r\n\
                --hit-serve-byteranges--\r\n";
    assert_eq!(String::from_utf8(answer.body.clone()).unwrap(), body);
    assert_eq!(
        answer.header("content-length"),
        Some(body.len().to_string().as_str())
    );
}

#[test]
fn a_range_past_the_end_is_416_with_the_length() {
    let practice = Practice::start();
    let past = ask(&[&practice.at("/files/1k.txt"), "Range:bytes=1024-"]);
    past.is_problem(
        416,
        "Range Not Satisfiable",
        "no part of 'bytes=1024-' is inside this file of 1024 bytes; byte positions start at 0",
    );
    assert_eq!(past.header("Content-Range"), Some("bytes */1024"));
    // A range that does not parse, or in another unit, is ignored: the whole file.
    for ignored in ["bytes=9-1", "lines=0-1"] {
        let whole = ask(&[&practice.at("/files/1k.txt"), &format!("Range:{ignored}")]);
        whole.is(0, 200);
        assert_eq!(whole.body.len(), 1024, "{ignored}");
    }
}

#[test]
fn if_range_keeps_the_range_only_for_the_current_version() {
    let practice = Practice::start();
    let head = ask(&["HEAD", &practice.at("/files/1k.txt")]);
    head.is(0, 200);
    let tag = head.header("ETag").expect("an ETag").to_owned();
    assert_eq!(head.header("Last-Modified"), Some(LAST_MODIFIED));
    let range = |validator: &str| {
        let if_range = format!("If-Range:{validator}");
        ask(&[&practice.at("/files/1k.txt"), "Range:bytes=0-9", &if_range])
    };
    for current in [tag.as_str(), LAST_MODIFIED] {
        let part = range(current);
        part.is(0, 206);
        assert_eq!(part.body, b"0000000001", "{current}");
    }
    let weak = format!("W/{tag}");
    for other in [
        "\"another\"",
        weak.as_str(),
        "Thu, 02 Jan 2025 00:00:00 GMT",
        "yesterday",
    ] {
        let all = range(other);
        all.is(0, 200);
        assert_eq!(all.body.len(), 1024, "{other}");
        assert_eq!(all.header("Content-Range"), None, "{other}");
    }
}

#[test]
fn head_and_validators_describe_the_file_without_sending_it() {
    let practice = Practice::start();
    let head = wire(practice.port, "HEAD", "/files/1g.bin", &[]);
    assert_eq!(head.status(), "200", "{}", head.head);
    assert_eq!(head.header("content-length"), Some("1073741824"));
    assert_eq!(
        head.header("content-type"),
        Some("application/octet-stream")
    );
    assert_eq!(head.header("accept-ranges"), Some("bytes"));
    assert_eq!(head.header("last-modified"), Some(LAST_MODIFIED));
    assert!(head.body.is_empty());
    let tag = head.header("etag").expect("an ETag").to_owned();
    let fresh = wire(
        practice.port,
        "GET",
        "/files/1g.bin",
        &[&format!("If-None-Match: {tag}")],
    );
    assert_eq!(fresh.status(), "304", "{}", fresh.head);
    let since = format!("If-Modified-Since: {LAST_MODIFIED}");
    let fresh = wire(practice.port, "GET", "/files/1g.bin", &[&since]);
    assert_eq!(fresh.status(), "304", "{}", fresh.head);
    let options = ask(&["OPTIONS", &practice.at("/files/1k.bin")]);
    options.is(0, 204);
    assert_eq!(options.header("Allow"), Some("GET, HEAD, OPTIONS"));
}

#[test]
fn names_outside_the_pattern_are_404_saying_the_pattern() {
    let practice = Practice::start();
    let wrong = ask(&[&practice.at("/files/1x.bin")]);
    wrong.is_problem(
        404,
        "Not Found",
        "there is no file '1x.bin': ask for N.bin or N.txt, with N a number of bytes and k, m \
         or g for KiB, MiB or GiB, up to 1g (1g.bin, 10m.bin, 1k.txt)",
    );
    let large = ask(&[&practice.at("/files/2g.bin")]);
    large.is_problem(
        404,
        "Not Found",
        "'2g.bin' is larger than the 1 GiB hit serve makes; ask for 1g.bin or less",
    );
    let index = ask(&[&practice.at("/api/files")]);
    index.is(0, 200);
    assert_eq!(
        index.json()["files"],
        json!([
            "/api/files/1k.txt",
            "/api/files/10m.bin",
            "/api/files/1g.bin"
        ])
    );
    let root = ask(&[&practice.at("/")]).json();
    let tools = root["tools"].as_array().unwrap();
    assert!(tools.contains(&json!("/files/1m.bin")), "{root}");
    assert!(tools.contains(&json!("/download?id=7")), "{root}");
}

#[test]
fn resuming_with_dash_c_makes_the_same_file_as_a_whole_download() {
    let practice = Practice::start();
    let all = whole(&practice, "1m.bin");
    let dir = tempfile::tempdir().unwrap();
    let part = dir.path().join("part.bin");
    std::fs::write(&part, &all[..300_000]).unwrap();
    let url = practice.at("/files/1m.bin");
    let run = hit(&["-o", "part.bin", "-C", "-", &url])
        .current_dir(dir.path())
        .run();
    run.success();
    assert!(
        std::fs::read(&part).unwrap() == all,
        "the resumed file differs"
    );
    let again = hit(&["-o", "part.bin", "-C", "-", &url])
        .current_dir(dir.path())
        .run();
    again.success();
    assert!(again.stderr.contains("already complete"), "{again:#?}");
    assert!(
        practice.log().contains("GET /files/1m.bin 206 "),
        "{}",
        practice.log()
    );
    assert!(
        practice.log().contains("GET /files/1m.bin 416 "),
        "{}",
        practice.log()
    );
}

#[test]
fn download_names_its_file_in_content_disposition() {
    let practice = Practice::start();
    let dir = tempfile::tempdir().unwrap();
    let url = practice.at("/download?id=7");
    hit(&["-O", "-J", &url])
        .current_dir(dir.path())
        .run()
        .success();
    assert_eq!(listing(dir.path()), ["report-7.csv"]);
    let saved = std::fs::read_to_string(dir.path().join("report-7.csv")).unwrap();
    let shown = ask(&[&url]);
    shown.is(0, 200);
    assert_eq!(saved.as_bytes(), shown.body);
    assert!(saved.starts_with("report,day,orders\n7,1,"), "{saved}");
    assert_eq!(saved.lines().count(), 8, "{saved}");
    assert_eq!(
        shown.header("Content-Disposition"),
        Some("attachment; filename=\"report-7.csv\"; filename*=UTF-8''report-7.csv")
    );
    assert_eq!(
        shown.header("Content-Type"),
        Some("text/csv; charset=utf-8")
    );
    for id in ["0", "1001", "x", ""] {
        let refused = ask(&[&practice.at(&format!("/download?id={id}"))]);
        let detail =
            format!("the download needs an id from 1 to 1000, such as /download?id=7, not '{id}'");
        refused.is_problem(400, "Bad Request", &detail);
    }
}

/// The commands of README's Files section, run in an empty directory against `hit serve`
/// in order, with `1g.bin` made `1m.bin` to keep the test quick (the HEAD test above shows
/// the 1 GiB file's length). `-C -` resumes the `part.bin` the test leaves half written.
#[test]
fn the_readme_files_section_runs_against_hit_serve() {
    let start = README
        .find("\n## Files\n")
        .expect("README has a Files section");
    let section = &README[start..];
    let block = &section[section.find("```console\n").expect("a console block") + 11..];
    let block = &block[..block.find("```").unwrap()];
    let commands: Vec<&str> = block.lines().filter_map(|l| l.strip_prefix("$ ")).collect();
    assert_eq!(commands.len(), 3, "{block}");
    let practice = Practice::start();
    let all = whole(&practice, "1m.bin");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("part.bin"), &all[..123_456]).unwrap();
    let bin = std::path::Path::new(env!("CARGO_BIN_EXE_hit"))
        .parent()
        .unwrap();
    for command in &commands {
        let command = command
            .replace("8080", &practice.port.to_string())
            .replace("1g.bin", "1m.bin");
        let status = Command::new("sh")
            .args(["-c", &command])
            .current_dir(dir.path())
            .env_clear()
            .env("PATH", format!("{}:/usr/bin:/bin", bin.display()))
            .status()
            .expect("run sh");
        assert!(status.success(), "{command}: {status}");
    }
    assert_eq!(listing(dir.path()), ["1m.bin", "part.bin", "report-7.csv"]);
    assert!(std::fs::read(dir.path().join("1m.bin")).unwrap() == all);
    assert!(std::fs::read(dir.path().join("part.bin")).unwrap() == all);
}
