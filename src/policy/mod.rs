//! Pure decisions, each owning its settings type and tested as tables: when to send again
//! (retry), where a redirect may go (redirect), what a response does to a file being saved
//! (download), which field of object pages `--paginate` merges (paginate), and the mistakes
//! found in a request before it is sent (lint).

pub mod download;
pub mod lint;
pub mod paginate;
pub mod redirect;
pub mod retry;
