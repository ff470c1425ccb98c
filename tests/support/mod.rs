//! Test support: a recording hyper server on 127.0.0.1 and a runner for the real `hit` binary.

#![allow(dead_code)]

pub mod oauth_independent;
pub mod socks;
pub mod ws;

use std::convert::Infallible;
use std::io::{Read, Write};
use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;

/// The runtime every test server runs on.
fn runtime() -> &'static tokio::runtime::Runtime {
    static RUNTIME: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RUNTIME.get_or_init(|| {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("test runtime")
    })
}

/// One request as the server received it.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: String,
    /// Path and query.
    pub target: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// The client's end of the connection it came on.
    pub peer: SocketAddr,
}

impl Recorded {
    /// The first value of a header (names are compared case-insensitively).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Every value of a header.
    pub fn header_all(&self, name: &str) -> Vec<&str> {
        self.headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
            .collect()
    }

    /// The boundary of a multipart/form-data request.
    pub fn boundary(&self) -> String {
        self.header("content-type")
            .and_then(|t| t.strip_prefix("multipart/form-data; boundary="))
            .expect("a multipart/form-data request")
            .to_string()
    }

    pub fn body_str(&self) -> String {
        String::from_utf8(self.body.clone()).expect("UTF-8 request body")
    }
}

/// What the server answers.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn new(status: u16) -> Reply {
        Reply {
            status,
            headers: Vec::new(),
            body: Vec::new(),
        }
    }

    pub fn json(status: u16, body: &str) -> Reply {
        Reply::new(status)
            .header("Content-Type", "application/json")
            .body(body)
    }

    pub fn text(status: u16, body: &str) -> Reply {
        Reply::new(status)
            .header("Content-Type", "text/plain")
            .body(body)
    }

    pub fn header(mut self, name: &str, value: &str) -> Reply {
        self.headers.push((name.to_string(), value.to_string()));
        self
    }

    pub fn body(mut self, body: impl AsRef<[u8]>) -> Reply {
        self.body = body.as_ref().to_vec();
        self
    }
}

type Handler = dyn Fn(&Recorded) -> Reply + Send + Sync;

/// A hyper server on an ephemeral port of 127.0.0.1 that records every request.
pub struct Server {
    pub addr: SocketAddr,
    recorded: Arc<Mutex<Vec<Recorded>>>,
}

impl Server {
    /// A server that answers every request with `reply`.
    pub fn reply(reply: Reply) -> Server {
        Server::start(move |_| reply.clone())
    }

    /// A server that answers 200 with an empty body.
    pub fn ok() -> Server {
        Server::reply(Reply::new(200))
    }

    pub fn start(handler: impl Fn(&Recorded) -> Reply + Send + Sync + 'static) -> Server {
        Server::spawn(Arc::new(handler), None)
    }

    /// A server that answers the first request with `replies[0]`, the second with
    /// `replies[1]`, and every later one with the last reply.
    pub fn sequence(replies: Vec<Reply>) -> Server {
        let count = std::sync::atomic::AtomicUsize::new(0);
        Server::start(move |_| {
            let n = count.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            replies[n.min(replies.len() - 1)].clone()
        })
    }

    /// An https server whose certificate (for 127.0.0.1 and localhost) is signed by a fresh
    /// test CA; returns the server and the CA certificate as PEM.
    pub fn start_tls(
        handler: impl Fn(&Recorded) -> Reply + Send + Sync + 'static,
    ) -> (Server, String) {
        let (config, ca_pem) = tls_config();
        let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
        (Server::spawn(Arc::new(handler), Some(acceptor)), ca_pem)
    }

    /// An https server with its own TLS configuration (a certificate a test made).
    pub fn start_tls_config(
        config: rustls::ServerConfig,
        handler: impl Fn(&Recorded) -> Reply + Send + Sync + 'static,
    ) -> Server {
        let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
        Server::spawn(Arc::new(handler), Some(acceptor))
    }

