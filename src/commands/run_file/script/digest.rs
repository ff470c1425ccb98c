//! `crypto.*` of the scripts: the hashes and HMACs the JetBrains HTTP Client lists, over
//! bytes given in hex.

/// The digest of `data` (hex) with `alg`, keyed when `key` (hex) is given; in hex.
pub fn hex(alg: String, data: String, key: Option<String>) -> rquickjs::Result<String> {
    let bytes = |hex: &str| -> Vec<u8> {
        (0..hex.len() / 2)
            .filter_map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).ok())
            .collect()
    };
    let data = bytes(&data);
    let out = match (alg.as_str(), key) {
        ("md5", None) => md5_of(&data).to_vec(),
        ("md5", Some(key)) => hmac_md5(&bytes(&key), &data),
        (alg, key) => {
            let (digest, hmac) = match alg {
                "sha1" => (
                    &ring::digest::SHA1_FOR_LEGACY_USE_ONLY,
                    ring::hmac::HMAC_SHA1_FOR_LEGACY_USE_ONLY,
                ),
                "sha384" => (&ring::digest::SHA384, ring::hmac::HMAC_SHA384),
                "sha512" => (&ring::digest::SHA512, ring::hmac::HMAC_SHA512),
                _ => (&ring::digest::SHA256, ring::hmac::HMAC_SHA256),
            };
            match key {
                None => ring::digest::digest(digest, &data).as_ref().to_vec(),
                Some(key) => {
                    let key = ring::hmac::Key::new(hmac, &bytes(&key));
                    ring::hmac::sign(&key, &data).as_ref().to_vec()
                }
            }
        }
    };
    Ok(out.iter().map(|b| format!("{b:02x}")).collect())
}

/// HMAC-MD5 (RFC 2104), which ring does not have.
fn hmac_md5(key: &[u8], data: &[u8]) -> Vec<u8> {
    let mut block = [0u8; 64];
    if key.len() > 64 {
        block[..16].copy_from_slice(&md5_of(key));
    } else {
        block[..key.len()].copy_from_slice(key);
    }
    let pad = |byte: u8| block.iter().map(|b| b ^ byte).collect::<Vec<u8>>();
    let mut inner = pad(0x36);
    inner.extend_from_slice(data);
    let mut outer = pad(0x5c);
    outer.extend_from_slice(&md5_of(&inner));
    md5_of(&outer).to_vec()
}

fn md5_of(bytes: &[u8]) -> [u8; 16] {
    use md5::Digest;
    md5::Md5::digest(bytes).into()
}
