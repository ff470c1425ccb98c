//! Cookie jars in the Netscape format curl reads and writes (`-b FILE`, `-c FILE`, a
//! profile's `cookies = true`), so that one jar serves both tools. Which cookie goes to
//! which URL (domain, path, expiry, `Secure`) is cookie_store's matching (RFC 6265).

use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::{Result, anyhow};
use cookie_store::{CookieDomain, CookieExpiration, CookieStore, RawCookie};
use reqwest::Url;
use reqwest::header::{HeaderMap, SET_COOKIE};

use crate::error::io_reason;
use crate::files::special;
use crate::http::PreparedRequest;
use crate::request::Notices;
use crate::settings::CookieFiles;

/// The first line curl writes, and the ones it explains itself with.
const HEADER: &str = "# Netscape HTTP Cookie File\n\
                      # https://curl.se/docs/http-cookies.html\n\
                      # This file was written by hit. Edit at your own risk.\n\n";

/// curl marks an HttpOnly cookie by prefixing its domain.
const HTTP_ONLY: &str = "#HttpOnly_";

/// The largest jar hit reads: browsers keep a few thousand cookies of at most 4 KiB.
const JAR_LIMIT: u64 = 64 << 20;

#[derive(Default)]
pub struct Jar {
    store: CookieStore,
}

/// Whether `-c PATH` means stdout: `-`, as in curl, or the file stdout already writes to
/// (`/dev/stdout`), so that the jar follows the response there instead of preceding it.
pub fn goes_to_stdout(path: &Path) -> bool {
    path == Path::new("-") || special::is_stdout(path)
}

impl Jar {
    /// The cookies of every file to read. A file that does not exist yet is an empty jar;
    /// a FIFO or a device is read for a bounded time and size; a profile's own jar must be
    /// a regular file. A line that cannot be a cookie is skipped with one warning per file
    /// naming the first such line.
    pub fn load(files: &CookieFiles, notices: &mut dyn Notices) -> Result<Jar> {
        let mut jar = Jar::default();
        for path in &files.read {
            // `-b -`: stdin, as curl reads it.
            let source = if path == Path::new("-") {
                Path::new("/dev/stdin")
            } else {
                path.as_path()
            };
            let read = if files.profile_jar {
                special::read_regular(source, JAR_LIMIT)
            } else {
                special::read(source, JAR_LIMIT, special::WAIT)
            };
            let bytes = match read {
                Ok(bytes) => bytes,
                Err(err) if err.kind() == std::io::ErrorKind::NotFound => continue,
                Err(err) => {
                    return Err(anyhow!(
                        "cannot read the cookie file '{}': {}",
                        path.display(),
                        io_reason(&err)
                    ));
                }
            };
            let text = String::from_utf8_lossy(&bytes);
            let skipped: Vec<(usize, &'static str)> = text
                .split('\n')
                .enumerate()
                .filter_map(|(at, line)| jar.add_line(line).err().map(|why| (at + 1, why)))
                .collect();
            if let Some(&(line, why)) = skipped.first() {
                let more = match skipped.len() - 1 {
                    0 => String::new(),
                    1 => " (and 1 more such line)".to_string(),
                    n => format!(" (and {n} more such lines)"),
                };
                notices.warning(&format!(
                    "{}:{line}: skipped a line that is not a cookie: {why}{more}",
                    path.display()
                ));
            }
        }
        Ok(jar)
    }

    /// One Netscape line: domain, subdomains too, path, secure, expiry, name, value (curl
    /// also writes a line without its empty value's tab). Comments, blank lines and expired
    /// cookies are passed over; a line that cannot be a cookie says why.
    fn add_line(&mut self, line: &str) -> Result<(), &'static str> {
        let line = line.strip_suffix('\r').unwrap_or(line);
        let (line, http_only) = match line.strip_prefix(HTTP_ONLY) {
            Some(rest) => (rest, true),
            None => (line, false),
        };
        if line.trim().is_empty() || (line.starts_with('#') && !http_only) {
            return Ok(());
        }
        let fields: Vec<&str> = line.split('\t').collect();
        let (domain, subdomains, path, secure, expires, name, value) = match fields[..] {
            [domain, subdomains, path, secure, expires, name, value] => {
                (domain, subdomains, path, secure, expires, name, value)
            }
            [domain, subdomains, path, secure, expires, name] => {
                (domain, subdomains, path, secure, expires, name, "")
            }
            _ => return Err("it is not 7 fields separated by tabs"),
        };
        if name.is_empty() {
            return Err("the cookie has no name");
        }
        if !writable(name) || !writable(value) || !writable(domain) || !writable(path) {
            return Err("it holds a control character (a carriage return?)");
        }
        let Ok(expires) = expires.parse::<i64>() else {
            return Err("its expiry is not a number of seconds");
        };
        let host = domain.trim_start_matches('.');
        let shared = subdomains.eq_ignore_ascii_case("TRUE") || domain.starts_with('.');
        if shared && is_public_suffix(host) {
            return Err("its domain is a public suffix, shared by unrelated sites");
        }
        let mut attributes = format!("{name}={value}; Path={path}");
        if shared {
            attributes.push_str(&format!("; Domain={host}"));
        }
        if expires > 0 {
            let left = expires - now();
            // An expired cookie is not kept (cookie_store would refuse it anyway).
            if left <= 0 {
                return Ok(());
            }
            attributes.push_str(&format!("; Max-Age={left}"));
        }
        if secure.eq_ignore_ascii_case("TRUE") {
            attributes.push_str("; Secure");
        }
        if http_only {
            attributes.push_str("; HttpOnly");
        }
        // As if the cookie's own host had set it over https, so that Secure ones are kept.
        let url = Url::parse(&format!("https://{host}{path}"))
            .map_err(|_| "its domain and path do not make a URL")?;
        self.store
            .parse(&attributes, &url)
            .map(|_| ())
            .map_err(|_| "it is not a cookie a server could set")
    }

