//! The practice server's cryptography, all from ring (in the tree already, for rustls):
//! secrets from the operating system's random generator, PKCE's S256 check (RFC 7636), and
//! the ES256 key that signs ID tokens and that `/oauth/jwks` publishes.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use ring::digest::{SHA256, digest};
use ring::rand::{SecureRandom, SystemRandom};
use ring::signature::{ECDSA_P256_SHA256_FIXED_SIGNING, EcdsaKeyPair, KeyPair};
use serde_json::{Value, json};

/// The operating system's random generator failed: no secret can be made.
#[derive(Debug)]
pub struct NoRandom;

fn fill(bytes: &mut [u8]) -> Result<(), NoRandom> {
    SystemRandom::new().fill(bytes).map_err(|_| NoRandom)
}

/// `PREFIX` and 256 random bits in base64url. The prefix (`at_`, `rt_`, `ac_`, `dc_`)
/// tells a reader which kind of secret leaked, as GitHub's token prefixes do.
pub fn secret(prefix: &str) -> Result<String, NoRandom> {
    let mut bytes = [0u8; 32];
    fill(&mut bytes)?;
    Ok(format!("{prefix}{}", B64.encode(bytes)))
}

/// The letters of user codes: RFC 8628 §6.1's twenty consonants, with no vowels to spell
/// words and none of the digits people misread.
const USER_LETTERS: &[u8; 20] = b"BCDFGHJKLMNPQRSTVWXZ";

/// A user code of eight letters (about 34 bits), kept without its dash: [`shown`] adds it.
pub fn user_code() -> Result<String, NoRandom> {
    let mut bytes = [0u8; 8];
    fill(&mut bytes)?;
    let mut number = u64::from_le_bytes(bytes);
    let mut code = String::with_capacity(8);
    for _ in 0..8 {
        // 20^8 is far below 2^64: taking remainders leaves no bias worth the name.
        code.push(char::from(USER_LETTERS[(number % 20) as usize]));
        number /= 20;
    }
    Ok(code)
}

