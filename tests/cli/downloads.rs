//! Files (SPEC §7): -o, -O, -J and their names, --clobber, -C - resuming, progress, uploads
//! of large files.

use std::fs;
use std::time::Duration;

use crate::support::{Raw, Reply, Server, hit, listing, raw_server, temp_file, wait_with_deadline};

/// Deterministic bytes that are not all the same, so an offset error shows.
fn payload(len: usize) -> Vec<u8> {
    (0..len).map(|i| (i * 7 % 251) as u8).collect()
}

/// A server that honours `Range: bytes=N-` over `body`.
fn ranged(body: Vec<u8>) -> Server {
    Server::start(move |req| {
        let Some(range) = req.header("range") else {
            return Reply::new(200).body(&body);
        };
        let start: usize = range
            .strip_prefix("bytes=")
            .and_then(|r| r.strip_suffix('-'))
            .and_then(|n| n.parse().ok())
            .expect("a bytes=N- range");
        if start >= body.len() {
            return Reply::new(416).header("content-range", &format!("bytes */{}", body.len()));
        }
        Reply::new(206)
            .header(
                "content-range",
                &format!("bytes {start}-{}/{}", body.len() - 1, body.len()),
            )
            .body(&body[start..])
    })
}

#[test]
fn output_writes_the_body_and_never_replaces_a_file_unasked() {
    let server = Server::reply(Reply::new(200).body("new"));
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("out.txt");
    let path = file.to_str().unwrap();
    let run = hit(&["-o", path, &server.url("/")]).run();
    run.success();
    assert_eq!(run.stdout(), "");
    assert_eq!(fs::read(&file).unwrap(), b"new");

    fs::write(&file, "old").unwrap();
    let run = hit(&["-o", path, &server.url("/")]).run();
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        format!("hit: error: '{path}' exists; --clobber replaces it, -C - resumes it\n")
    );
    assert_eq!(fs::read(&file).unwrap(), b"old");
    // Refused before anything was sent.
    assert_eq!(server.requests().len(), 1);

    hit(&["--clobber", "-o", path, &server.url("/")])
        .run()
        .success();
    assert_eq!(fs::read(&file).unwrap(), b"new");
}

#[test]
fn output_dash_is_stdout() {
    let server = Server::reply(Reply::new(200).body("body"));
    let run = hit(&["-o", "-", &server.url("/")]).run();
    run.success();
    assert_eq!(run.stdout(), "body");
}

#[test]
fn remote_name_comes_from_the_url_and_picks_a_free_name() {
    let server = Server::reply(Reply::new(200).body("data"));
    let dir = tempfile::tempdir().unwrap();
    let url = server.url("/files/report.tar.gz?version=2");
    hit(&["-O", &url]).current_dir(dir.path()).run().success();
    assert_eq!(listing(dir.path()), ["report.tar.gz"]);

    let run = hit(&["-O", &url]).current_dir(dir.path()).run();
    run.success();
    assert_eq!(
        run.stderr,
        "hit: 'report.tar.gz' exists; saving to 'report.tar-1.gz' (--clobber replaces it)\n"
    );
    hit(&["-O", &url]).current_dir(dir.path()).run().success();
    assert_eq!(
        listing(dir.path()),
        ["report.tar-1.gz", "report.tar-2.gz", "report.tar.gz"]
    );

    fs::write(dir.path().join("report.tar.gz"), "old").unwrap();
    hit(&["-O", "--clobber", &url])
        .current_dir(dir.path())
        .run()
        .success();
    assert_eq!(fs::read(dir.path().join("report.tar.gz")).unwrap(), b"data");
    assert_eq!(listing(dir.path()).len(), 3);
}

#[test]
fn remote_name_needs_a_name_in_the_url() {
    let server = Server::ok();
    let dir = tempfile::tempdir().unwrap();
    let run = hit(&["-O", &server.url("/")]).current_dir(dir.path()).run();
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("has no file name"), "{}", run.stderr);
    assert!(server.requests().is_empty());
    assert!(listing(dir.path()).is_empty());
}

