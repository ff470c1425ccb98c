//! The bodies of `--paginate`'s pages, merged into one document: array pages element by
//! element as they stream, object pages by the items array that `--paginate-field` names
//! or that is found (`policy::paginate::choose`). The other fields of an object page
//! describe that page alone (its number, a cursor, a count) and are left out: the document
//! is the items, one array, whatever the shape of the pages.

use anyhow::{Result, anyhow};
use reqwest::header::CONTENT_TYPE;

use crate::http::header_text;
use crate::http::media::is_json_body;
use crate::output::{DOCUMENT_BODY_LIMIT, Merged, Printer};
use crate::policy::paginate::{self, FieldPath, ItemsChoice};
use crate::transport::Incoming;

/// The merged document, and what is known of the pages' shape.
pub(super) struct Pages {
    pub merged: Merged,
    /// The items field of object pages, given or found.
    field: Option<FieldPath>,
    /// `--paginate-field` was given: a page without it is an error.
    given: bool,
    /// The first object page, held until the second says which of its arrays changes.
    held: Option<Held>,
    /// Object pages whose items field could not be found: shown as they come.
    unmerged: bool,
}

struct Held {
    body: Vec<u8>,
    content_type: Option<String>,
    names: Vec<String>,
}

impl Pages {
    pub fn new(merged: Merged, field: Option<FieldPath>) -> Pages {
        Pages {
            merged,
            given: field.is_some(),
            field,
            held: None,
            unmerged: false,
        }
    }

    /// Adds one page's body (page number `page`, from `url`); returns its size.
    pub async fn add(
        &mut self,
        incoming: &mut Incoming,
        page: u32,
        url: &str,
        printer: &mut Printer,
    ) -> Result<u64> {
        let content_type = header_text(&incoming.head.headers, CONTENT_TYPE);
        let Some(first) = incoming.chunk().await? else {
            return Ok(0);
        };
        let object = is_json_body(content_type.as_deref(), &first)
            && first.trim_ascii_start().first() == Some(&b'{');
        let this_page = || format!("page {page} ({url})");
        if !object || (self.unmerged && !self.given) {
            if self.given {
                return Err(anyhow!(
                    "{}: not a JSON object with {}",
                    this_page(),
                    self.field.as_ref().expect("given")
                ));
            }
            self.release(printer)?;
            return printer.page_body(&mut self.merged, incoming, first).await;
        }
        let mut body = first.to_vec();
        let (rest, size) = incoming
            .read_up_to(DOCUMENT_BODY_LIMIT - body.len())
            .await?;
        let Some(rest) = rest else {
            return Err(anyhow!(
                "{}: an object page over {} MiB, the most hit holds to take its items from; \
                 save the pages one by one with -o",
                this_page(),
                DOCUMENT_BODY_LIMIT >> 20
            ));
        };
        body.extend_from_slice(&rest);
        let size = size + first.len() as u64;
        self.object_page(body, content_type.as_deref(), &this_page(), printer)?;
        Ok(size)
    }

    /// Adds an object page, held whole: its items, once the field is known.
    fn object_page(
        &mut self,
        body: Vec<u8>,
        content_type: Option<&str>,
        this_page: &str,
        printer: &mut Printer,
    ) -> Result<()> {
        if let Some(field) = &self.field {
            let items = paginate::array_at(&body, field).map_err(|why| {
                let source = if self.given {
                    format!("--paginate-field {field}")
                } else {
                    format!("the earlier pages had their items in {field}")
                };
                anyhow!("{}: {why} ({source})", this_page)
            })?;
            printer.merged_array(&mut self.merged, items.as_bytes(), content_type)?;
            return Ok(());
        }
        let held = self.held.take();
        match paginate::choose(
            held.as_ref().map_or(&body, |held| &held.body),
            held.as_ref().map(|_| body.as_slice()),
        ) {
            ItemsChoice::Field(field) => {
                if let Some(held) = &held {
                    let items = paginate::array_at(&held.body, &field).map_err(|e| anyhow!(e))?;
                    let held_type = held.content_type.as_deref();
                    printer.merged_array(&mut self.merged, items.as_bytes(), held_type)?;
                }
                // The field may be missing from this page (the first told): it has no items.
                if let Ok(items) = paginate::array_at(&body, &field) {
                    printer.merged_array(&mut self.merged, items.as_bytes(), content_type)?;
                }
                self.field = Some(field);
            }
            ItemsChoice::Wait(names) => {
                self.held = Some(Held {
                    body,
                    content_type: content_type.map(str::to_string),
                    names,
                });
            }
            ItemsChoice::Nothing if held.is_none() => {
                printer.unmerged_page(&mut self.merged, &body, content_type)?;
            }
            ItemsChoice::Nothing | ItemsChoice::Unclear(_) => {
                self.held = held;
                self.release(printer)?;
                printer.unmerged_page(&mut self.merged, &body, content_type)?;
            }
        }
        Ok(())
    }

    /// No more pages: the document is closed (a held page is shown as it came).
    pub fn end(&mut self, printer: &mut Printer) -> Result<()> {
        self.release(printer)?;
        printer.end_merged(&mut self.merged)
    }

    /// A held page whose items field was not found is shown as it came, with a warning
    /// that says how to name the field; later object pages are shown as they come too.
    fn release(&mut self, printer: &mut Printer) -> Result<()> {
        let Some(held) = self.held.take() else {
            return Ok(());
        };
        self.unmerged = true;
        let example = format!(".{}", held.names[0]);
        printer.warning(&format!(
            "the pages are objects with several arrays ({}), and not just one of them \
             changes from page to page; the pages are shown as they came \
             (--paginate-field {example} merges that one)",
            held.names.join(", ")
        ));
        printer.unmerged_page(&mut self.merged, &held.body, held.content_type.as_deref())
    }
}