    /// The `Set-Cookie` fields of a response from `url`.
    pub fn store(&mut self, url: &Url, headers: &HeaderMap) {
        let cookies = headers
            .get_all(SET_COOKIE)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .filter_map(|value| RawCookie::parse(value.to_string()).ok())
            .filter_map(|cookie| acceptable(cookie, url));
        self.store.store_response_cookies(cookies, url);
    }

    /// Gives `request` the cookies for its URL, after those the user gave (`user`).
    pub fn add_to(&self, request: &mut PreparedRequest, user: Option<&str>) {
        let from_jar = self.values(&request.url);
        let all: Vec<&str> = user
            .into_iter()
            .chain(from_jar.iter().map(String::as_str))
            .collect();
        if all.is_empty() {
            request.headers.remove("cookie");
        } else {
            request.headers.set("Cookie", all.join("; "));
        }
    }

    /// `name=value` for each cookie `url` gets: longer paths first (RFC 6265 §5.4), then by
    /// name, so that the order is the same on every run.
    fn values(&self, url: &Url) -> Vec<String> {
        let mut cookies = self.store.matches(url);
        cookies.sort_by(|a, b| {
            let (a_path, b_path): (&str, &str) = (&a.path, &b.path);
            b_path
                .len()
                .cmp(&a_path.len())
                .then_with(|| a.name().cmp(b.name()))
        });
        cookies
            .iter()
            .map(|cookie| format!("{}={}", cookie.name(), cookie.value()))
            .collect()
    }

    /// Writes every cookie that has not expired, session cookies included (expiry 0), as
    /// curl's `-c` does: a regular file is private (0600) and replaced atomically, a link is
    /// followed, a FIFO or a device is written in place (`special::write`).
    pub fn save(&self, path: &Path) -> Result<()> {
        special::write(path, self.to_netscape().as_bytes()).map_err(|err| {
            anyhow!(
                "cannot write the cookie jar '{}': {}",
                path.display(),
                io_reason(&err)
            )
        })
    }

