//! The phases of a new connection, measured where they happen, since reqwest reports none:
//! a connector layer around reqwest's connector times the whole connection, the resolver
//! hit installs times the name lookup, and the TLS session store of hit's TLS
//! configuration marks the start of the handshake (rustls asks it for a key-exchange hint
//! as it writes the ClientHello, right after the TCP connection is made).
//!
//! The marks go where they belong through two task-locals: `CONNECTING`, set while the
//! connector runs, collects the lookup and the handshake start of that connection; and
//! `SENDING`, set by `Transport::send` while it waits for a response head, receives the
//! phases of a connection that completes for that request. A connection that completes in
//! the background (hyper-util's pool handed the request an idle connection first) is
//! polled outside `SENDING` and is not reported for the request: it did not carry it.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Instant;

use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use rustls::client::{ClientSessionStore, Tls12ClientSessionValue, Tls13ClientSessionValue};
use rustls::pki_types::ServerName;

use super::route::Route;
use crate::http::timing::ConnectionTiming;

tokio::task_local! {
    /// The request being sent: where the connection made for it leaves its phases.
    static SENDING: Arc<Mutex<Option<ConnectionTiming>>>;
    /// The connection being made: where its lookup and TLS handshake leave their marks.
    static CONNECTING: Arc<Mutex<Marks>>;
}

/// What happened while one connection was being made.
#[derive(Debug, Clone, Copy)]
struct Marks {
    started: Instant,
    /// The first lookup's start and the last one's end (a SOCKS proxy's name and the
    /// target's may both be looked up).
    lookup: Option<(Instant, Instant)>,
    tls_started: Option<Instant>,
}

impl Marks {
    /// The phases of a connection that completed at `ended`.
    fn phases(&self, ended: Instant) -> ConnectionTiming {
        let connecting = self.lookup.map_or(self.started, |(_, end)| end);
        let connected = self.tls_started.unwrap_or(ended).max(connecting);
        ConnectionTiming {
            dns: self.lookup.map(|(start, end)| end.duration_since(start)),
            connect: connected.duration_since(connecting),
            tls: self.tls_started.map(|_| ended.duration_since(connected)),
        }
    }
}

/// Runs `pending` (a request on its way to its response head), collecting the phases of
/// a connection made for it.
pub async fn sending<F: Future>(pending: F) -> (F::Output, Option<ConnectionTiming>) {
    let slot = Arc::new(Mutex::new(None));
    let output = SENDING.scope(slot.clone(), pending).await;
    let phases = *slot.lock().unwrap_or_else(|e| e.into_inner());
    (output, phases)
}

/// Applies `mark` to the marks of the connection being made, if one is.
fn mark(mark: impl FnOnce(&mut Marks)) {
    let _ = CONNECTING.try_with(|marks| mark(&mut marks.lock().unwrap_or_else(|e| e.into_inner())));
}

/// The connector layer: times each connection reqwest's connector makes.
#[derive(Clone, Copy, Debug, Default)]
pub struct TimedLayer;

impl<S> tower_layer::Layer<S> for TimedLayer {
    type Service = Timed<S>;

    fn layer(&self, inner: S) -> Timed<S> {
        Timed { inner }
    }
}

/// reqwest's connector, timed.
#[derive(Clone, Debug)]
pub struct Timed<S> {
    inner: S,
}

impl<S, R> tower_service::Service<R> for Timed<S>
where
    S: tower_service::Service<R>,
    S::Future: Send + 'static,
    S::Response: Send + 'static,
    S::Error: Send + 'static,
{
    type Response = S::Response;
    type Error = S::Error;
    type Future = Pin<Box<dyn Future<Output = Result<S::Response, S::Error>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: R) -> Self::Future {
        let marks = Arc::new(Mutex::new(Marks {
            started: Instant::now(),
            lookup: None,
            tls_started: None,
        }));
        let connecting = CONNECTING.scope(marks.clone(), self.inner.call(request));
        Box::pin(async move {
            let connection = connecting.await?;
            let ended = Instant::now();
            let phases = marks
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .phases(ended);
            let _ = SENDING.try_with(|slot| {
                *slot.lock().unwrap_or_else(|e| e.into_inner()) = Some(phases);
            });
            Ok(connection)
        })
    }
}

