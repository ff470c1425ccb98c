//! Delivering the final response: the head, the body (shown, saved, filtered and
//! checked), the metadata and `-w`; then what a script should notice about its status.

use std::time::Instant;

use anyhow::Result;

use super::filter;
use super::messages;
use super::reconnect::Again;
use super::save::{self, DownloadPlan};
use super::send::Exchange;
use crate::error::{self, Outcome};
use crate::explain;
use crate::output::{self, Facts, Printer};
use crate::settings::Settings;

/// The body of the final response, as far as it was read, and what became of it.
#[derive(Default)]
pub(super) struct Delivered {
    size: u64,
    /// For `--output-format json`: the body, or why it is not there.
    kept: Option<Vec<u8>>,
    omitted: Option<String>,
    saved_to: Option<std::path::PathBuf>,
    /// `-C -` and 416: the file was already whole.
    already_complete: bool,
    /// The lines of the `--check`s that failed.
    pub failed_checks: Vec<String>,
    /// An error page that `-o`/`-O` did not save.
    withheld: Option<save::Withheld>,
}

/// Delivers the response, then says what a script should notice about its status.
pub(super) async fn deliver(
    settings: &Settings,
    mut exchange: Exchange,
    plan: Option<&DownloadPlan>,
    printer: &mut Printer,
    started: Instant,
    again: Option<&Again<'_, '_>>,
) -> Result<Outcome> {
    deliver_kept(settings, &mut exchange, plan, printer, started, again).await
}

/// `deliver`, leaving the exchange to the caller (`hit run` keeps its headers and body).
pub(super) async fn deliver_kept(
    settings: &Settings,
    exchange: &mut Exchange,
    plan: Option<&DownloadPlan>,
    printer: &mut Printer,
    started: Instant,
    again: Option<&Again<'_, '_>>,
) -> Result<Outcome> {
    let delivered = match show(settings, exchange, plan, printer, started, again).await {
        Ok(delivered) => delivered,
        // `hit URL | head -1`: the reader has what it wanted; the status still decides.
        Err(err) if error::is_stdout_closed(&err) => Delivered::default(),
        Err(err) => return Err(err),
    };
    if exchange.timing.total.is_zero() {
        // Delivery stopped before `m` and `-w`: the total is now.
        exchange.timing = exchange.timing_now(started);
    }
    let (already_complete, failed_checks) = (delivered.already_complete, delivered.failed_checks);
    let head = &exchange.incoming.head;
    if !already_complete {
        let following = settings.transport.follow_redirects;
        printer.status_warning(head, following);
    }
    if let Some(withheld) = &delivered.withheld {
        printer.withheld(&withheld.excerpt, withheld.size, &withheld.file);
    }
    let checks = settings.filter.as_ref().map_or(0, |f| f.checks.len());
    let status_decides = filter::status_decides(settings, head.status.as_u16());
    if checks > 0 && status_decides && !already_complete {
        printer.checks_not_run(checks, head.status.as_u16());
    }
    if settings.learn.explain {
        printer.explained(&explain::exchange(exchange.request.method.as_str(), head));
    }
    if !failed_checks.is_empty() {
        return Err(error::HitError::Check(failed_checks).into());
    }
    Ok(Outcome {
        status: head.status,
        ignore_status: !status_decides || already_complete,
        attempts: exchange.attempts,
    })
}

