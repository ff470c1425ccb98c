//! TLS: what `--cacert` trusts (a CA, or the server's own certificate, as curl allows), and a
//! sentence with a fix for each way a handshake fails.

use std::path::Path;
use std::sync::Arc;

use anyhow::{Context, Result};
use rustls::client::WebPkiServerVerifier;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::CryptoProvider;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName, UnixTime};
use rustls::{CertificateError, DigitallySignedStruct, Error, RootCertStore, SignatureScheme};

use super::timing::TimedSessions;
use crate::error::{cannot_read, usage};
use crate::settings::{HttpVersion, TransportSettings};

/// `-E/--cert` and `--key`: the certificate chain and its private key, from PEM files.
pub struct ClientIdentity {
    pub chain: Vec<CertificateDer<'static>>,
    pub key: PrivateKeyDer<'static>,
}

impl ClientIdentity {
    pub fn load(cert: &Path, key: Option<&Path>) -> Result<ClientIdentity> {
        let read = |option: &str, path: &Path| {
            std::fs::read(path)
                .map_err(|e| usage(format!("{option}: {}", cannot_read(path.display(), &e))))
        };
        let cert_pem = read("--cert", cert)?;
        let key_pem = match key {
            Some(path) => read("--key", path)?,
            None => cert_pem.clone(),
        };
        let chain = rustls_pemfile_certs(&cert_pem);
        if chain.is_empty() {
            return Err(usage(format!(
                "--cert '{}' holds no PEM certificate",
                cert.display()
            )));
        }
        let key_file = key.unwrap_or(cert).display();
        let key = PrivateKeyDer::from_pem_slice(&key_pem).map_err(|_| {
            usage(format!(
                "'{key_file}' holds no private key hit can use (PEM, not encrypted; give the \
                 key with --key FILE when it is apart)"
            ))
        })?;
        Ok(ClientIdentity { chain, key })
    }
}

/// The TLS configuration of a client for https: whom it trusts (the platform's roots,
/// `--cacert FILE`, or anyone with `-k`), the certificate it presents (`-E`), the HTTP
/// versions it offers (ALPN), and a session store that marks the start of each handshake.
pub fn client_config(settings: &TransportSettings) -> Result<rustls::ClientConfig> {
    let identity = match &settings.client_cert {
        Some((cert, key)) => Some(ClientIdentity::load(cert, key.as_deref())?),
        None => None,
    };
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let verifier: Arc<dyn ServerCertVerifier> = match &settings.cacert {
        _ if settings.insecure => Arc::new(AnyCertificate(provider.clone())),
        Some(path) => Arc::new(cacert_verifier(path, provider.clone())?),
        None => Arc::new(
            rustls_platform_verifier::Verifier::new(provider.clone())
                .context("cannot load the platform's root certificates")?,
        ),
    };
    let builder = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()?
        .dangerous()
        .with_custom_certificate_verifier(verifier);
    let mut config = match identity {
        Some(identity) => builder
            .with_client_auth_cert(identity.chain, identity.key)
            .map_err(|e| usage(format!("--cert: {e}")))?,
        None => builder.with_no_client_auth(),
    };
    config.alpn_protocols = match settings.version {
        HttpVersion::Negotiated => vec![b"h2".to_vec(), b"http/1.1".to_vec()],
        HttpVersion::Http1Only => vec![b"http/1.1".to_vec()],
        HttpVersion::Http2PriorKnowledge => vec![b"h2".to_vec()],
    };
    config.resumption = rustls::client::Resumption::store(Arc::new(TimedSessions::new()));
    Ok(config)
}

/// The TLS configuration of a client for http, which makes no handshake: it trusts nothing.
pub fn untrusting_config() -> rustls::ClientConfig {
    rustls::ClientConfig::builder()
        .with_root_certificates(RootCertStore::empty())
        .with_no_client_auth()
}

