//! `--jq`, `--check` and their variables: the jq language over a JSON response (crate::jq).

use clap::Args;

/// Filter and check the JSON body.
#[derive(Args, Debug, Clone, Default)]
pub struct FilterArgs {
    /// Run a jq FILTER over the JSON body (each NDJSON value with --stream) and print what it
    /// gives: --jq '.items[].id'
    #[arg(long, value_name = "FILTER", help_heading = "Filter and check")]
    pub jq: Option<String>,

    /// With --jq, print strings without quotes, as jq -r does
    #[arg(long, requires = "jq", help_heading = "Filter and check")]
    pub raw_output: bool,

    /// Exit 1 unless the jq EXPR is true of the JSON body; repeatable: --check '.ok'
    #[arg(long, value_name = "EXPR", help_heading = "Filter and check")]
    pub check: Vec<String>,

    /// $NAME is the string VALUE in --jq and --check
    #[arg(long, num_args = 2, value_names = ["NAME", "VALUE"], help_heading = "Filter and check")]
    pub arg: Vec<String>,

    /// $NAME is the JSON value in --jq and --check
    #[arg(long, num_args = 2, value_names = ["NAME", "JSON"], help_heading = "Filter and check")]
    pub argjson: Vec<String>,
}
