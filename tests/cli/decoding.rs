//! Content-Encoding undone layer by layer (RFC 9110 §8.4), and bodies that must not grow
//! past a limit: --max-filesize, --sort-keys.

use std::io::Write;

use crate::support::{Reply, Server, hit};

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

fn deflate(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

fn encoded(coding: &str, body: Vec<u8>) -> Server {
    Server::reply(
        Reply::new(200)
            .header("Content-Encoding", coding)
            .body(body),
    )
}

#[test]
fn every_listed_coding_is_undone() {
    let server = encoded("gzip", gzip(b"plain text"));
    let run = hit(&[&server.url("/")]).run();
    run.success();
    assert_eq!(run.stdout(), "plain text");

    let server = encoded("deflate, gzip", gzip(&deflate(b"two layers")));
    let run = hit(&[&server.url("/")]).run();
    run.success();
    assert_eq!(run.stdout(), "two layers");

    let server = encoded("gzip, gzip", gzip(&gzip(b"twice")));
    let run = hit(&[&server.url("/")]).run();
    run.success();
    assert_eq!(run.stdout(), "twice");
}

#[test]
fn too_many_codings_are_refused() {
    let mut body = b"deep".to_vec();
    for _ in 0..6 {
        body = gzip(&body);
    }
    let server = encoded("gzip, gzip, gzip, gzip, gzip, gzip", body);
    let run = hit(&[&server.url("/")]).run();
    assert_eq!(run.code, 9, "{run:#?}");
    assert_eq!(
        run.stderr,
        format!(
            "hit: error: cannot read the response from {}: the response lists 6 content \
             codings; hit undoes at most 5\n",
            server.addr
        )
    );
}

#[test]
fn an_unknown_coding_is_passed_on_and_named() {
    let server = encoded("x-foo", b"still encoded".to_vec());
    let run = hit(&[&server.url("/")]).run();
    run.success();
    assert_eq!(run.stdout(), "still encoded");
    assert_eq!(
        run.stderr,
        "hit: warning: the body is 'x-foo'-encoded, which hit cannot decode; it is passed on \
         as received\n"
    );
}

#[test]
fn a_body_that_is_not_what_its_coding_says_is_broken() {
    let server = encoded("gzip", b"not gzip at all".to_vec());
    let run = hit(&[&server.url("/")]).run();
    assert_eq!(run.code, 9, "{run:#?}");
    assert!(
        run.stderr.starts_with(&format!(
            "hit: error: the response body from {} is not valid gzip: ",
            server.addr
        )),
        "{}",
        run.stderr
    );
}

#[test]
fn an_encoded_response_without_a_body_is_fine() {
    let server = Server::reply(Reply::new(204).header("Content-Encoding", "gzip"));
    hit(&[&server.url("/")]).run().success();
    let server = encoded("gzip", gzip(b"abc"));
    let run = hit(&["-I", &server.url("/")]).run();
    run.success();
}

#[test]
fn max_filesize_checks_content_length_first_and_decoded_bytes_as_they_come() {
    let server = Server::reply(Reply::text(200, &"x".repeat(5000)));
    let run = hit(&["--max-filesize", "1k", &server.url("/")]).run();
    assert_eq!(run.code, 1, "{run:#?}");
    assert!(run.stdout.is_empty());
    assert_eq!(
        run.stderr,
        "hit: error: the response body is larger than --max-filesize 1024 (Content-Length: 5000)\n"
    );

    // A small gzip body that decodes to 10 MiB is stopped once 1 MiB has come out of it.
    let bomb = encoded("gzip", gzip(&vec![0u8; 10 << 20]));
    let run = hit(&["--max-filesize", "1M", "-o", "/dev/null", &bomb.url("/")]).run();
    assert_eq!(run.code, 1, "{run:#?}");
    assert!(
        run.stderr
            .contains("the response body is larger than --max-filesize 1048576 ("),
        "{}",
        run.stderr
    );
}

#[test]
fn sort_keys_stops_at_its_limit() {
    // 21 MiB of JSON from a small gzip body.
    let mut document = b"[".to_vec();
    document.extend(std::iter::repeat_n(&b"{\"b\":1,\"a\":2},"[..], 1_500_000).flatten());
    document.extend(b"{}]");
    let server = Server::reply(
        Reply::new(200)
            .header("Content-Type", "application/json")
            .header("Content-Encoding", "gzip")
            .body(gzip(&document)),
    );
    let run = hit(&["--sort-keys", "--pretty", "all", &server.url("/")]).run();
    assert_eq!(run.code, 1, "{:?}", run.stderr);
    assert!(run.stdout.is_empty());
    assert_eq!(
        run.stderr,
        "hit: error: --sort-keys holds the whole body, and this one is over 16 MiB; drop \
         --sort-keys, or save the body with -o FILE\n"
    );
}

#[test]
fn deflate_without_its_zlib_wrapper_and_bodiless_answers() {
    let mut encoder =
        flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(b"raw deflate").unwrap();
    let server = encoded("deflate", encoder.finish().unwrap());
    let run = hit(&[&server.url("/")]).run();
    run.success();
    assert_eq!(run.stdout(), "raw deflate");

    let server = encoded("x-foo", b"body".to_vec());
    let run = hit(&["-I", &server.url("/")]).run();
    run.success();
    assert_eq!(run.stderr, "", "a HEAD answer has no body to warn about");
}

#[test]
fn max_filesize_zero_is_no_limit_and_a_resumed_file_counts() {
    let server = Server::reply(Reply::text(200, &"x".repeat(5000)));
    hit(&["--max-filesize", "0", &server.url("/")])
        .run()
        .success();

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("part.bin");
    std::fs::write(&path, vec![b'x'; 3000]).unwrap();
    let server = Server::reply(
        Reply::new(206)
            .header("Content-Range", "bytes 3000-7999/8000")
            .body(vec![b'y'; 5000]),
    );
    let file = path.to_str().unwrap();
    let run = hit(&[
        "--max-filesize",
        "6000",
        "-o",
        file,
        "-C",
        "-",
        &server.url("/"),
    ])
    .run();
    assert_eq!(run.code, 1, "{run:#?}");
    assert!(run.stderr.contains("--max-filesize"), "{}", run.stderr);
    assert!(!run.stderr.contains("resumes it"), "{}", run.stderr);
}
