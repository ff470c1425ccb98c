//! The opening handshake (RFC 6455 §4): the headers that ask for the upgrade, and the
//! check of the server's `101 Switching Protocols` answer.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use reqwest::header::HeaderMap;

use crate::http::{PreparedRequest, ResponseHead, header_text};
use crate::settings::WebSocketSettings;

/// The GUID a server appends to the key to prove it read the handshake (RFC 6455 §1.3).
const GUID: &str = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

/// What the handshake offered: the key, the subprotocols and the extensions, as they went
/// out (a header the user gave wins over hit's).
#[derive(Debug, Clone)]
pub struct Offer {
    key: String,
    subprotocols: Vec<String>,
    pub extensions: Option<String>,
}

/// What the server agreed to.
#[derive(Debug, Clone, Default)]
pub struct Agreed {
    pub subprotocol: Option<String>,
    /// `Sec-WebSocket-Extensions` as answered: permessage-deflate's parameters.
    pub extensions: Option<String>,
}

/// Turns the prepared GET into an upgrade request: `Upgrade`, `Connection`, a fresh
/// `Sec-WebSocket-Key`, version 13, the subprotocols and permessage-deflate. The offer has
/// no `client_max_window_bits`: hit compresses with deflate's full window and cannot
/// honour a smaller one a server would then be free to ask for (python's `websockets`
/// asks for 12 bits and cannot inflate the rest).
pub fn offer(prepared: &mut PreparedRequest, settings: &WebSocketSettings) -> Offer {
    let headers = &mut prepared.headers;
    headers.set("Upgrade", "websocket");
    headers.set("Connection", "Upgrade");
    let key = match headers.get("Sec-WebSocket-Key") {
        Some(key) => key.to_string(),
        None => {
            let key = STANDARD.encode(uuid::Uuid::new_v4().as_bytes());
            headers.set("Sec-WebSocket-Key", key.clone());
            key
        }
    };
    headers.set("Sec-WebSocket-Version", "13");
    if !settings.subprotocols.is_empty() {
        let given = headers.get("Sec-WebSocket-Protocol").map(str::to_string);
        let offered = given
            .into_iter()
            .chain(settings.subprotocols.iter().cloned());
        headers.set(
            "Sec-WebSocket-Protocol",
            offered.collect::<Vec<_>>().join(", "),
        );
    }
    if !headers.contains("Sec-WebSocket-Extensions") {
        headers.set("Sec-WebSocket-Extensions", "permessage-deflate");
    }
    // `Sec-WebSocket-Extensions;` (an empty value) offers none.
    let extensions = headers
        .get("Sec-WebSocket-Extensions")
        .filter(|value| !value.trim().is_empty())
        .map(str::to_string);
    let subprotocols = headers
        .get("Sec-WebSocket-Protocol")
        .map(|value| list(value).map(str::to_string).collect())
        .unwrap_or_default();
    // A body-less GET: no Content-Type or Accept-Encoding is needed, and hyper must not
    // read a body after the 101.
    headers.remove("Accept-Encoding");
    Offer {
        key,
        subprotocols,
        extensions,
    }
}

/// The server's `101` checked against the offer (RFC 6455 §4.1, the client's rules 1–6):
/// `Err` is the one line that says what is wrong.
pub fn accepted(offer: &Offer, head: &ResponseHead) -> Result<Agreed, String> {
    let headers = &head.headers;
    let upgrade = header_text(headers, "upgrade");
    if !upgrade
        .as_deref()
        .is_some_and(|u| u.trim().eq_ignore_ascii_case("websocket"))
    {
        return Err(format!(
            "its Upgrade header is {}, not websocket",
            shown(upgrade.as_deref())
        ));
    }
    let connection = header_text(headers, "connection");
    if !connection
        .as_deref()
        .is_some_and(|c| list(c).any(|token| token.eq_ignore_ascii_case("upgrade")))
    {
        return Err(format!(
            "its Connection header is {}, not Upgrade",
            shown(connection.as_deref())
        ));
    }
    let expected = accept_key(&offer.key);
    let accept = header_text(headers, "sec-websocket-accept");
    if accept.as_deref().map(str::trim) != Some(expected.as_str()) {
        return Err(format!(
            "its Sec-WebSocket-Accept is {}, and the key sent needs {expected}: the server \
             did not read the handshake",
            shown(accept.as_deref())
        ));
    }
    Ok(Agreed {
        subprotocol: subprotocol(offer, headers)?,
        extensions: extensions(offer, headers)?,
    })
}

