//! `WEBSOCKET` requests, as JetBrains' HTTP Client writes them: after the headers, the
//! messages to send, separated by `===` lines; a `=== wait-for-server` line also waits for
//! one message from the server before what follows is sent (two such lines wait for two).
//!
//! ```text
//! WEBSOCKET ws://localhost:8080/ws
//!
//! ===
//! {"op": "hello"}
//! === wait-for-server
//! {"op": "second"}
//! ```

use super::parse::{Request, Text};

/// One step of a `WEBSOCKET` request's messages: a text message (the lines between two
/// separators, blank lines around them dropped, with its line) or a wait for the server.
pub type Step = crate::settings::Step<Text>;

/// Whether the request line says `WEBSOCKET` (its body is messages, not a body).
pub fn is_websocket(method: &str) -> bool {
    method.eq_ignore_ascii_case("WEBSOCKET")
}

/// The body's lines (each with its line number) as messages and waits; a mistake names
/// its line.
pub fn steps(lines: &[(usize, String)]) -> Result<Vec<Step>, (usize, String)> {
    let mut steps = Vec::new();
    let mut message: Vec<&(usize, String)> = Vec::new();
    for entry in lines {
        let (line, raw) = entry;
        match separator(raw) {
            Some(Ok(waits)) => {
                steps.extend(send(&mut message));
                if waits {
                    steps.push(Step::WaitForServer);
                }
            }
            Some(Err(why)) => return Err((*line, why)),
            None if raw.starts_with("< ") || raw.starts_with("<@") => {
                return Err((
                    *line,
                    format!(
                        "'{}': a WEBSOCKET request's messages are written out; hit does not \
                         read them from files",
                        raw.trim()
                    ),
                ));
            }
            None => message.push(entry),
        }
    }
    steps.extend(send(&mut message));
    Ok(steps)
}

/// `===` (`Some(Ok(false))`), `=== wait-for-server` (`Some(Ok(true))`), another line
/// that starts with `===` and a space or nothing (a mistake), or text (`None`; `====` is
/// text too).
fn separator(raw: &str) -> Option<Result<bool, String>> {
    let rest = raw.strip_prefix("===")?;
    if rest.starts_with('=') {
        return None;
    }
    match rest.trim() {
        "" => Some(Ok(false)),
        "wait-for-server" => Some(Ok(true)),
        _ => Some(Err(format!(
            "'{}': messages are separated by '===' lines, and '=== wait-for-server' waits \
             for the server's reply",
            raw.trim_end()
        ))),
    }
}

/// The message gathered so far, without the blank lines around it; none when it is blank.
fn send(lines: &mut Vec<&(usize, String)>) -> Option<Step> {
    let gathered = std::mem::take(lines);
    let blank = |(_, l): &&&(usize, String)| l.trim().is_empty();
    let start = gathered.iter().position(|l| !blank(&l))?;
    let end = gathered.iter().rposition(|l| !blank(&l))?;
    let kept = &gathered[start..=end];
    let text = kept.iter().map(|(_, l)| l.as_str()).collect::<Vec<_>>();
    Some(Step::Send(Text {
        text: text.join("\n"),
        line: kept[0].0,
    }))
}

