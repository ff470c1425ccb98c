//! `hit explain TOPIC` and `--explain`: the facts tables in words. What they say about
//! retries, redirects and exit codes is read from the same entries hit acts on.

use anyhow::Result;

use crate::cli::ExplainArgs;
use crate::cli::help::EXIT_STATUS;
use crate::error::usage;
use crate::facts::websocket::{CloseFact, close_code};
use crate::facts::{
    CONCEPTS, Concept, Direction, HEADERS, HeaderFacts, METHODS, MISTAKES, MethodFacts, Redirect,
    STATUSES, StatusFacts,
};
use crate::http::ResponseHead;

mod operation;
pub use operation::scheme_text;
mod schema_text;
mod websocket;

/// The clap definition, for completions and the man page.
pub fn command() -> clap::Command {
    <ExplainArgs as clap::CommandFactory>::command().mut_arg("topic", |arg| {
        arg.value_parser(clap::builder::PossibleValuesParser::new(topics()))
            .hide_possible_values(true)
    })
}

pub fn run(args: ExplainArgs) -> Result<()> {
    let text = if let [target] = args.topic.as_slice()
        && let Some(target) = target.strip_prefix('@')
    {
        operation::explain(target)?
    } else if args.topic.is_empty() {
        list()
    } else {
        let pages: Vec<String> = named(&args.topic)?.iter().map(render).collect();
        pages.join(BETWEEN)
    };
    crate::output::Console::plain().print(text.as_bytes())
}

/// What separates the pages of several topics (`hit explain put-vs-patch pagination`).
const BETWEEN: &str = "\n---\n\n";

/// The topics the words name, in order: at each place the most words that name one topic
/// (`get vs post` is one, `put-vs-patch pagination` two, `get post` two).
fn named(words: &[String]) -> Result<Vec<Topic>> {
    let starting = |rest: &[String]| {
        (1..=rest.len())
            .rev()
            .find_map(|n| find(&rest[..n].join("-")).map(|topic| (n, topic)))
    };
    let mut topics = Vec::new();
    let mut rest = words;
    while !rest.is_empty() {
        let Some((taken, topic)) = starting(rest) else {
            // The unknown words run up to the next word that starts a topic.
            let end = (1..rest.len())
                .find(|&at| starting(&rest[at..]).is_some())
                .unwrap_or(rest.len());
            return Err(unknown(&rest[..end].join(" ")));
        };
        topics.push(topic);
        rest = &rest[taken..];
    }
    Ok(topics)
}

