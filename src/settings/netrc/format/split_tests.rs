//! Generated netrc files split at every byte: a cut fails only inside a quoted value and
//! otherwise reads a beginning of the whole file's entries; two files joined read as both;
//! any value, quoted and escaped, reads back.

use std::ops::Range;

use proptest::prelude::*;

use super::{Entry, parse};

/// A word as written: bare when it can be, else quoted with its `"`, `\`, tab and line ends
/// escaped.
fn written(value: &str, quote: bool) -> String {
    let bare = !value.is_empty()
        && !value.starts_with(['"', '#'])
        && !value.contains([' ', '\t', '\n', '\r']);
    if bare && !quote {
        return value.to_owned();
    }
    let mut text = String::from('"');
    for c in value.chars() {
        match c {
            '"' => text.push_str("\\\""),
            '\\' => text.push_str("\\\\"),
            '\n' => text.push_str("\\n"),
            '\r' => text.push_str("\\r"),
            '\t' => text.push_str("\\t"),
            c => text.push(c),
        }
    }
    text.push('"');
    text
}

/// A value, with whether to quote it when it need not be.
fn value() -> impl Strategy<Value = (String, bool)> {
    ("[a-zA-Z0-9.:@\" #\\\\\t\n]{1,10}", any::<bool>())
}

fn entry() -> impl Strategy<Value = (Entry, Vec<(String, bool)>)> {
    (
        prop::option::of(value()),
        prop::option::of(value()),
        prop::option::of(value()),
    )
        .prop_map(|(machine, login, password)| {
            let entry = Entry {
                machine: machine.as_ref().map(|(v, _)| v.clone()),
                login: login.as_ref().map(|(v, _)| v.clone()),
                password: password.as_ref().map(|(v, _)| v.clone()),
            };
            let words = [machine, login, password].into_iter().flatten().collect();
            (entry, words)
        })
}

/// A file of entries, with the byte ranges of its quoted words.
fn file() -> impl Strategy<Value = (Vec<Entry>, String, Vec<Range<usize>>)> {
    let blank = prop::sample::select(vec![" ", "  ", "\t", "\n", "\r\n", " \n "]);
    (prop::collection::vec(entry(), 0..4), blank).prop_map(|(entries, blank)| {
        let mut text = String::new();
        let mut quoted = Vec::new();
        for (entry, values) in &entries {
            let mut values = values.iter();
            let mut words = Vec::new();
            let fields = [
                ("machine", entry.machine.is_some()),
                ("login", entry.login.is_some()),
                ("password", entry.password.is_some()),
            ];
            if entry.machine.is_none() {
                words.push("default".to_owned());
            }
            for (keyword, present) in fields {
                if present {
                    let (value, quote) = values.next().expect("a value for each field");
                    words.push(keyword.to_owned());
                    words.push(written(value, *quote));
                }
            }
            for word in words {
                if word.starts_with('"') {
                    quoted.push(text.len()..text.len() + word.len());
                }
                text.push_str(&word);
                text.push_str(blank);
            }
        }
        let entries = entries.into_iter().map(|(entry, _)| entry).collect();
        (entries, text, quoted)
    })
}

/// Whether `short` is `long` cut short (or not there yet).
fn grows(short: &Option<String>, long: &Option<String>) -> bool {
    match short {
        None => true,
        Some(short) => long
            .as_deref()
            .is_some_and(|long| long.starts_with(short.as_str())),
    }
}

proptest! {
    #[test]
    fn a_file_reads_back_the_entries_written(file in file()) {
        let (entries, text, _) = file;
        prop_assert_eq!(parse(&text), Ok(entries));
    }

    #[test]
    fn every_cut_fails_inside_quotes_only_and_reads_a_beginning(file in file()) {
        let (entries, text, quoted) = file;
        for cut in (0..=text.len()).filter(|cut| text.is_char_boundary(*cut)) {
            let inside_quotes = quoted.iter().any(|q| q.start < cut && cut < q.end);
            let read = parse(&text[..cut]);
            prop_assert_eq!(read.is_err(), inside_quotes, "cut at {}: {:?}", cut, read);
            let Ok(read) = read else { continue };
            let Some((last, before)) = read.split_last() else { continue };
            prop_assert!(read.len() <= entries.len(), "cut at {}", cut);
            prop_assert_eq!(before, &entries[..before.len()], "cut at {}", cut);
            let full = &entries[before.len()];
            prop_assert!(grows(&last.machine, &full.machine), "cut at {}: {:?}", cut, last);
            prop_assert!(grows(&last.login, &full.login), "cut at {}: {:?}", cut, last);
            prop_assert!(grows(&last.password, &full.password), "cut at {}: {:?}", cut, last);
        }
    }

    #[test]
    fn two_files_joined_read_as_both(a in file(), b in file()) {
        let both: Vec<Entry> = a.0.iter().chain(&b.0).cloned().collect();
        prop_assert_eq!(parse(&format!("{}\n{}", a.1, b.1)), Ok(both));
    }
}
