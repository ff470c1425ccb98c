//! `Link` fields split at every byte: the links written before a cut are read from the text
//! before it, in order, and two lists joined by a comma read as one.

use proptest::prelude::*;

use super::{Link, parse};

/// A link-value as a server might write it: its target, relation types (written quoted
/// when there are several, in any case), other parameters (a quoted title with commas and
/// semicolons in it), and blanks around the separators.
fn link_value() -> impl Strategy<Value = (Link, String)> {
    (
        "[a-zA-Z0-9/?=&.:_%-]{0,20}",
        prop::collection::vec("[a-zA-Z]{1,6}", 1..4),
        prop::option::of("[a-z ,;=]{0,10}"),
        "[ \t]{0,2}",
        any::<bool>(),
    )
        .prop_map(|(target, rels, title, blank, rel_first)| {
            let rel = if rels.len() == 1 {
                format!("rel={}", rels[0])
            } else {
                format!("rel=\"{}\"", rels.join(" "))
            };
            let title = title.map(|title| format!("title=\"{title}\""));
            let params: Vec<String> = match (title, rel_first) {
                (Some(title), true) => vec![rel, title],
                (Some(title), false) => vec![title, rel],
                (None, _) => vec![rel],
            };
            let text = format!(
                "<{target}>{blank};{blank}{}",
                params.join(&format!("{blank};"))
            );
            let relations = rels.iter().map(|rel| rel.to_ascii_lowercase()).collect();
            (Link { target, relations }, text)
        })
}

/// Link-values joined into one field value, with where each one ends in it.
fn field() -> impl Strategy<Value = (Vec<Link>, String, Vec<usize>)> {
    (prop::collection::vec(link_value(), 0..5), "[ \t]{0,2}").prop_map(|(values, blank)| {
        let mut text = String::new();
        let mut ends = Vec::new();
        let mut links = Vec::new();
        for (n, (link, written)) in values.into_iter().enumerate() {
            if n > 0 {
                text.push_str(&format!(",{blank}"));
            }
            text.push_str(&written);
            ends.push(text.len());
            links.push(link);
        }
        (links, text, ends)
    })
}

proptest! {
    #[test]
    fn a_field_reads_back_the_links_written(field in field()) {
        let (links, text, _) = field;
        prop_assert_eq!(parse(&text), links);
    }

    #[test]
    fn the_links_before_any_cut_are_read_from_the_text_before_it(field in field()) {
        let (links, text, ends) = field;
        for cut in 0..=text.len() {
            let before = parse(&text[..cut]);
            let whole = ends.iter().filter(|end| **end <= cut).count();
            prop_assert!(before.len() >= whole, "cut at {}: {:?}", cut, before);
            prop_assert_eq!(&before[..whole], &links[..whole], "cut at {}", cut);
        }
        // Cut where a link-value ends, the text after the cut holds the links after it.
        for (n, end) in ends.iter().enumerate() {
            prop_assert_eq!(parse(&text[*end..]), &links[n + 1..], "cut at {}", end);
        }
    }

    #[test]
    fn two_fields_joined_by_a_comma_read_as_one(a in field(), b in field()) {
        let joined = format!("{}, {}", a.1, b.1);
        let both: Vec<Link> = a.0.iter().chain(&b.0).cloned().collect();
        prop_assert_eq!(parse(&joined), both);
    }

    #[test]
    fn any_text_is_read_without_a_panic(text in "[<>;,=\" \ta-z\\\\]{0,40}") {
        for cut in 0..=text.len() {
            parse(&text[..cut]);
        }
    }
}