/// The names a server suggests, and what hit saves them as. The work directory sits inside
/// another temporary directory, so that a name escaping it would show up there.
#[test]
fn header_names_are_sanitised_into_the_current_directory() {
    for (disposition, saved) in [
        ("attachment; filename=\"../../x\"", "x"),
        ("attachment; filename=\"/tmp/absolute.txt\"", "absolute.txt"),
        ("attachment; filename=\".bashrc\"", "bashrc"),
        // Control characters cannot be sent raw in a header; filename* can encode them.
        (
            "attachment; filename*=UTF-8''a%1B%5B31m%07b%0D%0A.txt",
            "a_[31m_b__.txt",
        ),
        ("attachment; filename=\"..\"", "fallback.bin"),
        (
            "attachment; filename=\"plain.txt\"; filename*=UTF-8''%E2%82%AC%20rates.txt",
            "€ rates.txt",
        ),
        ("inline", "fallback.bin"),
    ] {
        let server = Server::reply(
            Reply::new(200)
                .header("content-disposition", disposition)
                .body("x"),
        );
        let outer = tempfile::tempdir().unwrap();
        let work = outer.path().join("work");
        fs::create_dir(&work).unwrap();
        hit(&["-J", &server.url("/fallback.bin")])
            .current_dir(&work)
            .run()
            .success();
        assert_eq!(listing(&work), [saved], "{disposition:?}");
        assert_eq!(listing(outer.path()), ["work"], "{disposition:?}");
    }
}

#[test]
fn header_name_without_any_name_is_an_error() {
    let server = Server::reply(Reply::new(200).body("x"));
    let dir = tempfile::tempdir().unwrap();
    let run = hit(&["-J", &server.url("/")]).current_dir(dir.path()).run();
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("no file name in Content-Disposition"),
        "{}",
        run.stderr
    );
    assert!(listing(dir.path()).is_empty());
}

#[test]
fn resume_appends_what_a_range_server_sends() {
    let body = payload(100_000);
    let server = ranged(body.clone());
    let (_dir, path) = temp_file("part.bin", &body[..30_000]);
    let run = hit(&["-C", "-", "-o", &path, &server.url("/f")]).run();
    run.success();
    assert_eq!(run.stderr, "");
    assert_eq!(fs::read(&path).unwrap(), body);
    let req = server.only_request();
    assert_eq!(req.header("range"), Some("bytes=30000-"));
    // A range counts bytes as sent, so the rest must come unencoded.
    assert_eq!(req.header("accept-encoding"), Some("identity"));
}

#[test]
fn resume_with_remote_name_and_no_file_yet_downloads_it_all() {
    let body = payload(5000);
    let server = ranged(body.clone());
    let dir = tempfile::tempdir().unwrap();
    hit(&["-O", "-C", "-", &server.url("/data.bin")])
        .current_dir(dir.path())
        .run()
        .success();
    assert_eq!(fs::read(dir.path().join("data.bin")).unwrap(), body);
    assert_eq!(server.only_request().header("range"), None);
}

#[test]
fn resume_restarts_when_the_server_ignores_the_range() {
    let body = payload(50_000);
    let server = Server::reply(Reply::new(200).body(&body));
    let (_dir, path) = temp_file("part.bin", b"not the start of it");
    let run = hit(&["-C", "-", "-o", &path, &server.url("/f")]).run();
    run.success();
    assert_eq!(
        run.stderr,
        format!(
            "hit: warning: the server sent the whole body (200 OK, not 206 Partial Content): \
             downloading '{path}' again from the start\n"
        )
    );
    assert_eq!(fs::read(&path).unwrap(), body);
}

#[test]
fn resume_of_a_complete_file_is_a_success() {
    let body = payload(4096);
    let server = ranged(body.clone());
    let (_dir, path) = temp_file("whole.bin", &body);
    let run = hit(&["-C", "-", "-o", &path, &server.url("/f")]).run();
    run.success();
    assert_eq!(
        run.stderr,
        format!("hit: '{path}' is already complete (4096 bytes)\n")
    );
    assert_eq!(fs::read(&path).unwrap(), body);
    assert_eq!(server.only_request().header("range"), Some("bytes=4096-"));
}

#[test]
fn resume_keeps_the_file_when_the_server_answers_with_an_error() {
    let server = Server::reply(Reply::text(404, "no such file"));
    let (_dir, path) = temp_file("part.bin", b"partial");
    let run = hit(&["-C", "-", "-o", &path, &server.url("/f")]).run();
    assert_eq!(run.code, 4);
    assert!(
        run.stderr
            .contains(&format!("'{path}' left as it was (7 bytes)")),
        "{}",
        run.stderr
    );
    assert_eq!(fs::read(&path).unwrap(), b"partial");
}

