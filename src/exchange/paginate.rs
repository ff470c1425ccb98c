//! `--paginate`: after the first page, the pages its `Link: <…>; rel="next"` leads to
//! (RFC 8288), up to `--max-pages`, over the same transport and its kept-alive connections.
//! Each page is sent as the first one was: retries and, with `-L`, redirects apply to each.
//!
//! A next page is fetched as a 303's Location would be (GET, HEAD staying HEAD, without the
//! first request's body), with the credentials the redirect rules allow. A next link to
//! another origin is not followed at all unless `--location-trusted`.

use reqwest::Url;
use std::time::Instant;

use anyhow::Result;
use reqwest::StatusCode;
use reqwest::header::{HeaderMap, HeaderValue};

use super::deliver;
use super::pages::Pages;
use super::save::DownloadPlan;
use super::send::{Exchange, Sending};
use crate::error::{HitError, Outcome, usage};
use crate::explain;
use crate::http::{PreparedRequest, ResponseHead, link, shown};
use crate::output::{Facts, Merged, Printer, describe_status};
use crate::policy::paginate::Paginate;
use crate::policy::redirect::{self, Hop, Trust};
use crate::settings::{Settings, Target};

/// Refuses what `--paginate` cannot do, before anything is sent.
pub fn check(settings: &Settings) -> Result<()> {
    let Some(paginate) = &settings.paginate else {
        return Ok(());
    };
    if paginate.max_pages == 0 {
        return Err(usage("--max-pages 0: give at least 1"));
    }
    if let Some(save) = &settings.output.save {
        if save.resume {
            return Err(usage(
                "--paginate writes the merged pages anew: -C - has nothing to resume; use -o \
                 FILE (with --clobber to replace it)",
            ));
        }
        if matches!(save.target, Target::Remote { from_header: true }) {
            return Err(usage(
                "--paginate writes the merged pages, which no one Content-Disposition names: \
                 use -o FILE or -O instead of -J",
            ));
        }
        if settings.output.document {
            return Err(usage(
                "--paginate with --output-format json prints one document per page, on \
                 stdout: drop -o/-O, or redirect stdout (> FILE)",
            ));
        }
    }
    Ok(())
}

/// What follows a page.
#[derive(Debug)]
enum Next {
    /// No next link: this was the last page.
    Done,
    Page(Box<Hop>),
    /// A next link not followed; the warning says why.
    Stop(String),
}

/// Decides what follows page number `page`, fetched by `current`, whose response has
/// `headers`. `visited`: the URLs of the pages so far.
fn next_page(
    current: &PreparedRequest,
    headers: &HeaderMap,
    page: u32,
    max_pages: u32,
    visited: &[reqwest::Url],
    trust: Trust,
) -> Next {
    let Some(target) = link::next_target(headers) else {
        return Next::Done;
    };
    // RFC 8288 §3.1: a relative target is resolved against the URL of the response.
    let url = match current.url.join(&target) {
        Ok(url) => url,
        Err(e) => {
            return Next::Stop(format!(
                "page {page}'s next link '{target}' is not a URL ({e}); stopped there"
            ));
        }
    };
    let shown_url = shown(&url);
    if !matches!(url.scheme(), "http" | "https") {
        return Next::Stop(format!(
            "page {page}'s next link {shown_url} is not http or https; stopped there"
        ));
    }
    if page >= max_pages {
        return Next::Stop(format!(
            "stopped after {page} pages (--max-pages {max_pages}); the next is {shown_url}"
        ));
    }
    if !same_origin(&url, &current.url) && !trust.trusted {
        return Next::Stop(format!(
            "not following page {page}'s next link to {shown_url}: another origin \
             (--location-trusted follows it)"
        ));
    }
    if visited.contains(&url) {
        return Next::Stop(format!(
            "page {page}'s next link goes back to {shown_url}, a loop; stopped there"
        ));
    }
    let location = HeaderValue::from_str(url.as_str()).expect("a URL is a header value");
    match redirect::next_hop(current, StatusCode::SEE_OTHER, Some(&location), trust) {
        Some(Ok(hop)) => Next::Page(Box::new(hop)),
        Some(Err(why)) => Next::Stop(why),
        None => Next::Done,
    }
}

/// A status that ends the pages and decides the exit code: 3xx (but 304), 4xx, 5xx.
fn fails(head: &ResponseHead) -> bool {
    let status = head.status;
    status.is_client_error()
        || status.is_server_error()
        || (status.is_redirection() && status != StatusCode::NOT_MODIFIED)
}

