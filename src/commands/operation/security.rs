//! The profile's credential sent where the operation's security scheme says (SPEC §8):
//! `Authorization` for http bearer and basic (and OAuth), a header, query item or cookie of
//! the scheme's name for an API key, none for `security: []`.

use crate::items::{HeaderEdit, Item};
use crate::openapi::{Place, SecurityScheme};
use crate::settings::{Auth, Settings};

use super::Called;

/// Moves the profile's credential where the operation wants it; the notes say what the
/// user should know (a key in the URL, a credential the profile lacks).
pub fn secure(settings: &mut Settings, called: &Called, profile: &str) -> Vec<String> {
    let Some(alternatives) = &called.operation.security else {
        return Vec::new();
    };
    let schemes = &called.api.security_schemes;
    if alternatives.is_empty() {
        // `security: []`: this operation takes no credential; the profile's stays home.
        settings.request.auth = None;
        return Vec::new();
    }
    if alternatives.iter().any(Vec::is_empty) {
        return Vec::new();
    }
    // A key the request carries already (a header item, `--header-env` in the profile).
    let carried = |set: &Vec<String>| {
        set.iter().all(|name| match schemes.get(name) {
            Some(SecurityScheme::ApiKey { name, place }) => given(settings, name, *place),
            _ => false,
        })
    };
    if alternatives.iter().any(carried) {
        // The profile's token would have been that key: it is not sent besides.
        if matches!(settings.request.auth, Some(Auth::Bearer(_))) {
            settings.request.auth = None;
        }
        return Vec::new();
    }
    let Some(auth) = settings.request.auth.clone() else {
        let wanted: Vec<String> = (alternatives.iter().flatten())
            .map(|name| describe(name, schemes.get(name)))
            .collect();
        return vec![format!(
            "spec: {} needs a credential ({}), and profile '{profile}' has none ([auth])",
            called.operation.name,
            wanted.join(" or ")
        )];
    };
    let usable = |name: &String| {
        matches!(
            (schemes.get(name), &auth),
            (Some(SecurityScheme::Basic), Auth::Basic { .. })
                | (
                    Some(
                        SecurityScheme::Bearer
                            | SecurityScheme::OAuth2
                            | SecurityScheme::OpenIdConnect
                    ),
                    Auth::Bearer(_) | Auth::OAuth2(_),
                )
                | (Some(SecurityScheme::ApiKey { .. }), Auth::Bearer(_))
        )
    };
    let Some(chosen) = alternatives.iter().find(|set| set.iter().all(usable)) else {
        let wanted: Vec<String> = (alternatives.iter().flatten())
            .map(|name| describe(name, schemes.get(name)))
            .collect();
        return vec![format!(
            "spec: {} wants {}; profile '{profile}''s credential is not one of them, sent as \
             the profile says",
            called.operation.name,
            wanted.join(" or ")
        )];
    };
    for name in chosen {
        if let (Some(SecurityScheme::ApiKey { name, place }), Auth::Bearer(key)) =
            (schemes.get(name), &auth)
        {
            settings.request.auth = None;
            if !given(settings, name, *place) {
                place_key(settings, name, *place, key);
            }
        }
    }
    Vec::new()
}

/// Whether the request carries the key itself: a header, query item or cookie of that
/// name on the command line (`X-Api-Key:mine`, `apiKey==mine`, `-H`, `-b`).
fn given(settings: &Settings, name: &str, place: Place) -> bool {
    let request = &settings.request;
    let header = |wanted: &str| {
        request.headers.iter().any(|(n, _)| n.eq_ignore_ascii_case(wanted))
            || (request.profile_headers.iter()).any(|(n, _)| n.eq_ignore_ascii_case(wanted))
            || request.items.iter().any(|item| {
                matches!(item, Item::Header { name: n, .. } if n.eq_ignore_ascii_case(wanted))
            })
    };
    match place {
        Place::Query => {
            request.url.query_pairs().any(|(n, _)| n == name)
                || (request.items.iter())
                    .any(|item| matches!(item, Item::Query { name: n, .. } if n == name))
        }
        Place::Cookie => cookies(settings).iter().any(|(n, _)| n == name),
        Place::Header | Place::Path => header(name),
    }
}

/// The cookies the request sends of its own: `Cookie` headers (`-H`, `-b`, items, the
/// profile's), as `name=value` pairs.
fn cookies(settings: &Settings) -> Vec<(String, String)> {
    let request = &settings.request;
    let set = |name: &String, edit: &HeaderEdit| match edit {
        HeaderEdit::Set(value) => Some((name.clone(), value.clone())),
        _ => None,
    };
    let edits = request.headers.iter().filter_map(|(n, edit)| set(n, edit));
    let items = request.items.iter().filter_map(|item| match item {
        Item::Header { name, edit } => set(name, edit),
        _ => None,
    });
    let headers: Vec<(String, String)> = edits
        .chain(items)
        .chain(request.profile_headers.iter().cloned())
        .collect();
    crate::openapi::contract::cookies(&headers)
}

fn place_key(settings: &mut Settings, name: &str, place: Place, key: &str) {
    let redaction = &mut settings.output.redaction;
    match place {
        Place::Query => {
            settings
                .request
                .url
                .query_pairs_mut()
                .append_pair(name, key);
            settings.request.secret_query.push(name.to_string());
            // As the URL carries it (`+` is `%2B`), and as written.
            redaction.hide(key);
        }
        Place::Cookie => {
            let cookie = format!("{name}={key}");
            let edit = HeaderEdit::Set(cookie);
            settings.request.headers.push(("Cookie".to_string(), edit));
        }
        Place::Header | Place::Path => {
            let edit = HeaderEdit::Set(key.to_string());
            settings.request.headers.push((name.to_string(), edit));
            settings.request.secret_headers.push(name.to_string());
            redaction.headers.push(name.to_string());
        }
    }
}

/// `bearerAuth: a bearer token (…)`, `api_key: an API key in header X-Api-Key`.
fn describe(name: &str, scheme: Option<&SecurityScheme>) -> String {
    match scheme {
        Some(scheme) => format!("{name}: {}", crate::explain::scheme_text(scheme)),
        None => format!("{name}: not defined in the document"),
    }
}
