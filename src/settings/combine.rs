//! Precedence as data: the command line over the environment over a profile over the
//! built-in defaults, one option group at a time (uv's `Combine`: `a.combine(b)` is
//! `a.or(b)`). Clap reads `HIT_PROFILE` into `-P` itself; the built-in defaults are applied
//! where each value is turned into a setting (`unwrap_or`).

use crate::cli::{OutputArgs, RetryArgs, SectionsArgs, StyleArgs, TlsArgs, TransferArgs};

/// A layer of options over another: what `self` says wins, what it leaves unsaid comes
/// from `under`.
pub trait Combine {
    fn combine(self, under: Self) -> Self;
}

impl<T> Combine for Option<T> {
    fn combine(self, under: Option<T>) -> Option<T> {
        self.or(under)
    }
}

impl Combine for TransferArgs {
    fn combine(self, under: TransferArgs) -> TransferArgs {
        TransferArgs {
            // `--no-location` turns off what a layer below turns on.
            location: self.location || (under.location && !self.no_location),
            max_redirs: self.max_redirs.combine(under.max_redirs),
            max_time: self.max_time.combine(under.max_time),
            connect_timeout: self.connect_timeout.combine(under.connect_timeout),
            timeout: self.timeout.combine(under.timeout),
            ..self
        }
    }
}

impl Combine for TlsArgs {
    fn combine(self, under: TlsArgs) -> TlsArgs {
        TlsArgs {
            // `--no-insecure` turns off what a layer below turns on.
            insecure: self.insecure || (under.insecure && !self.no_insecure),
            cacert: self.cacert.combine(under.cacert),
            ..self
        }
    }
}

impl Combine for RetryArgs {
    fn combine(self, under: RetryArgs) -> RetryArgs {
        RetryArgs {
            retry: self.retry.combine(under.retry),
            retry_delay: self.retry_delay.combine(under.retry_delay),
            retry_max_time: self.retry_max_time.combine(under.retry_max_time),
            retry_on: self.retry_on.combine(under.retry_on),
            ..self
        }
    }
}

impl Combine for OutputArgs {
    fn combine(self, under: OutputArgs) -> OutputArgs {
        // `-p` below applies only when this layer chooses no sections in any way.
        let print = if self.chooses_sections() {
            self.sections.print.clone()
        } else {
            self.sections.print.clone().combine(under.sections.print)
        };
        OutputArgs {
            style: StyleArgs {
                pretty: self.style.pretty.combine(under.style.pretty),
            },
            sections: SectionsArgs { print },
            ..self
        }
    }
}
