//! `hit serve`'s command line.

use clap::Parser;

/// `hit serve [--port N] [--host ADDRESS] [--openapi FILE [--seed N]]`
#[derive(Parser, Debug)]
#[command(
    name = "serve",
    bin_name = "hit serve",
    about = "Serve a practice HTTP API on loopback: /users, /products, /orders and tools to try \
             every HTTP method and status on; or, with --openapi, a mock of any API's OpenAPI \
             document",
    after_help = "Examples:\n  hit serve\n  hit :8080/products category==shoes sort==-price\n  \
                  hit POST :8080/orders item=book qty:=2\n  hit --retry 3 :8080/flaky\n  \
                  hit :8080/.well-known/openid-configuration\n  \
                  hit serve --openapi petstore.yaml --seed 7\n\n\
                  The same port serves a practice OAuth 2.0 authorization server\n\
                  (hit explain oauth). HIT_SERVE_TOKEN_TTL=SECONDS sets how long its\n\
                  access tokens live (60 by default)."
)]
pub struct ServeArgs {
    /// Port to listen on; 0 picks a free one
    #[arg(long, default_value_t = 8080, value_name = "N")]
    pub port: u16,
    /// Loopback address to listen on: 127.0.0.1 (or another 127.x address), ::1 or localhost
    #[arg(long, default_value = "127.0.0.1", value_name = "ADDRESS")]
    pub host: String,
    /// Serve a mock of this OpenAPI 3.0 or 3.1 document (JSON or YAML) instead of the practice
    /// API: its examples, else values made from its schemas; requests checked against it
    #[arg(long, value_name = "FILE")]
    pub openapi: Option<String>,
    /// With --openapi: the seed of the values made from schemas (the same seed, the same
    /// answers)
    #[arg(long, value_name = "N", default_value_t = 0, requires = "openapi")]
    pub seed: u64,
}
