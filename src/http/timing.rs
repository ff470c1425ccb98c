//! How long an exchange took, phase by phase: the name lookup, the TCP connection and the
//! TLS handshake of a connection made for it (measured by the transport's connector, see
//! `transport/timing.rs`), the wait for the response head and the whole exchange.
//!
//! Two readings of the same measurements: each phase's own duration (`$__timing` in checks,
//! `hit test`'s reports), and curl's `-w` points, each the time from the start to the end of
//! a phase, 0 for a phase that did not happen.

use std::time::Duration;

/// The phases of one exchange. The points are counted from the start of the attempt that
/// got the response (its redirects included), as curl counts them; `total` from the start
/// of the run (reading stdin, retries and the body included).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Timing {
    /// From the start to the end of the body (and of the checks' reading of it).
    pub total: Duration,
    /// From the start to the response head.
    pub ttfb: Duration,
    /// The phases of the connection made for the request that got the response; `None`
    /// when the request went over a connection already open.
    pub connection: Option<ConnectionTiming>,
    /// From the start to the moment that request was handed to the client: where the
    /// connection phases begin.
    pub sent: Duration,
}

/// The phases of a new connection, each its own duration.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ConnectionTiming {
    /// The name lookup; `None` for an address in the URL or a Unix socket.
    pub dns: Option<Duration>,
    /// From the end of the lookup (or the start of the connection) to the TCP connection
    /// established; through a proxy, to the proxy and its tunnel.
    pub connect: Duration,
    /// The TLS handshake; `None` over plain http.
    pub tls: Option<Duration>,
}

impl Timing {
    /// The name lookup's duration, when there was one.
    pub fn dns(&self) -> Option<Duration> {
        self.connection.and_then(|c| c.dns)
    }

    /// The TCP connection's duration, when a connection was made.
    pub fn connect(&self) -> Option<Duration> {
        self.connection.map(|c| c.connect)
    }

    /// The TLS handshake's duration, when there was one.
    pub fn tls(&self) -> Option<Duration> {
        self.connection.and_then(|c| c.tls)
    }

    /// curl's `time_namelookup`: from the start to the end of the lookup; 0 without one.
    pub fn namelookup_point(&self) -> Duration {
        self.dns().map_or(Duration::ZERO, |dns| self.sent + dns)
    }

    /// curl's `time_connect`: from the start to the TCP connection; 0 on a connection
    /// already open.
    pub fn connect_point(&self) -> Duration {
        self.connection.map_or(Duration::ZERO, |c| {
            self.sent + c.dns.unwrap_or_default() + c.connect
        })
    }

    /// curl's `time_appconnect`: from the start to the end of the TLS handshake; 0 without
    /// one (plain http, a connection already open).
    pub fn appconnect_point(&self) -> Duration {
        match self.tls() {
            Some(tls) => self.connect_point() + tls,
            None => Duration::ZERO,
        }
    }

    /// curl's `time_pretransfer`: from the start to the connection ready for the request
    /// (the moment the request was handed over, on a connection already open).
    pub fn pretransfer_point(&self) -> Duration {
        let ready = self.appconnect_point().max(self.connect_point());
        ready.max(self.sent).min(self.ttfb)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    #[test]
    fn curls_points_add_up_the_phases() {
        let timing = Timing {
            total: ms(100),
            ttfb: ms(60),
            sent: ms(5),
            connection: Some(ConnectionTiming {
                dns: Some(ms(10)),
                connect: ms(20),
                tls: Some(ms(15)),
            }),
        };
        let points = [
            timing.namelookup_point(),
            timing.connect_point(),
            timing.appconnect_point(),
            timing.pretransfer_point(),
        ];
        assert_eq!(points, [ms(15), ms(35), ms(50), ms(50)]);
        assert_eq!(
            (timing.dns(), timing.connect(), timing.tls()),
            (Some(ms(10)), Some(ms(20)), Some(ms(15)))
        );
    }

    #[test]
    fn a_phase_that_did_not_happen_is_zero() {
        // Plain http to an address: no lookup, no handshake.
        let plain = Timing {
            total: ms(30),
            ttfb: ms(20),
            sent: ms(1),
            connection: Some(ConnectionTiming {
                dns: None,
                connect: ms(4),
                tls: None,
            }),
        };
        assert_eq!(plain.namelookup_point(), Duration::ZERO);
        assert_eq!(plain.connect_point(), ms(5));
        assert_eq!(plain.appconnect_point(), Duration::ZERO);
        assert_eq!(plain.pretransfer_point(), ms(5));
        // A connection already open: only the moment the request was handed over.
        let reused = Timing {
            connection: None,
            ..plain
        };
        assert_eq!(reused.connect_point(), Duration::ZERO);
        assert_eq!(reused.pretransfer_point(), ms(1));
        assert_eq!(
            (reused.dns(), reused.connect(), reused.tls()),
            (None, None, None)
        );
    }

    #[test]
    fn pretransfer_is_never_after_the_response_head() {
        let timing = Timing {
            total: ms(10),
            ttfb: ms(3),
            sent: ms(4),
            connection: None,
        };
        assert_eq!(timing.pretransfer_point(), ms(3));
    }
}
