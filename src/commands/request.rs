//! `hit [OPTIONS] [METHOD] URL [ITEM ...]`: the command line and the profile made into
//! settings, and the exchange run until it ends or Ctrl-C.

use anyhow::Result;

use crate::cli::Parsed;
use crate::error::{self, Exit, HitError, Outcome};
use crate::exchange;
use crate::output::{Console, Printer};
use crate::settings::{self, Settings};

/// Sends the request. `-s` (without `-S`) and `-qq` silence the error line, as curl's `-s`
/// does: such an error is its exit code alone. A usage error is about the command line
/// and is always returned, to be shown.
pub fn run(parsed: Parsed) -> Result<Exit> {
    let explains = settings::explains_failures(&parsed.cli);
    // Said before the settings are read: a note may explain the error they give.
    let output = &parsed.cli.output;
    if output.quiet == 0 && !output.silent {
        for note in &parsed.notes {
            Console::plain().note(note);
        }
    }
    let quiet = output.quiet > 0 || output.silent;
    let call = parsed.operation.clone();
    let profile = parsed.cli.profile.profile.clone();
    let own_auth = parsed.cli.auth.user.is_some() || parsed.cli.auth.bearer.is_some();
    let result = match Settings::from_cli(parsed, Console::terminal()) {
        Ok(mut settings) => {
            match super::operation::hold(&mut settings, call.as_ref(), profile.as_deref(), own_auth)
            {
                Ok(notes) => {
                    for note in notes.iter().filter(|_| !quiet) {
                        Console::plain().note(note);
                    }
                    send(settings)
                }
                Err(err) => Err(err),
            }
        }
        Err(err) => Err(match err.downcast::<settings::Unsent>() {
            Ok(unsent) => exchange::unsent(unsent),
            Err(err) => err,
        }),
    };
    let exit = error::exit_code(&result);
    match result {
        Err(err) if explains || error::is_usage(&err) => Err(err),
        _ => Ok(exit),
    }
}

fn send(settings: Settings) -> Result<Option<Outcome>> {
    let mut printer = Printer::new(&settings.output);
    match super::runtime::until_interrupted(exchange::run(settings, &mut printer))? {
        Some(result) => result,
        None => {
            printer.interrupted();
            Err(HitError::Interrupted.into())
        }
    }
}