#[test]
fn an_error_page_is_not_saved_and_its_start_goes_to_stderr() {
    let problem = r#"{"title":"Not Found","status":404}"#;
    let server = Server::reply(Reply::json(404, problem).header("X-Request-Id", "r-1"));
    let dir = tempfile::tempdir().unwrap();
    let run = hit(&["-O", &server.url("/files/1g.bin")])
        .current_dir(dir.path())
        .run();
    assert_eq!(run.code, 4);
    assert_eq!(run.stdout(), "");
    assert_eq!(
        run.stderr,
        format!(
            "hit: warning: 404 Not Found (request id: r-1)\n{problem}\n\
             hit: '1g.bin' not written: the body is the server's error page \
             (--ignore-status saves it)\n"
        )
    );
    assert!(listing(dir.path()).is_empty());

    // -q keeps the status line and nothing else; -J and -o FILE hold it back too.
    let out = dir.path().join("out.json");
    let out = out.to_str().unwrap();
    for flags in [&["-q", "-o", out][..], &["-O", "-J"], &["-o", out]] {
        let url = server.url("/files/1g.bin");
        let run = hit(&[flags, &[url.as_str()]].concat())
            .current_dir(dir.path())
            .run();
        assert_eq!(run.code, 4, "{flags:?}");
        assert!(listing(dir.path()).is_empty(), "{flags:?}");
    }
    let run = hit(&["-q", "-o", out, &server.url("/x")]).run();
    assert_eq!(
        run.stderr,
        "hit: warning: 404 Not Found (request id: r-1)\n"
    );

    // --ignore-status: the page is what was asked for.
    let run = hit(&["--ignore-status", "-o", out, &server.url("/x")]).run();
    assert_eq!(run.code, 0);
    assert_eq!(fs::read_to_string(out).unwrap(), problem);
}

#[test]
fn an_error_page_shown_for_a_download_is_cut_and_made_safe() {
    let mut page = "\x1b]0;owned\x07<h1>Bad Gateway</h1>\n".to_string();
    page.push_str(&"é".repeat(3000));
    let server = Server::reply(Reply::text(502, &page));
    let (_dir, path) = temp_file("part.bin", b"partial");
    let run = hit(&["-C", "-", "-o", &path, &server.url("/f")]).run();
    assert_eq!(run.code, 5);
    assert_eq!(fs::read(&path).unwrap(), b"partial");
    // 2048 bytes end in the middle of an 'é' (2 bytes each after a 31-byte line): that
    // half is left out.
    assert_eq!(page.find('\n'), Some(30));
    let kept = "é".repeat((2048 - 31) / 2);
    assert_eq!(
        run.stderr,
        format!(
            "hit: warning: 502 Bad Gateway\n^[]0;owned^G<h1>Bad Gateway</h1>\n{kept}\n\
             hit: '{path}' left as it was (7 bytes): the body is the server's error page \
             (the first 2048 of {} bytes above; --ignore-status saves it)\n",
            page.len()
        )
    );
}

#[test]
fn resume_refuses_a_range_that_does_not_continue_the_file() {
    let server = Server::reply(
        Reply::new(206)
            .header("content-range", "bytes 0-3/4")
            .body("abcd"),
    );
    let (_dir, path) = temp_file("part.bin", b"ab");
    let run = hit(&["-C", "-", "-o", &path, &server.url("/f")]).run();
    assert_eq!(run.code, 9);
    assert!(run.stderr.contains("starts at byte 0"), "{}", run.stderr);
    assert_eq!(fs::read(&path).unwrap(), b"ab");
}

#[test]
fn resume_needs_a_file_and_its_own_range() {
    let run = hit(&["-C", "-", "http://127.0.0.1:9/"]).run();
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "hit: error: -C - resumes a file: give it with -o FILE or -O\n"
    );
    let (_dir, path) = temp_file("part.bin", b"ab");
    let run = hit(&[
        "-C",
        "-",
        "-o",
        &path,
        "http://127.0.0.1:9/",
        "Range:bytes=0-",
    ])
    .run();
    assert_eq!(run.code, 2);
    let run = hit(&["-C", "100", "-o", &path, "http://127.0.0.1:9/"]).run();
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("only '-C -'"), "{}", run.stderr);
}

