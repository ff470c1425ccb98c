//! A profile's secrets, fetched when a request needs them: from the environment, or from a
//! command such as `gh auth token`. Their values are never written or printed.

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::Duration;

use anyhow::{Result, anyhow};
use wait_timeout::ChildExt;

use super::Auth;
use super::store::{AuthConfig, AuthKind};
use crate::error::usage;
use crate::http::duration::human;

/// How long `token_cmd` may take.
const COMMAND_TIMEOUT: Duration = Duration::from_secs(10);

/// The most `token_cmd` may print: a token is far shorter, and `yes` would never end.
const OUTPUT_LIMIT: u64 = 64 * 1024;

/// The credentials a profile's `[auth]` names (reading it checked that it names some).
pub fn auth(profile: &str, config: &AuthConfig) -> Result<Auth> {
    match config.kind {
        AuthKind::Bearer => {
            let token = if let Some(var) = &config.token_env {
                variable(profile, "token_env", var)?
            } else if let Some(command) = &config.token_cmd {
                run(profile, "token_cmd", command)?
            } else {
                config.token.clone().unwrap_or_default()
            };
            Ok(Auth::Bearer(token))
        }
        AuthKind::Basic => {
            let user = config.user.clone().unwrap_or_default();
            let password = if let Some(var) = &config.password_env {
                variable(profile, "password_env", var)?
            } else if let Some(command) = &config.token_cmd {
                run(profile, "token_cmd", command)?
            } else {
                config.password.clone().unwrap_or_default()
            };
            Ok(Auth::Basic { user, password })
        }
        // Its token comes from the authorization server, at send time (crate::oauth).
        AuthKind::OAuth2 => Err(anyhow!(
            "profile '{profile}': an OAuth token is not a credential read from the profile"
        )),
    }
}

/// A secret given by reference: the variable named by `env` (the key `env_key`), else
/// the output of the command `cmd` (the key `cmd_key`); `None` when neither is given.
pub fn by_reference(
    profile: &str,
    (env_key, env): (&str, Option<&str>),
    (cmd_key, cmd): (&str, Option<&str>),
) -> Result<Option<String>> {
    match (env, cmd) {
        (Some(var), _) => variable(profile, env_key, var).map(Some),
        (None, Some(command)) => run(profile, cmd_key, command).map(Some),
        (None, None) => Ok(None),
    }
}

/// The secret of `credentials` and the variable it came from, when `config` names one.
pub fn variables(config: &AuthConfig, credentials: &Auth) -> Option<(String, String)> {
    match credentials {
        Auth::Bearer(token) => Some((token.clone(), config.token_env.clone()?)),
        Auth::Basic { password, .. } => Some((password.clone(), config.password_env.clone()?)),
        Auth::OAuth2(_) => None,
    }
}

/// The value of an environment variable a profile names; a missing one is exit 2.
pub fn variable(profile: &str, key: &str, name: &str) -> Result<String> {
    match std::env::var(name) {
        Ok(value) if !value.is_empty() => Ok(value),
        Ok(_) => Err(usage(format!(
            "profile '{profile}' takes a secret from ${name} ({key}), and it is empty"
        ))),
        Err(std::env::VarError::NotPresent) => Err(usage(format!(
            "profile '{profile}' takes a secret from ${name} ({key}), and it is not set"
        ))),
        Err(std::env::VarError::NotUnicode(_)) => Err(usage(format!(
            "profile '{profile}': ${name} ({key}) is not valid UTF-8"
        ))),
    }
}

/// Runs `command` through the shell; its trimmed stdout is the secret. A failure names the
/// command and how it ended, never what it printed.
fn run(profile: &str, key: &str, command: &str) -> Result<String> {
    let failed = |why: String| anyhow!("profile '{profile}': {key} '{command}' {why}");
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(command)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|err| failed(format!("could not start: {err}")))?;
    let stdout = child.stdout.take().expect("stdout is piped");
    // Read beside the wait, so that a command printing more than a pipe holds cannot block.
    // One byte past the limit tells that it printed too much; the reader then lets go of
    // the pipe, so what keeps writing to it ends on SIGPIPE.
    let (sender, output) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut out = Vec::new();
        let read = stdout.take(OUTPUT_LIMIT + 1).read_to_end(&mut out);
        let _ = sender.send(read.map(|_| out));
    });
    let deadline = std::time::Instant::now() + COMMAND_TIMEOUT;
    let took_too_long = || {
        failed(format!(
            "took longer than {} and was stopped",
            human(COMMAND_TIMEOUT)
        ))
    };
    let out = match output.recv_timeout(COMMAND_TIMEOUT) {
        Ok(Ok(out)) if out.len() as u64 > OUTPUT_LIMIT => {
            stop(&mut child);
            return Err(failed(format!(
                "printed more than {} KiB, more than a token; it was stopped",
                OUTPUT_LIMIT / 1024
            )));
        }
        Ok(Ok(out)) => out,
        Ok(Err(err)) => {
            stop(&mut child);
            return Err(failed(format!("could not be read: {err}")));
        }
        // Still running, or it ended and something it started holds its output open.
        Err(_) => match child.try_wait() {
            Ok(Some(status)) if status.success() => {
                return Err(failed(format!(
                    "left its output open for longer than {} (a process in the background?)",
                    human(COMMAND_TIMEOUT)
                )));
            }
            Ok(Some(status)) => return Err(failed(ending(status))),
            _ => {
                stop(&mut child);
                return Err(took_too_long());
            }
        },
    };
    let left = deadline.saturating_duration_since(std::time::Instant::now());
    let status = match child.wait_timeout(left) {
        Ok(Some(status)) => status,
        Ok(None) => {
            stop(&mut child);
            return Err(took_too_long());
        }
        Err(err) => return Err(failed(format!("could not be waited for: {err}"))),
    };
    if !status.success() {
        return Err(failed(ending(status)));
    }
    let text = String::from_utf8(out).map_err(|_| failed("printed something not UTF-8".into()))?;
    let token = text.trim();
    if token.is_empty() {
        return Err(failed("printed nothing".into()));
    }
    Ok(token.to_string())
}

/// `exited with status 3`, `was killed by a signal`.
fn ending(status: std::process::ExitStatus) -> String {
    match status.code() {
        Some(code) => format!("exited with status {code}"),
        None => "was killed by a signal".to_string(),
    }
}

/// Kills the command and reaps it, so that no process is left behind.
fn stop(child: &mut std::process::Child) {
    let _ = child.kill();
    let _ = child.wait();
}
