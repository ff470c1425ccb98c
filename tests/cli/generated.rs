//! The committed completions and man page match what `hit --generate` prints.
//! `HIT_REGENERATE=1 cargo test generated` rewrites them.

use std::path::Path;

use crate::support::hit;

const FILES: &[(&str, &str)] = &[
    ("bash", "completions/hit.bash"),
    ("zsh", "completions/_hit"),
    ("fish", "completions/hit.fish"),
    ("powershell", "completions/_hit.ps1"),
    ("elvish", "completions/hit.elv"),
    ("man", "man/hit.1"),
];

#[test]
fn completions_and_man_page_are_up_to_date() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let regenerate = std::env::var_os("HIT_REGENERATE").is_some();
    for (kind, file) in FILES {
        let run = hit(&["--generate", kind]).run();
        run.success();
        assert!(!run.stdout.is_empty(), "{kind}");
        let path = root.join(file);
        if regenerate {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &run.stdout).unwrap();
            continue;
        }
        let committed = std::fs::read(&path).unwrap_or_default();
        assert!(
            committed == run.stdout,
            "{file} is stale; run: HIT_REGENERATE=1 cargo test generated"
        );
    }
}
