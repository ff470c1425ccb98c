//! What each method promises (RFC 9110 §9).

/// What a method promises.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MethodFacts {
    pub name: &'static str,
    /// RFC 9110 §9.2.1: read-only, as far as the client asks.
    pub safe: bool,
    /// RFC 9110 §9.2.2: sending it twice has the effect of sending it once.
    pub idempotent: bool,
    /// RFC 9110 §9.2.3: a response to it may be stored and reused.
    pub cacheable: bool,
    /// Where it is defined.
    pub rfc: &'static str,
    /// What it asks for, in our words.
    pub meaning: &'static str,
    /// What a request body means with it.
    pub body: &'static str,
    /// The statuses it typically gets.
    pub statuses: &'static str,
    /// When to use it.
    pub when: &'static str,
    /// The classic mistakes made with it.
    pub mistakes: &'static str,
}

const fn method(
    name: &'static str,
    safe: bool,
    idempotent: bool,
    cacheable: bool,
    rfc: &'static str,
) -> MethodFacts {
    MethodFacts {
        name,
        safe,
        idempotent,
        cacheable,
        rfc,
        meaning: "",
        body: "",
        statuses: "",
        when: "",
        mistakes: "",
    }
}

impl MethodFacts {
    /// The words: what it asks (its first sentence stands alone, for `--explain`), what a
    /// body means with it, its typical statuses, when to use it and the classic mistakes.
    /// One paragraph each.
    const fn about(
        self,
        meaning: &'static str,
        body: &'static str,
        statuses: &'static str,
        when: &'static str,
        mistakes: &'static str,
    ) -> MethodFacts {
        MethodFacts {
            meaning,
            body,
            statuses,
            when,
            mistakes,
            ..self
        }
    }
}

