//! The stand-in for the jq engine in a build without the `jq` feature (`cargo build
//! --no-default-features`): `--jq` and `--check` stay defined (the help is the same in every
//! build) and are refused, before anything is sent, with one line that says why.

/// A user's variable: `--arg NAME VALUE` or `--argjson NAME JSON`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    Str(String),
    Json(String),
}

/// A compiled `--jq` filter: none can be made in this build.
pub enum Program {}

/// A compiled `--check`: none can be made in this build.
#[derive(Clone)]
pub enum Check {}

impl Program {
    pub fn compile(_filter: &str, _args: &[(String, Arg)]) -> anyhow::Result<Program> {
        Err(left_out("--jq"))
    }
}

impl Check {
    pub fn compile(_expr: &str, _args: &[(String, Arg)]) -> anyhow::Result<Check> {
        Err(left_out("--check"))
    }

    pub fn compile_as(label: &str, _expr: &str, _args: &[(String, Arg)]) -> anyhow::Result<Check> {
        Err(left_out(label))
    }

    pub fn names_status(&self) -> bool {
        match *self {}
    }

    pub fn text(&self) -> &str {
        match *self {}
    }
}

/// A compiled `# @capture`: a `.http` file with one is refused when it is read.
pub enum Capture {}

impl Capture {
    pub fn compile(_label: &str, _code: &str) -> anyhow::Result<Capture> {
        Err(left_out("@capture"))
    }
}

/// `--argjson` values are read by the engine this build leaves out: `--jq` or `--check`
/// refuses first.
pub fn check_argjson(_name: &str, _text: &str) -> anyhow::Result<()> {
    Ok(())
}

/// No check can be given in this build, so none assigns.
pub fn assigns(_check: &str) -> bool {
    false
}

/// `--jq: this build of hit was built without jq ...`.
pub fn left_out(flag: &str) -> anyhow::Error {
    anyhow::anyhow!(
        "{flag}: this build of hit was built without jq (the cargo feature 'jq'); \
         a default build has it"
    )
}

/// What a filter hands on; none runs in this build.
pub enum Piece {
    Json,
    Text,
    Stderr,
}