/// Prints the response head, delivers the body, then the metadata and `-w`.
pub(super) async fn show(
    settings: &Settings,
    exchange: &mut Exchange,
    plan: Option<&DownloadPlan>,
    printer: &mut Printer,
    started: Instant,
    again: Option<&Again<'_, '_>>,
) -> Result<Delivered> {
    let options = &settings.output;
    if options.document {
        printer.side_head(&exchange.incoming.head)?;
    } else {
        printer.response_head(&exchange.incoming.head)?;
    }
    if let Some(coding) = &exchange.incoming.undecoded {
        printer.warning(&format!(
            "the body is '{coding}'-encoded, which hit cannot decode; it is passed on as received"
        ));
    }
    let delivered = deliver_body(settings, exchange, plan, printer, started, again).await?;
    // The total as `m` and `-w` show it, for `hit run` and `hit test` to keep.
    exchange.timing = exchange.timing_now(started);
    let request = &exchange.request;
    let response = &exchange.incoming.head;
    let facts = Facts {
        method: &request.method,
        url: &request.url,
        request_headers: &request.headers,
        response,
        timing: exchange.timing,
        size: delivered.size,
        redirects: exchange.redirects,
        attempts: exchange.attempts,
        saved_to: delivered.saved_to.as_deref(),
    };
    if options.document {
        printer.document(&facts, delivered.kept.as_deref(), delivered.omitted.clone())?;
    } else {
        printer.meta(&facts)?;
    }
    if let Some(template) = &options.write_out {
        printer.write_out(template, &facts)?;
    }
    printer.finish()?;
    Ok(delivered)
}

/// Shows, saves, keeps or reads past the body, as the options ask. AGAIN sends the request
/// again when an event stream drops and `--sse-reconnect` is given.
async fn deliver_body(
    settings: &Settings,
    exchange: &mut Exchange,
    plan: Option<&DownloadPlan>,
    printer: &mut Printer,
    started: Instant,
    again: Option<&Again<'_, '_>>,
) -> Result<Delivered> {
    let options = &settings.output;
    let status = exchange.incoming.head.status;
    // `--fail`: the body of an error status is neither shown nor saved.
    let skip_body = options.fail
        && status.as_u16() >= 400
        && !plan.is_some_and(|plan| plan.handles_error(status));
    if skip_body {
        return Ok(Delivered {
            omitted: Some("--fail, and the status is an error".to_string()),
            ..Delivered::default()
        });
    }
    if let Some(plan) = plan {
        let saved = plan
            .save(&mut exchange.incoming, &exchange.request.method, printer)
            .await?;
        return Ok(Delivered {
            size: saved.size,
            omitted: saved
                .path
                .as_ref()
                .map(|p| format!("saved to {}", p.display())),
            saved_to: saved.path,
            already_complete: saved.already_complete,
            withheld: saved.withheld,
            ..Delivered::default()
        });
    }
    if let Some(delivered) = filtered(settings, exchange, again, started, printer).await? {
        return Ok(delivered);
    }
    let incoming = &mut exchange.incoming;
    let size = if options.document {
        let (body, size) = incoming.read_up_to(output::DOCUMENT_BODY_LIMIT).await?;
        let omitted = body.is_none().then(|| {
            format!(
                "larger than {} MiB, the most a document embeds (-o FILE saves it)",
                output::DOCUMENT_BODY_LIMIT >> 20
            )
        });
        return Ok(Delivered {
            size,
            kept: body,
            omitted,
            ..Delivered::default()
        });
    } else if printer.wants_body() {
        printer.response_body(incoming).await?
    } else {
        // Read even when not shown: `m` and `-w` report its size, and a body cut short is
        // a failure (exit 9) with `-q` too.
        incoming.drain().await?
    };
    Ok(Delivered {
        size,
        ..Delivered::default()
    })
}

/// The body read as messages (an event stream, NDJSON with `--count`/`--until`), or
/// through `--jq` and `--check`; `None` when it is simply shown.
async fn filtered(
    settings: &Settings,
    exchange: &mut Exchange,
    again: Option<&Again<'_, '_>>,
    started: Instant,
    printer: &mut Printer,
) -> Result<Option<Delivered>> {
    let head = &exchange.incoming.head;
    if let Some(warning) = messages::not_a_stream(settings, head) {
        printer.warning(&warning);
    }
    let kind = messages::kind(settings, head).filter(|_| !settings.output.document);
    let (size, failed_checks) = match (kind, &settings.filter) {
        (Some(kind), _) => {
            messages::deliver(settings, exchange, again, kind, started, printer).await?
        }
        (None, Some(filter)) => {
            filter::deliver(settings, filter, exchange, started, printer).await?
        }
        (None, None) => return Ok(None),
    };
    Ok(Some(Delivered {
        size,
        failed_checks,
        ..Delivered::default()
    }))
}
