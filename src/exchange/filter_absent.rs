//! The stand-in for `--jq` and `--check` after the exchange in a build without the `jq`
//! feature: settings refuse both (`jq::left_out`), so no filter ever reaches here.

use std::sync::Arc;
use std::time::Instant;

use anyhow::Result;
use bytes::Bytes;

use super::send::Exchange;
use crate::facts::is_success;
use crate::http::ResponseHead;
use crate::http::timing::Timing;
use crate::output::Printer;
use crate::settings::{FilterSettings, Settings};
use crate::transport::limits::TimeLimits;

/// As in a build with jq: the most of a body held for `--retry-on check`.
pub(super) const BODY_LIMIT: usize = 128 << 20;

/// Whether the status decides the exit code: without checks, a status that is not a
/// success, unless `--ignore-status` is given.
pub(super) fn status_decides(settings: &Settings, status: u16) -> bool {
    !settings.output.ignore_status && !is_success(status)
}

pub async fn deliver(
    _settings: &Settings,
    _filter: &Arc<FilterSettings>,
    _exchange: &mut Exchange,
    _started: Instant,
    _printer: &mut Printer,
) -> Result<(u64, Vec<String>)> {
    Err(crate::jq::left_out("--jq"))
}

/// A build without jq refuses a file with `# @capture` when it reads it.
pub async fn capture(
    capture: &Arc<crate::jq::Capture>,
    _kept: &super::Kept,
    _label: &str,
    _printer: &mut Printer,
) -> Result<Result<String, String>> {
    match **capture {}
}

pub(super) async fn read_ahead(
    _filter: &Arc<FilterSettings>,
    _head: &ResponseHead,
    _timing: Timing,
    _body: Bytes,
    _limits: TimeLimits,
) -> Result<Option<Vec<String>>> {
    Err(crate::jq::left_out("--check"))
}

/// No filter reaches a WebSocket session in this build: settings refuse `--jq`, `--check`
/// and `--until`.
pub enum EachMessage {}

impl EachMessage {
    pub fn new(
        filter: Arc<FilterSettings>,
        _flag: &'static str,
        _head: &ResponseHead,
        _limits: TimeLimits,
    ) -> Result<EachMessage> {
        drop(filter);
        Err(crate::jq::left_out("--jq"))
    }

    pub async fn message(
        &mut self,
        _json: Bytes,
        _show: &mut dyn FnMut(crate::jq::Piece, &[u8]) -> Result<()>,
    ) -> Result<Vec<String>> {
        match *self {}
    }

    pub async fn unseen(&mut self) -> Result<Vec<String>> {
        match *self {}
    }
}

/// No filter and no `--until` can be given in this build: a stream is only shown.
pub(super) enum Messages {}

impl Messages {
    pub(super) fn new(
        _settings: &Settings,
        _exchange: &Exchange,
        _started: Instant,
    ) -> Result<Option<Messages>> {
        Ok(None)
    }

    pub(super) fn shows(&self) -> bool {
        match *self {}
    }

    pub(super) fn reconnected(&mut self, _exchange: &Exchange) {
        match *self {}
    }

    pub(super) fn read(&mut self, _size: u64) {
        match *self {}
    }

    pub(super) async fn message(
        &mut self,
        _text: Bytes,
        _event: Option<crate::http::event_stream::Event>,
        _printer: &mut Printer,
    ) -> Result<super::messages::Verdict> {
        match *self {}
    }
}
