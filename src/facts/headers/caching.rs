//! Caching and conditional requests: freshness (`Cache-Control`, `Age`, `Expires`), validators
//! (`ETag`, `Last-Modified`) and the `If-*` fields that use them.

use super::Direction::{Both, Request, Response};
use super::{HeaderFacts, header};

pub(super) const CACHING: &[HeaderFacts] = &[
    header(
        "Age",
        Response,
        "RFC 9111 §5.1",
        "Added by a cache: how many seconds ago this response was fetched from, or checked \
         with, the origin server. Seeing it usually means a cache answered.",
        "This copy is already this many seconds old: count that against its freshness.",
    ),
    header(
        "Cache-Control",
        Both,
        "RFC 9111 §5.2",
        "Directives for caches. In a response, the server says who may store it and for how \
         long: max-age=60, no-store, no-cache, private. In a request, the client can ask \
         caches for a fresh answer with no-cache.",
        "Store and reuse the response only as these directives allow.",
    ),
    header(
        "Cache-Status",
        Response,
        "RFC 9211 §2",
        "Added by each cache on the way to say what it did with the request: hit when it \
         answered from storage, fwd= with the reason when it went on to the next server. The \
         cache nearest the client comes last.",
        "Nothing to do: it tells which caches answered or forwarded this request, and why.",
    ),
    header(
        "CDN-Cache-Control",
        Response,
        "RFC 9213 §2",
        "Cache directives meant only for CDN caches; a CDN that reads it ignores \
         Cache-Control. Browsers and other clients ignore it.",
        "Nothing for a client: only CDN caches obey it, in place of Cache-Control.",
    ),
    header(
        "ETag",
        Response,
        "RFC 9110 §8.8.3",
        "An opaque tag for this version of the content, such as \"33a64df5\"; it changes when \
         the content changes. A W/ in front marks a weak tag, for content that is only \
         equivalent.",
        "Send it back in If-None-Match to revalidate, or in If-Match to update only this \
         version.",
    ),
    header(
        "Expires",
        Response,
        "RFC 9111 §5.3",
        "A date after which the response is stale. Cache-Control max-age takes precedence, \
         and a date that cannot be parsed counts as already past.",
        "Treat the response as fresh until this date, unless Cache-Control max-age says \
         otherwise.",
    ),
    header(
        "If-Match",
        Request,
        "RFC 9110 §13.1.1",
        "Makes the request conditional: act only if the resource's current ETag is one of \
         these. A client uses it to avoid overwriting someone else's change; a mismatch gets \
         412.",
        "",
    ),
    header(
        "If-Modified-Since",
        Request,
        "RFC 9110 §13.1.3",
        "Makes a GET or HEAD conditional: send the body only if the resource changed after \
         this date, usually the Last-Modified the client saw. If not, the answer is 304 Not \
         Modified.",
        "",
    ),
    header(
        "If-None-Match",
        Request,
        "RFC 9110 §13.1.2",
        "Makes the request conditional on the ETag not matching. On a GET the client sends \
         the ETag of its cached copy and gets 304 if it is still current; on a PUT, * means \
         create only if nothing is there.",
        "",
    ),
    header(
        "If-Range",
        Request,
        "RFC 9110 §13.1.5",
        "Sent with Range to resume a download safely: send only the part if the resource \
         still has this ETag or date, and the whole of it with 200 if it changed.",
        "",
    ),
    header(
        "If-Unmodified-Since",
        Request,
        "RFC 9110 §13.1.4",
        "Makes the request conditional: act only if the resource has not changed since this \
         date. It is the date-based form of If-Match; a failed check gets 412.",
        "",
    ),
    header(
        "Last-Modified",
        Response,
        "RFC 9110 §8.8.2",
        "The date the server believes the resource last changed. It is a weaker validator \
         than ETag, exact only to the second.",
        "Send it back in If-Modified-Since to revalidate a cached copy.",
    ),
    header(
        "Pragma",
        Request,
        "RFC 9111 §5.4",
        "An HTTP/1.0 field: Pragma: no-cache asked caches for a fresh response. It is \
         deprecated; use Cache-Control, which wins when both are present.",
        "",
    ),
    header(
        "Vary",
        Response,
        "RFC 9110 §12.5.5",
        "Lists the request fields, such as Accept-Encoding or Accept-Language, that the \
         server used to choose this response. Vary: * means the choice depends on more than \
         the request's header fields.",
        "A cached copy fits only requests with the same values of these headers.",
    ),
    header(
        "Warning",
        Both,
        "RFC 9111 §5.5",
        "An old field for notes about a message, such as 110 Response is Stale. RFC 9111 made \
         it obsolete, and caches no longer send it.",
        "Nothing to do: the field is obsolete, though its text may hint at a stale copy.",
    ),
];