    /// An https server that speaks only HTTP/2 (offered by ALPN), with its test CA as PEM.
    pub fn start_tls_h2(
        handler: impl Fn(&Recorded) -> Reply + Send + Sync + 'static,
    ) -> (Server, String) {
        let (mut config, ca_pem) = tls_config();
        // HTTP/2 first, HTTP/1.1 for a client that asks for nothing else.
        config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
        let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
        (Server::spawn(Arc::new(handler), Some(acceptor)), ca_pem)
    }

    /// A TLS server that asks for a client certificate and accepts only one its client CA
    /// signed. Returns the server, its CA (PEM), and a client certificate and its key (PEM).
    pub fn start_tls_client_auth(
        handler: impl Fn(&Recorded) -> Reply + Send + Sync + 'static,
    ) -> (Server, String, String, String) {
        use rcgen::{BasicConstraints, CertificateParams, CertifiedIssuer, IsCa, KeyPair};
        let mut ca_params = CertificateParams::new(Vec::<String>::new()).unwrap();
        ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        let client_ca =
            CertifiedIssuer::self_signed(ca_params, KeyPair::generate().unwrap()).unwrap();
        let client_key = KeyPair::generate().unwrap();
        let client = CertificateParams::new(vec!["hit-client".to_string()])
            .unwrap()
            .signed_by(&client_key, &client_ca)
            .unwrap();
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let mut roots = rustls::RootCertStore::empty();
        roots.add(client_ca.der().clone()).unwrap();
        let verifier =
            rustls::server::WebPkiClientVerifier::builder_with_provider(Arc::new(roots), provider)
                .build()
                .unwrap();
        let (chain, key, ca_pem) = tls_leaf();
        let config = rustls::ServerConfig::builder_with_provider(Arc::new(
            rustls::crypto::ring::default_provider(),
        ))
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_client_cert_verifier(verifier)
        .with_single_cert(chain, key)
        .unwrap();
        let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
        let server = Server::spawn(Arc::new(handler), Some(acceptor));
        (server, ca_pem, client.pem(), client_key.serialize_pem())
    }

    /// A server that speaks only HTTP/2, over plain TCP (h2c with prior knowledge).
    pub fn start_h2c(handler: impl Fn(&Recorded) -> Reply + Send + Sync + 'static) -> Server {
        Server::spawn_plain(Arc::new(handler), true)
    }

    fn spawn(handler: Arc<Handler>, tls: Option<tokio_rustls::TlsAcceptor>) -> Server {
        Server::listen(handler, tls, false)
    }

    fn spawn_plain(handler: Arc<Handler>, h2: bool) -> Server {
        Server::listen(handler, None, h2)
    }

    fn listen(
        handler: Arc<Handler>,
        tls: Option<tokio_rustls::TlsAcceptor>,
        plain_h2: bool,
    ) -> Server {
        let recorded = Arc::new(Mutex::new(Vec::new()));
        let listener = runtime().block_on(async {
            TcpListener::bind("127.0.0.1:0")
                .await
                .expect("bind 127.0.0.1")
        });
        let addr = listener.local_addr().expect("local addr");
        let log = recorded.clone();
        runtime().spawn(async move {
            loop {
                let Ok((stream, peer)) = listener.accept().await else {
                    continue;
                };
                let handler = handler.clone();
                let log = log.clone();
                let tls = tls.clone();
                tokio::spawn(async move {
                    match tls {
                        Some(acceptor) => {
                            let Ok(stream) = acceptor.accept(stream).await else {
                                return;
                            };
                            let h2 = stream.get_ref().1.alpn_protocol() == Some(b"h2");
                            serve(stream, h2, peer, handler, log).await;
                        }
                        None => serve(stream, plain_h2, peer, handler, log).await,
                    }
                });
            }
        });
        Server { addr, recorded }
    }

