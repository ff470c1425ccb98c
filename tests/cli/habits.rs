//! Habits from curl, HTTPie and xh: what used to go wrong silently now says so (issue 12).

use crate::support::{Reply, Server, hit, temp_file};

#[test]
fn stdin_that_a_get_leaves_unread_is_named() {
    let server = Server::ok();
    let (_dir, path) = temp_file("data.json", "{\"a\":1}");
    let run = hit(&[&server.url("/")]).stdin_file(&path).run();
    run.success();
    assert_eq!(
        run.stderr,
        "hit: warning: stdin has data, and a GET sends none: it was not read (hit POST URL \
         sends it, or -T - with any method; --no-stdin leaves stdin alone quietly)\n"
    );
    assert!(server.only_request().body.is_empty());
}

#[test]
fn stdin_a_loop_reads_line_by_line_is_left_alone_quietly() {
    use std::io::{Seek, SeekFrom};
    // `while read id; do hit URL/$id; done < ids`: hit's stdin is the loop's file, read
    // part-way.
    let server = Server::ok();
    let (_dir, path) = temp_file("ids", "1\n2\n3\n");
    let mut file = std::fs::File::open(&path).unwrap();
    file.seek(SeekFrom::Start(2)).unwrap();
    let out = hit(&[&server.url("/2")])
        .command()
        .stdin(file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8(out.stderr).unwrap(), "");
    assert!(server.only_request().body.is_empty());
}

#[test]
fn a_url_swallowed_by_json_or_form_is_named() {
    let run = hit(&["--json", "http://127.0.0.1:9/x", "a=1"]).run();
    assert_eq!(run.code, 2, "{run:#?}");
    assert_eq!(
        run.stderr,
        "hit: error: 'a=1' is not a URL: expected a host with a dot, a port or a path; --json \
         took 'http://127.0.0.1:9/x' as its value: it takes the JSON text, as curl's --json \
         does (hit URL --json '{\"a\":1}', or hit URL a=1 for items)\n"
    );
    let run = hit(&["http://a=1/"]).run();
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "hit: error: bad URL 'http://a=1/': 'a=1' cannot be a host name\n"
    );
    let run = hit(&["://"]).run();
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "hit: error: bad URL '://': no scheme before '://' and no host\n"
    );
}

#[test]
fn a_file_without_a_field_name_points_to_the_body_options() {
    let run = hit(&["POST", "http://127.0.0.1:9/", "@data.bin"]).run();
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "hit: error: bad item '@data.bin': a file item needs a field name (name@file); to send \
         the file as the body, use -T FILE or --data-binary @FILE\n"
    );
}

#[test]
fn multipart_with_a_raw_body_is_a_usage_error() {
    let run = hit(&["--multipart", "--data-raw", "x", "http://127.0.0.1:9/"]).run();
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "hit: error: --multipart sends the request items as form parts, but --data-raw 'x' is \
         a raw body; -F name=value adds a part\n"
    );
}

#[test]
fn quiet_twice_and_silent_with_show_error() {
    let server = Server::reply(Reply::text(404, "gone"));
    let run = hit(&["-qq", &server.url("/")]).run();
    assert_eq!(
        (run.code, run.stdout.len(), run.stderr.as_str()),
        (4, 0, "")
    );

    let run = hit(&["-s", &server.url("/")]).run();
    assert_eq!((run.code, run.stderr.as_str()), (4, ""));
    let run = hit(&["-fsSL", &server.url("/")]).run();
    assert_eq!(run.code, 4);
    assert_eq!(run.stderr, "hit: warning: 404 Not Found\n");
}

#[test]
fn typos_and_other_tools_options_get_help() {
    let run = hit(&["--jsno", "x"]).run();
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "hit: error: unexpected argument '--jsno' found; a similar argument exists: '--json' \
         (see 'hit --help')\n"
    );
    for (option, says) in [
        (
            "--download",
            "--download is HTTPie's option; hit's is -O (or -o FILE)",
        ),
        (
            "--all",
            "--all is HTTPie's option; hit's -v shows every redirect and retry",
        ),
    ] {
        let run = hit(&[option, "http://127.0.0.1:9/"]).run();
        assert_eq!(run.code, 2, "{option}");
        assert_eq!(
            run.stderr,
            format!("hit: error: {says} (see 'hit --help')\n")
        );
    }
}

#[test]
fn machine_output_when_no_response_came() {
    let run = hit(&[
        "-w",
        "%{http_code} %{method} %{url_effective}\\n",
        "http://127.0.0.1:9/x",
    ])
    .run();
    assert_eq!(run.code, 7);
    assert_eq!(run.stdout(), "000 GET http://127.0.0.1:9/x\n");

    let run = hit(&["--output-format", "json", "http://127.0.0.1:9/x"]).run();
    assert_eq!(run.code, 7);
    let document: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    assert_eq!(document["error"]["kind"], "connect");
    assert_eq!(document["error"]["exit_code"], 7);
    assert_eq!(
        document["error"]["message"],
        "cannot connect to 127.0.0.1:9: Connection refused (is anything listening on 127.0.0.1:9?)"
    );
    assert_eq!(document["request"]["url"], "http://127.0.0.1:9/x");
}

#[test]
fn help_man_page_and_completions_a_user_can_read() {
    let run = hit(&["--help"]).run();
    run.success();
    assert!(
        run.stdout().contains("Exit status:\n  0    success"),
        "{}",
        run.stdout()
    );
    let short = hit(&["-h"]).run().stdout();
    assert!(short.contains("(--help shows the item syntax)"), "{short}");

    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let man = std::fs::read_to_string(root.join("man/hit.1")).unwrap();
    for heading in ["\"REQUEST ITEMS\"", "EXAMPLES", "\"EXIT STATUS\""] {
        assert!(man.contains(&format!(".SH {heading}\n.nf\n")), "{heading}");
    }
    for file in [
        "completions/hit.bash",
        "completions/_hit",
        "completions/hit.fish",
    ] {
        let script = std::fs::read_to_string(root.join(file)).unwrap();
        assert!(!script.contains("generate"), "{file}");
        assert!(script.contains("PATCH"), "{file} offers methods");
    }
}

#[test]
fn a_bad_header_name_is_echoed_up_to_its_first_bad_character() {
    let run = hit(&["-H", "Bad Name: secret", "http://127.0.0.1:9/"]).run();
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "hit: error: bad --header 'Bad …': a header name cannot hold a space (the name is \
         everything before ':')\n"
    );
}