    /// The jar in the Netscape format, as `-c` writes it.
    pub fn to_netscape(&self) -> String {
        let mut text = HEADER.to_string();
        for cookie in self.store.iter_unexpired() {
            let (domain, subdomains) = match &cookie.domain {
                CookieDomain::HostOnly(host) => (host.clone(), "FALSE"),
                CookieDomain::Suffix(suffix) => (format!(".{suffix}"), "TRUE"),
                CookieDomain::NotPresent | CookieDomain::Empty => continue,
            };
            let expires = match &cookie.expires {
                CookieExpiration::AtUtc(at) => at.unix_timestamp().max(1),
                CookieExpiration::SessionEnd => 0,
            };
            let prefix = if cookie.http_only() == Some(true) {
                HTTP_ONLY
            } else {
                ""
            };
            let path: &str = &cookie.path;
            let secure = if cookie.secure() == Some(true) {
                "TRUE"
            } else {
                "FALSE"
            };
            text.push_str(&format!(
                "{prefix}{domain}\t{subdomains}\t{path}\t{secure}\t{expires}\t{}\t{}\n",
                cookie.name(),
                cookie.value()
            ));
        }
        text
    }
}

/// A Set-Cookie from `url` that hit keeps: one the jar's format can hold, whose Domain is
/// not a public suffix (RFC 6265 §5.3 step 5, as browsers and curl with libpsl refuse
/// `Domain=com`). A Domain that is the request's host itself, public suffix or not, makes a
/// host-only cookie.
fn acceptable<'c>(mut cookie: RawCookie<'c>, url: &Url) -> Option<RawCookie<'c>> {
    if !writable(cookie.name()) || !writable(cookie.value()) {
        return None;
    }
    if let Some(domain) = cookie
        .domain()
        .map(|d| d.trim_start_matches('.').to_ascii_lowercase())
        && is_public_suffix(&domain)
    {
        if url.host_str() != Some(domain.as_str()) {
            return None;
        }
        cookie.unset_domain();
    }
    Some(cookie)
}

/// Whether `domain` is listed as a public suffix (`com`, `co.uk`, `github.io`). Names the
/// list does not know (`localhost`, `test`) are not, as curl reads it.
fn is_public_suffix(domain: &str) -> bool {
    let domain = domain.to_ascii_lowercase();
    psl::suffix(domain.as_bytes())
        .is_some_and(|suffix| suffix.is_known() && suffix.as_bytes() == domain.as_bytes())
}