/// The methods of RFC 9110, PATCH (RFC 5789) and QUERY (draft-ietf-httpbis-safe-method-w-body).
pub const METHODS: &[MethodFacts] = &[
    method("GET", true, true, true, "RFC 9110 §9.3.1").about(
        "Asks for the current representation of the resource that the URL names. It asks the \
         server to change nothing, so browsers, crawlers, caches and retries may send it \
         freely.",
        "No defined meaning; servers may ignore or reject it, and caches and proxies may drop \
         it. Put parameters in the query string (hit's name==value items), or use QUERY or \
         POST for a query too large for a URL.",
        "200 with the representation, 304 Not Modified for a conditional GET whose version you \
         already have, 206 for a Range request, 301, 302, 307 or 308 when it is elsewhere, 401 \
         or 403 when access is refused, 404 when there is nothing there.",
        "To read anything: a page, a file, a record, a list with filters and paging in the \
         query string (hit :8080/products category==shoes). A request that only reads should \
         be a GET, so that it can be cached, bookmarked, linked and retried.",
        "Giving a GET side effects (/users/3/delete, /logout): crawlers, link previews and \
         prefetching browsers send GETs on their own, and would trigger them. Putting \
         passwords or tokens in the query string, where server logs, history and proxies keep \
         them. Sending a body and expecting every server on the way to read it.",
    ),
    method("HEAD", true, true, true, "RFC 9110 §9.3.2").about(
        "Asks for what a GET would get, without the body: the same status and header fields. \
         It is a cheap way to learn whether a resource exists, and its type, size, ETag or \
         Last-Modified.",
        "No defined meaning, as with GET; servers may reject it (in hit, -I with a body is a \
         usage error). The response never has a body either, even when it states a \
         Content-Length.",
        "The ones GET would get, with no body: 200, 304 for a conditional HEAD, 301, 302, 307 \
         or 308, 404; and 405 or 501 from the rare server that wrongly does not support it.",
        "To check that a link still works, to read Content-Type or Content-Length before a \
         large download, or to compare an ETag or Last-Modified with a copy you have, without \
         transferring the body (hit HEAD :8080/products/42).",
        "Using it to check that a download is complete: it says what the server has now, not \
         whether the bytes you saved are whole or correct; compare a checksum, or resume with \
         hit -o FILE -C -. Trusting that a server answers HEAD exactly as it answers GET: some \
         leave out Content-Length for generated content, or mishandle HEAD. Waiting for a body \
         after a HEAD.",
    ),
    method("POST", false, false, false, "RFC 9110 §9.3.3").about(
        "Asks the server to process the body it carries, in whatever way the target resource \
         defines: create a record, take a form, place an order, start a job. It promises \
         neither safety nor idempotency: sending it twice may do it twice.",
        "The point of the request: the data to process, in the format its Content-Type names \
         (JSON, a form, multipart with files). hit sends items such as item=book qty:=2 as a \
         JSON object.",
        "201 Created with the new resource's URL in Location, 200 with a result, 202 Accepted \
         when the work goes on after the answer, 204 when there is nothing to say, 303 See \
         Other to send the client to a result, 400 or 422 for a body the server refuses, 409 \
         for a conflict, 415 for a content type it does not take.",
        "To create something whose URL the server chooses (hit POST :8080/orders item=book \
         qty:=2), to submit a form, to trigger an action such as a payment, a mail or a \
         report, or when no other method fits.",
        "Retrying it blindly after a timeout or a dropped connection: the first one may have \
         arrived, and the retry places a second order. Send an Idempotency-Key (hit POST \
         :8080/orders item=book qty:=2 Idempotency-Key:abc, or --idempotency-key auto) so that \
         the server can answer a repeat with its first answer. Using POST for plain reads, \
         which gives up caching, bookmarks and safe retries. Tunnelling every operation \
         through POST with the action in the body, where PUT, PATCH or DELETE would say it.",
    ),
    method("PUT", false, true, false, "RFC 9110 §9.3.4").about(
        "Asks the server to create or replace the resource at the URL, with the body as its \
         whole new state. The same PUT sent twice leaves the same state as once, so it is \
         idempotent.",
        "The complete new representation of the resource. Fields left out are not kept: \
         afterwards the resource is what the body says, plus what the server manages itself, \
         such as an id.",
        "200 or 204 when an existing resource was replaced, 201 Created when the PUT made it, \
         412 Precondition Failed when an If-Match no longer matches, 409 for a conflict with \
         the current state, 400 or 422 for a body it refuses, 404 or 405 where clients may \
         not create resources.",
        "To replace a resource whose URL you know, such as a settings document or a file at a \
         fixed path, or to create one where the client picks the URL. Send If-Match with the \
         ETag you read, so that you do not overwrite someone else's change.",
        "Sending only the fields to change: PUT replaces, so omitted fields are gone (hit PUT \
         :8080/users/1 name='Ada King' leaves a user with an id and a name, and no email or \
         role); PATCH is for a partial change. Giving it effects that add up, such as \
         incrementing a counter, which breaks the idempotency that clients and --retry rely on. \
         Overwriting another client's edit for want of an If-Match.",
    ),
    method("DELETE", false, true, false, "RFC 9110 §9.3.5").about(
        "Asks the server to remove the resource at the URL, or at least the link between the \
         URL and it. Deleting twice leaves the same state as deleting once, so it is \
         idempotent.",
        "No defined meaning; many servers and proxies ignore or reject it. Name what to delete \
         in the URL.",
        "204 No Content when it is done, 200 with a description of what was done, 202 Accepted \
         when the removal happens later, 404 when there is nothing there (also for a second \
         DELETE), 405 when the resource cannot be deleted, 409 or 412 when a conflict or a \
         condition stops it.",
        "To remove one resource that you can name by its URL: a record, a file, a session \
         (hit DELETE :8080/users/3). For bulk or soft deletes, APIs often define a POST to an \
         action URL instead.",
        "Believing that a second DELETE answering 404 breaks idempotency: idempotency is about \
         the state of the server, not the status, and the resource is gone either way (hit \
         DELETE :8080/users/3, twice, shows it). Treating that 404 as a failure after a \
         retry, when it usually means the first attempt worked. Deleting through a GET link, \
         which crawlers follow.",
    ),
    method("CONNECT", false, false, false, "RFC 9110 §9.3.6").about(
        "Asks a proxy to open a tunnel to the host and port the request names, and to relay \
         bytes both ways from then on. It is how an https request passes through an HTTP \
         proxy: the TLS connection runs inside the tunnel, where the proxy cannot read it.",
        "No defined meaning. After a 2xx answer the connection stops being HTTP: it carries \
         the tunnelled bytes.",
        "200 (any 2xx) when the tunnel is open, 407 Proxy Authentication Required when the \
         proxy wants credentials, 403 when it refuses the destination, 502 or 504 when it \
         cannot reach it.",
        "Hardly ever by hand: clients send it themselves when they reach an https URL through \
         a proxy (hit -x http://proxy:3128 https://example.org/, or https_proxy). Its target \
         is a host and a port, such as example.org:443, not a path.",
        "Sending it to an ordinary server: CONNECT is for proxies, and a server that is not \
         one answers with an error such as 400, 405 or 501. Running a proxy that allows \
         CONNECT to any port, which turns it into an open relay for spam and attacks; proxies \
         limit it to ports such as 443. Expecting to see or cache what goes through the \
         tunnel.",
    ),
    method("OPTIONS", true, true, false, "RFC 9110 §9.3.7").about(
        "Asks which communication options a resource offers, mostly which methods it allows, \
         without acting on it. With the target * it asks about the server as a whole.",
        "Allowed, but no use for it is defined, and servers usually ignore it.",
        "204 or 200 with an Allow header listing the methods (hit OPTIONS :8080/products shows \
         Allow: GET, HEAD, POST, OPTIONS), with Access-Control-Allow-* headers when it is a \
         CORS preflight; 405 or 501 from servers that do not support it.",
        "To find out which methods a URL allows. Browsers also send it on their own: it is the \
         CORS preflight that precedes a cross-origin request a plain form could not send, \
         such as a PUT, a JSON body or an Authorization header.",
        "Forgetting that OPTIONS is what CORS preflight uses: a server that demands \
         credentials for it, or answers it 404 or 405, breaks every cross-origin call from \
         browsers, because a preflight never carries credentials. Expecting caches to keep \
         its answers: they do not, although Access-Control-Max-Age lets a browser reuse a \
         preflight for a while.",
    ),
    method("TRACE", true, true, false, "RFC 9110 §9.3.8").about(
        "Asks the server to send back the request as it received it, as the body of a \
         message/http response. It shows a client what the proxies on the way changed or \
         added.",
        "Not allowed: a client must not send a body with TRACE.",
        "200 with the received request as message/http, or 405 or 501 where it is disabled, \
         as it is on most servers. Max-Forwards limits how many proxies pass it on, so that \
         each hop can be looked at in turn.",
        "To debug a chain of proxies on a network you control. On the public internet expect \
         it to be turned off.",
        "Leaving it enabled in production: it echoes headers back, cookies and credentials \
         included, and cross-site tracing (XST) attacks used that to read secrets that \
         scripts are not allowed to see; that is why it is usually disabled for security. \
         Sending credentials or cookies in a TRACE, which then appear in the answer.",
    ),
    method("PATCH", false, false, false, "RFC 5789 §2").about(
        "Asks the server to apply a set of changes, described in the body, to the resource at \
         the URL, and to leave the rest as it is. The server applies all the changes or \
         none.",
        "The changes, in a patch format that its Content-Type names: \
         application/merge-patch+json (RFC 7396: the fields to set, null to remove one) or \
         application/json-patch+json (RFC 6902: a list of operations). hit serve reads a JSON \
         body as a merge patch.",
        "200 with the updated resource, 204 with none, 400 for a malformed patch, 415 for a \
         patch format the server does not know (Accept-Patch lists the ones it does), 409 or \
         422 when the changes cannot be applied, 412 when an If-Match no longer matches, 404 \
         when there is nothing to patch.",
        "To change a few fields of a resource without sending all of it: a user's role, a \
         product's price (hit PATCH :8080/products/42 price:=25). Add If-Match with the ETag \
         you read, so that two edits do not mix.",
        "PUT vs PATCH: using PUT when you mean PATCH loses the fields you left out, since PUT \
         replaces, and using PATCH when you mean PUT keeps fields you wanted gone. Assuming \
         PATCH is idempotent: a patch that sets fields may be, but one that appends to a list \
         or increments a counter is not, so it is not retried blindly. Expecting every server \
         to guess the patch format from plain application/json.",
    ),
    method(
        "QUERY",
        true,
        true,
        true,
        "draft-ietf-httpbis-safe-method-w-body",
    )
    .about(
        "Asks the server to answer a query that the request body carries, like a GET whose \
         parameters are too large or too structured for a URL. It is safe and idempotent, so \
         it may be retried and its answers cached, which POST cannot promise.",
        "Required: the query itself, in the format its Content-Type names (a JSON filter, SQL, \
         a form). The server reads it and changes nothing.",
        "200 with the results, 303 See Other pointing to a URL where the results can be \
         fetched with GET, 400 or 422 for a query it cannot run, 415 for a query format it \
         does not accept (Accept-Query lists the ones it does), and 405 or 501 from the many \
         servers that do not know the method yet.",
        "For a search or a report whose parameters would make a long or awkward URL, or should \
         stay out of logs, while keeping the read-only promise that POST lacks. Check first \
         that the server supports it: the method is still an IETF draft.",
        "Using it before the server and everything on the way supports it: older servers and \
         proxies answer 405 or 501, or treat it as an unknown, unsafe method. Caching its \
         answers by URL alone: a cache has to include the body in its key. Using POST for a \
         search instead: it works, but gives up safe retries and caching, which is why QUERY \
         exists.",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_method_has_its_words() {
        for m in METHODS {
            for (field, text) in [
                ("meaning", m.meaning),
                ("body", m.body),
                ("statuses", m.statuses),
                ("when", m.when),
                ("mistakes", m.mistakes),
            ] {
                assert!(!text.trim().is_empty(), "{} has no {field}", m.name);
                assert!(
                    !text.contains('\n'),
                    "{}'s {field} is not one paragraph",
                    m.name
                );
            }
            assert!(!m.rfc.is_empty(), "{} has no rfc", m.name);
        }
    }

    #[test]
    fn the_promises_stay_as_they_are() {
        let promises: Vec<(&str, bool, bool, bool)> = METHODS
            .iter()
            .map(|m| (m.name, m.safe, m.idempotent, m.cacheable))
            .collect();
        assert_eq!(
            promises,
            [
                ("GET", true, true, true),
                ("HEAD", true, true, true),
                ("POST", false, false, false),
                ("PUT", false, true, false),
                ("DELETE", false, true, false),
                ("CONNECT", false, false, false),
                ("OPTIONS", true, true, false),
                ("TRACE", true, true, false),
                ("PATCH", false, false, false),
                ("QUERY", true, true, true),
            ]
        );
    }
}
