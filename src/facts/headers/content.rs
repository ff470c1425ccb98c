//! The content and its negotiation: `Accept-*` and `Content-*`, ranges (`Range`, `Content-Range`)
//! and digests (`Content-Digest`, `Repr-Digest`).

use super::Direction::{Both, Request, Response};
use super::{HeaderFacts, header};

pub(super) const CONTENT: &[HeaderFacts] = &[
    header(
        "Accept",
        Request,
        "RFC 9110 §12.5.1",
        "Sent by the client to list the media types it can use in the response, such as \
         application/json or text/html, each with an optional q weight. The server picks one, \
         or may answer 406 Not Acceptable.",
        "",
    ),
    header(
        "Accept-Charset",
        Request,
        "RFC 9110 §12.5.2",
        "Sent by the client to say which character encodings it prefers for text, such as \
         utf-8. Browsers stopped sending it, and most servers ignore it.",
        "",
    ),
    header(
        "Accept-Encoding",
        Request,
        "RFC 9110 §12.5.3",
        "Sent by the client to list the content codings it can undo, such as gzip, br or \
         zstd. The server may then compress the body and name the coding in Content-Encoding.",
        "",
    ),
    header(
        "Accept-Language",
        Request,
        "RFC 9110 §12.5.4",
        "Sent by the client to list the human languages the user prefers, such as fr or \
         en-GB, with q weights. A server that has translations may pick one and name it in \
         Content-Language.",
        "",
    ),
    header(
        "Accept-Patch",
        Response,
        "RFC 5789 §3.1",
        "Sent by a server that supports PATCH on this resource, listing the patch formats it \
         understands, such as application/json-patch+json.",
        "To PATCH this resource, send the patch in one of these media types.",
    ),
    header(
        "Accept-Post",
        Response,
        "W3C Linked Data Platform 1.0 §7.1",
        "Sent by a server to list the media types it takes in the body of a POST to this \
         resource. Its presence also says that POST is allowed here.",
        "To POST here, send the body in one of these media types.",
    ),
    header(
        "Accept-Ranges",
        Response,
        "RFC 9110 §14.3",
        "Sent by a server to say whether it can send parts of this resource: bytes means it \
         honours byte Range requests, none means it does not.",
        "With bytes, you may resume or split a download with Range; with none, fetch it \
         whole.",
    ),
    header(
        "Content-Digest",
        Both,
        "RFC 9530 §2",
        "A hash of the body exactly as sent, such as sha-256=:base64:, so the receiver can \
         check that the bytes arrived intact. With Repr-Digest, it replaces the obsolete \
         Digest field.",
        "Hash the body you received with this algorithm and compare, to catch corruption.",
    ),
    header(
        "Content-Disposition",
        Response,
        "RFC 6266 §4",
        "Says how to present the body: inline, shown in place, or attachment, saved as a \
         file, often with a suggested filename.",
        "With attachment, save the body as a file, under this filename if one is given.",
    ),
    header(
        "Content-Encoding",
        Both,
        "RFC 9110 §8.4",
        "Names the codings applied to the body, in order, such as gzip or br. The receiver \
         must undo them to get the data that Content-Type describes.",
        "Decode the body with these codings (gzip, br, ...) before you use it.",
    ),
    header(
        "Content-Language",
        Both,
        "RFC 9110 §8.5",
        "Names the human language or languages of the people the content is written for, such \
         as de or en-US.",
        "Nothing to do: the content is written for readers of this language.",
    ),
    header(
        "Content-Length",
        Both,
        "RFC 9110 §8.6",
        "The size of the body in bytes, after any content coding. In HTTP/1.1 it also tells \
         the receiver where the body ends.",
        "Expect exactly this many bytes of body; fewer means the transfer was cut off.",
    ),
    header(
        "Content-Location",
        Both,
        "RFC 9110 §8.7",
        "A URL for the exact representation in this message, which can differ from the URL \
         asked for, such as a page in one language among several.",
        "This body can also be fetched from this URL; it is not a redirect.",
    ),
    header(
        "Content-Range",
        Response,
        "RFC 9110 §14.4",
        "Sent with 206 Partial Content to say which bytes of the whole the body holds, such \
         as bytes 0-499/1234, or with 416 to give the full size.",
        "Place these bytes at this offset of the whole; the number after / is the full size.",
    ),
    header(
        "Content-Type",
        Both,
        "RFC 9110 §8.3",
        "The media type of the body, such as application/json or text/html; charset=utf-8. \
         The receiver uses it to decide how to read the bytes.",
        "Parse the body as this media type, in this charset if one is given.",
    ),
    header(
        "Range",
        Request,
        "RFC 9110 §14.2",
        "Asks for part of the representation only, such as bytes=0-1023 or bytes=500-. A \
         server that supports it answers 206 Partial Content with Content-Range.",
        "",
    ),
    header(
        "Repr-Digest",
        Both,
        "RFC 9530 §3",
        "A hash of the whole representation, content coding included, not just the part in \
         this message, so the receiver can check a complete file even when it came in ranges.",
        "Hash the whole representation you assembled with this algorithm and compare.",
    ),
    header(
        "Want-Content-Digest",
        Both,
        "RFC 9530 §4",
        "Asks the other side to send a Content-Digest, naming the hash algorithms wanted with \
         weights, such as sha-256=10.",
        "Add a Content-Digest with one of these algorithms to what you send next.",
    ),
    header(
        "Want-Repr-Digest",
        Both,
        "RFC 9530 §4",
        "Asks the other side to send a Repr-Digest, naming the hash algorithms wanted with \
         weights, such as sha-512=3, sha-256=10.",
        "Add a Repr-Digest with one of these algorithms to what you send next.",
    ),
];