/// The subprotocol the server chose: one of those offered, or none.
fn subprotocol(offer: &Offer, headers: &HeaderMap) -> Result<Option<String>, String> {
    let Some(chosen) = header_text(headers, "sec-websocket-protocol") else {
        return Ok(None);
    };
    let chosen = chosen.trim().to_string();
    if offer.subprotocols.contains(&chosen) {
        Ok(Some(chosen))
    } else if offer.subprotocols.is_empty() {
        Err(format!(
            "it chose the subprotocol '{chosen}', and none was offered (--subprotocol)"
        ))
    } else {
        Err(format!(
            "it chose the subprotocol '{chosen}', which is not one offered ({})",
            offer.subprotocols.join(", ")
        ))
    }
}

/// The extensions the server turned on: only permessage-deflate, and only when offered.
fn extensions(offer: &Offer, headers: &HeaderMap) -> Result<Option<String>, String> {
    let Some(answer) = header_text(headers, "sec-websocket-extensions") else {
        return Ok(None);
    };
    let offered =
        (offer.extensions.as_deref()).is_some_and(|offer| extension_names(offer).any(is_deflate));
    for name in extension_names(&answer) {
        if !is_deflate(name) || !offered {
            return Err(format!(
                "it turned on the extension '{name}', which was not offered"
            ));
        }
    }
    Ok(Some(answer).filter(|a| !a.trim().is_empty()))
}

/// The names of a `Sec-WebSocket-Extensions` value's extensions (without parameters).
fn extension_names(value: &str) -> impl Iterator<Item = &str> {
    list(value).map(|ext| ext.split(';').next().unwrap_or("").trim())
}

fn is_deflate(name: &str) -> bool {
    name.eq_ignore_ascii_case("permessage-deflate")
}

/// `Sec-WebSocket-Accept` for KEY: base64(SHA-1(key + GUID)).
pub fn accept_key(key: &str) -> String {
    let digest = ring::digest::digest(
        &ring::digest::SHA1_FOR_LEGACY_USE_ONLY,
        format!("{key}{GUID}").as_bytes(),
    );
    STANDARD.encode(digest.as_ref())
}

/// The items of a comma-separated header value.
fn list(value: &str) -> impl Iterator<Item = &str> {
    value
        .split(',')
        .map(str::trim)
        .filter(|item| !item.is_empty())
}

fn shown(value: Option<&str>) -> String {
    match value {
        Some(value) => format!("'{}'", crate::error::excerpt(value)),
        None => "missing".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_accept_key_is_rfc_6455s_example() {
        // RFC 6455 §1.3.
        assert_eq!(
            accept_key("dGhlIHNhbXBsZSBub25jZQ=="),
            "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="
        );
    }

    #[test]
    fn only_an_offered_deflate_may_be_turned_on() {
        let offer = Offer {
            key: "k".into(),
            subprotocols: vec!["chat".into(), "v2.chat".into()],
            extensions: Some("permessage-deflate; client_max_window_bits".into()),
        };
        let mut headers = HeaderMap::new();
        headers.insert(
            "sec-websocket-extensions",
            "x-webkit-deflate".parse().unwrap(),
        );
        assert!(
            extensions(&offer, &headers)
                .unwrap_err()
                .contains("x-webkit-deflate")
        );
        headers.insert(
            "sec-websocket-extensions",
            "permessage-deflate; server_no_context_takeover"
                .parse()
                .unwrap(),
        );
        assert!(extensions(&offer, &headers).unwrap().is_some());
        headers.insert("sec-websocket-protocol", "v2.chat".parse().unwrap());
        assert_eq!(
            subprotocol(&offer, &headers).unwrap().as_deref(),
            Some("v2.chat")
        );
        headers.insert("sec-websocket-protocol", "mqtt".parse().unwrap());
        assert!(subprotocol(&offer, &headers).unwrap_err().contains("mqtt"));
    }
}
