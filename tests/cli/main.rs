//! Integration tests: the real `hit` binary against real servers on 127.0.0.1.

#[path = "../support/mod.rs"]
mod support;

mod auth_schemes;
mod bodies;
#[cfg(feature = "jq")]
mod checks;
mod cookie_files;
mod cookie_rules;
mod cookies;
mod curl_commands;
mod curl_compat;
mod curl_export;
mod curl_options;
mod decoding;
mod downloads;
mod exchange;
mod exit_codes;
mod explain_websocket;
mod failures;
#[cfg(feature = "jq")]
mod filter;
#[cfg(feature = "jq")]
mod filter_limits;
mod generated;
mod habits;
mod httpfile;
mod httpfile_directives;
mod httpfile_format;
mod httpfile_output;
mod httpfile_run;
#[cfg(feature = "scripts")]
mod httpfile_scripts;
mod httpfile_sources;
mod httpfile_vars;
mod items;
mod learn;
mod machine;
mod misleading;
mod modes;
mod netrc;
mod oauth;
mod oauth_independent;
mod oauth_login;
mod oauth_oauthlib;
#[cfg(feature = "serve")]
mod oauth_serve;
mod openapi_calls;
mod openapi_profiles;
mod output;
mod paginate;
mod paginate_objects;
mod profiles;
mod profiles_broken;
mod profiles_more;
mod proxies;
#[cfg(feature = "serve")]
mod readme_exits;
mod redaction;
mod redirects;
mod requests;
mod retries;
mod run_websocket;
mod saved;
mod saved_more;
mod secret_inputs;
#[cfg(feature = "serve")]
mod serve;
#[cfg(feature = "serve")]
mod serve_files;
#[cfg(feature = "serve")]
mod serve_limits;
#[cfg(feature = "serve")]
mod serve_oauth;
#[cfg(feature = "serve")]
mod serve_oauth_limits;
#[cfg(feature = "serve")]
mod serve_oauth_tokens;
#[cfg(feature = "serve")]
mod serve_openapi;
#[cfg(feature = "serve")]
mod serve_tools;
#[cfg(feature = "serve")]
mod serve_ws;
mod snapshots;
mod socks;
mod sse_events;
mod stdin;
mod suite_reports;
mod suite_secrets;
mod suites;
mod switching;
mod timing;
mod tls;
#[cfg(all(feature = "jq", feature = "serve"))]
mod walkthrough;
mod websocket;
#[cfg(feature = "serve")]
mod websocket_serve;
mod without_features;