    /// `http://127.0.0.1:PORT` followed by `path`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// `127.0.0.1:PORT` followed by `path`, without a scheme.
    pub fn bare(&self, path: &str) -> String {
        format!("{}{path}", self.addr)
    }

    pub fn requests(&self) -> Vec<Recorded> {
        self.recorded.lock().unwrap().clone()
    }

    /// The one request the server received; fails when there were more or none.
    pub fn only_request(&self) -> Recorded {
        let requests = self.requests();
        assert_eq!(
            requests.len(),
            1,
            "expected exactly one request: {requests:#?}"
        );
        requests.into_iter().next().unwrap()
    }
}

/// Serves one connection, as HTTP/2 when TLS agreed on it (`h2`), else as HTTP/1.1.
async fn serve<S>(
    stream: S,
    h2: bool,
    peer: SocketAddr,
    handler: Arc<Handler>,
    log: Arc<Mutex<Vec<Recorded>>>,
) where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send + 'static,
{
    let service = service_fn(move |req| {
        let handler = handler.clone();
        let log = log.clone();
        async move { Ok::<_, Infallible>(answer(req, peer, &*handler, &log).await) }
    });
    let io = TokioIo::new(stream);
    let _ = if h2 {
        hyper::server::conn::http2::Builder::new(hyper_util::rt::TokioExecutor::new())
            .auto_date_header(false)
            .serve_connection(io, service)
            .await
    } else {
        http1::Builder::new()
            .auto_date_header(false)
            .title_case_headers(true)
            .serve_connection(io, service)
            .await
    };
}

/// A server config with a leaf certificate for 127.0.0.1/localhost signed by a new CA.
fn tls_config() -> (rustls::ServerConfig, String) {
    let (chain, key, ca_pem) = tls_leaf();
    let config = rustls::ServerConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .unwrap()
    .with_no_client_auth()
    .with_single_cert(chain, key)
    .unwrap();
    (config, ca_pem)
}

/// A leaf certificate for 127.0.0.1/localhost, its key, and the new CA that signed it (PEM).
fn tls_leaf() -> (
    Vec<rustls::pki_types::CertificateDer<'static>>,
    rustls::pki_types::PrivateKeyDer<'static>,
    String,
) {
    use rcgen::{BasicConstraints, CertificateParams, CertifiedIssuer, IsCa, KeyPair};
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    let ca = CertifiedIssuer::self_signed(ca_params, KeyPair::generate().unwrap()).unwrap();
    let leaf_key = KeyPair::generate().unwrap();
    let leaf = CertificateParams::new(vec!["127.0.0.1".to_string(), "localhost".to_string()])
        .unwrap()
        .signed_by(&leaf_key, &ca)
        .unwrap();
    let key = rustls::pki_types::PrivateKeyDer::try_from(leaf_key.serialize_der()).unwrap();
    (vec![leaf.der().clone()], key, ca.pem())
}

async fn answer(
    req: hyper::Request<Incoming>,
    peer: SocketAddr,
    handler: &Handler,
    log: &Mutex<Vec<Recorded>>,
) -> hyper::Response<Full<Bytes>> {
    let (parts, body) = req.into_parts();
    let body = body
        .collect()
        .await
        .map(|b| b.to_bytes().to_vec())
        .unwrap_or_default();
    let recorded = Recorded {
        method: parts.method.to_string(),
        target: parts
            .uri
            .path_and_query()
            .map(|p| p.to_string())
            .unwrap_or_default(),
        headers: parts
            .headers
            .iter()
            .map(|(n, v)| {
                (
                    n.to_string(),
                    String::from_utf8_lossy(v.as_bytes()).into_owned(),
                )
            })
            .collect(),
        body,
        peer,
    };
    let reply = handler(&recorded);
    log.lock().unwrap().push(recorded);
    let mut response = hyper::Response::builder().status(reply.status);
    for (name, value) in &reply.headers {
        response = response.header(name, value);
    }
    response.body(Full::new(Bytes::from(reply.body))).unwrap()
}

