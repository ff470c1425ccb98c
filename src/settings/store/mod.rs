//! Where profiles live and how they are read and written: one private TOML file each.

use std::fs;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow};

pub mod model;
pub mod oauth;

use crate::error::{io_reason, usage};
use crate::files::private;
use crate::files::special;
pub use model::{AuthConfig, AuthKind, Profile, SavedRequest, VERSION};

/// The profile used by `hit save` and `hit @NAME` when none is chosen.
pub const DEFAULT: &str = "default";

/// The largest profile file hit reads.
const PROFILE_LIMIT: u64 = 1 << 20;

/// How deep `extends` may go before hit suspects a mistake.
const MAX_EXTENDS: usize = 8;

/// The profile directory: `$HIT_CONFIG_DIR/profiles`, or the platform's config dir
/// (`~/.config/hit/profiles` on Linux).
pub struct Store {
    dir: PathBuf,
}

impl Store {
    pub fn open() -> Result<Store> {
        let root = crate::files::own_dir(
            "HIT_CONFIG_DIR",
            directories::ProjectDirs::config_dir,
            "profile store",
        )?;
        Ok(Store {
            dir: root.join("profiles"),
        })
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.join(format!("{name}.toml"))
    }

    /// The cookie jar a profile with `cookies = true` keeps beside it.
    pub fn jar(&self, name: &str) -> PathBuf {
        self.dir.join(format!("{name}.cookies"))
    }

    /// The names of the stored profiles, sorted.
    pub fn names(&self) -> Result<Vec<String>> {
        let entries = match fs::read_dir(&self.dir) {
            Ok(entries) => entries,
            Err(err) if err.kind() == ErrorKind::NotFound => return Ok(Vec::new()),
            Err(err) => {
                return Err(anyhow!(
                    "cannot read '{}': {}",
                    self.dir.display(),
                    io_reason(&err)
                ));
            }
        };
        let mut names: Vec<String> = entries
            .filter_map(|entry| entry.ok())
            .filter_map(|entry| {
                let name = entry.file_name().into_string().ok()?;
                let stem = name.strip_suffix(".toml")?;
                check_name(stem).is_ok().then(|| stem.to_string())
            })
            .collect();
        names.sort();
        Ok(names)
    }

    pub fn exists(&self, name: &str) -> bool {
        self.path(name).exists()
    }

    /// The profile as its file says, without `extends` applied.
    pub fn read(&self, name: &str) -> Result<Profile> {
        Ok(self.read_text(name)?.1)
    }

    /// The file's text and what it says.
    pub fn read_text(&self, name: &str) -> Result<(String, Profile)> {
        check_name(name)?;
        let path = self.path(name);
        // A FIFO or a device where the profile should be is refused, not waited on.
        let read = special::read_regular(&path, PROFILE_LIMIT).and_then(|bytes| {
            String::from_utf8(bytes)
                .map_err(|_| std::io::Error::new(ErrorKind::InvalidData, "it is not UTF-8 text"))
        });
        let text = match read {
            Ok(text) => text,
            Err(err) if err.kind() == ErrorKind::NotFound => return Err(self.missing(name)),
            Err(err) => {
                return Err(anyhow!(
                    "cannot read '{}': {}",
                    path.display(),
                    io_reason(&err)
                ));
            }
        };
        if let Some(mode) = private::exposed(&path)? {
            return Err(anyhow!(
                "profile '{name}' ({}) can be read by other users (mode {mode:o}), and it \
                 may hold credentials; make it private with: chmod 600 '{}'",
                path.display(),
                path.display()
            ));
        }
        let profile = parse(&text, &path)?;
        Ok((text, profile))
    }

    /// The profile with everything it extends applied.
    pub fn load(&self, name: &str) -> Result<Profile> {
        self.resolve(name, self.read(name)?)
    }

    /// `profile`, named `name`, with everything it extends applied: a profile that is
    /// missing, broken or part of a circle is an error.
    pub fn resolve(&self, name: &str, mut profile: Profile) -> Result<Profile> {
        let mut chain = vec![name.to_string()];
        let mut next = profile.extends.clone();
        while let Some(base) = next {
            if chain.contains(&base) {
                chain.push(base);
                return Err(usage(format!(
                    "profiles extend each other in a circle: {}",
                    chain.join(" → ")
                )));
            }
            if chain.len() > MAX_EXTENDS {
                return Err(usage(format!(
                    "profile '{name}' extends more than {MAX_EXTENDS} profiles deep"
                )));
            }
            let parent = self
                .read(&base)
                .with_context(|| format!("profile '{}' extends '{base}'", chain.last().unwrap()))?;
            chain.push(base);
            next = parent.extends.clone();
            // The result keeps the name of the profile it extends directly.
            profile = profile.over(parent);
        }
        Ok(profile)
    }

