//! The `.http` parser split at every byte: the requests before a cut are read the same from
//! the text before it, and two files joined read as both, one after the other.

use proptest::prelude::*;

use super::{BodyPart, HttpFile, Request, Text, parse};

/// One request block, `### title` line first, as a person writes one.
fn block() -> impl Strategy<Value = String> {
    let header = ("[A-Z][a-z-]{0,8}", "[a-zA-Z0-9,;=/]{0,12}");
    (
        "[a-zA-Z0-9 ]{0,10}",
        prop::sample::select(vec!["GET", "POST", "PUT", "DELETE", "PATCH"]),
        "[a-z0-9/]{0,10}",
        prop::collection::vec(header, 0..3),
        prop::collection::vec("[a-zA-Z0-9{}\":, ]{1,15}", 0..3),
    )
        .prop_map(|(title, method, path, headers, body)| {
            let mut text = format!("### {title}\n{method} http://h.test/{path}\n");
            for (name, value) in headers {
                text.push_str(&format!("{name}: {value}\n"));
            }
            if !body.is_empty() {
                text.push('\n');
                for line in body {
                    text.push_str(&format!("{}\n", line.trim_start()));
                }
            }
            text
        })
}

fn blocks() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(block(), 0..5)
}

fn read(source: &str) -> HttpFile {
    parse("api.http", source).unwrap_or_else(|err| panic!("{err}\n{source}"))
}

/// A request read from further down a file: every line number `lines` more.
fn moved(mut request: Request, lines: usize) -> Request {
    let text = |text: &mut Text| text.line += lines;
    text(&mut request.url);
    for (name, value) in &mut request.headers {
        text(name);
        text(value);
    }
    for part in &mut request.body {
        match part {
            BodyPart::Text(part) | BodyPart::File(part) | BodyPart::Filled(part) => text(part),
        }
    }
    for step in &mut request.messages {
        if let super::Step::Send(message) = step {
            text(message);
        }
    }
    request.checks.iter_mut().for_each(text);
    if let Some(save) = &mut request.save {
        text(&mut save.path);
    }
    request
}

proptest! {
    #[test]
    fn two_files_joined_read_as_both(a in blocks(), b in blocks()) {
        let (a, b) = (a.concat(), b.concat());
        let whole = read(&format!("{a}{b}")).requests;
        let lines = a.lines().count();
        let parts: Vec<Request> = read(&a)
            .requests
            .into_iter()
            .chain(read(&b).requests.into_iter().map(|r| moved(r, lines)))
            .collect();
        prop_assert_eq!(whole, parts);
    }

    #[test]
    fn the_requests_before_any_cut_read_the_same(blocks in blocks()) {
        let source = blocks.concat();
        let whole = read(&source).requests;
        for cut in 0..=source.len() {
            // A cut line may be no request line or header yet: an error, never a panic.
            let Ok(before) = parse("api.http", &source[..cut]) else {
                continue;
            };
            let complete = before.requests.len().saturating_sub(1);
            prop_assert!(before.requests.len() <= whole.len(), "cut at {}", cut);
            prop_assert_eq!(&before.requests[..complete], &whole[..complete], "cut at {}", cut);
        }
        // Cut where a block starts, both parts read whole.
        let mut start = 0;
        for (n, block) in blocks.iter().enumerate() {
            let before = read(&source[..start]).requests;
            prop_assert_eq!(&before[..], &whole[..n]);
            start += block.len();
        }
    }

    #[test]
    fn any_text_reads_without_a_panic(text in "(###|[A-Z]{1,4} |[a-z:]{0,5}|@|#|<|\\{\\{|\n|\r| ){0,30}") {
        for cut in 0..=text.len() {
            let _ = parse("api.http", &text[..cut]);
        }
    }
}