/// What a raw server does with one connection.
#[derive(Clone, Copy)]
pub enum Raw {
    /// Reads the request, writes these bytes and closes the connection.
    Answer(&'static [u8]),
    /// Reads the request, writes these bytes and then keeps the connection open, silent,
    /// for as long as the server runs.
    Stall(&'static [u8]),
}

/// A raw TCP server on 127.0.0.1 for broken exchanges: the `n`th connection (from 0) is
/// handled as `behaviour(n)` says. Returns the port and a count of connections accepted.
pub fn raw_server(
    behaviour: impl Fn(usize) -> Raw + Send + 'static,
) -> (u16, Arc<std::sync::atomic::AtomicUsize>) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
    let port = listener.local_addr().unwrap().port();
    let accepted = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let count = accepted.clone();
    std::thread::spawn(move || {
        let mut stalled = Vec::new();
        for mut stream in listener.incoming().flatten() {
            let n = count.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            // Read the whole head, so that closing does not reset the connection with
            // unread bytes in it.
            let mut head = Vec::new();
            let mut buf = [0u8; 8192];
            while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                match stream.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => head.extend_from_slice(&buf[..n]),
                }
            }
            match behaviour(n) {
                Raw::Answer(bytes) => {
                    let _ = stream.write_all(bytes);
                }
                Raw::Stall(bytes) => {
                    let _ = stream.write_all(bytes);
                    // Held open, silent, for as long as the server runs.
                    stalled.push(stream);
                }
            }
        }
    });
    (port, accepted)
}

/// The result of running `hit`.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: Vec<u8>,
    pub stderr: String,
}

impl Run {
    pub fn stdout(&self) -> String {
        String::from_utf8(self.stdout.clone()).expect("UTF-8 stdout")
    }

    #[track_caller]
    pub fn success(&self) -> &Run {
        assert_eq!(self.code, 0, "hit failed: {self:#?}");
        self
    }
}

/// A `hit` invocation in a clean environment: nothing of the developer's machine
/// (HOME, HIT_*, NO_COLOR, proxies, TERM) reaches it.
pub struct Hit {
    args: Vec<String>,
    env: Vec<(String, String)>,
    stdin: Option<Vec<u8>>,
    /// Keep stdin open after writing it, as a producer that never ends would.
    hold_stdin: bool,
    /// Write stdin in pieces of this size, each once hit has read the one before, as a
    /// producer slower than hit would.
    stdin_piece: Option<usize>,
    stdin_file: Option<std::path::PathBuf>,
    dir: Option<std::path::PathBuf>,
}

pub fn hit(args: &[&str]) -> Hit {
    Hit {
        args: args.iter().map(|a| a.to_string()).collect(),
        env: Vec::new(),
        stdin: None,
        hold_stdin: false,
        stdin_piece: None,
        stdin_file: None,
        dir: None,
    }
}

impl Hit {
    pub fn env(mut self, name: &str, value: &str) -> Hit {
        self.env.push((name.to_string(), value.to_string()));
        self
    }

    /// Fakes a terminal on stdout.
    pub fn terminal(self) -> Hit {
        self.env("HIT_TEST_TERMINAL", "1")
    }

    pub fn stdin(mut self, bytes: impl AsRef<[u8]>) -> Hit {
        self.stdin = Some(bytes.as_ref().to_vec());
        self
    }

    /// Writes `bytes` to stdin and then keeps it open without writing more.
    pub fn stdin_then_silence(mut self, bytes: impl AsRef<[u8]>) -> Hit {
        self.hold_stdin = true;
        self.stdin(bytes)
    }

    /// Writes `bytes` to stdin `piece` bytes at a time, the next piece only once hit has
    /// read all of the one before (the pipe is empty): hit waits for stdin between pieces.
    pub fn stdin_trickle(mut self, bytes: impl AsRef<[u8]>, piece: usize) -> Hit {
        self.stdin_piece = Some(piece);
        self.stdin(bytes)
    }