/// A user code as people type it: `bcdf-ghjk`, `BCDF GHJK` and `BCDFGHJK` are one code.
pub fn typed_user_code(text: &str) -> String {
    text.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// `BCDFGHJK` as it is shown: `BCDF-GHJK`.
pub fn shown(code: &str) -> String {
    match code.split_at_checked(4) {
        Some((first, second)) if !second.is_empty() => format!("{first}-{second}"),
        _ => code.to_owned(),
    }
}

/// PKCE's S256 transform (RFC 7636 §4.2): BASE64URL(SHA256(ASCII(code_verifier))).
pub fn s256(verifier: &str) -> String {
    B64.encode(digest(&SHA256, verifier.as_bytes()))
}

/// RFC 7636 §4.1: a verifier is 43 to 128 characters of `A-Z a-z 0-9 - . _ ~`.
pub fn verifier_is_well_formed(verifier: &str) -> bool {
    (43..=128).contains(&verifier.len())
        && verifier
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-._~".contains(&b))
}

/// An S256 challenge is a SHA-256 digest in unpadded base64url: 43 characters.
pub fn challenge_is_well_formed(challenge: &str) -> bool {
    challenge.len() == 43
        && challenge
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The key that signs ID tokens: ECDSA P-256 (ES256), made at start and never stored, so
/// that a restart, which forgets every token, also changes the key.
pub struct Signer {
    key: EcdsaKeyPair,
    /// The key's id in the JWK set and in each token's header: a digest of the key.
    kid: String,
}

impl Signer {
    pub fn generate() -> Result<Signer, NoRandom> {
        let random = SystemRandom::new();
        let pkcs8 = EcdsaKeyPair::generate_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, &random)
            .map_err(|_| NoRandom)?;
        let key =
            EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, pkcs8.as_ref(), &random)
                .map_err(|_| NoRandom)?;
        let kid = B64.encode(&digest(&SHA256, key.public_key().as_ref()).as_ref()[..12]);
        Ok(Signer { key, kid })
    }

    /// The public key as a JWK (RFC 7518 §6.2): the uncompressed point `04 || x || y`.
    pub fn jwk(&self) -> Value {
        let point = self.key.public_key().as_ref();
        let (x, y) = point[1..].split_at(32);
        json!({
            "kty": "EC",
            "crv": "P-256",
            "x": B64.encode(x),
            "y": B64.encode(y),
            "use": "sig",
            "alg": "ES256",
            "kid": self.kid,
        })
    }

    /// A compact JWS of `claims` (RFC 7515): header, payload and the 64-byte `r || s`
    /// signature, each in base64url.
    pub fn sign(&self, claims: &Value) -> Result<String, NoRandom> {
        let header = json!({"alg": "ES256", "typ": "JWT", "kid": self.kid});
        let input = format!(
            "{}.{}",
            B64.encode(header.to_string()),
            B64.encode(claims.to_string())
        );
        let signature = self
            .key
            .sign(&SystemRandom::new(), input.as_bytes())
            .map_err(|_| NoRandom)?;
        Ok(format!("{input}.{}", B64.encode(signature.as_ref())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ring::signature::{ECDSA_P256_SHA256_FIXED, UnparsedPublicKey};

    #[test]
    fn s256_matches_rfc_7636_appendix_b() {
        let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
        assert!(verifier_is_well_formed(verifier));
        let challenge = s256(verifier);
        assert_eq!(challenge, "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
        assert!(challenge_is_well_formed(&challenge));
    }

    #[test]
    fn verifiers_and_challenges_are_checked_for_shape() {
        assert!(!verifier_is_well_formed(&"a".repeat(42)));
        assert!(verifier_is_well_formed(&"a".repeat(128)));
        assert!(!verifier_is_well_formed(&"a".repeat(129)));
        assert!(!verifier_is_well_formed(&format!("{}+", "a".repeat(42))));
        assert!(!challenge_is_well_formed(&"a".repeat(44)));
        assert!(!challenge_is_well_formed(&format!("{}=", "a".repeat(42))));
    }

    #[test]
    fn secrets_are_prefixed_random_and_unlike() {
        let one = secret("at_").unwrap();
        assert!(one.starts_with("at_") && one.len() == 3 + 43, "{one}");
        assert_ne!(one, secret("at_").unwrap());
    }

    #[test]
    fn user_codes_are_eight_consonants_typed_any_way() {
        let code = user_code().unwrap();
        assert_eq!(code.len(), 8);
        assert!(code.bytes().all(|b| USER_LETTERS.contains(&b)), "{code}");
        let shown = shown(&code);
        assert_eq!(shown.len(), 9);
        assert_eq!(typed_user_code(&shown.to_lowercase()), code);
        assert_eq!(typed_user_code(" bcdf ghjk "), "BCDFGHJK");
    }

    #[test]
    fn id_tokens_verify_with_the_published_key() {
        let signer = Signer::generate().unwrap();
        let token = signer.sign(&json!({"sub": "1"})).unwrap();
        let (input, signature) = token.rsplit_once('.').unwrap();
        let jwk = signer.jwk();
        let mut point = vec![4u8];
        for coordinate in ["x", "y"] {
            point.extend(B64.decode(jwk[coordinate].as_str().unwrap()).unwrap());
        }
        let public = UnparsedPublicKey::new(&ECDSA_P256_SHA256_FIXED, point);
        let signature = B64.decode(signature).unwrap();
        assert!(public.verify(input.as_bytes(), &signature).is_ok());
        assert!(public.verify(b"another.input", &signature).is_err());
        let header: Value =
            serde_json::from_slice(&B64.decode(input.split('.').next().unwrap()).unwrap()).unwrap();
        assert_eq!(header["kid"], jwk["kid"]);
        assert_eq!(header["alg"], "ES256");
    }
}
