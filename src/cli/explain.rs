//! `hit explain`'s command line.

use clap::Parser;

/// `hit explain [TOPIC ...]`
#[derive(Parser, Debug)]
#[command(
    name = "explain",
    bin_name = "hit explain",
    about = "Explain a method, a status code, a header or an idea of HTTP, with its RFC section",
    after_help = "Examples:\n  hit explain\n  hit explain POST\n  hit explain 429\n  \
                  hit explain Retry-After\n  hit explain get vs post"
)]
pub struct ExplainArgs {
    /// What to explain: GET, 404, 4xx, ETag, idempotency, ... (without it, the topics)
    #[arg(value_name = "TOPIC")]
    pub topic: Vec<String>,
}
