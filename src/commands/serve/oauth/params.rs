//! The parameters of an OAuth request: the query of an authorization request, the form
//! body of the others (RFC 6749 §3.1, §3.2: a parameter sent without a value counts as
//! not sent, one sent twice is an error).

use std::collections::HashSet;

use super::reply::Refusal;
use crate::commands::serve::exchange::Req;

/// More parameters than any request here has a use for: an authorization request carries
/// about ten, a token request a handful. Refusing the rest keeps a request of a million
/// names from costing the single-threaded server more than its parsing.
const MAX_PARAMS: usize = 100;
/// The longest value taken: a code, a token, a state or a nonce is a few dozen characters,
/// and what is kept (a code's nonce, state and scope) or echoed back (a consent page, a
/// redirect) must not be a megabyte.
const MAX_VALUE: usize = 1024;

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

    /// Refuses a parameter sent more than once, and more parameters than [`MAX_PARAMS`].
    pub fn once(&self) -> Result<(), Refusal> {
        if self.pairs.len() > MAX_PARAMS {
            let detail = format!(
                "{} parameters are more than an OAuth request needs (at most {MAX_PARAMS})",
                self.pairs.len()
            );
            return Err(Refusal::new("invalid_request", &detail));
        }
        self.short()?;
        let mut seen = HashSet::new();
        for (name, _) in self.pairs.iter().filter(|(_, value)| !value.is_empty()) {
            if !seen.insert(name.as_str()) {
                let detail = format!("the parameter {name} is sent more than once");
                return Err(Refusal::new("invalid_request", &detail));
            }
        }
        Ok(())
    }

    /// Refuses a value longer than [`MAX_VALUE`] bytes.
    pub fn short(&self) -> Result<(), Refusal> {
        match self.pairs.iter().find(|(_, value)| value.len() > MAX_VALUE) {
            Some((name, _)) => {
                let detail = format!("the parameter {name} is longer than {MAX_VALUE} bytes");
                Err(Refusal::new("invalid_request", &detail))
            }
            None => Ok(()),
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn params(pairs: &[(&str, &str)]) -> Params {
        let pairs = pairs
            .iter()
            .map(|(name, value)| ((*name).to_owned(), (*value).to_owned()))
            .collect();
        Params { pairs }
    }

    #[test]
    fn a_parameter_sent_twice_is_refused_unless_one_is_empty() {
        let twice = params(&[("a", "1"), ("b", "2"), ("a", "3")]);
        let refusal = twice.once().unwrap_err();
        assert_eq!(refusal.error, "invalid_request");
        assert!(refusal.description.contains("a is sent more than once"));
        assert!(params(&[("a", "1"), ("a", ""), ("b", "2")]).once().is_ok());
    }

    #[test]
    fn more_parameters_than_a_request_needs_are_refused() {
        let names: Vec<String> = (0..=MAX_PARAMS).map(|n| format!("p{n}")).collect();
        let pairs: Vec<(&str, &str)> = names.iter().map(|name| (name.as_str(), "v")).collect();
        assert!(params(&pairs[..MAX_PARAMS]).once().is_ok());
        let refusal = params(&pairs).once().unwrap_err();
        assert_eq!(refusal.error, "invalid_request");
        assert!(
            refusal.description.contains("at most 100"),
            "{}",
            refusal.description
        );
    }
}