/// The resolver every client uses: a `--connect-to`/`--resolve` route's, or the system's
/// (getaddrinfo, as reqwest's own), timed.
#[derive(Debug, Clone)]
pub struct TimedResolver {
    pub route: Option<Route>,
}

impl Resolve for TimedResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let started = Instant::now();
        let looking_up: Resolving = match &self.route {
            Some(route) => route.resolve(name),
            None => Box::pin(async move {
                let addrs = tokio::net::lookup_host((name.as_str(), 0)).await?;
                Ok(Box::new(addrs.collect::<Vec<_>>().into_iter()) as Addrs)
            }),
        };
        // The lookup is polled inside the connector's future: its end marks that
        // connection.
        Box::pin(async move {
            let result = looking_up.await;
            let ended = Instant::now();
            mark(|marks| {
                let first = marks.lookup.map_or(started, |(start, _)| start);
                marks.lookup = Some((first, ended));
            });
            result
        })
    }
}

/// The TLS session store: rustls's own in-memory cache, which also marks the start of each
/// handshake (rustls asks for `kx_hint` as it builds the ClientHello).
#[derive(Debug)]
pub struct TimedSessions {
    inner: rustls::client::ClientSessionMemoryCache,
}

impl TimedSessions {
    /// As many sessions as rustls keeps by default.
    pub fn new() -> TimedSessions {
        TimedSessions {
            inner: rustls::client::ClientSessionMemoryCache::new(256),
        }
    }
}

impl ClientSessionStore for TimedSessions {
    fn set_kx_hint(&self, server_name: ServerName<'static>, group: rustls::NamedGroup) {
        self.inner.set_kx_hint(server_name, group);
    }

    fn kx_hint(&self, server_name: &ServerName<'_>) -> Option<rustls::NamedGroup> {
        let now = Instant::now();
        // The first ClientHello of the connection (a retried one asks again).
        mark(|marks| {
            marks.tls_started.get_or_insert(now);
        });
        self.inner.kx_hint(server_name)
    }

    fn set_tls12_session(&self, server_name: ServerName<'static>, value: Tls12ClientSessionValue) {
        self.inner.set_tls12_session(server_name, value);
    }

    fn tls12_session(&self, server_name: &ServerName<'_>) -> Option<Tls12ClientSessionValue> {
        self.inner.tls12_session(server_name)
    }

    fn remove_tls12_session(&self, server_name: &ServerName<'static>) {
        self.inner.remove_tls12_session(server_name);
    }

    fn insert_tls13_ticket(
        &self,
        server_name: ServerName<'static>,
        value: Tls13ClientSessionValue,
    ) {
        self.inner.insert_tls13_ticket(server_name, value);
    }

    fn take_tls13_ticket(
        &self,
        server_name: &ServerName<'static>,
    ) -> Option<Tls13ClientSessionValue> {
        self.inner.take_tls13_ticket(server_name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn phases_follow_each_other() {
        let t0 = Instant::now();
        let at = |ms| t0 + Duration::from_millis(ms);
        let marks = Marks {
            started: t0,
            lookup: Some((at(1), at(11))),
            tls_started: Some(at(31)),
        };
        let phases = marks.phases(at(46));
        assert_eq!(phases.dns, Some(Duration::from_millis(10)));
        assert_eq!(phases.connect, Duration::from_millis(20));
        assert_eq!(phases.tls, Some(Duration::from_millis(15)));
        // Plain http to an address: the connection is all connect.
        let plain = Marks {
            started: t0,
            lookup: None,
            tls_started: None,
        };
        let phases = plain.phases(at(4));
        assert_eq!((phases.dns, phases.tls), (None, None));
        assert_eq!(phases.connect, Duration::from_millis(4));
    }
}
