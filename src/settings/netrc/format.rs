//! The netrc format as curl reads it (lib/netrc.c, curl 7.88 and later): words separated by
//! blanks and line ends; a word starting with `"` is quoted, runs to the next unescaped `"`
//! on its line, and reads `\"`, `\\`, `\n`, `\r`, `\t` (any other `\c` is `c`); a word
//! starting with `#` makes the rest of its line a comment. `machine NAME` and `default` start
//! an entry; `login`, `password` and `account` take the next word; `macdef NAME` defines a
//! macro whose body runs from the next line to an empty one (netrc(5)), skipped here.
//! Keywords are read in any case; other words are passed over, as curl does.

/// One `machine` or `default` entry.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Entry {
    /// The machine's name; `None` for `default`.
    pub machine: Option<String>,
    pub login: Option<String>,
    pub password: Option<String>,
}

/// A netrc file that cannot be read. It names the line and never the text, which may hold a
/// password.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: a quoted value has no closing '\"' on its line")]
pub struct SyntaxError {
    pub line: usize,
}

/// The entries of a netrc file, in the order written.
pub fn parse(text: &str) -> Result<Vec<Entry>, SyntaxError> {
    let mut words = Words::new(text);
    let mut entries: Vec<Entry> = Vec::new();
    while let Some(word) = words.next()? {
        match word.to_ascii_lowercase().as_str() {
            "machine" => {
                if let Some(name) = words.next()? {
                    entries.push(Entry {
                        machine: Some(name),
                        ..Entry::default()
                    });
                }
            }
            "default" => entries.push(Entry::default()),
            "macdef" => words.skip_macro(),
            keyword @ ("login" | "password" | "account") => {
                let value = words.next()?;
                let Some(entry) = entries.last_mut() else {
                    continue;
                };
                match keyword {
                    "login" => entry.login = value,
                    "password" => entry.password = value,
                    _ => {}
                }
            }
            _ => {}
        }
    }
    Ok(entries)
}

/// The entry for `host`: the first `machine` of that name (ASCII case ignored), else the
/// first `default`. An entry that gives neither a login nor a password is passed over.
pub fn entry_for<'a>(entries: &'a [Entry], host: &str) -> Option<&'a Entry> {
    let useful = |entry: &&Entry| entry.login.is_some() || entry.password.is_some();
    let machine = |entry: &&Entry| {
        entry
            .machine
            .as_deref()
            .is_some_and(|name| name.eq_ignore_ascii_case(host))
    };
    let mut useful_entries = entries.iter().filter(useful);
    useful_entries
        .clone()
        .find(machine)
        .or_else(|| useful_entries.find(|entry| entry.machine.is_none()))
}

/// The words of a netrc text, line by line.
struct Words<'a> {
    lines: std::iter::Enumerate<std::str::Split<'a, char>>,
    /// What is left of the current line.
    rest: &'a str,
    /// The current line's number, from 1.
    line: usize,
}

impl<'a> Words<'a> {
    fn new(text: &'a str) -> Words<'a> {
        Words {
            lines: text.split('\n').enumerate(),
            rest: "",
            line: 0,
        }
    }

    fn next(&mut self) -> Result<Option<String>, SyntaxError> {
        loop {
            let rest = self.rest.trim_start_matches(is_blank);
            if rest.is_empty() || rest.starts_with('#') {
                let Some((index, line)) = self.lines.next() else {
                    self.rest = "";
                    return Ok(None);
                };
                (self.line, self.rest) = (index + 1, line);
                continue;
            }
            if let Some(quoted) = rest.strip_prefix('"') {
                let (value, after) = unquote(quoted).ok_or(SyntaxError { line: self.line })?;
                self.rest = after;
                return Ok(Some(value));
            }
            let end = rest.find(is_blank).unwrap_or(rest.len());
            self.rest = &rest[end..];
            return Ok(Some(rest[..end].to_string()));
        }
    }

    /// Skips the rest of the `macdef` line (the macro's name) and its body: the lines up to
    /// and including the next empty one.
    fn skip_macro(&mut self) {
        self.rest = "";
        for (index, line) in self.lines.by_ref() {
            self.line = index + 1;
            if line.trim_end_matches('\r').is_empty() {
                break;
            }
        }
    }
}

/// curl's separators: a space, a tab, and the rest of C's `isspace` (a CR before a LF too).
fn is_blank(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\r' | '\x0b' | '\x0c')
}

/// The value of a quoted word whose opening `"` is gone, and what follows its closing one;
/// `None` when the line ends first.
fn unquote(text: &str) -> Option<(String, &str)> {
    let mut value = String::new();
    let mut chars = text.char_indices();
    while let Some((at, c)) = chars.next() {
        match c {
            '"' => return Some((value, &text[at + 1..])),
            '\\' => value.push(match chars.next()?.1 {
                'n' => '\n',
                'r' => '\r',
                't' => '\t',
                other => other,
            }),
            _ => value.push(c),
        }
    }
    None
}

#[cfg(test)]
mod split_tests;

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// `login:password` as the entry for `host` gives them; `None` for no entry.
    fn pair(text: &str, host: &str) -> Option<String> {
        let entries = parse(text).expect("a valid netrc");
        let entry = entry_for(&entries, host)?;
        Some(format!(
            "{}:{}",
            entry.login.as_deref().unwrap_or(""),
            entry.password.as_deref().unwrap_or("")
        ))
    }