    /// Stdin is this file, as with `hit ... < file`.
    pub fn stdin_file(mut self, path: impl Into<std::path::PathBuf>) -> Hit {
        self.stdin_file = Some(path.into());
        self
    }

    /// Runs hit in this directory (where -O and -J save).
    pub fn current_dir(mut self, dir: &std::path::Path) -> Hit {
        self.dir = Some(dir.to_path_buf());
        self
    }

    pub fn command(&self) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_hit"));
        command.args(&self.args).env_clear();
        if let Some(dir) = &self.dir {
            command.current_dir(dir);
        }
        for (name, value) in &self.env {
            command.env(name, value);
        }
        command
    }

    /// A terminal without colour, for comparing layout.
    pub fn plain_terminal(self) -> Hit {
        self.terminal().env("NO_COLOR", "1")
    }

    /// Starts hit with stdout and stderr piped (and stdin null unless given).
    pub fn spawn(self) -> Child {
        let mut command = self.command();
        let stdin = match (&self.stdin, &self.stdin_file) {
            (_, Some(path)) => Stdio::from(std::fs::File::open(path).expect("open stdin file")),
            (Some(_), None) => Stdio::piped(),
            (None, None) => Stdio::null(),
        };
        command
            .stdin(stdin)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = command.spawn().expect("spawn hit");
        if let Some(bytes) = self.stdin {
            let mut stdin = child.stdin.take().unwrap();
            let hold = self.hold_stdin;
            let piece = self.stdin_piece;
            std::thread::spawn(move || {
                match piece {
                    Some(piece) => {
                        for chunk in bytes.chunks(piece) {
                            if stdin.write_all(chunk).is_err() {
                                break;
                            }
                            wait_until("hit reads the piece", Duration::from_secs(30), || {
                                rustix::io::ioctl_fionread(&stdin).map_or(true, |left| left == 0)
                            });
                        }
                    }
                    None => {
                        let _ = stdin.write_all(&bytes);
                    }
                }
                if hold {
                    held_until_read_end_closes(&stdin);
                }
            });
        }
        child
    }

    /// Runs to completion (at most 30 s) and captures everything.
    pub fn run(self) -> Run {
        collect(self.spawn())
    }

    /// Runs to completion, failing the test if that takes longer than `limit`.
    pub fn run_within(self, limit: Duration) -> Run {
        collect_within(self.spawn(), limit)
    }

    /// Runs to completion with stderr on a real pseudo-terminal (stdout piped) and TERM set
    /// (unless given), and returns everything the terminal showed as stderr.
    pub fn run_with_stderr_terminal(self) -> Run {
        use rustix::pty::{OpenptFlags, grantpt, openpt, ptsname, unlockpt};
        let master = openpt(OpenptFlags::RDWR | OpenptFlags::NOCTTY).expect("open a pty");
        grantpt(&master).expect("grantpt");
        unlockpt(&master).expect("unlockpt");
        let name = ptsname(&master, Vec::new()).expect("ptsname");
        let slave = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open(name.to_str().expect("pty name"))
            .expect("open the pty's terminal side");
        let mut command = self.command();
        if !self.env.iter().any(|(name, _)| name == "TERM") {
            command.env("TERM", "xterm");
        }
        command
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::from(slave));
        let child = command.spawn().expect("spawn hit");
        // Drop our copy of the terminal side (the child has its own), so that reading the
        // master ends when hit exits.
        drop(command);
        let mut master = std::fs::File::from(master);
        let screen = std::thread::spawn(move || {
            let mut buf = Vec::new();
            // Linux reports EIO once the last holder of the terminal side has closed it.
            let _ = master.read_to_end(&mut buf);
            String::from_utf8_lossy(&buf).into_owned()
        });
        let mut run = collect(child);
        run.stderr = screen.join().unwrap();
        run
    }
}

/// Waits for a spawned hit (at most 30 s) and captures what is left of its stdout and stderr.
pub fn collect(child: Child) -> Run {
    collect_within(child, Duration::from_secs(30))
}