/// The verifier that trusts the certificates in `--cacert FILE`.
fn cacert_verifier(path: &Path, provider: Arc<CryptoProvider>) -> Result<PinnedVerifier> {
    let shown = path.display();
    let pem =
        std::fs::read(path).map_err(|e| usage(format!("--cacert: {}", cannot_read(&shown, &e))))?;
    let certs: Vec<CertificateDer<'static>> = rustls_pemfile_certs(&pem);
    if certs.is_empty() {
        return Err(usage(format!(
            "--cacert '{shown}' holds no PEM certificate (a file that starts with -----BEGIN \
             CERTIFICATE-----)"
        )));
    }
    let mut roots = RootCertStore::empty();
    roots.add_parsable_certificates(certs.iter().cloned());
    let inner = WebPkiServerVerifier::builder_with_provider(Arc::new(roots), provider)
        .build()
        .map_err(|e| usage(format!("--cacert '{shown}': {e}")))?;
    Ok(PinnedVerifier {
        inner,
        pinned: certs,
    })
}

/// `-k/--insecure`: any certificate, any signature.
#[derive(Debug)]
struct AnyCertificate(Arc<CryptoProvider>);

impl ServerCertVerifier for AnyCertificate {
    fn verify_server_cert(
        &self,
        _: &CertificateDer<'_>,
        _: &[CertificateDer<'_>],
        _: &ServerName<'_>,
        _: &[u8],
        _: UnixTime,
    ) -> Result<ServerCertVerified, Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        _: &[u8],
        _: &CertificateDer<'_>,
        _: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, Error> {
        Ok(HandshakeSignatureValid::assertion())
    }

    fn verify_tls13_signature(
        &self,
        _: &[u8],
        _: &CertificateDer<'_>,
        _: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, Error> {
        Ok(HandshakeSignatureValid::assertion())
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}

/// The certificates of a PEM file.
fn rustls_pemfile_certs(pem: &[u8]) -> Vec<CertificateDer<'static>> {
    use rustls::pki_types::pem::PemObject;
    CertificateDer::pem_slice_iter(pem)
        .filter_map(Result::ok)
        .collect()
}

/// Verifies as usual against the `--cacert` certificates, and also accepts a server whose
/// own certificate is one of them (a self-signed development certificate, often marked as
/// a CA by `openssl req -x509`), once its name and dates check out.
#[derive(Debug)]
struct PinnedVerifier {
    inner: Arc<WebPkiServerVerifier>,
    pinned: Vec<CertificateDer<'static>>,
}

impl ServerCertVerifier for PinnedVerifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, Error> {
        let verified = self.inner.verify_server_cert(
            end_entity,
            intermediates,
            server_name,
            ocsp_response,
            now,
        );
        match verified {
            Err(_)
                if self
                    .pinned
                    .iter()
                    .any(|pinned| pinned.as_ref() == end_entity.as_ref()) =>
            {
                check_pinned(end_entity, server_name, now)?;
                Ok(ServerCertVerified::assertion())
            }
            verified => verified,
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, Error> {
        self.inner.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, Error> {
        self.inner.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.inner.supported_verify_schemes()
    }
}

/// The checks a pinned certificate still passes: it names the server (in its subject
/// alternative names, or, when it has none, in its Common Name, as curl accepts), and it is
/// in date.
fn check_pinned(
    cert: &CertificateDer<'_>,
    name: &ServerName<'_>,
    now: UnixTime,
) -> Result<(), Error> {
    let bad = || Error::InvalidCertificate(CertificateError::BadEncoding);
    let parsed = webpki::EndEntityCert::try_from(cert).map_err(|_| bad())?;
    let (_, x509) = x509_parser::parse_x509_certificate(cert.as_ref()).map_err(|_| bad())?;
    let named = parsed.verify_is_valid_for_subject_name(name).is_ok()
        || (x509.subject_alternative_name().ok().flatten().is_none()
            && common_name_matches(&x509, name));
    if !named {
        return Err(Error::InvalidCertificate(CertificateError::NotValidForName));
    }
    let now = now.as_secs() as i64;
    let validity = x509.validity();
    if now < validity.not_before.timestamp() {
        return Err(Error::InvalidCertificate(CertificateError::NotValidYet));
    }
    if now > validity.not_after.timestamp() {
        return Err(Error::InvalidCertificate(CertificateError::Expired));
    }
    Ok(())
}

/// A certificate without subject alternative names that names `name` in its Common Name.
fn common_name_matches(
    cert: &x509_parser::certificate::X509Certificate<'_>,
    name: &ServerName<'_>,
) -> bool {
    let ServerName::DnsName(dns) = name else {
        return false;
    };
    cert.subject()
        .iter_common_name()
        .filter_map(|cn| cn.as_str().ok())
        .any(|cn| cn.eq_ignore_ascii_case(dns.as_ref()))
}

/// `DnsName("a.test")` or `IpAddress(127.0.0.1)` as rustls lists a certificate's names:
/// `a.test`, `127.0.0.1`.
fn plain_name(presented: &str) -> &str {
    let inner = match (presented.find('('), presented.rfind(')')) {
        (Some(start), Some(end)) if end > start => &presented[start + 1..end],
        _ => presented,
    };
    inner.trim_matches('"')
}

/// What went wrong in a handshake, in words, with the fix.
pub fn describe(err: &Error) -> String {
    use CertificateError as Cert;
    let (what, fix) = match err {
        Error::InvalidCertificate(Cert::Expired | Cert::ExpiredContext { .. }) => (
            "its certificate has expired".to_string(),
            "the server must renew it; -k skips the check, unsafely",
        ),
        Error::InvalidCertificate(Cert::NotValidYet | Cert::NotValidYetContext { .. }) => (
            "its certificate is not valid yet".to_string(),
            "check this machine's clock",
        ),
        Error::InvalidCertificate(Cert::NotValidForNameContext { presented, .. }) => {
            let names: Vec<&str> = presented.iter().map(|p| plain_name(p)).collect();
            (
                format!("its certificate is for {}, not this name", names.join(", ")),
                "use a name the certificate lists",
            )
        }
        Error::InvalidCertificate(Cert::NotValidForName) => (
            "its certificate is for another name".to_string(),
            "use a name the certificate lists",
        ),
        Error::InvalidCertificate(Cert::UnknownIssuer) => (
            "its certificate is signed by an issuer hit does not trust".to_string(),
            "--cacert FILE trusts a private CA, or the server's own self-signed certificate",
        ),
        Error::InvalidCertificate(Cert::Other(other))
            if matches!(
                other.0.downcast_ref::<webpki::Error>(),
                Some(webpki::Error::CaUsedAsEndEntity)
            ) =>
        {
            (
                "it presents a CA certificate as its own".to_string(),
                "--cacert FILE with that certificate trusts it",
            )
        }
        Error::InvalidCertificate(Cert::BadSignature) => (
            "its certificate's signature does not verify".to_string(),
            "the certificate is damaged or forged",
        ),
        Error::InvalidMessage(_) => (
            "it did not answer in TLS".to_string(),
            "is it a plain http port? try http://",
        ),
        Error::PeerIncompatible(_)
        | Error::AlertReceived(rustls::AlertDescription::ProtocolVersion) => (
            "it shares no TLS version with hit".to_string(),
            "hit speaks TLS 1.2 and 1.3",
        ),
        other => (
            other.to_string(),
            "--cacert FILE trusts a private CA; -k skips the checks, unsafely",
        ),
    };
    format!("{what} ({fix})")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// webpki's reason reaches rustls as an `OtherError`: read by its type, not its words.
    #[test]
    fn a_ca_certificate_as_the_servers_own_is_named() {
        let err = Error::InvalidCertificate(CertificateError::Other(rustls::OtherError(Arc::new(
            webpki::Error::CaUsedAsEndEntity,
        ))));
        assert!(describe(&err).starts_with("it presents a CA certificate as its own"));
    }
}
