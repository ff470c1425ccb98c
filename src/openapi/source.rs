//! Where a document comes from, reading it, and finding it from an API's base URL.

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, Result, anyhow, bail};
use reqwest::{Method, Url};
use serde_json::Value;

use super::{Api, build, cache, parse, refs};
use crate::http::{Headers, PreparedRequest, RequestBody};
use crate::transport::Transport;
use crate::transport::limits::TimeLimits;

/// How long reading a document from the network (or finding it) may take in all.
const FETCH_TIME: Duration = Duration::from_secs(30);

/// Where RFC 8631 and common practice put an API's description, tried in order after the
/// base URL's own `Link: rel="service-desc"`.
const WELL_KNOWN: [&str; 6] = [
    "openapi.json",
    "openapi.yaml",
    "/openapi.json",
    "/openapi.yaml",
    "/.well-known/openapi.json",
    "/.well-known/openapi",
];

/// A document's place: a file (absolute) or an http(s) URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    File(PathBuf),
    Url(Url),
}

impl Source {
    /// `text` as given on the command line or kept in a profile.
    pub fn parse(text: &str) -> Result<Source> {
        if text.starts_with("http://") || text.starts_with("https://") {
            let url = Url::parse(text).map_err(|err| anyhow!("bad OpenAPI URL '{text}': {err}"))?;
            return Ok(Source::Url(url));
        }
        let path = Path::new(text);
        let absolute = std::path::absolute(path)
            .map_err(|err| anyhow!("cannot read OpenAPI document '{text}': {err}"))?;
        Ok(Source::File(absolute))
    }

    /// As a profile keeps it.
    pub fn text(&self) -> String {
        match self {
            Source::File(path) => path.display().to_string(),
            Source::Url(url) => url.to_string(),
        }
    }

    /// As messages show it: a password in a URL hidden.
    pub fn shown(&self) -> String {
        crate::http::secret::url_passwords(&self.text()).into_owned()
    }

    /// The URL the document's relative references and relative servers resolve against.
    fn base(&self) -> Result<Url> {
        match self {
            Source::File(path) => Url::from_file_path(path)
                .map_err(|()| anyhow!("cannot make a file URL of {}", path.display())),
            Source::Url(url) => Ok(url.clone()),
        }
    }
}

/// What reading a document gives: the digest its cache is kept under, and its summary.
pub struct Read {
    pub key: String,
    pub api: Api,
}

/// Reads, checks and caches the document at `source`; nothing is cached unless all of it
/// reads. The network is used only for a URL (and for what its references name).
pub fn read(source: &Source) -> Result<Read> {
    let mut fetcher = Fetcher::new();
    let name = source.shown();
    let bytes = fetcher.bytes(source)?;
    let key = cache::key(&source.text(), &bytes);
    let mut document = parse::document(&bytes, &name)?;
    drop(bytes);
    let dialect = parse::dialect(&document, &name)?;
    let base = source.base()?;
    let mut fetch = |url: &Url| -> Result<Value> {
        let other = match url.scheme() {
            "file" => Source::File(
                url.to_file_path()
                    .map_err(|()| anyhow!("bad file URL {url}"))?,
            ),
            _ => Source::Url(url.clone()),
        };
        let bytes = fetcher.bytes(&other)?;
        parse::document(&bytes, &other.shown())
    };
    refs::bundle(&mut document, &base, &mut fetch).with_context(|| name.clone())?;
    let (api, operations) = build::build(&document, dialect).with_context(|| name.clone())?;
    cache::Cache::of(&key)?.store(&api, &operations)?;
    Ok(Read { key, api })
}