/// What a `WEBSOCKET` request cannot have: a response handler, a `>> file` or a
/// `# @capture` (they read a response body, and a WebSocket has messages instead).
pub fn refuse(request: &Request) -> Result<(), (usize, String)> {
    if let Some(handler) = request.scripts.handlers.first() {
        return Err((
            handler.line,
            "handler scripts on WEBSOCKET requests are not supported (# @check applies to \
             each message)"
                .into(),
        ));
    }
    if let Some(save) = &request.save {
        return Err((
            save.path.line,
            "'>>' saves a response body; a WEBSOCKET request's messages go to stdout \
             (redirect hit run's output to keep them)"
                .into(),
        ));
    }
    if let Some(capture) = request.directives.captures.first() {
        return Err((
            capture.jq.line,
            format!(
                "'@capture {}' takes a value from a response body, which a WEBSOCKET \
                 request does not have",
                capture.name
            ),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(source: &str) -> Vec<(usize, String)> {
        (source.lines().enumerate())
            .map(|(i, l)| (i + 10, l.to_string()))
            .collect()
    }

    fn send(text: &str, line: usize) -> Step {
        Step::Send(Text {
            text: text.into(),
            line,
        })
    }

    #[test]
    fn messages_are_split_by_separators_and_waits() {
        let source = "===\n{\"op\": \"hello\"}\n=== wait-for-server\n\n{\n  \"op\": 2\n}\n\n\
                      ===\n===   wait-for-server  \n=== wait-for-server\nlast\n====\n";
        assert_eq!(
            steps(&lines(source)).unwrap(),
            vec![
                send("{\"op\": \"hello\"}", 11),
                Step::WaitForServer,
                send("{\n  \"op\": 2\n}", 14),
                Step::WaitForServer,
                Step::WaitForServer,
                send("last\n====", 21),
            ]
        );
        // A message before the first separator, and a wait after the last message.
        assert_eq!(
            steps(&lines("one\n===\ntwo\n=== wait-for-server")).unwrap(),
            vec![send("one", 10), send("two", 12), Step::WaitForServer]
        );
        assert_eq!(steps(&lines("")).unwrap(), Vec::new());
        assert_eq!(steps(&lines("===\n\n===\n")).unwrap(), Vec::new());
    }

    #[test]
    fn a_bad_separator_or_a_file_is_named_by_its_line() {
        let (line, why) = steps(&lines("a\n=== wait-for-reply\nb")).unwrap_err();
        assert_eq!(line, 11);
        assert!(why.starts_with("'=== wait-for-reply': messages are separated by '==='"));
        let (line, why) = steps(&lines("===\n< ./message.json")).unwrap_err();
        assert_eq!(line, 11);
        assert!(why.starts_with("'< ./message.json': a WEBSOCKET request's messages"));
        assert!(steps(&lines("===x")).is_err());
    }

    #[test]
    fn a_websocket_block_of_a_file() {
        // A build without jq refuses `# @until`.
        let until = if cfg!(feature = "jq") {
            "# @until .done"
        } else {
            "#"
        };
        let source = format!(
            "### chat\n# @count 2\nWEBSOCKET ws://{{{{host}}}}/ws\nX-Room: {{{{room}}}}\n{until}\n\n\
             ===\n{{\"hi\": \"{{{{who}}}}\"}}\n=== wait-for-server\nbye\n\n# @name next\n###\n\
             POST http://a/\n\n===\n"
        );
        let parsed = super::super::parse::parse("x.http", &source).unwrap();
        let [chat, next] = &parsed.requests[..] else {
            panic!("{parsed:#?}");
        };
        assert_eq!(chat.method, "WEBSOCKET");
        assert_eq!(chat.url.text, "ws://{{host}}/ws");
        assert_eq!(chat.headers[0].1.text, "{{room}}");
        assert!(chat.body.is_empty());
        assert_eq!(
            chat.messages,
            vec![
                send("{\"hi\": \"{{who}}\"}", 8),
                Step::WaitForServer,
                send("bye", 10)
            ]
        );
        assert_eq!(chat.directives.count, Some(2));
        let until = chat
            .directives
            .until
            .as_ref()
            .map(|u| (u.text.as_str(), u.line));
        assert_eq!(until, cfg!(feature = "jq").then_some((".done", 5)));
        // Another method's body is a body, `===` and all.
        assert_eq!(next.name.as_deref(), Some("next"));
        assert!(next.messages.is_empty() && !next.body.is_empty());
    }

    #[test]
    fn what_a_websocket_request_cannot_have_is_named_by_its_line() {
        for (source, message) in [
            (
                "WEBSOCKET ws://a/\n\nhi\n>> ./out.json\n",
                "x.http:4: '>>' saves a response body",
            ),
            (
                "# @capture id .id\nWEBSOCKET ws://a/\n",
                if cfg!(feature = "jq") {
                    "x.http:1: '@capture id' takes a value from a response body"
                } else {
                    "x.http:1: '@capture': this build of hit was built without jq"
                },
            ),
            (
                "WEBSOCKET ws://a/\n\nhi\n> ./handler.js\n",
                "x.http:4: handler scripts on WEBSOCKET requests are not supported",
            ),
            (
                "WEBSOCKET ws://a/\n\nhi\n=== wait-for-server please\n",
                "x.http:4: '=== wait-for-server please': messages are separated",
            ),
        ] {
            let err = super::super::parse::parse("x.http", source).unwrap_err();
            assert!(err.to_string().starts_with(message), "{source:?}: {err}");
        }
    }

    /// Any line numbering: the steps' lines move with it, their texts stay.
    #[test]
    fn lines_keep_their_numbers() {
        let source = "\n a\n===\n\tb \n";
        for shift in [0, 1, 1000] {
            let numbered: Vec<(usize, String)> = (source.lines().enumerate())
                .map(|(i, l)| (i + shift, l.to_string()))
                .collect();
            assert_eq!(
                steps(&numbered).unwrap(),
                vec![send(" a", 1 + shift), send("\tb ", 3 + shift)]
            );
        }
    }
}