/// Waits for a spawned hit (at most `limit`) and captures what is left of its output.
pub fn collect_within(mut child: Child, limit: Duration) -> Run {
    let stdout = child.stdout.take();
    let stderr = child.stderr.take();
    let out = std::thread::spawn(move || {
        let mut buf = Vec::new();
        if let Some(mut stdout) = stdout {
            let _ = stdout.read_to_end(&mut buf);
        }
        buf
    });
    let err = std::thread::spawn(move || {
        let mut buf = String::new();
        if let Some(mut stderr) = stderr {
            let _ = stderr.read_to_string(&mut buf);
        }
        buf
    });
    let status = wait_with_deadline(&mut child, limit);
    Run {
        code: status.code().unwrap_or(-1),
        stdout: out.join().unwrap(),
        stderr: err.join().unwrap(),
    }
}

/// Waits for a child, killing it (and failing the test) after `limit`.
pub fn wait_with_deadline(
    child: &mut std::process::Child,
    limit: Duration,
) -> std::process::ExitStatus {
    use wait_timeout::ChildExt;
    match child.wait_timeout(limit).expect("wait for hit") {
        Some(status) => status,
        None => {
            let _ = child.kill();
            let _ = child.wait();
            panic!("hit did not finish within {limit:?}");
        }
    }
}

/// Waits until `condition` holds, checking it every 10 ms, and fails the test naming `what`
/// if it still does not after `limit` worth of checks (a guard against a hang, not a
/// measurement).
#[track_caller]
pub fn wait_until(what: &str, limit: Duration, mut condition: impl FnMut() -> bool) {
    let every = Duration::from_millis(10);
    for _ in 0..=limit.as_millis() / every.as_millis() {
        if condition() {
            return;
        }
        std::thread::park_timeout(every);
    }
    panic!("{what}: not within {limit:?}");
}

/// Blocks, holding the write end of a pipe open, until its reader has closed the other end
/// (a pipe's writer sees POLLERR then).
fn held_until_read_end_closes(pipe: &impl std::os::fd::AsFd) {
    use rustix::event::{PollFd, PollFlags, poll};
    let mut fds = [PollFd::new(pipe, PollFlags::empty())];
    while poll(&mut fds, None).is_err() {}
}

/// Writes a file into a fresh temporary directory and returns both.
pub fn temp_file(name: &str, contents: impl AsRef<[u8]>) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join(name);
    std::fs::write(&path, contents).expect("write temp file");
    (dir, path.to_string_lossy().into_owned())
}

/// A real `hit serve` process on an ephemeral port; stopped with SIGINT (Ctrl-C) by
/// [`Practice::interrupt`], killed if it is still running when dropped.
pub struct Practice {
    child: Child,
    pub port: u16,
    /// The line it printed on start.
    pub banner: String,
    log: Arc<Mutex<String>>,
    /// The thread that copies its stderr into `log`, done when stderr closes.
    reader: Option<std::thread::JoinHandle<()>>,
}

impl Practice {
    pub fn start() -> Practice {
        Practice::start_with(&[])
    }

    /// `hit serve --port 0` with these environment variables.
    pub fn start_with(env: &[(&str, &str)]) -> Practice {
        Practice::start_serving(&[], env)
    }

