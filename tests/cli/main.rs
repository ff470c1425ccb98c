//! Integration tests: the real `hit` binary against real servers on 127.0.0.1.

#[path = "../support/mod.rs"]
mod support;

mod auth_schemes;
mod bodies;
mod cookies;
mod curl_compat;
mod curl_export;
mod curl_options;
mod decoding;
mod downloads;
mod exchange;
mod exit_codes;
mod failures;
mod filter;
mod generated;
mod habits;
mod httpfile;
mod httpfile_output;
mod httpfile_vars;
mod items;
mod learn;
mod machine;
mod misleading;
mod modes;
mod output;
mod paginate;
mod profiles;
mod profiles_broken;
mod profiles_more;
mod proxies;
mod redaction;
mod redirects;
mod requests;
mod retries;
mod saved;
mod saved_more;
mod serve;
mod serve_limits;
mod serve_tools;
mod stdin;
mod tls;
mod walkthrough;