/// Delivers the first page and every page after it. `first` is the request as the user
/// made it, for the Cookie header each page starts from; `plan`, the file of `-o`/`-O`.
pub async fn deliver(
    sending: &Sending<'_>,
    first: &PreparedRequest,
    mut exchange: Exchange,
    plan: Option<&DownloadPlan>,
    printer: &mut Printer,
) -> Result<Outcome> {
    let settings = sending.settings;
    let started = sending.started;
    // A first page that fails is shown (or withheld from the file) as any response is.
    if fails(&exchange.incoming.head) {
        return deliver::deliver(settings, exchange, plan, printer, started, None).await;
    }
    let paginate = settings.paginate.clone().unwrap_or(Paginate {
        max_pages: 1,
        field: None,
    });
    let trust = settings.redirect_trust();
    // --jq and --check take each page on its own.
    let merge = !settings.output.document
        && settings.filter.is_none()
        && (plan.is_some() || printer.body_only());
    let mut pages = Pages::new(merging(plan, printer)?, paginate.field.clone());
    let mut visited = vec![exchange.request.url.clone()];
    let mut size = 0;
    for page in 1.. {
        if page > 1 && fails(&exchange.incoming.head) {
            return page_failed(settings, &exchange, page, &mut pages, printer);
        }
        let url = shown(&exchange.request.url);
        if merge {
            printer.response_head(&exchange.incoming.head)?;
            size += pages
                .add(&mut exchange.incoming, page, &url, printer)
                .await
                .inspect_err(|_| {
                    let _ = pages.end(printer);
                })?;
        } else {
            show_page(settings, &mut exchange, page, &url, started, printer).await?;
        }
        explain_page(settings, &exchange, page, &url, printer);
        let headers = &exchange.incoming.head.headers;
        let (request, max) = (&exchange.request, paginate.max_pages);
        let hop = match next_page(request, headers, page, max, &visited, trust) {
            Next::Done => break,
            Next::Stop(why) => {
                printer.warning(&why);
                break;
            }
            Next::Page(hop) => hop,
        };
        let mut request = hop.request;
        user_cookie_only(&mut request, first, sending.jar.is_some(), trust.trusted);
        visited.push(request.url.clone());
        exchange = match sending.with_retries(&request, printer).await {
            Ok(exchange) => exchange,
            Err(err) => {
                pages.end(printer)?;
                printer.finish()?;
                let url = shown(&request.url);
                return Err(err.context(format!("page {} ({url})", page + 1)));
            }
        };
    }
    if merge {
        pages.end(printer)?;
        write_out(settings, &exchange, size, started, printer)?;
    }
    printer.finish()?;
    Ok(Outcome {
        status: exchange.incoming.head.status,
        ignore_status: settings.output.ignore_status,
        attempts: exchange.attempts,
    })
}

/// A page shown on its own, as any response is (`--jq` and `--check` take it alone); a
/// failed check stops the pages, naming the page.
async fn show_page(
    settings: &Settings,
    exchange: &mut Exchange,
    page: u32,
    url: &str,
    started: Instant,
    printer: &mut Printer,
) -> Result<()> {
    let delivered = deliver::show(settings, exchange, None, printer, started, None).await?;
    if delivered.failed_checks.is_empty() {
        return Ok(());
    }
    let failed = delivered.failed_checks.iter();
    let lines = failed.map(|line| format!("{line} on page {page} ({url})"));
    Err(HitError::Check(lines.collect()).into())
}

/// The merged document, on stdout or in the file of `-o`/`-O`.
fn merging(plan: Option<&DownloadPlan>, printer: &mut Printer) -> Result<Merged> {
    let merged = printer.merging();
    Ok(match plan {
        Some(plan) => {
            let (path, file) = plan.create(printer)?;
            merged.into_file(&path, file)
        }
        None => merged,
    })
}

/// `--explain`, for each page: what its status and headers say (the method, once).
fn explain_page(
    settings: &Settings,
    exchange: &Exchange,
    page: u32,
    url: &str,
    printer: &mut Printer,
) {
    if !settings.learn.explain {
        return;
    }
    let method = exchange.request.method.as_str();
    let said = explain::exchange(method, &exchange.incoming.head);
    let method_line = format!("{method}: ");
    let lines = said
        .into_iter()
        .filter(|line| page == 1 || !line.starts_with(&method_line));
    let mut explained = vec![format!("page {page} ({url}):")];
    explained.extend(lines);
    printer.explained(&explained);
}

/// A page after the first failed: what was printed is kept, and the merged array closed, so
/// that stdout is still one valid JSON document (of the pages before it) for a script that
/// reads it; the failing page's body, which is not part of that document, is not shown.
/// The error line names the page and its URL; the status decides the exit code.
fn page_failed(
    settings: &Settings,
    exchange: &Exchange,
    page: u32,
    pages: &mut Pages,
    printer: &mut Printer,
) -> Result<Outcome> {
    pages.end(printer)?;
    let head = &exchange.incoming.head;
    printer.response_head(head)?;
    printer.finish()?;
    let url = shown(&exchange.request.url);
    explain_page(settings, exchange, page, &url, printer);
    printer.page_failed(&format!("page {page} ({url}): {}", describe_status(head)));
    Ok(Outcome {
        status: head.status,
        ignore_status: settings.output.ignore_status,
        attempts: exchange.attempts,
    })
}

/// `-w` once, after the merged pages, about the last one (its size: every page's).
fn write_out(
    settings: &Settings,
    exchange: &Exchange,
    size: u64,
    started: Instant,
    printer: &mut Printer,
) -> Result<()> {
    let Some(template) = &settings.output.write_out else {
        return Ok(());
    };
    let request = &exchange.request;
    let facts = Facts {
        method: &request.method,
        url: &request.url,
        request_headers: &request.headers,
        response: &exchange.incoming.head,
        timing: exchange.timing_now(started),
        size,
        redirects: exchange.redirects,
        attempts: exchange.attempts,
        saved_to: None,
    };
    printer.write_out(template, &facts)
}