    /// `hit serve --port 0 ARGS...` with these environment variables.
    pub fn start_serving(args: &[&str], env: &[(&str, &str)]) -> Practice {
        let mut child = Command::new(env!("CARGO_BIN_EXE_hit"))
            .args(["serve", "--port", "0"])
            .args(args)
            .env_clear()
            .envs(env.iter().copied())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn hit serve");
        let mut stdout = std::io::BufReader::new(child.stdout.take().unwrap());
        let mut banner = String::new();
        std::io::BufRead::read_line(&mut stdout, &mut banner).expect("read the banner");
        let port = banner
            .split("http://127.0.0.1:")
            .nth(1)
            .and_then(|rest| rest.split('/').next()?.parse().ok())
            .unwrap_or_else(|| panic!("no port in the banner {banner:?}"));
        let log = Arc::new(Mutex::new(String::new()));
        let mut stderr = child.stderr.take().unwrap();
        let sink = Arc::clone(&log);
        let reader = std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n @ 1..) = stderr.read(&mut buf) {
                sink.lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        });
        Practice {
            child,
            port,
            banner,
            log,
            reader: Some(reader),
        }
    }

    /// `:PORT/path`, as a user types it.
    pub fn at(&self, path: &str) -> String {
        format!(":{}{path}", self.port)
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// What it has written to stderr so far.
    pub fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    /// Sends SIGINT, as Ctrl-C does, and waits for it to exit (at most 5 s).
    pub fn interrupt(mut self) -> (std::process::ExitStatus, String) {
        let pid = rustix::process::Pid::from_child(&self.child);
        rustix::process::kill_process(pid, rustix::process::Signal::INT).expect("SIGINT");
        let status = wait_with_deadline(&mut self.child, Duration::from_secs(5));
        // The reader thread ends with stderr, after the last lines.
        if let Some(reader) = self.reader.take() {
            reader.join().expect("the log reader");
        }
        (status, self.log())
    }
}

impl Drop for Practice {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The names in a directory, sorted.
pub fn listing(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// A port on 127.0.0.1 that refuses connections: a socket bound to it that does not listen.
/// The port stays taken while this lives, so no other test's server can get it meanwhile
/// (a listener bound and dropped would leave the port free for anyone).
pub struct ClosedPort {
    _socket: rustix::fd::OwnedFd,
    pub port: u16,
}

pub fn closed_port() -> ClosedPort {
    use rustix::net::{AddressFamily, SocketType, bind, getsockname, socket};
    let socket = socket(AddressFamily::INET, SocketType::STREAM, None).expect("a socket");
    let any = std::net::SocketAddrV4::new(std::net::Ipv4Addr::LOCALHOST, 0);
    bind(&socket, &any).expect("bind 127.0.0.1:0");
    let bound = getsockname(&socket).expect("its address");
    let port = std::net::SocketAddrV4::try_from(bound)
        .expect("IPv4")
        .port();
    ClosedPort {
        _socket: socket,
        port,
    }
}

/// A server for one request on a Unix socket at `path`: it answers `reply` (a whole HTTP
/// response) and gives back the request head it read.
pub fn unix_socket_server(
    path: &std::path::Path,
    reply: &'static [u8],
) -> std::thread::JoinHandle<String> {
    let listener = std::os::unix::net::UnixListener::bind(path).unwrap();
    std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().unwrap();
        let mut head = Vec::new();
        let mut buf = [0u8; 4096];
        while !head.windows(4).any(|w| w == b"\r\n\r\n") {
            let n = stream.read(&mut buf).unwrap();
            if n == 0 {
                break;
            }
            head.extend_from_slice(&buf[..n]);
        }
        stream.write_all(reply).unwrap();
        String::from_utf8(head).unwrap()
    })
}

/// `text` with the durations hit appends to summary lines (`... 0 skipped in 12ms`) taken
/// out, so that a test can compare the rest exactly.
pub fn untimed(text: &str) -> String {
    let is_duration = |s: &str| {
        !s.is_empty()
            && s.chars().next().is_some_and(|c| c.is_ascii_digit())
            && s.chars()
                .all(|c| c.is_ascii_digit() || ".mshµ ".contains(c))
    };
    text.split_inclusive('\n')
        .map(|line| {
            let (body, end) = line.strip_suffix('\n').map_or((line, ""), |b| (b, "\n"));
            match body.rsplit_once(" in ") {
                Some((kept, time)) if is_duration(time) => format!("{kept}{end}"),
                _ => line.to_string(),
            }
        })
        .collect()
}