/// Finds an API's description from its base URL: the `Link: rel="service-desc"` of a GET
/// of the base URL (RFC 8631), then the usual places, on the same origin only. The first
/// that reads as OpenAPI wins.
pub fn discover(base_url: &str) -> Result<Source> {
    let mut base =
        Url::parse(base_url).map_err(|err| anyhow!("bad base URL '{base_url}': {err}"))?;
    if !base.path().ends_with('/') {
        base.set_path(&format!("{}/", base.path()));
    }
    let mut fetcher = Fetcher::new();
    let mut candidates = Vec::new();
    if let Ok(answer) = fetcher.get(&base, 64 * 1024) {
        for link in answer.links {
            if link.relations.iter().any(|r| r == "service-desc")
                && let Ok(url) = base.join(&link.target)
            {
                candidates.push(url);
            }
        }
    }
    candidates.extend(WELL_KNOWN.iter().filter_map(|path| base.join(path).ok()));
    let mut tried = Vec::new();
    for url in candidates {
        if url.origin() != base.origin() || tried.contains(&url) {
            continue;
        }
        tried.push(url.clone());
        let Ok(answer) = fetcher.get(&url, parse::MAX_BYTES) else {
            continue;
        };
        let Some(bytes) = answer.body.filter(|_| answer.ok) else {
            continue;
        };
        let readable = parse::document(&bytes, url.as_str())
            .is_ok_and(|doc| parse::dialect(&doc, url.as_str()).is_ok());
        if readable {
            return Ok(Source::Url(url));
        }
    }
    let tried: Vec<String> = tried.iter().map(Url::to_string).collect();
    bail!(
        "found no OpenAPI document for {base}: no Link rel=\"service-desc\", and nothing at {}",
        tried.join(", ")
    )
}

/// Reads files, and URLs over hit's transport (proxies from the environment), each within
/// what is left of [`FETCH_TIME`].
struct Fetcher {
    runtime: Option<(tokio::runtime::Runtime, Transport)>,
    limits: TimeLimits,
}

struct Answer {
    ok: bool,
    body: Option<Vec<u8>>,
    links: Vec<crate::http::link::Link>,
}

impl Fetcher {
    fn new() -> Fetcher {
        Fetcher {
            runtime: None,
            limits: TimeLimits::starting_now(Some(FETCH_TIME), Some(FETCH_TIME)),
        }
    }

    fn bytes(&mut self, source: &Source) -> Result<Vec<u8>> {
        match source {
            Source::File(path) => read_file(path),
            Source::Url(url) => {
                let answer = self.get(url, parse::MAX_BYTES)?;
                let url = source.shown();
                if !answer.ok {
                    bail!("cannot read OpenAPI document {url}: the server did not answer 2xx");
                }
                answer.body.ok_or_else(|| {
                    anyhow!(
                        "{url} is larger than {} MiB; hit reads OpenAPI documents up to that",
                        parse::MAX_BYTES >> 20
                    )
                })
            }
        }
    }

    fn get(&mut self, url: &Url, limit: usize) -> Result<Answer> {
        if self.runtime.is_none() {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()?;
            let settings = crate::settings::plain_transport()?;
            let transport = Transport::new(&settings)?;
            self.runtime = Some((runtime, transport));
        }
        let Some((runtime, transport)) = &self.runtime else {
            unreachable!("made above");
        };
        let mut headers = Headers::default();
        headers.push(
            "Accept",
            "application/vnd.oai.openapi+json, application/json, application/yaml, */*;q=0.5",
        );
        headers.push("User-Agent", concat!("hit/", env!("CARGO_PKG_VERSION")));
        let request = PreparedRequest {
            method: Method::GET,
            url: url.clone(),
            headers,
            body: RequestBody::Empty,
        };
        let limits = self.limits;
        runtime.block_on(async {
            let built = transport.build(&request, limits).await?;
            let mut incoming = transport.send(built, limits).await.map_err(|f| f.error)?;
            let links = (incoming.head.headers.get_all(reqwest::header::LINK).iter())
                .flat_map(|v| crate::http::link::parse(&String::from_utf8_lossy(v.as_bytes())))
                .collect();
            let ok = incoming.head.status.is_success();
            let (body, _) = incoming.read_up_to(limit).await?;
            Ok(Answer { ok, body, links })
        })
    }
}

/// A file's bytes: a regular file only (a FIFO or a device is refused unread), at most
/// [`parse::MAX_BYTES`].
fn read_file(path: &Path) -> Result<Vec<u8>> {
    crate::files::special::read_regular(path, parse::MAX_BYTES as u64)
        .map_err(|err| anyhow!(crate::error::cannot_read(path.display(), &err)))
}