#[test]
fn a_broken_download_keeps_its_partial_file_and_says_so() {
    let (port, _) =
        raw_server(|_| Raw::Answer(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789"));
    let dir = tempfile::tempdir().unwrap();
    let run = hit(&["-O", &format!("http://127.0.0.1:{port}/cut.bin")])
        .current_dir(dir.path())
        .run();
    assert_eq!(run.code, 9);
    assert!(
        run.stderr.starts_with(
            "hit: error: 'cut.bin' is incomplete (10 bytes kept; -o cut.bin -C - resumes it): "
        ),
        "{}",
        run.stderr
    );
    assert_eq!(fs::read(dir.path().join("cut.bin")).unwrap(), b"0123456789");
}

#[test]
fn an_interrupted_download_keeps_its_partial_file_and_says_so() {
    let (port, _) =
        raw_server(|_| Raw::Stall(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789"));
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("slow.bin");
    let mut child = hit(&[
        "-o",
        file.to_str().unwrap(),
        &format!("http://127.0.0.1:{port}/"),
    ])
    .spawn();
    // The file appears when the response head has arrived; the ten body bytes came in the
    // same write, and hit has taken them in when its socket has nothing left unread.
    let taken_in = || file.exists() && client_has_read_all(port);
    crate::support::wait_until("the body read", Duration::from_secs(10), taken_in);
    rustix::process::kill_process(
        rustix::process::Pid::from_child(&child),
        rustix::process::Signal::INT,
    )
    .unwrap();
    let status = wait_with_deadline(&mut child, Duration::from_secs(10));
    let run = crate::support::collect(child);
    assert_eq!(status.code(), Some(130));
    assert_eq!(
        run.stderr,
        format!(
            "hit: interrupted: '{0}' is incomplete (10 bytes kept; -o {0} -C - resumes it)\n",
            file.display()
        )
    );
    assert_eq!(fs::read(&file).unwrap(), b"0123456789");
}

#[test]
fn progress_is_drawn_only_on_a_terminal() {
    let body = payload(3 << 20);
    let server = Server::reply(Reply::new(200).body(&body));
    let dir = tempfile::tempdir().unwrap();
    let url = server.url("/big.bin");

    let piped = hit(&["-O", &url]).current_dir(dir.path()).run();
    piped.success();
    assert_eq!(piped.stderr, "");

    let shown = hit(&["-O", "--clobber", &url])
        .current_dir(dir.path())
        .run_with_stderr_terminal();
    assert_eq!(shown.code, 0, "{}", shown.stderr);
    // A bar was drawn, then cleared for the summary; the terminal shows "\n" as "\r\n".
    assert!(shown.stderr.contains("/3.00 MiB"), "{:?}", shown.stderr);
    let last = shown.stderr.rsplit("\x1b[2K").next().unwrap_or_default();
    assert!(
        last.starts_with("hit: saved 3.00 MiB to big.bin in ") && last.ends_with("/s\r\n"),
        "{:?}",
        shown.stderr
    );

    let dumb = hit(&["-O", "--clobber", &url])
        .env("TERM", "dumb")
        .current_dir(dir.path())
        .run_with_stderr_terminal();
    assert_eq!((dumb.code, dumb.stderr.as_str()), (0, ""));

    let silent = hit(&["-s", "-O", "--clobber", &url])
        .current_dir(dir.path())
        .run_with_stderr_terminal();
    assert_eq!(silent.code, 0);
    assert_eq!(silent.stderr, "");
    assert_eq!(fs::read(dir.path().join("big.bin")).unwrap(), body);
}

#[test]
fn upload_progress_is_drawn_only_on_a_terminal() {
    let server = Server::ok();
    let (_dir, path) = temp_file("up.bin", payload(1 << 20));
    let piped = hit(&["-T", &path, &server.url("/")]).run();
    assert_eq!(piped.stderr, "");
    let shown = hit(&["-T", &path, &server.url("/")]).run_with_stderr_terminal();
    assert_eq!(shown.code, 0);
    assert!(
        shown
            .stderr
            .contains(&format!("hit: sent 1.00 MiB from {path} in ")),
        "{:?}",
        shown.stderr
    );
}

#[test]
fn large_uploads_arrive_intact() {
    let contents = payload(8 << 20);
    let (_dir, path) = temp_file("big.bin", &contents);
    let server = Server::ok();
    hit(&["-T", &path, &server.url("/t")]).run().success();
    hit(&["-F", &format!("file=@{path}"), &server.url("/f")])
        .run()
        .success();
    hit(&[&server.url("/i"), &format!("file@{path}"), "note=hi"])
        .run()
        .success();
    let requests = server.requests();
    assert_eq!(requests[0].body, contents);
    for req in &requests[1..] {
        assert_eq!(
            req.header("content-type")
                .map(|t| t.starts_with("multipart/form-data")),
            Some(true)
        );
        let boundary = req.boundary();
        let head = format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; \
             filename=\"big.bin\"\r\nContent-Type: application/octet-stream\r\n\r\n"
        );
        let at = req
            .body
            .windows(head.len())
            .position(|w| w == head.as_bytes())
            .expect("the file part");
        let start = at + head.len();
        assert_eq!(&req.body[start..start + contents.len()], &contents[..]);
        assert_eq!(
            &req.body[start + contents.len()..start + contents.len() + 2],
            b"\r\n"
        );
    }
}

#[test]
fn write_out_names_the_saved_file() {
    let server = Server::reply(Reply::new(200).body("x"));
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), "old").unwrap();
    let run = hit(&[
        "-O",
        "-s",
        "-w",
        "%{filename_effective}",
        &server.url("/a.txt"),
    ])
    .current_dir(dir.path())
    .run();
    run.success();
    assert_eq!(run.stdout(), "a-1.txt");
}

#[test]
fn a_header_name_that_exists_gets_a_free_name_and_a_note() {
    let server = Server::reply(
        Reply::new(200)
            .header("content-disposition", "attachment; filename=\"x.txt\"")
            .body("new"),
    );
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("x.txt"), "old").unwrap();
    let run = hit(&["-J", &server.url("/get")])
        .current_dir(dir.path())
        .run();
    run.success();
    assert_eq!(
        run.stderr,
        "hit: 'x.txt' exists; saving to 'x-1.txt' (--clobber replaces it)\n"
    );
    assert_eq!(fs::read(dir.path().join("x.txt")).unwrap(), b"old");
    assert_eq!(fs::read(dir.path().join("x-1.txt")).unwrap(), b"new");
}

