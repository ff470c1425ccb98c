//! `--digest` and `--anyauth`: the request goes without credentials, and a 401's challenge
//! (`WWW-Authenticate`, RFC 9110 §11.6.1) is answered once, in Digest (RFC 7616) or, for
//! `--anyauth`, in Basic when that is all it offers. Only the origin the credentials were
//! given for is answered, unless `--location-trusted`.

use reqwest::header::WWW_AUTHENTICATE;

use crate::http::{PreparedRequest, RequestBody, ResponseHead};
use crate::settings::{Auth, Challenge, Settings};

/// The request again with its `Authorization`, when `response` is a challenge to answer.
pub fn answer(
    settings: &Settings,
    first: &PreparedRequest,
    current: &PreparedRequest,
    response: &ResponseHead,
) -> Option<PreparedRequest> {
    let challenge = settings.request.challenge?;
    let same_origin = current.url.origin() == first.url.origin();
    if response.status.as_u16() != 401
        || current.headers.contains("authorization")
        || !(same_origin || settings.transport.location_trusted)
        || !current.body.is_replayable()
    {
        return None;
    }
    let (user, password) = credentials(settings)?;
    let mut client = http_auth::PasswordClient::builder();
    for value in response.headers.get_all(WWW_AUTHENTICATE) {
        client = client.challenges(value.to_str().ok()?);
    }
    let mut client = client.build().ok()?;
    if challenge == Challenge::Digest && !matches!(client, http_auth::PasswordClient::Digest(_)) {
        return None;
    }
    let body = match &current.body {
        RequestBody::Empty => Some(&[][..]),
        RequestBody::Bytes(bytes) => Some(&bytes[..]),
        _ => None,
    };
    let target = current.target();
    let params = http_auth::PasswordParams {
        username: &user,
        password: &password,
        uri: &target,
        method: current.method.as_str(),
        body,
    };
    let value = client.respond(&params).ok()?;
    let mut answered = current.clone();
    answered.headers.set("Authorization", value);
    Some(answered)
}

/// `-u`, a netrc entry, or the URL's own user and password.
fn credentials(settings: &Settings) -> Option<(String, String)> {
    if let Some(Auth::Basic { user, password }) = &settings.request.auth {
        return Some((user.clone(), password.clone()));
    }
    let url = &settings.request.url;
    let decode = |s: &str| {
        percent_encoding::percent_decode_str(s)
            .decode_utf8_lossy()
            .into_owned()
    };
    (!url.username().is_empty()).then(|| {
        (
            decode(url.username()),
            decode(url.password().unwrap_or_default()),
        )
    })
}
