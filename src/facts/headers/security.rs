//! Security policies a server asks browsers to apply to a page: `Content-Security-Policy`,
//! `Strict-Transport-Security`, `X-Frame-Options` and the like.

use super::Direction::{Request, Response};
use super::{HeaderFacts, header};

pub(super) const SECURITY: &[HeaderFacts] = &[
    header(
        "Clear-Site-Data",
        Response,
        "W3C Clear Site Data §3",
        "Sent by a server, often on logout, to tell the browser to delete what it keeps for \
         this site: \"cache\", \"cookies\", \"storage\", or \"*\" for everything.",
        "Delete the listed kinds of data stored for this site.",
    ),
    header(
        "Content-Security-Policy",
        Response,
        "W3C Content Security Policy Level 3",
        "Sent with a page to tell the browser where the page may load scripts, styles, images \
         and frames from, and what else it may do. It limits what injected code can do.",
        "Browser: load and run only what these directives allow on this page.",
    ),
    header(
        "Content-Security-Policy-Report-Only",
        Response,
        "W3C Content Security Policy Level 3",
        "Like Content-Security-Policy, but the browser only reports what the policy would \
         block and blocks nothing. Sites use it to try out a policy.",
        "Browser: report what these directives would block, but block nothing.",
    ),
    header(
        "Permissions-Policy",
        Response,
        "W3C Permissions Policy",
        "Sent with a page to say which browser features, such as camera, geolocation or \
         fullscreen, the page and the frames it embeds may use.",
        "Browser: allow each of these features only to the origins listed for it.",
    ),
    header(
        "Referrer-Policy",
        Response,
        "W3C Referrer Policy",
        "Sent with a page to say how much of its URL the browser may put in Referer on \
         requests it makes: none, the origin only, or the full URL.",
        "Browser: send Referer from this page only as this policy allows.",
    ),
    header(
        "Strict-Transport-Security",
        Response,
        "RFC 6797 §6.1",
        "Sent over HTTPS to tell the client to use only HTTPS with this host for max-age \
         seconds, with includeSubDomains to cover subdomains too. It stops downgrades to \
         plain HTTP.",
        "Use only HTTPS for this host for max-age seconds, and never skip certificate errors.",
    ),
    header(
        "Upgrade-Insecure-Requests",
        Request,
        "W3C Upgrade Insecure Requests",
        "Sent as 1 by a browser to say it prefers HTTPS, so a server can redirect it to the \
         secure version of the page.",
        "",
    ),
    header(
        "X-Content-Type-Options",
        Response,
        "Fetch Standard",
        "With the value nosniff, tells a browser to trust Content-Type and never guess the \
         type from the bytes. It blocks scripts and styles served with the wrong type.",
        "Trust Content-Type as sent; do not guess the type from the content.",
    ),
    header(
        "X-Frame-Options",
        Response,
        "RFC 7034 §2; WHATWG HTML",
        "Tells a browser whether other pages may show this one in a frame: DENY, or \
         SAMEORIGIN for pages of the same origin. It guards against clickjacking; CSP \
         frame-ancestors is the newer way.",
        "Browser: show this page in a frame only as the value allows (never, or same origin).",
    ),
    header(
        "X-XSS-Protection",
        Response,
        "de facto",
        "Turned on an old cross-site scripting filter in some browsers. Current browsers \
         ignore it; Content-Security-Policy does the job now.",
        "Nothing to do: current browsers ignore it.",
    ),
];