    #[test]
    fn reads_what_curl_reads() {
        let h = "h.test";
        let cases: &[(&str, Option<&str>)] = &[
            // The case of issue 23: a quoted password with a space.
            (
                r#"machine h.test login alice password "open sesame""#,
                Some("alice:open sesame"),
            ),
            ("machine h.test login a password p", Some("a:p")),
            ("MACHINE H.TEST LOGIN a PASSWORD p", Some("a:p")),
            ("machine\th.test\tlogin\ta\tpassword\tp\r\n", Some("a:p")),
            ("machine h.test\n  login a\n  password p\n", Some("a:p")),
            // Escapes in a quoted value; any other `\c` is `c`.
            (
                r#"machine h.test login "a\"b" password "x\\y\tz\nw\qv""#,
                Some("a\"b:x\\y\tz\nwqv"),
            ),
            (r#"machine "h.test" login "" password p"#, Some(":p")),
            (r#"machine h.test login a password """#, Some("a:")),
            // A quote inside a word is a character; after a closing quote a new word starts.
            (r#"machine h.test login a password p"q"#, Some("a:p\"q")),
            (r#"machine h.test login a password "p q"r s"#, Some("a:p q")),
            // One of the two alone, as curl sends them.
            ("machine h.test password p", Some(":p")),
            ("machine h.test login alice", Some("alice:")),
            // account is read and dropped.
            (
                "machine h.test login a account acct password p",
                Some("a:p"),
            ),
            // A word starting with # makes the rest of the line a comment.
            (
                "# note\nmachine h.test login a password p # trailing",
                Some("a:p"),
            ),
            (
                "machine h.test login a #c password q\npassword p",
                Some("a:p"),
            ),
            (
                "  # indented \"note\nmachine h.test login a password p",
                Some("a:p"),
            ),
            // The first entry for the host, else the default wherever it stands.
            (
                "machine h.test login a password p\nmachine h.test login b password q",
                Some("a:p"),
            ),
            (
                "machine other login o password op\ndefault login d password dp",
                Some("d:dp"),
            ),
            (
                "default login d password dp\nmachine h.test login m password mp",
                Some("m:mp"),
            ),
            (
                "machine h.test\nmachine h.test login b password q",
                Some("b:q"),
            ),
            ("machine other login o password op", None),
            ("machine h.test.evil login o password op", None),
            ("login a password p", None),
            ("", None),
            // A macro's body runs to an empty line and is never read as entries.
            (
                "macdef init\ncd /\nmachine h.test login evil password bad\n\nmachine h.test login a password p",
                Some("a:p"),
            ),
            (
                "machine h.test login a macdef m\npassword evil\n \npassword p\n\n",
                Some("a:"),
            ),
            (
                "macdef init\r\ncd /\r\n\r\nmachine h.test login a password p",
                Some("a:p"),
            ),
            // Unknown words are passed over; a keyword at the end has no value.
            ("machine h.test login a password p extra words", Some("a:p")),
            ("machine h.test login a password", Some("a:")),
            ("machine", None),
        ];
        for (text, expected) in cases {
            assert_eq!(pair(text, h).as_deref(), *expected, "{text:?}");
        }
    }

    #[test]
    fn an_open_quote_names_its_line_and_not_its_text() {
        for (text, line) in [
            ("machine h login a password \"open", 1),
            ("machine h\nlogin a\npassword \"ends with a backslash\\", 3),
            ("machine h login \"a\" password \"two\nlines\"", 1),
        ] {
            let err = parse(text).unwrap_err();
            assert_eq!(err, SyntaxError { line }, "{text:?}");
            assert_eq!(
                err.to_string(),
                format!("line {line}: a quoted value has no closing '\"' on its line")
            );
        }
    }

    const SAMPLE: &str = "# hosts\n\
        machine api.test login alice password \"open sesame\"\n\
        machine \"b.test\" login \"a \\\"b\\\" \\\\ c\" account x password p4ss\n\
        macdef init\n\
        login \"evil\n\
        \n\
        default login anon password guest\n";

    /// Every prefix of a valid file (a file cut short at any byte) fails only when the cut
    /// falls inside a quoted value, and otherwise reads a beginning of the whole file's
    /// entries: the same entries, the last with fewer fields or shorter unquoted values.
    #[test]
    fn every_prefix_reads_a_beginning_of_the_entries() {
        let whole = parse(SAMPLE).unwrap();
        assert_eq!(whole.len(), 3);
        let quoted: Vec<std::ops::Range<usize>> =
            ["\"open sesame\"", "\"b.test\"", "\"a \\\"b\\\" \\\\ c\""]
                .iter()
                .map(|q| {
                    let start = SAMPLE.find(q).unwrap();
                    start..start + q.len()
                })
                .collect();
        for cut in 0..=SAMPLE.len() {
            let inside_quotes = quoted.iter().any(|q| q.start < cut && cut < q.end);
            match parse(&SAMPLE[..cut]) {
                Err(_) => assert!(inside_quotes, "cut at {cut} fails"),
                Ok(read) => {
                    assert!(!inside_quotes, "cut at {cut} reads {read:?}");
                    assert!(read.len() <= whole.len(), "cut at {cut}");
                    let Some((last, before)) = read.split_last() else {
                        continue;
                    };
                    assert_eq!(before, &whole[..before.len()], "cut at {cut}");
                    let full = &whole[before.len()];
                    let grows = |short: &Option<String>, long: &Option<String>| match short {
                        None => true,
                        Some(short) => long.as_deref().is_some_and(|l| l.starts_with(short)),
                    };
                    assert!(
                        grows(&last.machine, &full.machine),
                        "cut at {cut}: {last:?}"
                    );
                    assert!(grows(&last.login, &full.login), "cut at {cut}: {last:?}");
                    assert!(
                        grows(&last.password, &full.password),
                        "cut at {cut}: {last:?}"
                    );
                }
            }
        }
    }

    /// Splitting a file at any blank between words (a line end, more blanks, a CR LF) reads
    /// the same entries: only macros and comments are bound to lines.
    #[test]
    fn a_split_between_any_two_words_reads_the_same() {
        let text = "machine api.test login alice password \"open sesame\" \
                    machine b.test login \"a \\\"b\\\"\" account x password p4ss \
                    default login anon password guest";
        let whole = parse(text).unwrap();
        let mut in_quotes = false;
        let mut escaped = false;
        for (at, c) in text.char_indices() {
            match c {
                _ if escaped => escaped = false,
                '\\' if in_quotes => escaped = true,
                '"' => in_quotes = !in_quotes,
                ' ' if !in_quotes => {
                    for split in ["\n", "\t", "   ", "\r\n", "\n\n\n", " \x0b\x0c "] {
                        let changed = format!("{}{split}{}", &text[..at], &text[at + 1..]);
                        assert_eq!(parse(&changed).unwrap(), whole, "{changed:?}");
                    }
                }
                _ => {}
            }
        }
    }

    /// A value written quoted, as a tool that writes netrc files would.
    fn quoted(value: &str) -> String {
        let mut out = String::from("\"");
        for c in value.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                '\t' => out.push_str("\\t"),
                c => out.push(c),
            }
        }
        out.push('"');
        out
    }

    proptest! {
        #[test]
        fn any_quoted_values_read_back(
            written in prop::collection::vec((".*", ".*", ".*"), 0..5),
        ) {
            let text: String = written
                .iter()
                .map(|(machine, login, password)| {
                    format!(
                        "machine {} login {}\n  password {}\n",
                        quoted(machine),
                        quoted(login),
                        quoted(password)
                    )
                })
                .collect();
            let expected: Vec<Entry> = written
                .iter()
                .map(|(machine, login, password)| Entry {
                    machine: Some(machine.clone()),
                    login: Some(login.clone()),
                    password: Some(password.clone()),
                })
                .collect();
            prop_assert_eq!(parse(&text).unwrap(), expected);
        }
    }
}