/// With a cookie jar, the previous page's Cookie header holds the jar's cookies for its
/// URL; the next page starts again from the user's own (`-b 'k=v'`), where the redirect
/// rules let it go, and the jar adds its cookies for the next URL.
fn user_cookie_only(
    request: &mut PreparedRequest,
    first: &PreparedRequest,
    jar: bool,
    trusted: bool,
) {
    if !jar {
        return;
    }
    let same_origin = same_origin(&request.url, &first.url);
    match first.headers.get("cookie") {
        Some(cookie) if same_origin || trusted => request.headers.set("Cookie", cookie.to_string()),
        _ => request.headers.remove("cookie"),
    }
}

/// One origin (RFC 6454), with `localhost` and `127.0.0.1` taken as one host: a `:PORT` URL
/// means `localhost`, and a local server's links often name `127.0.0.1`.
fn same_origin(a: &Url, b: &Url) -> bool {
    let host = |url: &Url| match url.host_str() {
        Some("localhost") => Some("127.0.0.1".to_string()),
        other => other.map(str::to_string),
    };
    a.scheme() == b.scheme()
        && a.port_or_known_default() == b.port_or_known_default()
        && host(a) == host(b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::{Headers, RequestBody};
    use reqwest::Method;
    use reqwest::header::LINK;

    fn request(method: Method, url: &str) -> PreparedRequest {
        let mut headers = Headers::default();
        headers.set("Authorization", "Bearer t");
        headers.set("Content-Type", "application/json");
        PreparedRequest {
            method,
            url: url.parse().unwrap(),
            headers,
            body: RequestBody::Empty,
        }
    }

    fn links(value: &'static str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.append(LINK, HeaderValue::from_static(value));
        headers
    }

    fn decide(current: &PreparedRequest, link: &'static str, page: u32, trusted: bool) -> Next {
        let trust = Trust {
            trusted,
            secret: &[],
            https_only: false,
        };
        next_page(current, &links(link), page, 5, &[], trust)
    }

    #[test]
    fn relative_next_links_resolve_against_the_page() {
        let current = request(Method::POST, "http://127.0.0.1:1/api/items?page=1");
        let Next::Page(hop) = decide(&current, r#"<items?page=2>; rel="next""#, 1, false) else {
            panic!("not followed");
        };
        assert_eq!(
            hop.request.url.as_str(),
            "http://127.0.0.1:1/api/items?page=2"
        );
        // Fetched as a 303's Location is: GET, no body, credentials kept on the origin.
        assert_eq!(hop.request.method, Method::GET);
        assert_eq!(hop.request.headers.get("authorization"), Some("Bearer t"));
        assert_eq!(hop.request.headers.get("content-type"), None);
    }

    #[test]
    fn localhost_and_its_address_are_one_origin() {
        let url = |s: &str| Url::parse(s).unwrap();
        assert!(same_origin(
            &url("http://localhost:8080/a"),
            &url("http://127.0.0.1:8080/b")
        ));
        assert!(!same_origin(
            &url("http://localhost:8080/"),
            &url("http://127.0.0.1:8081/")
        ));
        assert!(!same_origin(
            &url("http://localhost/"),
            &url("https://127.0.0.1/")
        ));
        assert!(!same_origin(
            &url("http://localhost/"),
            &url("http://example.com/")
        ));
    }

    #[test]
    fn another_origin_only_when_trusted() {
        let current = request(Method::GET, "http://127.0.0.1:1/items");
        let link = r#"<http://127.0.0.1:2/items?page=2>; rel="next""#;
        let Next::Stop(why) = decide(&current, link, 1, false) else {
            panic!("followed");
        };
        assert!(
            why.contains("another origin (--location-trusted follows it)"),
            "{why}"
        );
        let Next::Page(hop) = decide(&current, link, 1, true) else {
            panic!("not followed");
        };
        assert_eq!(hop.request.headers.get("authorization"), Some("Bearer t"));
    }

    #[test]
    fn max_pages_loops_and_other_schemes_stop() {
        let current = request(Method::GET, "http://127.0.0.1:1/items");
        let next = r#"</items?page=2>; rel="next""#;
        assert!(
            matches!(decide(&current, next, 5, false), Next::Stop(why) if why.contains("--max-pages 5"))
        );
        assert!(matches!(
            decide(&current, r#"<ftp://x/>; rel=next"#, 1, false),
            Next::Stop(_)
        ));
        assert!(matches!(
            decide(&current, r#"</x>; rel=prev"#, 1, false),
            Next::Done
        ));
        let visited = ["http://127.0.0.1:1/items?page=2".parse().unwrap()];
        let trust = Trust::default();
        let again = next_page(&current, &links(next), 2, 5, &visited, trust);
        assert!(matches!(again, Next::Stop(why) if why.contains("a loop")));
    }
}