    /// Writes the file atomically, 0600 in a 0700 directory.
    pub fn write_text(&self, name: &str, text: &str) -> Result<()> {
        check_name(name)?;
        let path = self.path(name);
        private::write(&path, text.as_bytes())
            .map_err(|err| anyhow!("cannot write '{}': {}", path.display(), io_reason(&err)))
    }

    pub fn write(&self, name: &str, profile: &Profile) -> Result<()> {
        let text = toml::to_string_pretty(profile)?;
        self.write_text(name, &text)
    }

    /// Held while a profile is read, changed and written, so that two `hit save` running
    /// at once both land.
    pub fn lock(&self) -> Result<private::Lock> {
        let path = self.dir.join(".lock");
        private::Lock::acquire(&path)
            .map_err(|err| anyhow!("cannot lock '{}': {}", path.display(), io_reason(&err)))
    }

    pub fn remove(&self, name: &str) -> Result<()> {
        check_name(name)?;
        if !self.exists(name) {
            return Err(self.missing(name));
        }
        let path = self.path(name);
        fs::remove_file(&path)
            .map_err(|err| anyhow!("cannot remove '{}': {}", path.display(), io_reason(&err)))?;
        let _ = fs::remove_file(self.jar(name));
        Ok(())
    }

    /// Exit 2, naming the profiles there are.
    pub fn missing(&self, name: &str) -> anyhow::Error {
        let names = self.names().unwrap_or_default();
        let known = if names.is_empty() {
            format!("there are none yet (hit profile add {name} --base-url URL creates it)")
        } else {
            format!("the profiles are: {}", names.join(", "))
        };
        usage(format!("no profile named '{name}'; {known}"))
    }
}

/// Reads a profile's text; a mistake names the file, line, column and problem.
pub fn parse(text: &str, path: &Path) -> Result<Profile> {
    let profile: Profile = toml::from_str(text).map_err(|err| {
        let (line, column) = err
            .span()
            .map(|span| line_column(text, span.start))
            .unwrap_or((1, 1));
        let message = err.message().trim_end().replace('\n', "; ");
        anyhow!("{}:{line}:{column}: {message}", path.display())
    })?;
    profile
        .check()
        .map_err(|why| anyhow!("{}: {why}", path.display()))?;
    if profile.version > VERSION {
        return Err(anyhow!(
            "{}: version {} is newer than this hit reads ({VERSION}); upgrade hit",
            path.display(),
            profile.version
        ));
    }
    Ok(profile)
}

/// 1-based line and column (in characters) of a byte offset.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[start..].chars().count() + 1)
}

/// A profile name becomes a file name: letters, digits, `-`, `_` and `.`, not starting
/// with a dot, at most 64 characters.
pub fn check_name(name: &str) -> Result<()> {
    let valid = !name.is_empty()
        && name.len() <= 64
        && !name.starts_with('.')
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'));
    if valid {
        return Ok(());
    }
    Err(usage(format!(
        "'{}' cannot be a profile name: use letters, digits, '-', '_' and '.', not starting \
         with a dot",
        name.escape_debug()
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        for good in ["gh", "gh-staging", "api_v2", "a.b"] {
            assert!(check_name(good).is_ok(), "{good}");
        }
        for bad in [
            "",
            "..",
            ".hidden",
            "a/b",
            "a\\b",
            "a b",
            "a\nb",
            "é",
            &"x".repeat(65),
        ] {
            assert!(check_name(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn errors_name_line_and_column() {
        let text = "base_url = \"https://x\"\nretry = { retries = \"three\" }\n";
        let err = parse(text, Path::new("p.toml")).unwrap_err().to_string();
        assert!(err.starts_with("p.toml:2:"), "{err}");
        let err = parse("colour = 1\n", Path::new("p.toml"))
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("p.toml:1:1: unknown field `colour`"),
            "{err}"
        );
    }

    #[test]
    fn round_trip_keeps_order() {
        let text = "base_url = \"https://x/\"\n\n[headers]\nZ = \"1\"\nA = \"2\"\n";
        let profile = parse(text, Path::new("p.toml")).unwrap();
        let names: Vec<_> = profile.headers.keys().cloned().collect();
        assert_eq!(names, ["Z", "A"]);
        let again = parse(&toml::to_string_pretty(&profile).unwrap(), Path::new("p")).unwrap();
        assert_eq!(again.headers, profile.headers);
    }
}