#[test]
fn responses_without_a_body_leave_files_alone() {
    let server = Server::reply(Reply::new(200).body("body"));
    let (_dir, path) = temp_file("part.bin", b"partial");
    // HEAD: the 200 has no body, so it is not "the whole file" to restart with.
    hit(&["-I", "-C", "-", "-o", &path, &server.url("/f")])
        .run()
        .success();
    assert_eq!(fs::read(&path).unwrap(), b"partial");
    let dir = tempfile::tempdir().unwrap();
    hit(&["-I", "-O", &server.url("/f.bin")])
        .current_dir(dir.path())
        .run()
        .success();
    assert!(listing(dir.path()).is_empty());

    let empty = Server::reply(Reply::new(204));
    hit(&["-C", "-", "-o", &path, &empty.url("/f")])
        .run()
        .success();
    assert_eq!(fs::read(&path).unwrap(), b"partial");
}

#[test]
fn fail_lets_a_complete_resume_succeed() {
    let body = payload(100);
    let server = ranged(body.clone());
    let (_dir, path) = temp_file("whole.bin", &body);
    let run = hit(&["-fsS", "-C", "-", "-o", &path, &server.url("/f")]).run();
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    assert_eq!(fs::read(&path).unwrap(), body);
}

#[test]
fn a_short_range_is_kept_with_a_warning() {
    let server = Server::reply(
        Reply::new(206)
            .header("content-range", "bytes 2-4/10")
            .body("cde"),
    );
    let (_dir, path) = temp_file("part.bin", b"ab");
    let run = hit(&["-C", "-", "-o", &path, &server.url("/f")]).run();
    run.success();
    assert_eq!(
        run.stderr,
        format!(
            "hit: warning: '{path}' has 5 of 10 bytes: the server sent less than the rest \
             (-o {path} -C - asks again)\n"
        )
    );
    assert_eq!(fs::read(&path).unwrap(), b"abcde");
}

/// Whether the client's end of its connection to `port` on loopback has no bytes waiting
/// to be read (its receive queue in /proc/net/tcp is empty).
fn client_has_read_all(port: u16) -> bool {
    let Ok(table) = fs::read_to_string("/proc/net/tcp") else {
        return false;
    };
    let remote = format!("0100007F:{port:04X}");
    table.lines().skip(1).any(|line| {
        let fields: Vec<&str> = line.split_whitespace().collect();
        fields.get(2) == Some(&remote.as_str())
            && fields.get(3) == Some(&"01")
            && fields
                .get(4)
                .is_some_and(|queues| queues.ends_with(":00000000"))
    })
}
