//! The ideas behind the methods, statuses and headers: idempotency, caching, CORS, ...

/// One concept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Concept {
    /// The topic name, lower case (`get-vs-post`).
    pub name: &'static str,
    /// A one-line title.
    pub title: &'static str,
    /// Where it is defined.
    pub rfc: &'static str,
    /// A few short paragraphs, separated by blank lines (`\n\n`); the renderer wraps them.
    pub text: &'static str,
}

/// The concepts `hit explain` knows, sorted by name.
pub const CONCEPTS: &[Concept] = &[
    Concept {
        name: "auth",
        title: "Authentication: proving who you are, with 401, 403 and Authorization",
        rfc: "RFC 9110 §11",
        text: "\
HTTP authentication is a challenge and an answer. A server that wants credentials replies \
401 Unauthorized with a WWW-Authenticate header naming a scheme, such as Basic or Bearer; the \
client sends the request again with an Authorization header in that scheme. A proxy does the \
same with 407, Proxy-Authenticate and Proxy-Authorization.\n\n\
Basic sends user:password in base64, which is an encoding, not encryption: anyone who sees \
the request can read the password, so use it over https only. Bearer sends a token the \
server issued, such as an OAuth access token (hit explain oauth); whoever holds it gets in, \
so it is a secret too. With hit: hit -u ada:secret :8080/basic-auth/ada/secret, or hit --bearer TOKEN \
:8080/bearer; hit -u ada asks for the password on a terminal.\n\n\
401 and 403 are different answers. 401 says the request had no valid credentials: send some, \
or fresh ones. 403 says the server refuses anyway, whoever you are: sending the same \
credentials again will not help. Some servers answer 404 instead, to hide that the resource \
exists.\n\n\
Credentials belong to one origin. When -L follows a redirect to another scheme, host or \
port, hit drops Authorization, Cookie and headers that look like credentials (X-Api-Key, \
X-Auth-Token), and says so; --location-trusted keeps them. Keep passwords and tokens out of \
query strings, where logs and browser history store them.",
    },
    Concept {
        name: "cache",
        title: "Caching: keeping responses to reuse them, and checking they are still current",
        rfc: "RFC 9111",
        text: "\
A cache, in a browser, a proxy or a CDN, keeps responses and reuses them for later requests, \
which saves time and spares the server. It mostly stores answers to GET, found again by URL \
and by the request headers that the response's Vary field names.\n\n\
Cache-Control says what a cache may do. max-age=60 makes a response fresh for 60 seconds: \
it may be reused without asking the server. no-cache allows storing it but requires a check \
with the server before each reuse; no-store forbids storing it at all; private keeps it out \
of shared caches such as proxies. Without such directives, a cache may guess a freshness \
time from Last-Modified.\n\n\
A response that is no longer fresh is not thrown away but revalidated: the cache sends its \
ETag in If-None-Match (or its Last-Modified in If-Modified-Since), and the server answers \
304 Not Modified, with no body, when nothing changed. Try it: hit :8080/products/42 shows \
the ETag, and hit :8080/products/42 If-None-Match:'\"…\"', with that tag in place of …, \
gets the 304 (hit exits 0: nothing went wrong).\n\n\
hit itself keeps no cache: every run asks the server. Use it to see what caches are told: \
the response headers show Cache-Control, ETag and Vary, and hit explain Cache-Control says \
what each directive means.",
    },
    Concept {
        name: "content-negotiation",
        title: "Content negotiation: one URL, several representations, chosen with Accept",
        rfc: "RFC 9110 §12",
        text: "\
One resource can have several representations: JSON or HTML, English or French, compressed \
or not. Usually the client says what it can use and the server picks: Accept lists media \
types, Accept-Language languages, Accept-Encoding content codings such as gzip.\n\n\
Each choice may carry a weight q between 0 and 1, 1 when absent: Accept: application/json, \
text/html;q=0.5 prefers JSON and takes HTML, and q=0 means never. When the server has \
nothing acceptable it may answer 406 Not Acceptable, but many ignore the header and send \
their default.\n\n\
The response says what was chosen in Content-Type, Content-Language and Content-Encoding, \
and names the request headers that swayed the choice in Vary (Vary: Accept-Encoding), so \
that a cache does not hand a gzip body to a client that cannot read it.\n\n\
hit sends Accept: application/json, */*;q=0.5 with data items; --accept TYPE or an Accept \
item sets another (hit :8080/products/42 Accept:text/html). hit decodes gzip, deflate and br \
bodies itself.",
    },
    Concept {
        name: "cors",
        title: "CORS: how a browser lets a page read responses from another origin",
        rfc: "Fetch Standard §3.2",
        text: "\
A browser runs scripts from many sites, so a page may not read a response from another \
origin (another scheme, host or port) unless that origin allows it. CORS is how it allows \
it: the browser sends an Origin header, and the server answers with \
Access-Control-Allow-Origin naming that origin, or * for public data. Without it the \
request may still reach the server, but the script cannot read the answer.\n\n\
A request that a plain HTML form could not send, such as a PUT or a DELETE, a JSON body or \
an Authorization header, needs permission first. The browser sends a preflight: an OPTIONS \
request with Access-Control-Request-Method and Access-Control-Request-Headers. It sends the \
real request only if Access-Control-Allow-Methods and Access-Control-Allow-Headers in the \
answer cover it; Access-Control-Max-Age lets it reuse that answer for a while.\n\n\
Cookies and HTTP authentication cross origins only when the script asks for them and the \
server answers Access-Control-Allow-Credentials: true with the exact origin, never *.\n\n\
Only browsers enforce CORS; hit, curl and servers talking to each other ignore it. So a \
request that works in hit and fails in a browser console usually lacks a CORS header on \
the server. To see what a browser would get: hit OPTIONS URL Origin:https://app.example \
Access-Control-Request-Method:PUT.",
    },
    Concept {
        name: "device-flow",
        title: "The device flow: logging in on a device without a browser",
        rfc: "RFC 8628",
        text: "\
A TV, a CLI over SSH or a CI runner cannot open a browser for its user. In the device \
authorization grant it asks the server for two codes, posting its client_id and scope to the \
device authorization endpoint: a long device_code, which it keeps, and a short user_code \
such as BCDF-GHJK, which it shows with a verification_uri. The user opens that address on a \
phone or laptop, types the code and approves.\n\n\
Meanwhile the device polls the token endpoint with \
grant_type=urn:ietf:params:oauth:grant-type:device_code and its device_code, waiting \
interval seconds between requests. The answers are authorization_pending (not yet), \
slow_down (too fast: wait five seconds more from now on), access_denied (the user said no), \
expired_token (too late: start again), and at last the tokens.\n\n\
A user code is short so that people can type it, so it lives minutes only. Approve only a \
code your own device shows: showing a victim an attacker's code is how this flow is phished.\n\n\
Try it against hit serve: hit --form POST :8080/oauth/device client_id=practice-public \
answers the codes; open verification_uri_complete in a browser (add &auto=approve to it in a \
script), then poll with hit --form POST :8080/oauth/token \
grant_type=urn:ietf:params:oauth:grant-type:device_code client_id=practice-public \
device_code=dc_…",
    },
    Concept {
        name: "exit-codes",
        title: "Exit codes: what hit's exit status tells a script",
        rfc: "hit",
        text: "\
A program tells whoever ran it how things went with a number, 0 for success. hit makes that \
number follow the HTTP outcome, so that a script can act without reading the status line: \
0 when the final response is 1xx, 2xx or 304 Not Modified, 3 for a 3xx that was not \
followed, 4 for a 4xx and 5 for a 5xx. --ignore-status makes 3, 4 and 5 exit 0, when any \
answer will do.\n\n\
The other codes say the exchange itself failed; the table below, the same one hit --help \
ends with, lists them all.\n\n\
In a script, hit -q :8080/health || echo 'the API is down' runs the echo on anything but \
success. To tell the causes apart, read $? straight away: hit -q :8080/products/42; case $? \
in 0) echo ok ;; 4) echo 'fix the request' ;; 5|7|8) echo 'try again later' ;; *) echo \
'something else' ;; esac.\n\n\
304 exits 0, so a conditional request that finds nothing new is a success. In a pipeline \
(hit URL | jq .) the shell reports the last command's status; set -o pipefail to get \
hit's.",
    },
    Concept {
        name: "get-vs-post",
        title: "GET vs POST: reading, or asking the server to act",
        rfc: "RFC 9110 §9.3.1, §9.3.3",
        text: "\
GET asks for a representation and promises to change nothing: it is safe and idempotent, so \
browsers, crawlers, caches and hit's --retry may send it again, or ahead of time. Its \
parameters travel in the URL (hit :8080/products category==shoes sends ?category=shoes), \
where they can be bookmarked, linked, logged and cached.\n\n\
POST asks the server to process its body: create an order, take a form, run an action. It \
promises neither safety nor idempotency, so caches do not reuse its answers, browsers ask \
before sending a form again, and hit's --retry repeats it only with an Idempotency-Key \
(hit POST :8080/orders item=book qty:=2 Idempotency-Key:abc) or after a refused \
connection, which the server never saw.\n\n\
Choose by what the request does, not by its size or how secret it looks. To read, GET; to \
change, POST, or PUT, PATCH and DELETE where they fit. A POST body is no more secret than a \
URL without https; it only stays out of logs and history. A query too large for a URL is a \
case for POST, or for QUERY, a newer method that is safe and carries a body.\n\n\
Mixing them up costs: a GET that deletes is triggered by every crawler and link preview, \
and a search done with POST cannot be bookmarked or cached.",
    },
    Concept {
        name: "idempotency",
        title: "Idempotency: when sending a request twice does what sending it once does",
        rfc: "RFC 9110 §9.2.2",
        text: "\
A method is idempotent when sending the same request several times leaves the server as \
sending it once would. GET, HEAD, OPTIONS, TRACE, PUT, DELETE and QUERY are; POST and PATCH \
in general are not. It is about the state left behind, not the responses: a second DELETE \
answers 404, and the user is gone, as after the first (hit DELETE :8080/users/3, twice).\n\n\
It matters because networks fail halfway. When a connection drops after the request went \
out, the client cannot know whether the server acted. An idempotent request can simply be \
sent again; that is why hit's --retry repeats these methods and not the others.\n\n\
A POST can be made safe to repeat with an Idempotency-Key header: one unique key per \
operation, sent again with every retry. The server remembers the key and its first answer, \
and replays that answer instead of acting twice. hit serve does it: hit POST :8080/orders \
item=book qty:=2 Idempotency-Key:abc sent twice makes one order, the second answer marked \
Idempotent-Replayed, and the same key with another body gets 422. --idempotency-key auto \
makes up a key and sends the same one on every attempt.\n\n\
Idempotent is not safe: PUT and DELETE change things, just not more the second time. And \
the promise is only as good as the server's code: a PUT handler that appends to a list \
breaks it.",
    },
    Concept {
        name: "oauth",
        title: "OAuth 2.0 and OpenID Connect: tokens to call an API for a user, without the password",
        rfc: "RFC 6749, RFC 6750, RFC 9700; OpenID Connect Core 1.0",
        text: "\
OAuth 2.0 lets a program call an API for a user without ever seeing the user's password. \
Four parties take part: the user, who owns the data; the client, the program that wants it; \
the authorization server, which issues tokens; and the API, which accepts them. The client \
gets an access token from the token endpoint and sends it with each request as \
Authorization: Bearer TOKEN. Access tokens are short-lived; a refresh token gets new ones \
without asking the user again.\n\n\
The grant depends on who is there. client_credentials is for a program acting as itself, a \
CI job or a backend: it sends its client_id and secret and gets a token. authorization_code, \
always with PKCE, is for a user at a browser: the browser goes to the authorization \
endpoint, the user approves, and the browser comes back to the client's redirect URI with a \
code that the client exchanges for tokens. The device flow is for a device without a \
browser. The password and implicit grants are deprecated (RFC 9700).\n\n\
OpenID Connect adds login: asking for the scope openid also returns an id_token, a signed \
JWT saying who the user is. It tells the client who logged in; it is not for calling APIs. A \
server lists its endpoints at /.well-known/openid-configuration (or RFC 8414's \
/.well-known/oauth-authorization-server). Errors are JSON with error and error_description \
(RFC 6749 §5.2): invalid_client is a wrong client or secret, invalid_grant a code or refresh \
token that is used, expired or revoked.\n\n\
hit serve runs a practice authorization server: hit :8080/.well-known/openid-configuration \
lists it, hit --form POST :8080/oauth/token grant_type=client_credentials -u \
practice-cli:practice-secret gets a token that lives 60 seconds, and hit --bearer TOKEN \
:8080/api/me uses it. See also hit explain pkce, refresh-token and device-flow.",
    },
    Concept {
        name: "pagination",
        title: "Pagination: a long list sent a page at a time, with links to the others",
        rfc: "RFC 8288",
        text: "\
A list of thousands of records is not sent in one answer: the server sends a page and says \
how to ask for the others. Two styles are common. By page number, ?page=3&pageSize=20; by \
offset, ?offset=40&limit=20, where the client counts records. Large or fast-changing lists \
often use a cursor instead, ?after=opaque-token, which does not skip or repeat records when \
some are added while you read.\n\n\
The server tells the client where the other pages are. The Link header of RFC 8288 names \
them by relation: Link: <…?page=4>; rel=\"next\", and first, prev and last; some APIs put \
the same links, or a next cursor, in the body instead. Follow the links rather than \
building URLs yourself: they keep your filters and sorting, and they stay right when the \
server changes its style. A total, in a body field or an X-Total-Count header, says how \
much there is, if the server knows.\n\n\
A page size has a maximum: ask for more and a server answers fewer, or 400. No next link \
means the last page. A page past the end is usually an empty list, not an error.\n\n\
Try it: hit :8080/products limit==5 page==2 shows the Link and X-Total-Count headers, and \
offset==10 limit==5 pages by offset. hit --paginate :8080/products limit==20 follows every \
rel=\"next\" link, up to --max-pages (100 by default), and merges the pages' items into \
one array: pages that are arrays, or object pages by their one array field (--paginate-field \
.products names it).",
    },
    Concept {
        name: "pkce",
        title: "PKCE: only whoever asked for an authorization code can exchange it",
        rfc: "RFC 7636",
        text: "\
In the authorization code flow the code comes back through the browser, in a redirect to the \
client; another program on the machine, or anything that reads the URL, could catch it. PKCE \
(Proof Key for Code Exchange) makes a caught code useless. The client makes a random secret, \
the code_verifier (43 to 128 characters of letters, digits and - . _ ~), and puts only its \
digest in the authorization request: code_challenge=BASE64URL(SHA256(verifier)) with \
code_challenge_method=S256.\n\n\
To exchange the code at the token endpoint, the client sends the verifier itself. The server \
hashes it and compares the result with the challenge it kept with the code; a mismatch is \
invalid_grant. Only the program that made the verifier can finish the exchange. The plain \
method, where the challenge is the verifier, protects nothing once the request is seen: use \
S256.\n\n\
PKCE is a must for public clients, which cannot keep a secret (a CLI, a mobile or \
single-page app), and recommended for every client (RFC 9700). hit serve requires it: its \
/oauth/authorize answers a request without code_challenge and code_challenge_method=S256 \
with error=invalid_request at the redirect URI. RFC 7636's example verifier \
dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk has the challenge \
E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM.",
    },
    Concept {
        name: "put-vs-patch",
        title: "PUT vs PATCH: replacing a resource, or changing part of it",
        rfc: "RFC 9110 §9.3.4, RFC 5789",
        text: "\
PUT sends the whole new state of the resource at the URL, and the server replaces what it \
had with it: fields left out of the body are gone afterwards (RFC 9110 §9.3.4). It is \
idempotent: the same PUT twice leaves the same state as once, so hit's --retry may repeat \
it. PUT can also create a resource at a URL the client chooses; the answer is then 201 \
Created.\n\n\
PATCH sends changes, and the server applies them to what it has and keeps the rest (RFC \
5789). The body's Content-Type names the patch format: application/merge-patch+json (RFC \
7396) lists the fields to set, null removing one; application/json-patch+json (RFC 6902) \
lists operations such as add, remove and replace. PATCH is not idempotent in general (an \
operation that appends to a list adds twice when sent twice), so --retry repeats it only \
with an Idempotency-Key.\n\n\
The classic mistake is a PUT with only the fields to change, which wipes the others. Try \
it on hit serve: hit PUT :8080/users/1 name='Ada King' leaves the user with a name and an \
id and nothing else, while hit PATCH :8080/users/2 role=admin changes the role and keeps \
the email.\n\n\
Either may lose a change made by someone else in between. Send the ETag you read in \
If-Match (hit PATCH :8080/products/42 price:=25 If-Match:'\"…\"'), and the server answers \
412 Precondition Failed instead of overwriting a newer version.",
    },
    Concept {
        name: "redirects",
        title: "Redirects: 3xx answers that send the client to another URL",
        rfc: "RFC 9110 §15.4",
        text: "\
A 3xx status with a Location header tells the client that what it asked for is at another \
URL. The codes differ in two ways: whether the move is permanent, so that links and \
bookmarks may be updated, and whether the client repeats the same method and body.\n\n\
301 Moved Permanently and 302 Found (temporary): for historical reasons clients turn a POST \
into a GET when following them, and repeat other methods. 303 See Other: fetch the other \
URL with GET, typically a result after a POST. 307 Temporary Redirect and 308 Permanent \
Redirect: repeat the same method with the same body. 304 Not Modified is not a redirect; it \
answers a conditional request.\n\n\
hit follows nothing unless asked: without -L it shows the 3xx and exits 3. With -L it \
follows up to --max-redirs (10 by default; past that it exits 6, and says when it is a \
loop), turns a POST into a GET for 301 and 302 and anything but HEAD into a GET for 303, \
and repeats the method and body for 307 and 308. Try hit :8080/redirect/2, then hit -L -v \
:8080/redirect/2 to see every hop.\n\n\
A redirect must not hand your credentials to someone else. Towards another origin (scheme, \
host or port), hit drops Authorization, Proxy-Authorization, Cookie and credential-like \
headers such as X-Api-Key, and says which; --location-trusted keeps them. hit refuses a \
Location that is not http or https, and warns when a redirect leads from https to http.",
    },
    Concept {
        name: "refresh-token",
        title: "Refresh tokens: new access tokens without asking the user again",
        rfc: "RFC 6749 §1.5, §6; RFC 9700 §4.14",
        text: "\
Access tokens are kept short-lived, minutes to an hour, so that a leaked one is soon \
worthless. With one, the server may issue a refresh token: the client sends it to the token \
endpoint with grant_type=refresh_token and gets a new access token without the user. The \
client keeps the refresh token like a password and never sends it to the API.\n\n\
It is time to refresh shortly before expires_in runs out, or when the API answers 401 with \
WWW-Authenticate: Bearer error=\"invalid_token\" (RFC 6750 §3): refresh once, then send the \
request again. When the refresh itself fails with invalid_grant, the grant is gone (revoked, \
expired, or the user logged out), and only a new login helps.\n\n\
Many servers rotate refresh tokens: each refresh returns a new refresh token and the old one \
stops working. An old one presented again means someone copied it, and a careful server then \
revokes the whole grant (RFC 9700 §4.14.2). So a client stores the new refresh token at \
once, and two processes must not refresh with the same one at the same time.\n\n\
hit serve rotates them, and its access tokens live 60 seconds (HIT_SERVE_TOKEN_TTL sets \
another lifetime): hit --form POST :8080/oauth/token grant_type=refresh_token \
client_id=practice-public refresh_token=rt_… answers a new pair, and the old rt_… sent again \
is invalid_grant and revokes the grant. hit --bearer TOKEN :8080/api/me shows the 401 an \
expired token gets. POST /oauth/revoke revokes a token (RFC 7009).",
    },
    Concept {
        name: "retries",
        title: "Retries: sending a failed request again, when that is safe",
        rfc: "RFC 9110 §9.2.2, RFC 9110 §10.2.3",
        text: "\
Some failures pass: a dropped connection, a timeout, 503 while a server restarts, 429 Too \
Many Requests. Trying again later often works, but only when sending the request twice does \
no harm, which is what idempotency promises. A client that retries a POST after a timeout \
may place two orders.\n\n\
hit retries only when asked, with --retry N, and only what may be repeated: GET, HEAD, \
OPTIONS, TRACE, PUT and DELETE, and any request with an Idempotency-Key header \
(--idempotency-key auto sends one, the same on every attempt). A refused connection is \
retried for any method, since the server never saw the request. It retries a refused or \
closed connection, a timeout, and the statuses 408, 425, 429, 500, 502, 503 and 504; \
--retry-on 503,429 or --retry-on 5xx replaces that list. A 404 is never retried.\n\n\
The waits grow: exponential backoff with full jitter, a random wait up to --retry-delay (1 s \
by default), then up to twice that, and so on, at most 30 s each; the randomness keeps many \
clients from coming back at the same moment. A Retry-After header, in seconds or as a date, \
is a minimum wait. No retry starts later than --retry-max-time (300 s by default) after the \
first attempt.\n\n\
Once a response body has started to arrive, hit does not retry: it may already have printed \
part of it, and a broken download is resumed with -C - instead. Try it: hit :8080/flaky \
fails with 503, and hit --retry 3 :8080/flaky gets through, waiting what Retry-After asks.",
    },
    Concept {
        name: "safe",
        title: "Safe methods: requests that ask the server to change nothing",
        rfc: "RFC 9110 §9.2.1",
        text: "\
A method is safe when the client asks only to read: GET, HEAD, OPTIONS, TRACE and the newer \
QUERY. The client asks for no change of state and is not to blame for any. Every safe \
method is also idempotent.\n\n\
Safety is about what the request asks, not about everything the server does: a server may \
still log the request, count a view or bill for it. What counts is that the client did not \
ask for the change, so it may send the request freely.\n\n\
That promise lets the web run on its own: crawlers follow every link, browsers prefetch \
pages, caches revalidate and clients retry, all with safe requests. A link that deletes \
something on GET (/users/3/delete) is a bug waiting for the first crawler.\n\n\
POST, PUT, PATCH and DELETE are the unsafe ones: send them on purpose. hit --explain says \
whether the method you sent is safe and idempotent, and hit explain GET gives the details.",
    },
    Concept {
        name: "upgrade",
        title: "Upgrade: switching an HTTP/1.1 connection to another protocol",
        rfc: "RFC 9110 §7.8, §15.2.2, §15.5.22",
        text: "\
HTTP/1.1 lets a client propose another protocol for the rest of a connection. The request \
names it in Upgrade (websocket, in practice) and adds Connection: Upgrade, because Upgrade \
concerns this one hop only and a proxy must not pass it on blindly. The server may ignore \
the offer and answer as usual, or accept it with 101 Switching Protocols, naming the \
protocol in its own Upgrade header. After the blank line that ends the 101 head, the bytes \
on the connection belong to the new protocol: no more HTTP there.\n\n\
426 Upgrade Required is the other direction: the server will not answer over the current \
protocol and lists in Upgrade the one it wants. hit serve answers a plain GET to one of its \
/ws/ routes that way, with Upgrade: websocket, since those routes only speak WebSocket.\n\n\
Upgrade exists in HTTP/1.1 only. HTTP/2 and HTTP/3 forbid the Upgrade and Connection fields: \
a WebSocket over HTTP/2 is opened with an extended CONNECT request instead (RFC 8441), and \
RFC 9113 deprecates HTTP/2's own h2c upgrade. A reverse proxy in front of a WebSocket server \
has to be told to forward Upgrade and Connection, or the handshake never reaches the \
server.\n\n\
See it with hit: hit -v ws://127.0.0.1:8080/ws/echo shows the upgrade request and the 101 \
head before the messages, and hit :8080/ws/echo, an ordinary GET, gets the 426.",
    },
    Concept {
        name: "websocket",
        title: "WebSocket: a two-way channel of messages, opened by an HTTP request",
        rfc: "RFC 6455, RFC 7692",
        text: "\
HTTP is a conversation of requests and answers; a WebSocket (RFC 6455) is a connection on \
which either side sends messages whenever it likes, for as long as both keep it open: chat, \
live prices, notifications, game moves. Its URLs are ws://HOST/PATH, and wss:// over TLS, on \
the ports of http and https.\n\n\
It starts as an HTTP/1.1 GET with Upgrade: websocket, Connection: Upgrade, \
Sec-WebSocket-Version: 13 and a Sec-WebSocket-Key of 16 random bytes in base64. A server \
that agrees answers 101 Switching Protocols with Sec-WebSocket-Accept, the base64 of the \
SHA-1 digest of the key followed by the fixed GUID 258EAFA5-E914-47DA-95CA-C5AB0DC85B11, \
which proves it understood the handshake. Any other answer, a 200, a 401, a wrong accept \
value, means there is no WebSocket. The handshake is an ordinary request, so headers, \
cookies and credentials go with it. Sec-WebSocket-Protocol offers subprotocols, application \
protocols to speak on top, of which the server picks one; Sec-WebSocket-Extensions offers \
permessage-deflate (RFC 7692), which compresses each message.\n\n\
After the 101, data travels in frames, each with an opcode, a FIN bit and a length; frames \
from the client are masked. A message is text (UTF-8) or binary, in one frame or fragmented \
into several. Control frames go between them: a ping asks for a pong with the same payload, \
which keeps an idle connection alive and shows the other side still answers.\n\n\
Either side ends it with a close frame carrying a code and a reason; the other answers with \
a close of its own, and then the server closes the TCP connection. 1000 is a normal close, \
1001 an endpoint going away; a connection lost without a close frame is reported as 1006. \
hit explain close-codes lists them all, and hit explain 1011 explains one.\n\n\
Try it: run hit serve, then hit ws://127.0.0.1:8080/ws/echo sends each line you type and \
prints what comes back. hit ws://127.0.0.1:8080/ws/echo --message hello --count 1 sends one \
message and ends after one reply; hit ws://127.0.0.1:8080/ws/ticker --until '.seq == 3' \
reads until a condition holds; hit ws://127.0.0.1:8080/ws/chat in two terminals is a chat.",
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_concepts_sorted_by_name() {
        let names: Vec<&str> = CONCEPTS.iter().map(|c| c.name).collect();
        assert_eq!(
            names,
            [
                "auth",
                "cache",
                "content-negotiation",
                "cors",
                "device-flow",
                "exit-codes",
                "get-vs-post",
                "idempotency",
                "oauth",
                "pagination",
                "pkce",
                "put-vs-patch",
                "redirects",
                "refresh-token",
                "retries",
                "safe",
                "upgrade",
                "websocket",
            ]
        );
        assert!(CONCEPTS.windows(2).all(|w| w[0].name < w[1].name));
    }

    #[test]
    fn every_concept_and_mistake_has_a_title_a_source_and_a_few_paragraphs() {
        for c in CONCEPTS.iter().chain(crate::facts::MISTAKES) {
            assert!(!c.title.is_empty() && !c.title.contains('\n'), "{}", c.name);
            assert!(!c.rfc.is_empty(), "{}", c.name);
            let paragraphs: Vec<&str> = c.text.split("\n\n").collect();
            assert!((2..=5).contains(&paragraphs.len()), "{}", c.name);
            for p in paragraphs {
                assert!(
                    !p.trim().is_empty() && !p.contains('\n'),
                    "{}: {p:?}",
                    c.name
                );
                assert_eq!(p, p.trim(), "{}", c.name);
            }
        }
    }
}
