//! The imported requests (`# @import ./auth.http`) a `hit test` run sends once and every
//! file reuses: a login is sent for the first file that uses it, and the files after it
//! (or running at the same time, which wait for it) take its response, the cookies it set
//! and its captures.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use tokio::sync::OnceCell;

use super::env::Environment;
use super::parse::Request;
use super::plan::Plan;
use super::runner::Run;
use super::tally::Tally;
use crate::error::Exit;
use crate::exchange::Kept;
use crate::output::Printer;

/// The imported requests sent so far in a run, by file, request and environment.
#[derive(Default)]
pub struct SharedImports {
    sent: RefCell<HashMap<String, Rc<OnceCell<Sent>>>>,
}

/// What an imported request came to, for the files that reuse it.
struct Sent {
    code: Exit,
    /// Its response, when a request uses it by name.
    kept: Option<Kept>,
    /// Its `# @capture` values.
    captured: Vec<(String, String)>,
}

/// An environment as a key: the same login under another data row is another login.
pub fn env_key(env: &Environment) -> String {
    let mut pairs: Vec<String> = env
        .values
        .iter()
        .chain(&env.given)
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    pairs.sort_unstable();
    pairs.join("\n")
}

impl Run<'_> {
    /// Sends the imported request once for the whole run, or takes what it came to in
    /// another file; the exit code it counts for in this file (a reused failure skips the
    /// requests that use it without failing here again).
    pub(super) async fn shared_step(
        &self,
        shared: &SharedImports,
        plan: &Plan<'_>,
        imported: &Request,
        tally: &mut Tally,
        printer: &mut Printer,
    ) -> Exit {
        let key = format!("{}:{}\n{}", plan.file_name(), imported.line(), self.env_key);
        let cell = shared.sent.borrow_mut().entry(key).or_default().clone();
        let mut here = None;
        let sent = cell
            .get_or_init(|| async {
                let code = self.step(plan, imported, true, tally, printer).await;
                here = Some(code);
                // Passed over (it uses one that failed): a failure for the files that reuse it.
                let passed_over = imported
                    .name
                    .as_ref()
                    .is_some_and(|n| tally.failed.contains(n))
                    || imported
                        .directives
                        .captures
                        .iter()
                        .any(|c| tally.failed_capture(&c.name).is_some());
                let code = if passed_over { Exit::Failure } else { code };
                let kept = imported
                    .name
                    .as_ref()
                    .and_then(|n| tally.kept.get(n).cloned());
                let values = plan.captured.borrow();
                let captures = imported.directives.captures.iter();
                let captured = captures
                    .filter_map(|c| Some((c.name.clone(), values.get(&c.name)?.clone())))
                    .collect();
                Sent {
                    code,
                    kept,
                    captured,
                }
            })
            .await;
        if let Some(code) = here {
            return code;
        }
        if sent.code == Exit::Success {
            if let (Some(name), Some(kept)) = (&imported.name, &sent.kept) {
                tally.kept.insert(name.clone(), kept.clone());
                // A session the login opened is this file's too.
                if let (Some(url), false) = (&kept.url, imported.no_cookie_jar) {
                    self.jar.borrow_mut().store(url, &kept.headers);
                }
            }
            plan.captured
                .borrow_mut()
                .extend(sent.captured.iter().cloned());
        } else {
            tally.failed.extend(imported.name.clone());
            tally.not_captured(imported);
        }
        Exit::Success
    }
}
