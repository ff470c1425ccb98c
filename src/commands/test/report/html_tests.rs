//! The HTML report parsed by an HTML5 parser (scraper, html5ever underneath) and its
//! structure asserted: every case present, failures marked and open, nothing fetched.

use scraper::{Html, Selector};

use super::super::fixture::{HOSTILE, suite};
use super::super::text::visible;
use super::render;

fn select<'a>(page: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    let selector = Selector::parse(css).unwrap_or_else(|e| panic!("{css}: {e}"));
    page.select(&selector).collect()
}

fn text(element: &scraper::ElementRef<'_>) -> String {
    element.text().collect()
}

#[test]
fn every_case_is_a_details_and_failures_are_open() {
    let page = Html::parse_document(&render(&suite()));
    assert!(page.errors.is_empty(), "parse errors: {:?}", page.errors);
    let header = &select(&page, "header")[0];
    assert_eq!(header.value().attr("class"), Some("failed"));
    assert!(text(header).contains("5 requests: 2 passed, 2 failed, 1 skipped (1 flaky)"));
    let sections = select(&page, "section.file");
    assert_eq!(sections.len(), 2);
    assert!(
        text(&select(&page, "section.file h2")[1])
            .starts_with("api/health.http [row 1: user=<ann>]")
    );
    let cases = select(&page, "details.case");
    let names: Vec<_> = select(&page, "details.case > summary")
        .iter()
        .map(text)
        .collect();
    assert_eq!(cases.len(), 5, "{names:?}");
    assert!(names[0].contains("login"));
    for (i, case) in cases.iter().enumerate() {
        let failed = case.value().classes().any(|c| c == "failed");
        assert_eq!(failed, i == 1 || i == 4, "case {i}");
        assert_eq!(case.value().attr("open").is_some(), failed, "case {i}");
    }
    assert_eq!(select(&page, "details.skipped").len(), 1);
    assert_eq!(select(&page, "details .flaky").len(), 1);
    assert!(select(&page, ".banner").is_empty());
    let captures: Vec<_> = select(&page, "details.case ul.captures li")
        .iter()
        .map(text)
        .collect();
    assert_eq!(captures[0], "token = ••••");
    assert_eq!(captures.len(), 2, "{captures:?}");
}

#[test]
fn a_failed_case_shows_why_and_the_exchange() {
    let page = Html::parse_document(&render(&suite()));
    let failed = &select(&page, "details.failed")[0];
    let html = Html::parse_fragment(&failed.html());
    assert!(text(&select(&html, ".reason")[0]).contains("found \"bob\""));
    assert_eq!(text(&select(&html, ".where")[0]), "api/users.http:7");
    assert_eq!(select(&html, "li.fail").len(), 1);
    assert_eq!(select(&html, "li.pass").len(), 1);
    let request = text(&select(&html, "pre.request")[0]);
    assert!(request.contains("> Authorization: Bearer ••••"));
    let response = text(&select(&html, "pre.response")[0]);
    assert!(response.starts_with("< HTTP/1.1 500 Internal Server Error\n"));
    assert!(response.contains("[body cut at 2048 bytes]"));
    assert!(text(&select(&html, ".request-id")[0]).contains("req-42"));
}

#[test]
fn hostile_text_is_text_and_nothing_is_fetched() {
    let html = render(&suite());
    let page = Html::parse_document(&html);
    assert!(page.errors.is_empty(), "parse errors: {:?}", page.errors);
    assert!(
        select(&page, "b").is_empty(),
        "markup from a body became an element"
    );
    assert!(select(&page, "script, link, img, iframe, object, embed").is_empty());
    assert!(select(&page, "[src], [href], [srcset], [action]").is_empty());
    let style = text(&select(&page, "style")[0]);
    assert!(!style.contains("url(") && !style.contains("@import"));
    let hostile = &select(&page, "details.case")[4];
    assert!(text(hostile).contains(&*visible(HOSTILE)));
    assert!(!html.chars().any(|c| c.is_control() && c != '\n'));
    assert!(html.len() < 20 * 1024, "{} bytes", html.len());
}

#[test]
fn an_interrupted_run_has_a_banner() {
    let mut interrupted = suite();
    interrupted.interrupted = true;
    let page = Html::parse_document(&render(&interrupted));
    let banner = select(&page, ".banner");
    assert_eq!(banner.len(), 1);
    assert!(text(&banner[0]).contains("Interrupted"));
    assert_eq!(
        select(&page, "header")[0].value().attr("class"),
        Some("failed")
    );
}
