//! One run: build the request, send it, print the exchange, report the outcome.

use std::time::Instant;

use anyhow::Result;

use crate::download;
use crate::error::Outcome;
use crate::output::{Meta, Printer};
use crate::request;
use crate::settings::Settings;
use crate::transport::{self, Transport};

pub async fn run(settings: Settings, printer: &mut Printer) -> Result<Outcome> {
    let prepared = request::prepare(&settings.request, printer).await?;
    let transport = Transport::new(&settings.transport, &prepared)?;
    let request = transport.build(&prepared).await?;
    printer.request(&request, &prepared.body)?;

    let started = Instant::now();
    let mut response = transport.send(request).await?;
    let time_to_first_byte = started.elapsed();
    printer.response_head(&response)?;
    let body_bytes = match &settings.output.file {
        Some(path) => download::save(&mut response, path).await?,
        None if printer.wants_body() => printer.response_body(&mut response).await?,
        // The metadata reports the body's size, so read it even when it is not shown.
        None if printer.wants_meta() => transport::drain(&mut response).await?,
        None => 0,
    };
    printer.meta(&Meta {
        version: response.version(),
        remote: response.remote_addr(),
        time_to_first_byte,
        total: started.elapsed(),
        body_bytes,
    })?;
    printer.finish()?;
    printer.status_warning(response.status(), response.headers());
    Ok(Outcome {
        status: response.status(),
        ignore_status: settings.output.ignore_status,
    })
}
