//! `--jq`, `--check` and `--until` over the messages of a streamed body: the events of an
//! event stream (the data the input, `$__event` the fields) or NDJSON values, on the
//! response's filter thread.

use std::sync::Arc;
use std::time::Instant;

use anyhow::{Result, bail};
use bytes::Bytes;
use reqwest::header::CONTENT_TYPE;

use super::super::messages::Verdict;
use super::super::send::Exchange;
use super::{Filtering, context, filter_task, lend, status_decides, timed_out};
use crate::error::{Exit, HitError};
use crate::http::event_stream::Event;
use crate::http::header_text;
use crate::jq::{Job, Piece, RunError};
use crate::output::Printer;
use crate::settings::{FilterSettings, Settings};

/// What `--jq`, `--check` and `--until` make of each message of a stream: an event of an
/// event stream (its data the input, `$__event` its fields) or an NDJSON value.
pub(in crate::exchange) struct Messages {
    body: Filtering,
    /// `--until`, as a check of its own.
    until: Option<Arc<FilterSettings>>,
}

impl Messages {
    /// `None` when there is no filter and no `--until`: the stream is only shown.
    pub(in crate::exchange) fn new(
        settings: &Settings,
        exchange: &Exchange,
        started: Instant,
    ) -> Result<Option<Messages>> {
        let until = settings.stream.until.clone();
        let filter = match (&settings.filter, &until) {
            (Some(filter), _) => filter.clone(),
            (None, Some(_)) => Arc::new(FilterSettings::default()),
            (None, None) => return Ok(None),
        };
        let head = &exchange.incoming.head;
        let body = Filtering {
            filter,
            context: context(head, exchange.timing),
            started,
            status_decides: status_decides(settings, head.status.as_u16()),
            checked: false,
            content_type: header_text(&head.headers, CONTENT_TYPE),
            failed: Vec::new(),
            values: 0,
            thread: lend()?,
            limits: exchange.limits,
        };
        Ok(Some(Messages { body, until }))
    }

    /// Whether `--jq`'s results are shown in place of the stream.
    pub(in crate::exchange) fn shows(&self) -> bool {
        self.body.filter.program.is_some()
    }

    /// A new connection's response carries the stream on.
    pub(in crate::exchange) fn reconnected(&mut self, exchange: &Exchange) {
        let size = self.body.context.size;
        self.body.context = context(&exchange.incoming.head, exchange.timing);
        self.body.context.size = size;
    }

    /// The body read so far, for `$__size`.
    pub(in crate::exchange) fn read(&mut self, size: u64) {
        self.body.context.size = size;
    }

    /// One message: TEXT is its JSON, EVENT its event when it is one.
    pub(in crate::exchange) async fn message(
        &mut self,
        text: Bytes,
        event: Option<Event>,
        printer: &mut Printer,
    ) -> Result<Verdict> {
        self.body.context.event = event;
        let filter = &self.body.filter;
        if filter.program.is_some() || !filter.checks.is_empty() {
            self.body.run(text.clone(), printer).await?;
            if !self.body.failed.is_empty() {
                return Ok(Verdict::Failed(std::mem::take(&mut self.body.failed)));
            }
        }
        let Some(until) = &self.until else {
            return Ok(Verdict::Go);
        };
        let job = Job {
            text,
            context: self.body.context.clone(),
            program: false,
            checks: true,
        };
        let task = filter_task(until, job);
        let mut show = |piece: Piece, bytes: &[u8]| match piece {
            Piece::Stderr => printer.program_stderr(bytes),
            Piece::Json | Piece::Text => Ok(()),
        };
        let run = self.body.thread.run(task, &mut show);
        let finished = self
            .body
            .limits
            .bound(run, false)
            .await
            .map_err(|expired| timed_out("--until", expired))??;
        if let Some(err) = finished.unread {
            bail!("--until: {err}");
        }
        match finished.checks {
            Ok(failed) if failed.is_empty() => Ok(Verdict::Until),
            Ok(_) => Ok(Verdict::Go),
            Err(RunError::Halt(0)) => Ok(Verdict::Go),
            Err(RunError::Halt(code)) => Err(HitError::Halted(Exit::halted(code)).into()),
            Err(err) => bail!("--until: {err}"),
        }
    }
}
