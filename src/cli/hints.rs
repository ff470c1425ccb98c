//! Letters that mean one thing in curl and another in HTTPie or jq: curl's meaning wins,
//! and when the words around it show the other tool's, one note says so.

use super::Cli;
use crate::items::Item;

/// The notes for `cli`, each said once before the request.
pub fn hints(cli: &Cli) -> Vec<String> {
    let mut notes = Vec::new();
    let form_chosen = cli.body.urlencoded || cli.body.multipart;
    if cli.output.fail && !form_chosen && has_data_items(cli) {
        notes.push("note: -f is curl's --fail; for a form use --urlencoded or --form".into());
    }
    if cli
        .request
        .cookies
        .iter()
        .any(|value| looks_like_url(value))
    {
        notes.push("note: -b is curl's --cookie; for the body only use --body".into());
    }
    notes
}

/// A data item (`name=value`, `name:=json`, `name@file`) after the method and URL: HTTPie's
/// `-f` (`--form`) would make a form of it.
fn has_data_items(cli: &Cli) -> bool {
    let method = cli
        .args
        .first()
        .is_some_and(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_uppercase()));
    let url = usize::from(cli.request.url.is_none());
    cli.args
        .iter()
        .skip(usize::from(method) + url)
        .any(|word| matches!(Item::parse(word), Ok(Item::Field(_) | Item::File { .. })))
}

/// A `-b` value that is a URL rather than cookies or a cookie file: a scheme, `:PORT`, or
/// `host.name/path` naming no file.
fn looks_like_url(value: &str) -> bool {
    let lower = value.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        return true;
    }
    if let Some(rest) = value.strip_prefix(':') {
        return rest.starts_with(|c: char| c.is_ascii_digit() || c == '/');
    }
    let host = value.split('/').next().unwrap_or_default();
    !value.contains('=')
        && value.contains('/')
        && (host.contains('.') || host.starts_with("localhost"))
        && !host.starts_with('.')
        && !std::path::Path::new(value).exists()
}

#[cfg(test)]
mod tests {
    use super::looks_like_url;

    #[test]
    fn cookie_values_that_are_urls() {
        for url in [
            "https://x.org/a",
            "HTTP://x",
            ":8080/users",
            ":/x",
            "example.org/users",
        ] {
            assert!(looks_like_url(url), "{url}");
        }
        for cookie in [
            "a=b",
            "a=b; c=d",
            "cookies.txt",
            "./jar/cookies.txt",
            "-",
            "jar/c",
        ] {
            assert!(!looks_like_url(cookie), "{cookie}");
        }
    }
}
