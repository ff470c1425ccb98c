//! Which files `hit test` runs: files as named, folders searched for `*.http` and `*.rest`
//! (hidden folders, `node_modules` and links to folders left out), glob patterns a shell did
//! not expand.

use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::error::usage;

/// The files to run, in the order named (a folder's and a pattern's in path order), each
/// once.
pub fn files(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    let here = [PathBuf::from(".")];
    let paths = if paths.is_empty() { &here[..] } else { paths };
    for path in paths {
        let text = path.to_string_lossy();
        let before = found.len();
        if path.is_dir() {
            search(path, &mut found)?;
            if found.len() == before {
                return Err(usage(format!(
                    "{}: no .http or .rest files in this folder",
                    path.display()
                )));
            }
        } else if path.exists() {
            found.push(path.clone());
        } else if text.contains(['*', '?', '[']) {
            pattern(&text, &mut found)?;
        } else {
            return Err(usage(format!("{}: no such file or folder", path.display())));
        }
    }
    let mut seen = std::collections::HashSet::new();
    found.retain(|path| seen.insert(path.clone()));
    // `./api.http` is `api.http`, as a user names it.
    Ok(found
        .into_iter()
        .map(|path| match path.strip_prefix(".") {
            Ok(inside) if !inside.as_os_str().is_empty() => inside.to_path_buf(),
            _ => path,
        })
        .collect())
}

/// A glob pattern's matching `.http`/`.rest` files, in path order.
fn pattern(text: &str, found: &mut Vec<PathBuf>) -> Result<()> {
    let matches = glob::glob(text).map_err(|err| usage(format!("{text}: {err}")))?;
    let before = found.len();
    for entry in matches {
        let path = entry.map_err(|err| usage(format!("{text}: {err}")))?;
        if path.is_file() && is_http_file(&path) {
            found.push(path);
        }
    }
    if found.len() == before {
        return Err(usage(format!("{text}: no .http or .rest files match")));
    }
    Ok(())
}

/// The `.http` and `.rest` files under `dir`, in path order.
fn search(dir: &Path, found: &mut Vec<PathBuf>) -> Result<()> {
    let read = std::fs::read_dir(dir)
        .map_err(|err| usage(crate::error::cannot_read(dir.display().to_string(), &err)))?;
    // A link to a folder is not followed: a link back up would list the files again and
    // again.
    let mut entries: Vec<_> = read
        .filter_map(|e| e.ok())
        .map(|e| (e.path(), e.file_type().is_ok_and(|t| t.is_dir())))
        .collect();
    entries.sort();
    for (path, is_dir) in entries {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        let name = name.unwrap_or_default();
        if is_dir {
            if !name.starts_with('.') && name != "node_modules" && name != "target" {
                search(&path, found)?;
            }
        } else if is_http_file(&path) {
            found.push(path);
        }
    }
    Ok(())
}

fn is_http_file(path: &Path) -> bool {
    path.extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case("http") || ext.eq_ignore_ascii_case("rest"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_are_searched_and_patterns_expanded() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for name in [
            "b.http",
            "a.rest",
            "notes.txt",
            "sub/c.http",
            ".hidden/d.http",
        ] {
            let path = root.join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "GET http://a/\n").unwrap();
        }
        let found = files(&[root.to_path_buf()]).unwrap();
        let names: Vec<_> = found
            .iter()
            .map(|p| p.strip_prefix(root).unwrap())
            .collect();
        assert_eq!(
            names,
            [
                Path::new("a.rest"),
                Path::new("b.http"),
                Path::new("sub/c.http")
            ]
        );
        let pattern = root.join("**/*.http");
        let found = files(&[pattern, root.join("b.http")]).unwrap();
        assert_eq!(found.len(), 3, "{found:?}");
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(root, root.join("sub/loop")).unwrap();
            assert_eq!(files(&[root.to_path_buf()]).unwrap().len(), 3);
        }
        let missing = files(&[root.join("nope.http")]).unwrap_err();
        assert!(format!("{missing}").ends_with("nope.http: no such file or folder"));
        let empty = files(&[root.join("*.json")]).unwrap_err();
        assert!(format!("{empty}").contains("no .http or .rest files match"));
    }
}
