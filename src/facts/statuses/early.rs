//! The 1xx, 2xx and 3xx codes: interim answers, successes and redirections.

use super::{Redirect, StatusFacts, status};

pub(super) const EARLY: &[StatusFacts] = &[
    status(100, "Continue", "RFC 9110 §15.2.1")
        .says(
            "The server has the request's headers and is ready for the body. It is an interim \
             answer to a request sent with Expect: 100-continue; the final status comes later.",
            "Send the body, then wait for the final response. HTTP libraries usually handle this \
             step on their own.",
        )
        .with(&["Expect"]),
    status(101, "Switching Protocols", "RFC 9110 §15.2.2")
        .says(
            "The server agrees to the protocol change the client asked for in Upgrade. Its \
             everyday use is the WebSocket handshake (RFC 6455): a GET with Upgrade: websocket \
             is answered 101 with Sec-WebSocket-Accept, and from the next byte on the \
             connection carries WebSocket frames. hit explain websocket tells the whole story.",
            "Carry on in the protocol named in Upgrade; there is no more HTTP on this \
             connection. For a WebSocket, check Sec-WebSocket-Accept first, then send and \
             receive messages.",
        )
        .with(&[
            "Upgrade",
            "Connection",
            "Sec-WebSocket-Accept",
            "Sec-WebSocket-Protocol",
            "Sec-WebSocket-Extensions",
        ]),
    status(102, "Processing", "RFC 2518 §10.1").says(
        "An interim answer from WebDAV: the server is still working on a long request and tells \
         the client not to give up. RFC 4918 dropped it, and few servers send it today.",
        "Keep waiting for the final response. Do not send the request again.",
    ),
    status(103, "Early Hints", "RFC 8297 §2")
        .says(
            "An interim answer sent before the final one. Its Link headers name resources the \
             page will probably need, so the client can start fetching them while the server \
             works.",
            "Preload or preconnect to what Link names if that helps, then wait for the final \
             response. The hints are only hints: the final response may differ.",
        )
        .with(&["Link"]),
    status(
        104,
        "Upload Resumption Supported",
        "draft-ietf-httpbis-resumable-upload-05",
    )
    .says(
        "An interim answer to an upload: the server supports resumable uploads, and Location \
         gives the URL where this upload can be resumed. IANA registered it only temporarily, \
         while the resumable uploads draft is being finished.",
        "Keep sending the body, and remember Location. If the connection breaks, ask that URL \
         how many bytes arrived and send only the rest.",
    )
    .with(&["Location"]),
    status(200, "OK", "RFC 9110 §15.3.1").says(
        "The request worked. What the body holds depends on the method: the resource for a GET, \
         the result of the action for a POST.",
        "Nothing to fix: use the response. For a GET, Cache-Control and ETag say how long you \
         may keep it and how to check it later.",
    ),
    status(201, "Created", "RFC 9110 §15.3.2")
        .says(
            "The request worked and made a new resource, usually after a POST or PUT. Location \
             gives the new resource's URL.",
            "Use the URL in Location (or in the body) from now on. Do not send the request \
             again, or you may create a second resource.",
        )
        .with(&["Location", "ETag"]),
    status(202, "Accepted", "RFC 9110 §15.3.3").says(
        "The server took the request but has not finished it; it may still succeed or fail \
         later. Typical for work queued to run in the background.",
        "Do not send it again. Check the outcome later, at the status URL the body or Location \
         gives, if the API offers one.",
    ),
    status(203, "Non-Authoritative Information", "RFC 9110 §15.3.4").says(
        "The request worked, but a proxy on the way changed the content the origin server sent, \
         so this is not exactly the origin's answer.",
        "Use it, knowing it was altered. To get the origin's version, avoid that proxy or send \
         Cache-Control: no-transform.",
    ),
    status(204, "No Content", "RFC 9110 §15.3.5").says(
        "The request worked and there is nothing to send back. Common after a PUT or DELETE.",
        "Nothing to do. Do not wait for a body: a 204 never has one.",
    ),
    status(205, "Reset Content", "RFC 9110 §15.3.6").says(
        "The request worked, and the client should clear the form or view that sent it, for \
         example so the user can enter the next item. It has no body.",
        "Reset the input that made the request. A command-line client has nothing to reset.",
    ),
    status(206, "Partial Content", "RFC 9110 §15.3.7")
        .says(
            "The server sends only the byte ranges the request asked for with Range. \
             Content-Range says which bytes these are and the full size.",
            "Check that Content-Range starts where you asked, then put the bytes in place. hit \
             -C - makes that check before appending to the partial file.",
        )
        .with(&["Content-Range"]),
    status(207, "Multi-Status", "RFC 4918 §11.1").says(
        "A WebDAV answer that carries one status per resource, in an XML body. The 207 itself \
         does not say whether each part worked.",
        "Read the XML body and check each resource's status: some may have failed even though \
         hit exits 0.",
    ),
    status(208, "Already Reported", "RFC 5842 §7.1").says(
        "Used inside a WebDAV 207 body: this resource was already listed earlier in the same \
         answer, under another binding, so it is not repeated.",
        "Nothing to do. Look for the resource where it first appears in the response.",
    ),
    status(226, "IM Used", "RFC 3229 §10.4.1")
        .says(
            "The server answered a GET with delta encoding: the body holds the changes since a \
             version the client already has, not the whole resource. IM names the encoding used.",
            "Apply the delta to your cached copy to get the current version. You only get this \
             if you sent A-IM.",
        )
        .with(&["IM", "Delta-Base"]),
    status(300, "Multiple Choices", "RFC 9110 §15.4.1")
        .says(
            "The resource exists in several versions, for example languages or formats, and the \
             server leaves the choice to the client. Location may name the one it prefers.",
            "Pick one from the list in the body, or use Location, and request it. hit -L does \
             not follow a 300: the choice is yours.",
        )
        .with(&["Location"]),
    status(301, "Moved Permanently", "RFC 9110 §15.4.2")
        .followed(Redirect::PostBecomesGet)
        .says(
            "The resource has a new permanent URL, given in Location. Links and bookmarks should \
             be updated.",
            "Request the URL in Location, and use it from now on. hit -L follows it but turns a \
             POST into a GET, as browsers do; 308 is the code that keeps the method.",
        )
        .with(&["Location"]),
    status(302, "Found", "RFC 9110 §15.4.3")
        .followed(Redirect::PostBecomesGet)
        .says(
            "The resource is at another URL for now, given in Location. The original URL is \
             still the one to use next time.",
            "Request the URL in Location, but keep the original one. hit -L follows it but turns \
             a POST into a GET, as browsers do; 307 is the code that keeps the method.",
        )
        .with(&["Location"]),
    status(303, "See Other", "RFC 9110 §15.4.4")
        .followed(Redirect::BecomesGet)
        .says(
            "The answer is at another URL, given in Location. Typical after a POST: the result \
             or a status page is there.",
            "Fetch Location with a GET. hit -L does so for any method; a HEAD stays a HEAD.",
        )
        .with(&["Location"]),
    status(304, "Not Modified", "RFC 9110 §15.4.5")
        .says(
            "The answer to a conditional request (If-None-Match or If-Modified-Since): the copy \
             the client already has is still current, so no body is sent.",
            "Keep using your cached copy, refreshed with this response's headers such as ETag \
             and Cache-Control. hit counts a 304 as a success.",
        )
        .with(&[
            "ETag",
            "Cache-Control",
            "Expires",
            "Vary",
            "Content-Location",
            "Date",
        ]),
    status(305, "Use Proxy", "RFC 9110 §15.4.6")
        .says(
            "An old code asking the client to repeat the request through the proxy named in \
             Location. It is deprecated: a server could use it to push clients through a proxy \
             of its choice.",
            "Do not follow it; treat it as an error. Use only a proxy you chose yourself (hit \
             -x).",
        )
        .with(&["Location"]),
    status(306, "(Unused)", "RFC 9110 §15.4.7").says(
        "Reserved and not used. An early draft of HTTP/1.1 called it Switch Proxy; it was \
         dropped, and no server should send it.",
        "Treat it as an error from a broken server or proxy. There is nothing to follow.",
    ),
    status(307, "Temporary Redirect", "RFC 9110 §15.4.8")
        .followed(Redirect::Repeat)
        .says(
            "The resource is at another URL for now, given in Location, and the request must be \
             sent there unchanged: same method, same body.",
            "Send the same request to Location, and keep the original URL for next time. hit -L \
             does so, sending the body again.",
        )
        .with(&["Location"]),
    status(308, "Permanent Redirect", "RFC 9110 §15.4.9")
        .followed(Redirect::Repeat)
        .says(
            "The resource has moved for good to the URL in Location, and the request must be \
             sent there unchanged: same method, same body.",
            "Send the same request to Location, and update stored links. hit -L does so, sending \
             the body again.",
        )
        .with(&["Location"]),
];
