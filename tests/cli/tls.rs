//! TLS (SPEC §4, §7): `--cacert` trusts a CA or the server's own certificate, and every
//! failed handshake is a sentence with its fix.

use std::sync::Arc;

use rcgen::{BasicConstraints, CertificateParams, IsCa, KeyPair, date_time_ymd};

use crate::support::{Reply, Server, hit, temp_file};

/// A self-signed certificate for `names`, and a server presenting it.
fn self_signed(names: &[&str], edit: impl FnOnce(&mut CertificateParams)) -> (Server, String) {
    let key = KeyPair::generate().unwrap();
    let mut params =
        CertificateParams::new(names.iter().map(|n| n.to_string()).collect::<Vec<_>>()).unwrap();
    edit(&mut params);
    let cert = params.self_signed(&key).unwrap();
    (serving(&cert, &key), cert.pem())
}

/// A server presenting `cert`, which `key` signs for.
fn serving(cert: &rcgen::Certificate, key: &KeyPair) -> Server {
    let config = rustls::ServerConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .unwrap()
    .with_no_client_auth()
    .with_single_cert(
        vec![cert.der().clone()],
        rustls::pki_types::PrivateKeyDer::try_from(key.serialize_der()).unwrap(),
    )
    .unwrap();
    Server::start_tls_config(config, |_| Reply::text(200, "secure"))
}

fn run_with_cacert(server: &Server, pem: &str) -> crate::support::Run {
    let (_dir, ca) = temp_file("cert.pem", pem);
    hit(&[
        "--cacert",
        &ca,
        &format!("https://localhost:{}/", server.addr.port()),
    ])
    .run()
}

#[test]
fn cacert_trusts_the_servers_own_development_certificate() {
    // `openssl req -x509` marks its certificate as a CA; webpki alone refuses that as a
    // server's certificate.
    let (server, pem) = self_signed(&["localhost"], |p| {
        p.is_ca = IsCa::Ca(BasicConstraints::Unconstrained)
    });
    let run = run_with_cacert(&server, &pem);
    run.success();
    assert_eq!(run.stdout(), "secure");

    let (server, pem) = self_signed(&["localhost"], |_| {});
    run_with_cacert(&server, &pem).success();
}

#[test]
fn a_pinned_certificate_still_needs_the_right_name_and_dates() {
    let (server, pem) = self_signed(&["other.test"], |p| {
        p.is_ca = IsCa::Ca(BasicConstraints::Unconstrained)
    });
    let run = run_with_cacert(&server, &pem);
    assert_eq!(run.code, 7, "{run:#?}");
    assert_eq!(
        run.stderr,
        format!(
            "hit: error: TLS handshake with localhost:{} failed: its certificate is for another \
             name (use a name the certificate lists)\n",
            server.addr.port()
        )
    );

    let (server, pem) = self_signed(&["localhost"], |p| {
        p.not_before = date_time_ymd(2001, 1, 1);
        p.not_after = date_time_ymd(2002, 1, 1);
    });
    let run = run_with_cacert(&server, &pem);
    assert_eq!(run.code, 7, "{run:#?}");
    assert_eq!(
        run.stderr,
        format!(
            "hit: error: TLS handshake with localhost:{} failed: its certificate has expired \
             (the server must renew it; -k skips the check, unsafely)\n",
            server.addr.port()
        )
    );
}

#[test]
fn handshake_failures_are_sentences() {
    let (server, _) = self_signed(&["localhost"], |_| {});
    let run = hit(&[&format!("https://localhost:{}/", server.addr.port())]).run();
    assert_eq!(run.code, 7, "{run:#?}");
    assert_eq!(
        run.stderr,
        format!(
            "hit: error: TLS handshake with localhost:{} failed: its certificate is signed by \
             an issuer hit does not trust (--cacert FILE trusts a private CA, or the server's \
             own self-signed certificate)\n",
            server.addr.port()
        )
    );

    let plain = Server::ok();
    let run = hit(&[&format!("https://127.0.0.1:{}/", plain.addr.port())]).run();
    assert_eq!(run.code, 7, "{run:#?}");
    assert_eq!(
        run.stderr,
        format!(
            "hit: error: TLS handshake with 127.0.0.1:{} failed: it did not answer in TLS (is \
             it a plain http port? try http://)\n",
            plain.addr.port()
        )
    );
}

#[test]
fn a_cacert_that_is_not_pem_is_a_usage_error() {
    let (_dir, path) = temp_file("not.pem", "hello");
    let run = hit(&["--cacert", &path, "https://127.0.0.1:9/"]).run();
    assert_eq!(run.code, 2, "{run:#?}");
    assert_eq!(
        run.stderr,
        format!(
            "hit: error: --cacert '{path}' holds no PEM certificate (a file that starts with \
             -----BEGIN CERTIFICATE-----)\n"
        )
    );
}

#[test]
fn a_common_name_certificate_is_trusted_when_pinned() {
    // `openssl req -x509 -subj /CN=localhost`: no subject alternative names at all.
    let (server, pem) = self_signed(&[], |p| {
        p.distinguished_name
            .push(rcgen::DnType::CommonName, "localhost");
    });
    let run = run_with_cacert(&server, &pem);
    run.success();
    assert_eq!(run.stdout(), "secure");
}

#[test]
fn a_name_mismatch_names_what_the_certificate_is_for() {
    // A leaf for other.test, signed by a CA that --cacert trusts.
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    let ca = rcgen::CertifiedIssuer::self_signed(ca_params, KeyPair::generate().unwrap()).unwrap();
    let key = KeyPair::generate().unwrap();
    let leaf = CertificateParams::new(vec!["other.test".to_string()])
        .unwrap()
        .signed_by(&key, &ca)
        .unwrap();
    let server = serving(&leaf, &key);
    let run = run_with_cacert(&server, &ca.pem());
    assert_eq!(run.code, 7, "{run:#?}");
    assert_eq!(
        run.stderr,
        format!(
            "hit: error: TLS handshake with localhost:{} failed: its certificate is for \
             other.test, not this name (use a name the certificate lists)\n",
            server.addr.port()
        )
    );
}

#[test]
fn a_client_certificate_is_presented_with_cert_and_key() {
    let (server, ca, cert, key) =
        crate::support::Server::start_tls_client_auth(|_| crate::support::Reply::text(200, "hi"));
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        path.to_str().unwrap().to_string()
    };
    let ca = write("ca.pem", &ca);
    let cert_file = write("client.pem", &cert);
    let key_file = write("client.key", &key);
    let both = write("both.pem", &format!("{cert}{key}"));
    let url = server.url("/").replace("http://", "https://");
    for args in [
        vec!["--cacert", &ca, "-E", &cert_file, "--key", &key_file, &url],
        vec!["--cacert", &ca, "--cert", &both, &url],
        // Without --cacert the certificate goes through reqwest's own TLS setup.
        vec!["-k", "--cert", &both, &url],
    ] {
        let run = crate::support::hit(&args).run();
        assert_eq!(run.code, 0, "{args:?}: {run:#?}");
        assert_eq!(run.stdout(), "hi");
    }
    let run = crate::support::hit(&["--cacert", &ca, &url]).run();
    assert_eq!(run.code, 7, "no certificate, no handshake: {run:#?}");
    let run = crate::support::hit(&["--cacert", &ca, "-E", &cert_file, &url]).run();
    assert_eq!(run.code, 2, "a certificate without its key: {run:#?}");
    assert!(
        run.stderr.contains("holds no private key"),
        "{}",
        run.stderr
    );
}
