//! The parameters of an OAuth request: the query of an authorization request, the form
//! body of the others (RFC 6749 §3.1, §3.2: a parameter sent without a value counts as
//! not sent, one sent twice is an error).

use super::reply::Refusal;
use crate::commands::serve::exchange::Req;

pub struct Params {
    pairs: Vec<(String, String)>,
}

impl Params {
    pub fn query(req: &Req) -> Params {
        Params {
            pairs: req.query.clone(),
        }
    }

    /// The body, which must be `application/x-www-form-urlencoded` unless it is empty (a
    /// client authenticated by Basic may have nothing else to send).
    pub fn form(req: &Req) -> Result<Params, Refusal> {
        let media = req.media_type();
        let empty = req.body.is_empty() && media.is_none();
        if !empty && media.as_deref() != Some("application/x-www-form-urlencoded") {
            let sent = media.map_or("a body without Content-Type".into(), |media| {
                format!("a {media} body")
            });
            let detail = format!(
                "send the parameters as a form (Content-Type: \
                 application/x-www-form-urlencoded), not {sent}: hit --form POST URL name=value"
            );
            return Err(Refusal::new("invalid_request", &detail));
        }
        let pairs = url::form_urlencoded::parse(&req.body)
            .into_owned()
            .collect();
        Ok(Params { pairs })
    }

    /// The parameter's value, when it has one.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(key, value)| key == name && !value.is_empty())
            .map(|(_, value)| value.as_str())
    }

    /// Refuses a parameter sent more than once.
    pub fn once(&self) -> Result<(), Refusal> {
        let given = || self.pairs.iter().filter(|(_, value)| !value.is_empty());
        for (at, (name, _)) in given().enumerate() {
            if given().skip(at + 1).any(|(other, _)| other == name) {
                let detail = format!("the parameter {name} is sent more than once");
                return Err(Refusal::new("invalid_request", &detail));
            }
        }
        Ok(())
    }

    /// A parameter the request cannot do without.
    pub fn required(&self, name: &str) -> Result<&str, Refusal> {
        self.get(name).ok_or_else(|| {
            Refusal::new(
                "invalid_request",
                &format!("the parameter {name} is missing"),
            )
        })
    }
}
