//! Authentication, cookies and message signatures: the challenge and its answer
//! (`WWW-Authenticate`, `Authorization`, their `Proxy-` twins), `Cookie`/`Set-Cookie`, `Signature`.

use super::Direction::{Both, Request, Response};
use super::{HeaderFacts, header};

pub(super) const AUTH: &[HeaderFacts] = &[
    header(
        "Authentication-Info",
        Response,
        "RFC 9110 §11.6.3",
        "Sent by a server after a successful authentication, with extra data that the scheme \
         defines, such as the next nonce to use in Digest authentication.",
        "Use these values in later requests, as the authentication scheme says.",
    ),
    header(
        "Authorization",
        Request,
        "RFC 9110 §11.6.2",
        "Sent by the client to prove who it is to the origin server, as a scheme and \
         credentials: Basic with a user name and password, or Bearer with a token. It usually \
         answers a 401 and its WWW-Authenticate.",
        "",
    ),
    header(
        "Cookie",
        Request,
        "RFC 6265 §5.4",
        "Sent by the client with the name=value pairs that the server stored earlier with \
         Set-Cookie, for this host and path. This is how a server recognises a session from \
         one request to the next.",
        "",
    ),
    header(
        "Proxy-Authenticate",
        Response,
        "RFC 9110 §11.7.1",
        "Sent by a proxy with 407 Proxy Authentication Required to name the schemes it \
         accepts. It is about the proxy on the way, not the origin server.",
        "Authenticate to the proxy with one of these schemes and send Proxy-Authorization.",
    ),
    header(
        "Proxy-Authentication-Info",
        Response,
        "RFC 9110 §11.7.3",
        "Sent by a proxy after a successful authentication, with extra data its scheme \
         defines. It is the proxy's form of Authentication-Info.",
        "Use these values in later requests through this proxy, as its scheme says.",
    ),
    header(
        "Proxy-Authorization",
        Request,
        "RFC 9110 §11.7.2",
        "Sent by the client with credentials for the proxy, usually answering a 407. The \
         proxy uses it up and does not pass it on.",
        "",
    ),
    header(
        "Set-Cookie",
        Response,
        "RFC 6265 §5.2",
        "Sent by a server to store a name=value pair in the client, with attributes for where \
         and how long it applies: Domain, Path, Expires or Max-Age, Secure, HttpOnly, \
         SameSite. The client sends it back in Cookie.",
        "Store this cookie and send it back in Cookie to matching URLs until it expires.",
    ),
    header(
        "Signature",
        Both,
        "RFC 9421 §4.2",
        "Carries one or more HTTP message signatures, each under a label that matches an \
         entry in Signature-Input. They prove who signed the listed parts of the message.",
        "Verify each signature over the parts Signature-Input names, with the signer's key.",
    ),
    header(
        "Signature-Input",
        Both,
        "RFC 9421 §4.1",
        "Lists, for each signature in Signature, the parts that were signed, such as @method, \
         @path and content-digest, with parameters like keyid and created.",
        "Rebuild the signed text from these parts to check the matching Signature.",
    ),
    header(
        "WWW-Authenticate",
        Response,
        "RFC 9110 §11.6.1",
        "Sent by a server, with 401 Unauthorized, to name the authentication schemes it \
         accepts and their parameters, such as Bearer realm=\"api\" or Basic.",
        "Authenticate with one of these schemes and send Authorization.",
    ),
];
