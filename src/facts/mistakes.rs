//! The classic mistakes behind hit's lints, one lesson for each lint, named as `--no-lint`
//! names it: why the mistake costs, what to do instead, and when the lint fires.

use super::Concept;

/// The mistakes `hit explain` knows, by lint name, sorted by name.
pub const MISTAKES: &[Concept] = &[
    Concept {
        name: "body-without-meaning",
        title: "A body on GET: content the method gives no meaning to",
        rfc: "RFC 9110 §9.3.1",
        text: "\
RFC 9110 says a body on a GET request has no generally defined semantics, cannot change the \
meaning or target of the request, and may lead some implementations to reject the request \
and close the connection (§9.3.1; §9.3.2 and §9.3.5 say the same of HEAD and DELETE). \
OPTIONS defines no use for one either.\n\n\
In practice it is a gamble: some servers read it (Elasticsearch's search takes a JSON body \
on GET), many frameworks drop it, proxies and CDNs may strip it or refuse the request, and \
caches key on the URL alone, so two GETs with different bodies get the same cached answer. \
Browsers' fetch() refuses to send one at all.\n\n\
Put the parameters in the URL instead: hit :8080/products category==shoes sends \
?category=shoes (== items go to the query). When they are too large or too structured for \
a URL, POST them to a search endpoint, or use QUERY, a newer method that is safe like GET \
and carries a body. For DELETE, name what to delete in the URL.\n\n\
The lint fires when a request with an explicit GET, HEAD, DELETE or OPTIONS carries a body: \
hit --offline GET :8080/products category=shoes shows it. Without a method, data items \
make hit send a POST.",
    },
    Concept {
        name: "check-assigns",
        title: "A --check with = where == was meant: an assignment, never true",
        rfc: "jq manual, hit",
        text: "\
In jq, == compares and = assigns: .status == \"ok\" is true or false, while .status = \"ok\" \
yields the whole body with its status set to ok. A check passes only when every result is \
true, so a check written with = fails whatever the server sent. The same goes for |=, +=, \
-= and the other update operators.\n\n\
Write the comparison: hit :8080/health --check '.status == \"ok\"'; join several \
conditions with and: --check '.total > 0 and .page == 1'.\n\n\
The lint fires before anything is sent when a --check (or a # @check line of a .http file) \
assigns, names it and asks: did you mean ==?",
    },
    Concept {
        name: "duplicate-header",
        title: "A header given twice: which one counts?",
        rfc: "RFC 9110 §5.3",
        text: "\
A field may appear more than once in a message only when its value is a comma-separated \
list, such as Accept or Cache-Control; the values are then read as one list, in order (RFC \
9110 §5.3). Fields that hold one value, such as Authorization, Content-Type, Host and \
Content-Length, appear once.\n\n\
Sent twice, there is no right answer: one server takes the first, another the last, a \
third refuses the request with 400, and a proxy may choose differently from the server \
behind it. Two Content-Length or Host values are worse: they are how request smuggling \
works, where a proxy and a server disagree about where a request ends (RFC 9112 §6.3), so \
careful servers reject them outright.\n\n\
It usually happens by accident, a header typed on the command line on top of one an option \
or a profile adds. The lint fires when Authorization, Content-Type, Host or Content-Length \
is in the request twice; hit --offline shows every header hit would send.",
    },
    Concept {
        name: "insecure",
        title: "-k: turning certificate checks off",
        rfc: "RFC 9110 §4.3.4",
        text: "\
A certificate is how https proves that the other end is the server named in the URL and \
not someone in between: the server shows one for that name, signed by an authority the \
client trusts, and not expired (RFC 9110 §4.3.4). -k (--insecure) skips that check. The \
connection is still encrypted, but to whoever answered: anyone who can intercept it, on a \
hostile Wi-Fi or a compromised router, can pose as the server, read the passwords and \
tokens sent, and change the answers.\n\n\
-k is usually reached for when a server has a self-signed certificate or one from a \
company's own authority. Trust that certificate instead: --cacert FILE with the server's \
certificate or its authority's keeps every other check on. For an expired certificate, or \
one for another name, fix the certificate: the error tells the truth.\n\n\
The lint fires for -k towards any host that is not this machine; localhost and the loopback \
addresses are exempt, since nothing leaves the machine.",
    },
    Concept {
        name: "long-url",
        title: "URL length: how long a URL may be, and what to do past that",
        rfc: "RFC 9110 §4.1",
        text: "\
HTTP sets no limit on the length of a URL, but RFC 9110 §4.1 recommends that senders and \
recipients support URIs of at least 8,000 octets. The software on the way sets its own \
limits: legacy browsers about 2,048 bytes, Apache 8,190 for the request line, nginx 8,192, \
IIS 16,384, and CDNs and proxies theirs. Past one of them a server answers 414 URI Too Long \
(RFC 9110 §15.5.15), or a proxy cuts the URL or drops the connection.\n\n\
Long URLs usually come from data sent in the query: hundreds of ids, an encoded document, a \
long search. Send such data in a body instead: POST to a search or batch endpoint, or \
QUERY, a newer method that is safe and idempotent like GET and carries a body. Keep URLs to \
name things, and under about 2,000 bytes where browsers and links carry them.\n\n\
The lint fires when the whole URL is longer than 2,048 bytes, and names the limits it \
passes.",
    },
    Concept {
        name: "plain-http-credentials",
        title: "Credentials over plain http: readable by anyone on the way",
        rfc: "RFC 7617 §4, RFC 6750 §5.3",
        text: "\
Over http everything travels as written: the request line, the headers and the body cross \
every network on the way, the café's Wi-Fi, the office proxy, the provider, as plain text. \
An Authorization header is a password (Basic is base64, an encoding, not encryption) or a \
token that works for whoever copies it.\n\n\
https encrypts the exchange and proves that the server is the one named in the URL. Use \
https:// for anything that carries credentials. A server that redirects http to https, or \
sends Strict-Transport-Security, helps browsers next time, but too late for this request: \
it has already crossed the network with the credentials in it.\n\n\
The lint fires for an Authorization header (from -u, --bearer, a header item or \
user:password@ in the URL) sent over http to another machine. Loopback is exempt, since \
nothing leaves the machine: hit -u ada:secret :8080/basic-auth/ada/secret stays quiet.",
    },
    Concept {
        name: "secret-in-query",
        title: "Secrets in URLs: why tokens and passwords belong in headers",
        rfc: "RFC 9110 §17.9, RFC 6750 §5.3",
        text: "\
A URL is not a private place. It is written to the server's access log and to every \
proxy's and load balancer's on the way, kept in browser history and bookmarks, sent to \
other sites in the Referer header when a page links out, and pasted into chats and bug \
reports. https hides it from the network, but from none of these (RFC 9110 §17.9).\n\n\
So credentials go in headers, which are not logged by default and not copied into Referer: \
Authorization: Bearer TOKEN (hit --bearer TOKEN), a named header such as X-Api-Key:VALUE, \
or a cookie. RFC 6750 §5.3 says bearer tokens are not to be passed in page URLs. Where an \
API accepts a key only as ?api_key=, keep that URL out of logs you share, and change a key \
that has been seen.\n\n\
The lint fires for a query parameter named like a credential: token, api_key, \
access_token, password, secret, key, sig, session, and names ending in _token, _secret or \
_password. hit --offline :8080/users token==abc shows it.",
    },
    Concept {
        name: "unsafe-retry",
        title: "Retrying what is not idempotent: the order placed twice",
        rfc: "RFC 9110 §9.2.2",
        text: "\
--retry sends a request again after a failure. For GET, PUT or DELETE that is harmless: \
they are idempotent. A POST or PATCH that timed out may have been carried out anyway, since \
the answer was lost and not necessarily the request, and sending it again may place a \
second order or charge a card twice.\n\n\
So hit's --retry repeats a POST or PATCH only when the server cannot have seen it (a \
refused connection), or when it carries an Idempotency-Key header: one unique key per \
operation, sent with every attempt, lets a server that honours it recognise a repeat and \
answer with the first result instead of acting twice. --idempotency-key auto makes one \
up.\n\n\
The lint fires for --retry on a method that is not idempotent, without an Idempotency-Key: \
hit --offline --retry 3 POST :8080/orders item=book shows it, and hit --retry 3 \
--idempotency-key auto POST :8080/orders item=book qty:=2 is safe to retry against hit \
serve, which honours the key. hit explain retries and hit explain idempotency say more.",
    },
];