/// Whether a field can go into a jar line and a Cookie header: no tab, CR, LF or other
/// control character.
fn writable(field: &str) -> bool {
    !field.chars().any(char::is_control)
}

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jar(lines: &str) -> Jar {
        let mut jar = Jar::default();
        for line in lines.lines() {
            let _ = jar.add_line(line);
        }
        jar
    }

    fn sent(jar: &Jar, url: &str) -> String {
        jar.values(&Url::parse(url).unwrap()).join("; ")
    }

    #[test]
    fn reads_curls_lines_and_matches_as_rfc_6265_says() {
        let later = now() + 3600;
        let jar = jar(&format!(
            "# Netscape HTTP Cookie File\n\
             example.com\tFALSE\t/\tFALSE\t0\thost\tonly\n\
             .example.com\tTRUE\t/\tFALSE\t{later}\tshared\t1\n\
             example.com\tFALSE\t/admin\tFALSE\t0\tadmin\tyes\n\
             example.com\tFALSE\t/\tTRUE\t0\tsecure\tyes\n\
             example.com\tFALSE\t/\tFALSE\t1000\told\tgone\n\
             #HttpOnly_example.com\tFALSE\t/\tFALSE\t0\thttponly\tyes\n\
             not a cookie line\n"
        ));
        assert_eq!(
            sent(&jar, "http://example.com/"),
            "host=only; httponly=yes; shared=1"
        );
        assert_eq!(sent(&jar, "http://api.example.com/"), "shared=1");
        assert_eq!(
            sent(&jar, "https://example.com/admin/x"),
            "admin=yes; host=only; httponly=yes; secure=yes; shared=1"
        );
        assert_eq!(sent(&jar, "http://other.org/"), "");
    }

    #[test]
    fn writes_what_it_reads() {
        let later = now() + 3600;
        let lines = format!(
            "example.com\tFALSE\t/\tFALSE\t0\ta\t1\n\
             .example.com\tTRUE\t/x\tTRUE\t{later}\tb\t2\n\
             #HttpOnly_example.com\tFALSE\t/\tFALSE\t0\tc\t3\n"
        );
        let written = jar(&lines).to_netscape();
        assert!(written.starts_with("# Netscape HTTP Cookie File\n"));
        let mut got: Vec<&str> = written.lines().filter(|l| l.contains('\t')).collect();
        got.sort();
        let mut want: Vec<&str> = lines.lines().collect();
        want.sort();
        assert_eq!(got, want);
    }

    #[test]
    fn public_suffixes_are_the_listed_ones() {
        for suffix in ["com", "COM", "co.uk", "github.io"] {
            assert!(is_public_suffix(suffix), "{suffix}");
        }
        for domain in [
            "example.com",
            "a.co.uk",
            "localhost",
            "test",
            "127.0.0.1",
            "",
        ] {
            assert!(!is_public_suffix(domain), "{domain}");
        }
    }

    #[test]
    fn a_domain_attribute_that_is_a_public_suffix_is_refused_unless_it_is_the_host() {
        let from = |url: &str, set: &str| {
            let cookie = RawCookie::parse(set.to_string()).unwrap();
            acceptable(cookie, &Url::parse(url).unwrap()).map(|c| c.to_string())
        };
        assert_eq!(from("http://a.example.com/", "a=1; Domain=com"), None);
        assert_eq!(from("http://a.example.com/", "a=1; Domain=.CO.UK"), None);
        assert_eq!(
            from("http://a.example.com/", "a=1; Domain=example.com"),
            Some("a=1; Domain=example.com".into())
        );
        assert_eq!(
            from("http://github.io/", "a=1; Domain=github.io"),
            Some("a=1".into())
        );
        assert_eq!(from("http://a.example.com/", "a=x\ty"), None);
    }

    #[test]
    fn lines_that_cannot_be_cookies_say_why() {
        let mut jar = Jar::default();
        let cases = [
            ("# a comment", Ok(())),
            ("", Ok(())),
            ("a.test\tFALSE\t/\tFALSE\t1000\told\tgone", Ok(())),
            (
                "a.test\tFALSE\t/\tFALSE\t0\tx\t1\t2",
                Err("it is not 7 fields separated by tabs"),
            ),
            (
                "a.test\tFALSE\t/\tFALSE\t0\t\t1",
                Err("the cookie has no name"),
            ),
            (
                "a.test\tFALSE\t/\tFALSE\tsoon\tx\t1",
                Err("its expiry is not a number of seconds"),
            ),
            (
                "a.test\tFALSE\t/\tFALSE\t0\tx\t1\r2",
                Err("it holds a control character (a carriage return?)"),
            ),
            (
                ".co.uk\tTRUE\t/\tFALSE\t0\tx\t1",
                Err("its domain is a public suffix, shared by unrelated sites"),
            ),
        ];
        for (line, want) in cases {
            assert_eq!(jar.add_line(line), want, "{line:?}");
        }
    }

    #[test]
    fn keeps_what_a_response_sets() {
        let mut jar = Jar::default();
        let mut headers = HeaderMap::new();
        headers.append(SET_COOKIE, "sid=abc; Path=/; HttpOnly".parse().unwrap());
        headers.append(SET_COOKIE, "gone=x; Max-Age=0".parse().unwrap());
        let url = Url::parse("http://127.0.0.1:8080/login").unwrap();
        jar.store(&url, &headers);
        assert_eq!(sent(&jar, "http://127.0.0.1:8080/account"), "sid=abc");
        assert_eq!(sent(&jar, "http://127.0.0.1:9090/"), "sid=abc");
        assert!(
            jar.to_netscape()
                .contains("#HttpOnly_127.0.0.1\tFALSE\t/\tFALSE\t0\tsid\tabc\n")
        );
    }
}
