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

/// man indents a section's lines by 7 columns: a literal line (between `.nf` and `.fi`)
/// fits an 80-column terminal when it has at most 73 characters.
const LITERAL_WIDTH: usize = 80 - 7;

/// A roff line as man shows it: its escapes as the characters they stand for.
fn shown(line: &str) -> String {
    line.replace("\\*(Aq", "'")
        .replace("\\(aq", "'")
        .replace("\\-", "-")
        .replace("\\&", "")
        .replace("\\e", "\\")
        .replace("\\\\", "\\")
}

#[test]
fn the_man_page_literal_lines_fit_80_columns() {
    let run = hit(&["--generate", "man"]).run();
    run.success();
    let page = run.stdout();
    let mut literal = false;
    let mut section = "";
    let mut wide = Vec::new();
    for line in page.lines() {
        match line {
            ".nf" => literal = true,
            ".fi" => literal = false,
            _ if line.starts_with(".SH ") => section = line,
            _ if literal && shown(line).chars().count() > LITERAL_WIDTH => {
                wide.push(format!("{section}: {}", shown(line)));
            }
            _ => {}
        }
    }
    assert!(
        wide.is_empty(),
        "wider than {LITERAL_WIDTH}:\n{}",
        wide.join("\n")
    );
}

#[test]
fn the_man_page_has_environment_and_files() {
    let run = hit(&["--generate", "man"]).run();
    let page = run.stdout();
    let sections: Vec<&str> = page.lines().filter(|l| l.starts_with(".SH ")).collect();
    for section in [".SH COMMANDS", ".SH ENVIRONMENT", ".SH FILES"] {
        assert!(sections.contains(&section), "{sections:?}");
    }
    for name in [
        "HIT_PROFILE",
        "HIT_CONFIG_DIR",
        "NO_COLOR",
        "FORCE_COLOR",
        "http_proxy",
        "https_proxy",
        "all_proxy",
        "no_proxy",
        "socks5h://",
        "COMPLETE",
        "NAME.cookies",
        "http\\-client.env.json",
    ] {
        assert!(page.contains(name), "no {name} in the man page");
    }
}

/// What the committed bash script offers for `words` (the last one is being typed), run
/// in `dir`.
fn bash_completes(dir: &Path, words: &[&str]) -> Vec<String> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("completions/hit.bash");
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let line = format!(
        "source '{}'; COMP_WORDS=({}); COMP_CWORD={}; _hit hit '{}' '{}'; \
         printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        script.display(),
        quoted.join(" "),
        words.len() - 1,
        words[words.len() - 1],
        words[words.len() - 2],
    );
    let out = std::process::Command::new("bash")
        .arg("-c")
        .arg(line)
        .current_dir(dir)
        .output()
        .expect("run bash");
    let mut offered: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_string)
        .collect();
    offered.sort();
    offered
}

#[test]
fn the_static_scripts_complete_http_files_after_run() {
    let dir = tempfile::tempdir().unwrap();
    for file in ["api.http", "other.rest", "notes.txt"] {
        std::fs::write(dir.path().join(file), "").unwrap();
    }
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    assert_eq!(
        bash_completes(dir.path(), &["hit", "run", ""]),
        ["api.http", "other.rest", "sub"]
    );
    assert_eq!(
        bash_completes(dir.path(), &["hit", "run", "a"]),
        ["api.http"]
    );
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let zsh = std::fs::read_to_string(root.join("completions/_hit")).unwrap();
    assert!(zsh.contains(r#"_files -g "*.(http|rest)""#), "zsh");
    let fish = std::fs::read_to_string(root.join("completions/hit.fish")).unwrap();
    assert!(fish.contains(r"(?:\.http|\.rest|/)"), "fish");
}

#[test]
fn zsh_completes_the_commands() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let zsh = std::fs::read_to_string(root.join("completions/_hit")).unwrap();
    for command in ["serve", "explain", "run", "profile", "save"] {
        assert!(
            zsh.contains(&format!("            '{command}:")),
            "{command}"
        );
    }
    // Each command's own options: hit serve --port.
    assert!(zsh.contains("'--port=["), "hit serve's options");
}