/// Something `hit explain` can explain.
enum Topic {
    Method(&'static MethodFacts),
    Status(&'static StatusFacts),
    /// `4xx`: the class, by its first digit.
    Class(u16),
    /// A code in 100..=599 that is in no table.
    Unregistered(u16),
    Header(&'static HeaderFacts),
    Concept(&'static Concept),
    /// A mistake one of the lints catches, by the lint's name.
    Mistake(&'static Concept),
    /// A WebSocket close code (1000 to 4999: no HTTP status is that large).
    CloseCode(CloseFact),
    /// The table of WebSocket close codes.
    CloseCodes,
}

/// Other words people use for the concepts.
const ALIASES: &[(&str, &str)] = &[
    ("authentication", "auth"),
    ("bodies-on-get", "body-without-meaning"),
    ("body-on-get", "body-without-meaning"),
    ("caching", "cache"),
    ("close-code", "close-codes"),
    ("code-challenge", "pkce"),
    ("conneg", "content-negotiation"),
    ("device-code", "device-flow"),
    ("exit", "exit-codes"),
    ("exit-code", "exit-codes"),
    ("get-body", "body-without-meaning"),
    ("idempotent", "idempotency"),
    ("negotiation", "content-negotiation"),
    ("oauth2", "oauth"),
    ("oidc", "oauth"),
    ("openid-connect", "oauth"),
    ("paginate", "pagination"),
    ("paging", "pagination"),
    ("patch-vs-put", "put-vs-patch"),
    ("post-vs-get", "get-vs-post"),
    ("protocol-upgrade", "upgrade"),
    ("redirect", "redirects"),
    ("refresh", "refresh-token"),
    ("refresh-tokens", "refresh-token"),
    ("retry", "retries"),
    ("safe-methods", "safe"),
    ("secrets-in-urls", "secret-in-query"),
    ("secret-in-url", "secret-in-query"),
    ("uri-length", "long-url"),
    ("url-length", "long-url"),
    ("web-socket", "websocket"),
    ("websocket-close-codes", "close-codes"),
    ("websockets", "websocket"),
    ("ws", "websocket"),
    ("wss", "websocket"),
];

fn find(query: &str) -> Option<Topic> {
    let query = query.trim().to_ascii_lowercase();
    if let Ok(code) = query.parse::<u16>() {
        if code >= 1000 {
            return close_code(code).map(Topic::CloseCode);
        }
        return match STATUSES.iter().find(|s| s.code == code) {
            Some(status) => Some(Topic::Status(status)),
            None => (100..600)
                .contains(&code)
                .then_some(Topic::Unregistered(code)),
        };
    }
    if let [digit @ b'1'..=b'5', b'x', b'x'] = query.as_bytes() {
        return Some(Topic::Class(u16::from(digit - b'0')));
    }
    if let Some(method) = METHODS.iter().find(|m| m.name.eq_ignore_ascii_case(&query)) {
        return Some(Topic::Method(method));
    }
    // A concept named like a header (upgrade) wins: its page ends with the header's facts.
    if let Some(concept) = CONCEPTS.iter().find(|c| c.name == query) {
        return Some(Topic::Concept(concept));
    }
    if let Some(header) = HEADERS.iter().find(|h| h.name.eq_ignore_ascii_case(&query)) {
        return Some(Topic::Header(header));
    }
    let name = ALIASES
        .iter()
        .find(|(alias, _)| *alias == query)
        .map_or(query.as_str(), |(_, name)| name);
    if let Some(concept) = CONCEPTS.iter().find(|c| c.name == name) {
        return Some(Topic::Concept(concept));
    }
    if name == websocket::CLOSE_CODES_TOPIC {
        return Some(Topic::CloseCodes);
    }
    MISTAKES.iter().find(|m| m.name == name).map(Topic::Mistake)
}

/// Every topic name, for completions and suggestions.
pub fn topics() -> Vec<String> {
    let methods = METHODS.iter().map(|m| m.name.to_string());
    let statuses = STATUSES.iter().map(|s| s.code.to_string());
    let classes = (1..=5).map(|class| format!("{class}xx"));
    let headers = HEADERS.iter().map(|h| h.name.to_string());
    let concepts = CONCEPTS.iter().map(|c| c.name.to_string());
    let mistakes = MISTAKES.iter().map(|m| m.name.to_string());
    methods
        .chain(statuses)
        .chain(classes)
        .chain(headers)
        .chain(concepts)
        .chain(mistakes)
        .chain(websocket::topics())
        .collect()
}

/// The usage error for a topic hit does not know, with the nearest ones it does.
fn unknown(query: &str) -> anyhow::Error {
    let lower = query.to_ascii_lowercase();
    let mut scored: Vec<(f64, String)> = topics()
        .into_iter()
        .map(|topic| {
            (
                strsim::jaro_winkler(&lower, &topic.to_ascii_lowercase()),
                topic,
            )
        })
        .filter(|(score, _)| *score >= 0.85)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    let nearest: Vec<String> = scored.into_iter().take(3).map(|(_, topic)| topic).collect();
    let hint = match nearest.as_slice() {
        [] => "'hit explain' lists the topics".to_string(),
        [one] => format!("did you mean {one}?"),
        many => format!("did you mean one of {}?", many.join(", ")),
    };
    usage(format!("hit explain knows no topic '{query}' ({hint})"))
}

fn render(topic: &Topic) -> String {
    let mut page = Page::default();
    match topic {
        Topic::Method(method) => render_method(&mut page, method),
        Topic::Status(status) => render_status(&mut page, status),
        Topic::Class(class) => render_class(&mut page, *class),
        Topic::Unregistered(code) => render_unregistered(&mut page, *code),
        Topic::Header(header) => render_header(&mut page, header),
        Topic::Concept(concept) => render_concept(&mut page, concept),
        Topic::Mistake(mistake) => render_mistake(&mut page, mistake),
        Topic::CloseCode(fact) => websocket::render_close_code(&mut page, fact),
        Topic::CloseCodes => websocket::render_close_codes(&mut page),
    }
    page.text
}

/// Text wrapped to the terminal (at most 100 columns), paragraph by paragraph.
#[derive(Default)]
struct Page {
    text: String,
}

impl Page {
    /// The terminal's width (at most 100), breaking lines only at spaces: `X-RateLimit-Reset`
    /// stays whole.
    fn options(indent: &str) -> textwrap::Options<'_> {
        textwrap::Options::new(textwrap::termwidth().clamp(40, 100))
            .word_splitter(textwrap::WordSplitter::NoHyphenation)
            .break_words(false)
            .subsequent_indent(indent)
    }

    fn title(&mut self, title: &str, rfc: &str) {
        self.text.push_str(&format!("{title}  ({rfc})\n"));
    }

    fn paragraph(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        self.text.push('\n');
        for line in textwrap::wrap(text, Self::options("")) {
            self.text.push_str(&line);
            self.text.push('\n');
        }
    }

    /// `Label: text`, wrapped with the continuation lines indented.
    fn labelled(&mut self, label: &str, text: &str) {
        if text.is_empty() {
            return;
        }
        self.text.push('\n');
        for line in textwrap::wrap(&format!("{label}: {text}"), Self::options("  ")) {
            self.text.push_str(&line);
            self.text.push('\n');
        }
    }
}

fn yes(flag: bool) -> &'static str {
    if flag { "yes" } else { "no" }
}

fn render_method(page: &mut Page, method: &MethodFacts) {
    page.title(method.name, method.rfc);
    page.text.push_str(&format!(
        "Safe: {}. Idempotent: {}. Cacheable: {}.\n",
        yes(method.safe),
        yes(method.idempotent),
        yes(method.cacheable)
    ));
    page.paragraph(method.meaning);
    page.labelled("A body", method.body);
    page.labelled("Typical statuses", method.statuses);
    page.labelled("When to use it", method.when);
    page.labelled("Classic mistakes", method.mistakes);
    let retry = if method.idempotent {
        "--retry retries it, since sending it twice does what sending it once does"
    } else {
        "--retry retries it only when it carries an Idempotency-Key \
         (--idempotency-key auto), or when the connection was refused"
    };
    page.labelled("With hit", retry);
}

fn class_name(code: u16) -> &'static str {
    match code / 100 {
        1 => "1xx informational: an interim answer; the final one follows",
        2 => "2xx success: the request was received, understood and accepted",
        3 => "3xx redirection: the client has to do more, usually follow Location",
        4 => "4xx client error: the server will not act on the request as it was sent",
        _ => "5xx server error: the server failed on a request that may be fine",
    }
}

/// What hit does with a status: its exit code, `--retry`, `-L`.
fn behaviour(status: &StatusFacts) -> String {
    let code = status.code;
    let exit = match code {
        100..=299 | 304 => "hit exits 0".to_string(),
        _ => format!("hit exits {}", code / 100),
    };
    let mut parts = vec![exit];
    if status.retryable {
        parts.push("--retry retries it (after Retry-After, if the server sends one)".into());
    }
    match status.redirect {
        Some(Redirect::PostBecomesGet) => {
            parts.push("-L follows it, turning a POST into a GET as browsers do".into());
        }
        Some(Redirect::BecomesGet) => {
            parts.push("-L follows it with a GET (a HEAD stays a HEAD)".into());
        }
        Some(Redirect::Repeat) => {
            parts.push("-L follows it with the same method and body".into());
        }
        None => {}
    }
    parts.join("; ")
}

fn render_status(page: &mut Page, status: &StatusFacts) {
    page.title(&format!("{} {}", status.code, status.reason), status.rfc);
    page.text.push_str(class_name(status.code));
    page.text.push('\n');
    if let Some(vendor) = status.vendor {
        page.text
            .push_str(&format!("Not a registered code: {vendor} uses it.\n"));
    }
    page.paragraph(status.meaning);
    page.labelled("What to do next", status.next);
    if !status.headers.is_empty() {
        page.labelled("Headers that go with it", &status.headers.join(", "));
    }
    page.labelled("With hit", &behaviour(status));
}

fn render_class(page: &mut Page, class: u16) {
    page.title(&format!("{class}xx"), "RFC 9110 §15");
    page.paragraph(class_name(class * 100));
    page.text.push('\n');
    for status in STATUSES.iter().filter(|s| s.code / 100 == class) {
        let vendor = status.vendor.map(|v| format!(" ({v})")).unwrap_or_default();
        page.text
            .push_str(&format!("  {} {}{vendor}\n", status.code, status.reason));
    }
}

fn render_unregistered(page: &mut Page, code: u16) {
    let class = code / 100;
    page.title(&code.to_string(), "RFC 9110 §15");
    page.paragraph(&format!(
        "{code} is not a registered status code. A client that does not know a code treats \
         it as the x00 code of its class (RFC 9110 §15), here {class}00: {}.",
        class_name(code)
    ));
    page.text.push_str(&format!(
        "\n'hit explain {class}xx' lists the codes of the class.\n"
    ));
}

fn render_header(page: &mut Page, header: &HeaderFacts) {
    page.title(header.name, header.rfc);
    let who = match header.direction {
        Direction::Request => "A request header.",
        Direction::Response => "A response header.",
        Direction::Both => "Sent in requests and in responses.",
    };
    page.text.push_str(who);
    page.text.push('\n');
    page.paragraph(header.meaning);
    page.labelled("In a response it asks", header.asks);
}

fn render_concept(page: &mut Page, concept: &Concept) {
    page.title(concept.title, concept.rfc);
    for paragraph in concept.text.split("\n\n") {
        page.paragraph(paragraph);
    }
    if concept.name == "exit-codes" {
        page.text.push('\n');
        page.text.push_str(EXIT_STATUS);
        page.text.push('\n');
    }
    if let Some(header) = HEADERS
        .iter()
        .find(|h| h.name.eq_ignore_ascii_case(concept.name))
    {
        page.labelled(&format!("The {} header", header.name), header.meaning);
    }
}

fn render_mistake(page: &mut Page, mistake: &Concept) {
    render_concept(page, mistake);
    let name = mistake.name;
    page.labelled(
        "With hit",
        &format!(
            "a lint: before sending, one line on stderr (hit: lint {name}: ...) says what, \
             why and the fix, and the request goes anyway; --no-lint {name} silences it, -q \
             every lint"
        ),
    );
}

/// `hit explain` alone: every topic, by kind.
fn list() -> String {
    let mut page = Page::default();
    page.text.push_str(
        "hit explain TOPIC: what a method, a status code, a header or an idea of HTTP \
         means, with its RFC section.\n",
    );
    let methods: Vec<&str> = METHODS.iter().map(|m| m.name).collect();
    page.labelled("Methods", &methods.join(" "));
    let statuses: Vec<String> = STATUSES.iter().map(|s| s.code.to_string()).collect();
    page.labelled("Status codes (and 1xx to 5xx)", &statuses.join(" "));
    let headers: Vec<&str> = HEADERS.iter().map(|h| h.name).collect();
    page.labelled("Headers", &headers.join(" "));
    let concepts: Vec<&str> = CONCEPTS.iter().map(|c| c.name).collect();
    page.labelled("Concepts", &concepts.join(" "));
    let mistakes: Vec<&str> = MISTAKES.iter().map(|m| m.name).collect();
    page.labelled("Mistakes hit's lints catch", &mistakes.join(" "));
    page.labelled(
        "WebSocket close codes",
        "close-codes, and each code: 1000 to 1015, 3000 to 4999",
    );
    page.paragraph(
        "Names are matched without regard to case: hit explain retry-after. Several topics \
         are explained one after another: hit explain put-vs-patch pagination.",
    );
    page.text
}

/// The response headers `--explain` comments on.
const NOTABLE: &[&str] = &[
    "Location",
    "Retry-After",
    "ETag",
    "Last-Modified",
    "Cache-Control",
    "Vary",
    "WWW-Authenticate",
    "Proxy-Authenticate",
    "Allow",
    "Link",
    "Deprecation",
    "Sunset",
    "RateLimit",
    "RateLimit-Policy",
    "RateLimit-Limit",
    "RateLimit-Remaining",
    "RateLimit-Reset",
];

/// `--explain`: a few lines on the method, the status and the notable response headers.
pub fn exchange(method: &str, head: &ResponseHead) -> Vec<String> {
    let mut lines = Vec::new();
    if let Some(facts) = METHODS.iter().find(|m| m.name == method) {
        let promises = match (facts.safe, facts.idempotent) {
            (true, _) => "safe (it changes nothing) and idempotent",
            (false, true) => "not safe, but idempotent (sending it twice does what once does)",
            (false, false) => "neither safe nor idempotent (sending it twice may act twice)",
        };
        lines.push(format!(
            "{method}: {promises}. {} ({})",
            first_sentence(facts.meaning),
            facts.rfc
        ));
    }
    let code = head.status.as_u16();
    match STATUSES.iter().find(|s| s.code == code) {
        Some(status) => lines.push(format!(
            "{} {}: {} Next: {} ({})",
            code, status.reason, status.meaning, status.next, status.rfc
        )),
        None => lines.push(format!("{code}: {}", class_name(code))),
    }
    for name in NOTABLE {
        let Some(value) = head.headers.get(*name).and_then(|v| v.to_str().ok()) else {
            continue;
        };
        if let Some(facts) = HEADERS.iter().find(|h| h.name.eq_ignore_ascii_case(name)) {
            let value = crate::error::excerpt(value);
            lines.push(format!("{name}: {value}: {} ({})", facts.asks, facts.rfc));
        }
    }
    lines
}

fn first_sentence(text: &str) -> &str {
    match text.find(". ") {
        Some(end) => &text[..=end],
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn topics_are_found_without_regard_to_case() {
        assert!(matches!(find("get"), Some(Topic::Method(m)) if m.name == "GET"));
        assert!(matches!(find("429"), Some(Topic::Status(s)) if s.code == 429));
        assert!(matches!(find("4XX"), Some(Topic::Class(4))));
        assert!(matches!(find("299"), Some(Topic::Unregistered(299))));
        assert!(find("600").is_none());
        assert!(matches!(find("get-vs-post"), Some(Topic::Concept(c)) if c.name == "get-vs-post"));
        assert!(matches!(find("Idempotent"), Some(Topic::Concept(c)) if c.name == "idempotency"));
    }

    #[test]
    fn every_lint_is_a_topic_and_the_lessons_have_their_usual_names() {
        for lint in crate::policy::lint::Lint::ALL {
            let name = lint.name();
            assert!(
                matches!(find(name), Some(Topic::Mistake(m)) if m.name == name),
                "{name}"
            );
        }
        assert_eq!(MISTAKES.len(), crate::policy::lint::Lint::ALL.len());
        assert!(MISTAKES.windows(2).all(|w| w[0].name < w[1].name));
        for (alias, name) in [
            ("url-length", "long-url"),
            ("secrets-in-urls", "secret-in-query"),
            ("get-body", "body-without-meaning"),
            ("patch-vs-put", "put-vs-patch"),
            ("paginate", "pagination"),
        ] {
            let topic = find(alias).map(|topic| render(&topic));
            assert_eq!(topic, find(name).map(|topic| render(&topic)), "{alias}");
        }
        for (alias, name) in ALIASES {
            assert!(find(name).is_some(), "{alias} -> {name}");
        }
    }

    #[test]
    fn several_words_name_the_longest_topics_they_can() {
        let words = |text: &str| text.split(' ').map(String::from).collect::<Vec<_>>();
        let names = |text: &str| -> Vec<String> {
            named(&words(text))
                .unwrap()
                .iter()
                .map(|topic| render(topic).lines().next().unwrap().to_owned())
                .collect()
        };
        assert_eq!(names("get vs post").len(), 1);
        let two = names("put-vs-patch pagination");
        assert!(two[0].starts_with("PUT vs PATCH"), "{two:?}");
        assert!(two[1].starts_with("Pagination"), "{two:?}");
        assert_eq!(names("get post 404 long-url").len(), 4);
        let refused = |text: &str| named(&words(text)).err().unwrap().to_string();
        assert!(refused("pagination wat").contains("no topic 'wat'"));
        assert!(refused("wat is pagination").contains("no topic 'wat is'"));
    }

    #[test]
    fn every_status_says_what_hit_does_with_it() {
        let line = behaviour(STATUSES.iter().find(|s| s.code == 503).unwrap());
        assert_eq!(
            line,
            "hit exits 5; --retry retries it (after Retry-After, if the server sends one)"
        );
        let line = behaviour(STATUSES.iter().find(|s| s.code == 303).unwrap());
        assert_eq!(
            line,
            "hit exits 3; -L follows it with a GET (a HEAD stays a HEAD)"
        );
    }
}
