//! The names operations are called by on the command line.

/// `listPetsByOwner`, `list_pets_by_owner`, `List Pets` → `list-pets-by-owner`; an acronym
/// stays one word (`getHTTPStatus` → `get-http-status`).
pub fn kebab(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 4);
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_alphanumeric() {
            if !out.is_empty() && !out.ends_with('-') {
                out.push('-');
            }
            continue;
        }
        if c.is_uppercase() && i > 0 && !out.ends_with('-') && !out.is_empty() {
            let previous = chars[i - 1];
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_lowercase());
            if previous.is_lowercase()
                || previous.is_ascii_digit()
                || (previous.is_uppercase() && next_lower)
            {
                out.push('-');
            }
        }
        out.extend(c.to_lowercase());
    }
    out.trim_end_matches('-').to_string()
}

/// The name of an operation without an `operationId`: its method and path
/// (`GET /pets/{petId}` → `get-pets-pet-id`).
pub fn of_method_and_path(method: &str, path: &str) -> String {
    kebab(&format!("{method} {path}"))
}

/// The names of a path template's parameters, in order (`/a/{x}/b/{y}` → `x`, `y`).
pub fn template_names(path: &str) -> impl Iterator<Item = &str> {
    path.split('{')
        .skip(1)
        .filter_map(|part| part.split_once('}').map(|(name, _)| name))
}

/// The template with its parameter names left out (`/pets/{id}` → `/pets/{}`): two paths
/// alike in this form are the same to a server.
pub fn template_shape(path: &str) -> String {
    let mut shape = String::with_capacity(path.len());
    let mut inside = false;
    for c in path.chars() {
        match c {
            '{' => {
                inside = true;
                shape.push('{');
            }
            '}' => {
                inside = false;
                shape.push('}');
            }
            _ if inside => {}
            _ => shape.push(c),
        }
    }
    shape.trim_end_matches('/').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operation_ids_become_kebab_case() {
        for (id, name) in [
            ("listPets", "list-pets"),
            ("list_pets_by_owner", "list-pets-by-owner"),
            ("getHTTPStatus", "get-http-status"),
            ("repos/get-content", "repos-get-content"),
            ("Create Pet", "create-pet"),
            ("v2Get", "v2-get"),
            ("already-kebab", "already-kebab"),
        ] {
            assert_eq!(kebab(id), name, "{id}");
        }
        assert_eq!(
            of_method_and_path("GET", "/pets/{petId}"),
            "get-pets-pet-id"
        );
    }

    #[test]
    fn templates_give_their_names_and_shape() {
        let names: Vec<&str> = template_names("/repos/{owner}/{repo}/issues").collect();
        assert_eq!(names, ["owner", "repo"]);
        assert_eq!(template_shape("/pets/{petId}/"), "/pets/{}");
        assert_eq!(template_shape("/pets/{id}"), template_shape("/pets/{name}"));
    }
}
