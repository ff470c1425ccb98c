# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_hit_global_optspecs
    string join \n url= H/header= A/user-agent= e/referer= b/cookie= c/cookie-jar= accept= d/data= data-raw= data-binary= data-urlencode= json= F/form= urlencoded multipart T/upload-file= G/get no-stdin u/user= bearer= digest anyauth n/netrc netrc-file= netrc-optional L/location no-location max-redirs= m/max-time= connect-timeout= timeout= location-trusted retry= retry-delay= retry-max-time= retry-on= idempotency-key= compressed raw http2 http2-prior-knowledge 4/ipv4 6/ipv6 resolve= connect-to= unix-socket= paginate max-pages= paginate-field= g/globoff path-as-is k/insecure no-insecure E/cert= key= cacert= max-filesize= x/proxy= socks5= socks5-hostname= noproxy= U/proxy-user= o/output= O/remote-name J/remote-header-name clobber C/continue-at= I/head i/include v/verbose headers body q/quiet s/silent S/show-error pretty= color= indent= sort-keys stream output-format= w/write-out= f/fail ignore-status show-secrets P/profile= var= offline curl explain strict validate no-lint= jq= raw-output check= arg= argjson= ws subprotocol= message= binary ping= max-message= count= until= sse-reconnect no-progress-meter retry-all-errors retry-connrefused fail-with-body #/progress-bar N/no-buffer create-dirs remote-name-all oauth2-bearer= basic proto= proto-redir= tlsv1.2 1/tlsv1 no-keepalive tcp-nodelay form-string= D/dump-header= trace= check-status ignore-stdin verify= auth= auth-type= httpie-form r X/request= p/print= h/help V/version
end

function __fish_hit_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_hit_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_hit_using_subcommand
    set -l cmd (__fish_hit_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c hit -n "__fish_hit_needs_command" -l url -d 'The URL, as curl\'s --url gives it (then every positional word is an item)' -r
complete -c hit -n "__fish_hit_needs_command" -s H -l header -d 'Add a header: -H \'Name: value\' (\'Name:\' removes it, \'Name;\' sends it empty)' -r
complete -c hit -n "__fish_hit_needs_command" -s A -l user-agent -d 'Set the User-Agent header' -r
complete -c hit -n "__fish_hit_needs_command" -s e -l referer -d 'Set the Referer header' -r
complete -c hit -n "__fish_hit_needs_command" -s b -l cookie -d 'Send cookies: -b \'name=value; other=value\', or those of a cookie file (Netscape format, as curl writes) that match the URL' -r
complete -c hit -n "__fish_hit_needs_command" -s c -l cookie-jar -d 'After the exchange, write every cookie (those read with -b FILE and those received) to FILE in the Netscape format curl uses' -r -F
complete -c hit -n "__fish_hit_needs_command" -l accept -d 'Set the Accept header (\'json\' is short for application/json)' -r
complete -c hit -n "__fish_hit_needs_command" -s d -l data -d 'Body data, curl-style: \'@file\' reads a file (newlines stripped), \'@-\' stdin' -r
complete -c hit -n "__fish_hit_needs_command" -l data-raw -d 'Body data sent exactly as given; \'@\' has no special meaning' -r
complete -c hit -n "__fish_hit_needs_command" -l data-binary -d 'Body data; \'@file\' reads the file byte for byte' -r
complete -c hit -n "__fish_hit_needs_command" -l data-urlencode -d 'Body data, URL-encoded: \'content\', \'name=content\', \'@file\' or \'name@file\'' -r
complete -c hit -n "__fish_hit_needs_command" -l json -d 'A JSON body, curl-style (sets Content-Type and Accept to application/json)' -r
complete -c hit -n "__fish_hit_needs_command" -s F -l form -d 'A multipart field: name=value, name=@file (upload) or name=<file (text from file)' -r
complete -c hit -n "__fish_hit_needs_command" -s T -l upload-file -d 'Upload a file as the body (PUT unless a method is given); \'-\' is stdin' -r -F
complete -c hit -n "__fish_hit_needs_command" -s u -l user -d 'Basic auth: user:password (without \':password\' hit asks on a terminal)' -r
complete -c hit -n "__fish_hit_needs_command" -l bearer -d 'Send \'Authorization: Bearer TOKEN\'' -r
complete -c hit -n "__fish_hit_needs_command" -l netrc-file -d 'Take the user and password for the URL\'s host from this netrc file' -r -F
complete -c hit -n "__fish_hit_needs_command" -l max-redirs -d 'The most redirects to follow with -L [default: 10]' -r
complete -c hit -n "__fish_hit_needs_command" -s m -l max-time -d 'The most seconds the whole run may take: waiting for stdin, every attempt and every retry wait included (0: no limit)' -r
complete -c hit -n "__fish_hit_needs_command" -l connect-timeout -d 'The most seconds to wait for the connection (0: no limit)' -r
complete -c hit -n "__fish_hit_needs_command" -l timeout -d 'The most seconds any one pause may last: waiting for the response to start, for the next bytes of its body, or for stdin (0: no limit)' -r
complete -c hit -n "__fish_hit_needs_command" -l retry -d 'Retry up to N times after a timeout, a lost connection or a 408, 425, 429, 500, 502, 503 or 504; only idempotent requests (GET, HEAD, OPTIONS, TRACE, PUT, DELETE or any with an Idempotency-Key)' -r
complete -c hit -n "__fish_hit_needs_command" -l retry-delay -d 'The first retry waits up to this many seconds, each next one up to twice as long (at most 30; Retry-After may ask for longer) [default: 1]' -r
complete -c hit -n "__fish_hit_needs_command" -l retry-max-time -d 'Retry only while the next attempt starts within this many seconds of the first (0: no limit) [default: 300]' -r
complete -c hit -n "__fish_hit_needs_command" -l retry-on -d 'The statuses to retry, comma-separated: 503,429 or 5xx' -r
complete -c hit -n "__fish_hit_needs_command" -l idempotency-key -d 'Send \'Idempotency-Key: KEY\' on every attempt; \'auto\' makes a random key' -r
complete -c hit -n "__fish_hit_needs_command" -l resolve -d 'Connect to ADDRESS for HOST:PORT instead of looking the host up: example.org:443:127.0.0.1' -r
complete -c hit -n "__fish_hit_needs_command" -l connect-to -d 'Connect to HOST2:PORT2 for HOST1:PORT1; an empty part matches any, or keeps the URL\'s' -r
complete -c hit -n "__fish_hit_needs_command" -l unix-socket -d 'Connect through this Unix domain socket instead of TCP' -r -F
complete -c hit -n "__fish_hit_needs_command" -l max-pages -d 'With --paginate, the most pages to fetch [default: 100]' -r
complete -c hit -n "__fish_hit_needs_command" -l paginate-field -d 'With --paginate, the array of object pages to merge: .products, .data.items [default: the one array field that changes from page to page]' -r
complete -c hit -n "__fish_hit_needs_command" -s E -l cert -d 'Present this client certificate (PEM; its key too, unless --key)' -r -F
complete -c hit -n "__fish_hit_needs_command" -l key -d 'The private key of --cert (PEM, not encrypted)' -r -F
complete -c hit -n "__fish_hit_needs_command" -l cacert -d 'Trust only the CA certificates in this PEM file' -r -F
complete -c hit -n "__fish_hit_needs_command" -l max-filesize -d 'Refuse a response body larger than this, after decoding: 500000, 500k, 20M, 1G' -r
complete -c hit -n "__fish_hit_needs_command" -s x -l proxy -d 'Send every request through this proxy: http://, https://, socks4://, socks4a://, socks5:// or socks5h:// (http:// when no scheme is given); without it, http_proxy, https_proxy, all_proxy and no_proxy are honoured' -r
complete -c hit -n "__fish_hit_needs_command" -l socks5 -d 'Send every request through the SOCKS5 proxy at HOST[:PORT], looking host names up here (as -x socks5://HOST[:PORT])' -r
complete -c hit -n "__fish_hit_needs_command" -l socks5-hostname -d 'Send every request through the SOCKS5 proxy at HOST[:PORT], which looks host names up (as -x socks5h://HOST[:PORT])' -r
complete -c hit -n "__fish_hit_needs_command" -l noproxy -d 'Hosts to reach without a proxy, comma-separated, in place of NO_PROXY (\'*\' for all)' -r
complete -c hit -n "__fish_hit_needs_command" -s U -l proxy-user -d 'Credentials for the proxy' -r
complete -c hit -n "__fish_hit_needs_command" -s o -l output -d 'Write the response body to FILE instead of stdout (\'-\' is stdout); an existing file is kept unless --clobber or -C -' -r -F
complete -c hit -n "__fish_hit_needs_command" -s C -l continue-at -d 'Resume a download into an existing file: \'-\' asks for the bytes after its end' -r
complete -c hit -n "__fish_hit_needs_command" -l pretty -d 'Formatting and colours (default: all on a terminal, none in a pipe)' -r -f -a "all\t'Format and colour'
colors\t'Colour only'
format\t'Format only'
none\t'Neither'"
complete -c hit -n "__fish_hit_needs_command" -l color -d 'When to use colours' -r -f -a "auto\t'Colour when stdout is a terminal, NO_COLOR is unset and TERM is not dumb'
always\t'Always colour'
never\t'Never colour'"
complete -c hit -n "__fish_hit_needs_command" -l indent -d 'Spaces per level of pretty-printed JSON, 0 to 16 (0: compact)' -r
complete -c hit -n "__fish_hit_needs_command" -l output-format -d 'Print the whole exchange as one JSON document instead of the sections' -r -f -a "json\t'Request, status, headers, timing, attempts and body as one JSON document'"
complete -c hit -n "__fish_hit_needs_command" -s w -l write-out -d 'After the transfer print FORMAT with curl\'s variables: %{http_code}, %{time_total}, %{size_download}, %{url_effective}, %header{name}, ... (\'@file\' reads it from a file)' -r
complete -c hit -n "__fish_hit_needs_command" -s P -l profile -d 'Use this saved profile: its base URL, headers, credentials and defaults' -r
complete -c hit -n "__fish_hit_needs_command" -l var -d 'Fill {NAME} in a saved request (hit @NAME --var NAME=VALUE)' -r
complete -c hit -n "__fish_hit_needs_command" -l no-lint -d 'Silence one of the warnings about the request given before it is sent (-q silences them all)' -r -f -a "secret-in-query\t''
plain-http-credentials\t''
body-without-meaning\t''
long-url\t''
unsafe-retry\t''
insecure\t''
duplicate-header\t''
check-assigns\t''"
complete -c hit -n "__fish_hit_needs_command" -l jq -d 'Run a jq FILTER over the JSON body (each NDJSON value with --stream) and print what it gives: --jq \'.items[].id\'' -r
complete -c hit -n "__fish_hit_needs_command" -l check -d 'Exit 1 unless the jq EXPR is true of the JSON body; repeatable: --check \'.ok\'' -r
complete -c hit -n "__fish_hit_needs_command" -l arg -d '$NAME is the string VALUE in --jq and --check' -r
complete -c hit -n "__fish_hit_needs_command" -l argjson -d '$NAME is the JSON value in --jq and --check' -r
complete -c hit -n "__fish_hit_needs_command" -l subprotocol -d 'Offer this WebSocket subprotocol (Sec-WebSocket-Protocol); repeatable, in order of preference' -r
complete -c hit -n "__fish_hit_needs_command" -l message -d 'Send this WebSocket text message instead of reading stdin; repeatable, sent in order' -r
complete -c hit -n "__fish_hit_needs_command" -l ping -d 'Ping the WebSocket\'s server every SECONDS, to keep an idle connection open' -r
complete -c hit -n "__fish_hit_needs_command" -l max-message -d 'The largest WebSocket message to accept [default: 16M]; a larger one closes the session with 1009' -r
complete -c hit -n "__fish_hit_needs_command" -l count -d 'End after N messages (WebSocket) or events (text/event-stream) have been received' -r
complete -c hit -n "__fish_hit_needs_command" -l until -d 'End at the first message or event for which the jq EXPR is true: --until \'.done\'' -r
complete -c hit -n "__fish_hit_needs_command" -l oauth2-bearer -d 'curl: as --bearer TOKEN' -r
complete -c hit -n "__fish_hit_needs_command" -l proto -d 'curl: only these protocols: \'=https\' refuses http:// URLs and redirects to them' -r
complete -c hit -n "__fish_hit_needs_command" -l proto-redir -d 'curl: only these protocols after a redirect: \'=https\' refuses redirects to http://' -r
complete -c hit -n "__fish_hit_needs_command" -l form-string -d 'curl: a multipart text field taken as written (no @file, <file or ;type=)' -r
complete -c hit -n "__fish_hit_needs_command" -s D -l dump-header -d 'curl: write each response\'s status line and headers, as received, to FILE (\'-\' is stdout)' -r -F
complete -c hit -n "__fish_hit_needs_command" -l trace -l trace-ascii -d 'curl: write hit\'s -v view of the exchange to FILE: request and response heads and bodies, credentials hidden as -v hides them, no colour (\'-\' is stdout, as -v)' -r -F
complete -c hit -n "__fish_hit_needs_command" -l verify -d 'HTTPie: \'no\' as -k, \'yes\' as --no-insecure, a PATH as --cacert PATH' -r
complete -c hit -n "__fish_hit_needs_command" -l auth -d 'HTTPie: as -u' -r
complete -c hit -n "__fish_hit_needs_command" -l auth-type -d 'HTTPie: how -u/--auth is sent: basic (the default), bearer (as --bearer) or digest (as --digest)' -r -f -a "basic\t''
bearer\t''
digest\t''"
complete -c hit -n "__fish_hit_needs_command" -s X -l request -d 'Use this request method, whatever the positional METHOD says' -r -f -a "GET\t''
HEAD\t''
POST\t''
PUT\t''
DELETE\t''
CONNECT\t''
OPTIONS\t''
TRACE\t''
PATCH\t''
QUERY\t''"
complete -c hit -n "__fish_hit_needs_command" -s p -l print -d 'What to print: H request headers, B request body, h response headers, b response body, m metadata' -r -f -a "HBhbm\t''
HBhb\t''
Hhb\t''
hb\t''
Hh\t''
H\t''
B\t''
h\t''
b\t''
m\t''"
complete -c hit -n "__fish_hit_needs_command" -l urlencoded -d 'Send data items as application/x-www-form-urlencoded'
complete -c hit -n "__fish_hit_needs_command" -l multipart -d 'Send data items as multipart/form-data'
complete -c hit -n "__fish_hit_needs_command" -s G -l get -d 'Put -d data into the URL query and send a GET'
complete -c hit -n "__fish_hit_needs_command" -l no-stdin -d 'Never read the request body from stdin'
complete -c hit -n "__fish_hit_needs_command" -l digest -d 'With -u or a netrc entry: send credentials only when a 401 asks, answering its Digest challenge (RFC 7616)'
complete -c hit -n "__fish_hit_needs_command" -l anyauth -d 'With -u or a netrc entry: send credentials only when a 401 asks, in the strongest scheme it offers (Digest, else Basic)'
complete -c hit -n "__fish_hit_needs_command" -s n -l netrc -d 'Take the user and password for the URL\'s host from ~/.netrc'
complete -c hit -n "__fish_hit_needs_command" -l netrc-optional -d 'As --netrc, and a missing file is no error'
complete -c hit -n "__fish_hit_needs_command" -s L -l location -d 'Follow redirects'
complete -c hit -n "__fish_hit_needs_command" -l no-location -d 'Do not follow redirects, even when the profile says to'
complete -c hit -n "__fish_hit_needs_command" -l location-trusted -d 'With -L, send Authorization and Cookie to other origins too'
complete -c hit -n "__fish_hit_needs_command" -l compressed -d 'Accepted for curl compatibility: responses are always decoded (unless --raw)'
complete -c hit -n "__fish_hit_needs_command" -l raw -d 'Pass the body on as received, content codings not undone (and, as in curl, no Accept-Encoding unless --compressed)'
complete -c hit -n "__fish_hit_needs_command" -l http1.1 -d 'Speak HTTP/1.1 only'
complete -c hit -n "__fish_hit_needs_command" -l http2 -d 'Use HTTP/2 where the server offers it over TLS (the default)'
complete -c hit -n "__fish_hit_needs_command" -l http2-prior-knowledge -d 'Speak HTTP/2 from the first byte, also over plain http (h2c)'
complete -c hit -n "__fish_hit_needs_command" -s 4 -l ipv4 -d 'Connect over IPv4 only'
complete -c hit -n "__fish_hit_needs_command" -s 6 -l ipv6 -d 'Connect over IPv6 only'
complete -c hit -n "__fish_hit_needs_command" -l paginate -d 'Follow the RFC 8288 Link rel="next" of each page; JSON array pages, or the items of object pages, are merged into one array (one element per line with --stream)'
complete -c hit -n "__fish_hit_needs_command" -s g -l globoff -d 'Accepted for curl compatibility: hit never expands {} and [] in URLs'
complete -c hit -n "__fish_hit_needs_command" -l path-as-is -d 'Send the path as typed: a path with . or .. segments, which hit\'s URL parser removes, is refused'
complete -c hit -n "__fish_hit_needs_command" -s k -l insecure -d 'Skip TLS certificate verification (unsafe)'
complete -c hit -n "__fish_hit_needs_command" -l no-insecure -d 'Verify TLS certificates, even when the profile says insecure'
complete -c hit -n "__fish_hit_needs_command" -s O -l remote-name -d 'Save the body in the current directory under the last part of the URL path'
complete -c hit -n "__fish_hit_needs_command" -s J -l remote-header-name -d 'Save the body under the file name the server gives in Content-Disposition (implies -O, whose name is the fallback)'
complete -c hit -n "__fish_hit_needs_command" -l clobber -d 'Replace an existing file (without it, -O and -J pick \'name-1.ext\' and -o refuses)'
complete -c hit -n "__fish_hit_needs_command" -s I -l head -d 'Send a HEAD request and print the response headers'
complete -c hit -n "__fish_hit_needs_command" -s i -l include -d 'Print the response headers too'
complete -c hit -n "__fish_hit_needs_command" -s v -l verbose -d 'Print the request as well as the response (-vv adds metadata)'
complete -c hit -n "__fish_hit_needs_command" -l headers -d 'Print only the response headers'
complete -c hit -n "__fish_hit_needs_command" -l body -d 'Print only the response body'
complete -c hit -n "__fish_hit_needs_command" -s q -l quiet -d 'Print nothing to stdout and no warnings; the line that explains a non-zero exit (failing status, error, failed check) stays. -qq silences that too'
complete -c hit -n "__fish_hit_needs_command" -s s -l silent -d 'No warnings, no progress and no error lines, as curl\'s -s (usage errors still show)'
complete -c hit -n "__fish_hit_needs_command" -s S -l show-error -d 'With -s: still show errors and a failing status, as curl\'s -sS does'
complete -c hit -n "__fish_hit_needs_command" -l sort-keys -d 'Print JSON objects with their keys sorted (reads the whole body first)'
complete -c hit -n "__fish_hit_needs_command" -l stream -d 'Print each part of the body as it arrives (automatic for text/event-stream and application/x-ndjson)'
complete -c hit -n "__fish_hit_needs_command" -s f -l fail -d 'Do not print the body of a 4xx or 5xx response (say so on stderr instead)'
complete -c hit -n "__fish_hit_needs_command" -l ignore-status -d 'Exit 0 for 3xx, 4xx and 5xx responses too'
complete -c hit -n "__fish_hit_needs_command" -l show-secrets -d 'Show credentials where hit prints them (Authorization, Cookie, Set-Cookie, URL passwords and a profile\'s secrets are shown as •••• without it)'
complete -c hit -n "__fish_hit_needs_command" -l offline -d 'Print the request exactly as it would be sent, and send nothing'
complete -c hit -n "__fish_hit_needs_command" -l curl -d 'Print the same request as a curl command, and send nothing'
complete -c hit -n "__fish_hit_needs_command" -l explain -d 'After the exchange, explain what the method promised, what the status means and what the notable response headers ask (on stderr)'
complete -c hit -n "__fish_hit_needs_command" -l strict -d 'Refuse to send a request that breaks the OpenAPI document of its operation (hit @PROFILE/OPERATION, or -P with a document): exit 2 instead of a warning'
complete -c hit -n "__fish_hit_needs_command" -l validate -d 'Check the response against the profile\'s OpenAPI document: a documented status and content type, required headers, the body\'s schema; exit 1 when it breaks them (--contract is the same)'
complete -c hit -n "__fish_hit_needs_command" -l raw-output -d 'With --jq, print strings without quotes, as jq -r does'
complete -c hit -n "__fish_hit_needs_command" -l ws -d 'Open a WebSocket to an http(s) URL (a ws:// or wss:// URL opens one anyway)'
complete -c hit -n "__fish_hit_needs_command" -l binary -d 'Send stdin\'s bytes as binary WebSocket messages instead of one text message per line'
complete -c hit -n "__fish_hit_needs_command" -l sse-reconnect -d 'When an event stream drops, connect again after its `retry` time, sending Last-Event-ID'
complete -c hit -n "__fish_hit_needs_command" -l no-progress-meter -d 'curl: no progress bar (notes and errors still show)'
complete -c hit -n "__fish_hit_needs_command" -l retry-all-errors -d 'curl: retry any 4xx and 5xx too (with --retry; still idempotent requests only)'
complete -c hit -n "__fish_hit_needs_command" -l retry-connrefused -d 'curl: hit already retries a refused connection, whatever the method'
complete -c hit -n "__fish_hit_needs_command" -l fail-with-body -d 'curl: as hit without -f: the body is printed and 4xx exits 4, 5xx exits 5'
complete -c hit -n "__fish_hit_needs_command" -s # -l progress-bar -d 'curl: hit\'s progress bar is the default on a terminal'
complete -c hit -n "__fish_hit_needs_command" -s N -l no-buffer -d 'curl: as --stream'
complete -c hit -n "__fish_hit_needs_command" -l create-dirs -d 'curl: with -o FILE, make the directories it names that are missing'
complete -c hit -n "__fish_hit_needs_command" -l remote-name-all -d 'curl: as -O (hit sends one URL)'
complete -c hit -n "__fish_hit_needs_command" -l basic -d 'curl: Basic auth with -u, the default (turns off --digest and --anyauth)'
complete -c hit -n "__fish_hit_needs_command" -l tlsv1.2 -d 'curl: TLS 1.2 or later, as hit always speaks'
complete -c hit -n "__fish_hit_needs_command" -s 1 -l tlsv1 -l tlsv1.0 -l tlsv1.1 -d 'curl: TLS 1.0 or later; hit speaks TLS 1.2 or later, and says so'
complete -c hit -n "__fish_hit_needs_command" -l no-keepalive -d 'curl: hit keeps TCP keepalive probes on, and says so'
complete -c hit -n "__fish_hit_needs_command" -l tcp-nodelay -d 'curl: hit\'s default. These change nothing either: --compressed-ssh and --ssl-reqd (not HTTP\'s), --disable (hit reads no .curlrc), --fail-early (one URL), --no-clobber (hit never overwrites without --clobber), --styled-output'
complete -c hit -n "__fish_hit_needs_command" -l check-status -d 'HTTPie: as hit by default: 3xx exits 3, 4xx exits 4, 5xx exits 5 (turns off --ignore-status)'
complete -c hit -n "__fish_hit_needs_command" -l ignore-stdin -d 'HTTPie: as --no-stdin'
complete -c hit -n "__fish_hit_needs_command" -l httpie-form -d 'HTTPie\'s --form, when no NAME=CONTENT follows (then it is curl\'s -F): data items as a form (--urlencoded, or --multipart with a file item)'
complete -c hit -n "__fish_hit_needs_command" -s r -d 'jq\'s -r with --jq (--raw-output); curl\'s -r (--range) otherwise, which hit does not support'
complete -c hit -n "__fish_hit_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hit -n "__fish_hit_needs_command" -s V -l version -d 'Print version'
complete -c hit -n "__fish_hit_needs_command" -a "serve" -d 'Serve a practice HTTP API on loopback: /users, /products, /orders and tools to try every HTTP method and status on; or, with --openapi, a mock of any API\'s OpenAPI document'
complete -c hit -n "__fish_hit_needs_command" -a "explain" -d 'Explain a method, a status code, a header or an idea of HTTP, with its RFC section'
complete -c hit -n "__fish_hit_needs_command" -a "run" -d 'Send the requests of a .http file (JetBrains HTTP Client, VS Code REST Client) in order over one connection'
complete -c hit -n "__fish_hit_needs_command" -a "test" -d 'Run .http files as a test suite: every file checked before anything is sent, files in parallel, a summary and reports CI systems read'
complete -c hit -n "__fish_hit_needs_command" -a "profile" -d 'Keep a base URL, headers, credentials and defaults per API'
complete -c hit -n "__fish_hit_needs_command" -a "auth" -d 'Log in with OAuth 2.0 for a profile; see, use and forget its tokens'
complete -c hit -n "__fish_hit_using_subcommand serve" -l port -d 'Port to listen on; 0 picks a free one' -r
complete -c hit -n "__fish_hit_using_subcommand serve" -l host -d 'Loopback address to listen on: 127.0.0.1 (or another 127.x address), ::1 or localhost' -r
complete -c hit -n "__fish_hit_using_subcommand serve" -l openapi -d 'Serve a mock of this OpenAPI 3.0 or 3.1 document (JSON or YAML) instead of the practice API: its examples, else values made from its schemas; requests checked against it' -r
complete -c hit -n "__fish_hit_using_subcommand serve" -l seed -d 'With --openapi: the seed of the values made from schemas (the same seed, the same answers)' -r
complete -c hit -n "__fish_hit_using_subcommand serve" -s h -l help -d 'Print help'
complete -c hit -n "__fish_hit_using_subcommand explain" -s h -l help -d 'Print help'
complete -c hit -n "__fish_hit_using_subcommand run" -l env -d 'Variables of environment NAME in http-client.env.json (and http-client.private.env.json, whose values win) beside FILE or in a folder above it, or in .vscode/settings.json\'s rest-client.environmentVariables' -r
complete -c hit -n "__fish_hit_using_subcommand run" -l env-file -d 'The environments file to read instead of the http-client.env.json found' -r -F
complete -c hit -n "__fish_hit_using_subcommand run" -l private-env-file -d 'The private environments file to read instead of the http-client.private.env.json found' -r -F
complete -c hit -n "__fish_hit_using_subcommand run" -s V -l env-var -d 'A variable of the run, winning over the environment\'s and the file\'s (repeatable)' -r
complete -c hit -n "__fish_hit_using_subcommand run" -l data -d 'Run the file once per row of this CSV file, its header row naming the variables (instead of the file\'s # @data)' -r -F
complete -c hit -n "__fish_hit_using_subcommand run" -l max-redirs -d 'The most redirects to follow with -L [default: 10]' -r
complete -c hit -n "__fish_hit_using_subcommand run" -s m -l max-time -d 'The most seconds the whole run may take: waiting for stdin, every attempt and every retry wait included (0: no limit)' -r
complete -c hit -n "__fish_hit_using_subcommand run" -l connect-timeout -d 'The most seconds to wait for the connection (0: no limit)' -r
complete -c hit -n "__fish_hit_using_subcommand run" -l timeout -d 'The most seconds any one pause may last: waiting for the response to start, for the next bytes of its body, or for stdin (0: no limit)' -r
complete -c hit -n "__fish_hit_using_subcommand run" -l retry -d 'Retry up to N times after a timeout, a lost connection or a 408, 425, 429, 500, 502, 503 or 504; only idempotent requests (GET, HEAD, OPTIONS, TRACE, PUT, DELETE or any with an Idempotency-Key)' -r
complete -c hit -n "__fish_hit_using_subcommand run" -l retry-delay -d 'The first retry waits up to this many seconds, each next one up to twice as long (at most 30; Retry-After may ask for longer) [default: 1]' -r
complete -c hit -n "__fish_hit_using_subcommand run" -l retry-max-time -d 'Retry only while the next attempt starts within this many seconds of the first (0: no limit) [default: 300]' -r
complete -c hit -n "__fish_hit_using_subcommand run" -l retry-on -d 'The statuses to retry, comma-separated: 503,429 or 5xx' -r
complete -c hit -n "__fish_hit_using_subcommand run" -l idempotency-key -d 'Send \'Idempotency-Key: KEY\' on every attempt; \'auto\' makes a random key' -r
complete -c hit -n "__fish_hit_using_subcommand run" -l resolve -d 'Connect to ADDRESS for HOST:PORT instead of looking the host up: example.org:443:127.0.0.1' -r
complete -c hit -n "__fish_hit_using_subcommand run" -l connect-to -d 'Connect to HOST2:PORT2 for HOST1:PORT1; an empty part matches any, or keeps the URL\'s' -r
complete -c hit -n "__fish_hit_using_subcommand run" -l unix-socket -d 'Connect through this Unix domain socket instead of TCP' -r -F
complete -c hit -n "__fish_hit_using_subcommand run" -l max-pages -d 'With --paginate, the most pages to fetch [default: 100]' -r
complete -c hit -n "__fish_hit_using_subcommand run" -l paginate-field -d 'With --paginate, the array of object pages to merge: .products, .data.items [default: the one array field that changes from page to page]' -r
complete -c hit -n "__fish_hit_using_subcommand run" -s E -l cert -d 'Present this client certificate (PEM; its key too, unless --key)' -r -F
complete -c hit -n "__fish_hit_using_subcommand run" -l key -d 'The private key of --cert (PEM, not encrypted)' -r -F
complete -c hit -n "__fish_hit_using_subcommand run" -l cacert -d 'Trust only the CA certificates in this PEM file' -r -F
complete -c hit -n "__fish_hit_using_subcommand run" -l max-filesize -d 'Refuse a response body larger than this, after decoding: 500000, 500k, 20M, 1G' -r
complete -c hit -n "__fish_hit_using_subcommand run" -s x -l proxy -d 'Send every request through this proxy: http://, https://, socks4://, socks4a://, socks5:// or socks5h:// (http:// when no scheme is given); without it, http_proxy, https_proxy, all_proxy and no_proxy are honoured' -r
complete -c hit -n "__fish_hit_using_subcommand run" -l socks5 -d 'Send every request through the SOCKS5 proxy at HOST[:PORT], looking host names up here (as -x socks5://HOST[:PORT])' -r
complete -c hit -n "__fish_hit_using_subcommand run" -l socks5-hostname -d 'Send every request through the SOCKS5 proxy at HOST[:PORT], which looks host names up (as -x socks5h://HOST[:PORT])' -r
complete -c hit -n "__fish_hit_using_subcommand run" -l noproxy -d 'Hosts to reach without a proxy, comma-separated, in place of NO_PROXY (\'*\' for all)' -r
complete -c hit -n "__fish_hit_using_subcommand run" -s U -l proxy-user -d 'Credentials for the proxy' -r
complete -c hit -n "__fish_hit_using_subcommand run" -s p -l print -d 'What to print: H request headers, B request body, h response headers, b response body, m metadata' -r
complete -c hit -n "__fish_hit_using_subcommand run" -l pretty -d 'Formatting and colours (default: all on a terminal, none in a pipe)' -r -f -a "all\t'Format and colour'
colors\t'Colour only'
format\t'Format only'
none\t'Neither'"
complete -c hit -n "__fish_hit_using_subcommand run" -l color -d 'When to use colours' -r -f -a "auto\t'Colour when stdout is a terminal, NO_COLOR is unset and TERM is not dumb'
always\t'Always colour'
never\t'Never colour'"
complete -c hit -n "__fish_hit_using_subcommand run" -l indent -d 'Spaces per level of pretty-printed JSON, 0 to 16 (0: compact)' -r
complete -c hit -n "__fish_hit_using_subcommand run" -l output-format -d 'Print the whole exchange as one JSON document instead of the sections' -r -f -a "json\t'Request, status, headers, timing, attempts and body as one JSON document'"
complete -c hit -n "__fish_hit_using_subcommand run" -s w -l write-out -d 'After the transfer print FORMAT with curl\'s variables: %{http_code}, %{time_total}, %{size_download}, %{url_effective}, %header{name}, ... (\'@file\' reads it from a file)' -r
complete -c hit -n "__fish_hit_using_subcommand run" -s P -l profile -d 'Use this saved profile: its base URL, headers, credentials and defaults' -r
complete -c hit -n "__fish_hit_using_subcommand run" -l var -d 'Fill {NAME} in a saved request (hit @NAME --var NAME=VALUE)' -r
complete -c hit -n "__fish_hit_using_subcommand run" -l no-lint -d 'Silence one of the warnings about the request given before it is sent (-q silences them all)' -r -f -a "secret-in-query\t''
plain-http-credentials\t''
body-without-meaning\t''
long-url\t''
unsafe-retry\t''
insecure\t''
duplicate-header\t''
check-assigns\t''"
complete -c hit -n "__fish_hit_using_subcommand run" -l jq -d 'Run a jq FILTER over the JSON body (each NDJSON value with --stream) and print what it gives: --jq \'.items[].id\'' -r
complete -c hit -n "__fish_hit_using_subcommand run" -l check -d 'Exit 1 unless the jq EXPR is true of the JSON body; repeatable: --check \'.ok\'' -r
complete -c hit -n "__fish_hit_using_subcommand run" -l arg -d '$NAME is the string VALUE in --jq and --check' -r
complete -c hit -n "__fish_hit_using_subcommand run" -l argjson -d '$NAME is the JSON value in --jq and --check' -r
complete -c hit -n "__fish_hit_using_subcommand run" -l fail-fast -d 'Stop at the first request that fails; without it the run goes on with the requests that do not use a failed one\'s response'
complete -c hit -n "__fish_hit_using_subcommand run" -l continue -d 'Going on after a failure is the default; kept so that older command lines run'
complete -c hit -n "__fish_hit_using_subcommand run" -l no-scripts -d 'Do not run the file\'s JavaScript (pre-request scripts and response handlers); each one skipped is named'
complete -c hit -n "__fish_hit_using_subcommand run" -s L -l location -d 'Follow redirects'
complete -c hit -n "__fish_hit_using_subcommand run" -l no-location -d 'Do not follow redirects, even when the profile says to'
complete -c hit -n "__fish_hit_using_subcommand run" -l location-trusted -d 'With -L, send Authorization and Cookie to other origins too'
complete -c hit -n "__fish_hit_using_subcommand run" -l compressed -d 'Accepted for curl compatibility: responses are always decoded (unless --raw)'
complete -c hit -n "__fish_hit_using_subcommand run" -l raw -d 'Pass the body on as received, content codings not undone (and, as in curl, no Accept-Encoding unless --compressed)'
complete -c hit -n "__fish_hit_using_subcommand run" -l http1.1 -d 'Speak HTTP/1.1 only'
complete -c hit -n "__fish_hit_using_subcommand run" -l http2 -d 'Use HTTP/2 where the server offers it over TLS (the default)'
complete -c hit -n "__fish_hit_using_subcommand run" -l http2-prior-knowledge -d 'Speak HTTP/2 from the first byte, also over plain http (h2c)'
complete -c hit -n "__fish_hit_using_subcommand run" -s 4 -l ipv4 -d 'Connect over IPv4 only'
complete -c hit -n "__fish_hit_using_subcommand run" -s 6 -l ipv6 -d 'Connect over IPv6 only'
complete -c hit -n "__fish_hit_using_subcommand run" -l paginate -d 'Follow the RFC 8288 Link rel="next" of each page; JSON array pages, or the items of object pages, are merged into one array (one element per line with --stream)'
complete -c hit -n "__fish_hit_using_subcommand run" -s g -l globoff -d 'Accepted for curl compatibility: hit never expands {} and [] in URLs'
complete -c hit -n "__fish_hit_using_subcommand run" -l path-as-is -d 'Send the path as typed: a path with . or .. segments, which hit\'s URL parser removes, is refused'
complete -c hit -n "__fish_hit_using_subcommand run" -s k -l insecure -d 'Skip TLS certificate verification (unsafe)'
complete -c hit -n "__fish_hit_using_subcommand run" -l no-insecure -d 'Verify TLS certificates, even when the profile says insecure'
complete -c hit -n "__fish_hit_using_subcommand run" -s I -l head -d 'Send a HEAD request and print the response headers'
complete -c hit -n "__fish_hit_using_subcommand run" -s i -l include -d 'Print the response headers too'
complete -c hit -n "__fish_hit_using_subcommand run" -s v -l verbose -d 'Print the request as well as the response (-vv adds metadata)'
complete -c hit -n "__fish_hit_using_subcommand run" -l headers -d 'Print only the response headers'
complete -c hit -n "__fish_hit_using_subcommand run" -l body -d 'Print only the response body'
complete -c hit -n "__fish_hit_using_subcommand run" -s q -l quiet -d 'Print nothing to stdout and no warnings; the line that explains a non-zero exit (failing status, error, failed check) stays. -qq silences that too'
complete -c hit -n "__fish_hit_using_subcommand run" -s s -l silent -d 'No warnings, no progress and no error lines, as curl\'s -s (usage errors still show)'
complete -c hit -n "__fish_hit_using_subcommand run" -s S -l show-error -d 'With -s: still show errors and a failing status, as curl\'s -sS does'
complete -c hit -n "__fish_hit_using_subcommand run" -l sort-keys -d 'Print JSON objects with their keys sorted (reads the whole body first)'
complete -c hit -n "__fish_hit_using_subcommand run" -l stream -d 'Print each part of the body as it arrives (automatic for text/event-stream and application/x-ndjson)'
complete -c hit -n "__fish_hit_using_subcommand run" -s f -l fail -d 'Do not print the body of a 4xx or 5xx response (say so on stderr instead)'
complete -c hit -n "__fish_hit_using_subcommand run" -l ignore-status -d 'Exit 0 for 3xx, 4xx and 5xx responses too'
complete -c hit -n "__fish_hit_using_subcommand run" -l show-secrets -d 'Show credentials where hit prints them (Authorization, Cookie, Set-Cookie, URL passwords and a profile\'s secrets are shown as •••• without it)'
complete -c hit -n "__fish_hit_using_subcommand run" -l offline -d 'Print the request exactly as it would be sent, and send nothing'
complete -c hit -n "__fish_hit_using_subcommand run" -l curl -d 'Print the same request as a curl command, and send nothing'
complete -c hit -n "__fish_hit_using_subcommand run" -l explain -d 'After the exchange, explain what the method promised, what the status means and what the notable response headers ask (on stderr)'
complete -c hit -n "__fish_hit_using_subcommand run" -l strict -d 'Refuse to send a request that breaks the OpenAPI document of its operation (hit @PROFILE/OPERATION, or -P with a document): exit 2 instead of a warning'
complete -c hit -n "__fish_hit_using_subcommand run" -l validate -d 'Check the response against the profile\'s OpenAPI document: a documented status and content type, required headers, the body\'s schema; exit 1 when it breaks them (--contract is the same)'
complete -c hit -n "__fish_hit_using_subcommand run" -l raw-output -d 'With --jq, print strings without quotes, as jq -r does'
complete -c hit -n "__fish_hit_using_subcommand run" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hit -n "__fish_hit_using_subcommand test" -l report -d 'Write a report: junit=FILE, tap=FILE, json=FILE or html=DIR (repeatable)' -r
complete -c hit -n "__fish_hit_using_subcommand test" -s j -l jobs -d 'How many files run at once (requests inside a file run in order); the number of CPUs by default' -r
complete -c hit -n "__fish_hit_using_subcommand test" -l env -d 'Variables of environment NAME in http-client.env.json (and http-client.private.env.json, whose values win) beside FILE or in a folder above it, or in .vscode/settings.json\'s rest-client.environmentVariables' -r
complete -c hit -n "__fish_hit_using_subcommand test" -l env-file -d 'The environments file to read instead of the http-client.env.json found' -r -F
complete -c hit -n "__fish_hit_using_subcommand test" -l private-env-file -d 'The private environments file to read instead of the http-client.private.env.json found' -r -F
complete -c hit -n "__fish_hit_using_subcommand test" -s V -l env-var -d 'A variable of the run, winning over the environment\'s and the file\'s (repeatable)' -r
complete -c hit -n "__fish_hit_using_subcommand test" -l data -d 'Run the file once per row of this CSV file, its header row naming the variables (instead of the file\'s # @data)' -r -F
complete -c hit -n "__fish_hit_using_subcommand test" -l max-redirs -d 'The most redirects to follow with -L [default: 10]' -r
complete -c hit -n "__fish_hit_using_subcommand test" -s m -l max-time -d 'The most seconds the whole run may take: waiting for stdin, every attempt and every retry wait included (0: no limit)' -r
complete -c hit -n "__fish_hit_using_subcommand test" -l connect-timeout -d 'The most seconds to wait for the connection (0: no limit)' -r
complete -c hit -n "__fish_hit_using_subcommand test" -l timeout -d 'The most seconds any one pause may last: waiting for the response to start, for the next bytes of its body, or for stdin (0: no limit)' -r
complete -c hit -n "__fish_hit_using_subcommand test" -l retry -d 'Retry up to N times after a timeout, a lost connection or a 408, 425, 429, 500, 502, 503 or 504; only idempotent requests (GET, HEAD, OPTIONS, TRACE, PUT, DELETE or any with an Idempotency-Key)' -r
complete -c hit -n "__fish_hit_using_subcommand test" -l retry-delay -d 'The first retry waits up to this many seconds, each next one up to twice as long (at most 30; Retry-After may ask for longer) [default: 1]' -r
complete -c hit -n "__fish_hit_using_subcommand test" -l retry-max-time -d 'Retry only while the next attempt starts within this many seconds of the first (0: no limit) [default: 300]' -r
complete -c hit -n "__fish_hit_using_subcommand test" -l retry-on -d 'The statuses to retry, comma-separated: 503,429 or 5xx' -r
complete -c hit -n "__fish_hit_using_subcommand test" -l idempotency-key -d 'Send \'Idempotency-Key: KEY\' on every attempt; \'auto\' makes a random key' -r
complete -c hit -n "__fish_hit_using_subcommand test" -l resolve -d 'Connect to ADDRESS for HOST:PORT instead of looking the host up: example.org:443:127.0.0.1' -r
complete -c hit -n "__fish_hit_using_subcommand test" -l connect-to -d 'Connect to HOST2:PORT2 for HOST1:PORT1; an empty part matches any, or keeps the URL\'s' -r
complete -c hit -n "__fish_hit_using_subcommand test" -l unix-socket -d 'Connect through this Unix domain socket instead of TCP' -r -F
complete -c hit -n "__fish_hit_using_subcommand test" -l max-pages -d 'With --paginate, the most pages to fetch [default: 100]' -r
complete -c hit -n "__fish_hit_using_subcommand test" -l paginate-field -d 'With --paginate, the array of object pages to merge: .products, .data.items [default: the one array field that changes from page to page]' -r
complete -c hit -n "__fish_hit_using_subcommand test" -s E -l cert -d 'Present this client certificate (PEM; its key too, unless --key)' -r -F
complete -c hit -n "__fish_hit_using_subcommand test" -l key -d 'The private key of --cert (PEM, not encrypted)' -r -F
complete -c hit -n "__fish_hit_using_subcommand test" -l cacert -d 'Trust only the CA certificates in this PEM file' -r -F
complete -c hit -n "__fish_hit_using_subcommand test" -l max-filesize -d 'Refuse a response body larger than this, after decoding: 500000, 500k, 20M, 1G' -r
complete -c hit -n "__fish_hit_using_subcommand test" -s x -l proxy -d 'Send every request through this proxy: http://, https://, socks4://, socks4a://, socks5:// or socks5h:// (http:// when no scheme is given); without it, http_proxy, https_proxy, all_proxy and no_proxy are honoured' -r
complete -c hit -n "__fish_hit_using_subcommand test" -l socks5 -d 'Send every request through the SOCKS5 proxy at HOST[:PORT], looking host names up here (as -x socks5://HOST[:PORT])' -r
complete -c hit -n "__fish_hit_using_subcommand test" -l socks5-hostname -d 'Send every request through the SOCKS5 proxy at HOST[:PORT], which looks host names up (as -x socks5h://HOST[:PORT])' -r
complete -c hit -n "__fish_hit_using_subcommand test" -l noproxy -d 'Hosts to reach without a proxy, comma-separated, in place of NO_PROXY (\'*\' for all)' -r
complete -c hit -n "__fish_hit_using_subcommand test" -s U -l proxy-user -d 'Credentials for the proxy' -r
complete -c hit -n "__fish_hit_using_subcommand test" -s p -l print -d 'What to print: H request headers, B request body, h response headers, b response body, m metadata' -r
complete -c hit -n "__fish_hit_using_subcommand test" -l pretty -d 'Formatting and colours (default: all on a terminal, none in a pipe)' -r -f -a "all\t'Format and colour'
colors\t'Colour only'
format\t'Format only'
none\t'Neither'"
complete -c hit -n "__fish_hit_using_subcommand test" -l color -d 'When to use colours' -r -f -a "auto\t'Colour when stdout is a terminal, NO_COLOR is unset and TERM is not dumb'
always\t'Always colour'
never\t'Never colour'"
complete -c hit -n "__fish_hit_using_subcommand test" -l indent -d 'Spaces per level of pretty-printed JSON, 0 to 16 (0: compact)' -r
complete -c hit -n "__fish_hit_using_subcommand test" -l output-format -d 'Print the whole exchange as one JSON document instead of the sections' -r -f -a "json\t'Request, status, headers, timing, attempts and body as one JSON document'"
complete -c hit -n "__fish_hit_using_subcommand test" -s w -l write-out -d 'After the transfer print FORMAT with curl\'s variables: %{http_code}, %{time_total}, %{size_download}, %{url_effective}, %header{name}, ... (\'@file\' reads it from a file)' -r
complete -c hit -n "__fish_hit_using_subcommand test" -s P -l profile -d 'Use this saved profile: its base URL, headers, credentials and defaults' -r
complete -c hit -n "__fish_hit_using_subcommand test" -l var -d 'Fill {NAME} in a saved request (hit @NAME --var NAME=VALUE)' -r
complete -c hit -n "__fish_hit_using_subcommand test" -l no-lint -d 'Silence one of the warnings about the request given before it is sent (-q silences them all)' -r -f -a "secret-in-query\t''
plain-http-credentials\t''
body-without-meaning\t''
long-url\t''
unsafe-retry\t''
insecure\t''
duplicate-header\t''
check-assigns\t''"
complete -c hit -n "__fish_hit_using_subcommand test" -l jq -d 'Run a jq FILTER over the JSON body (each NDJSON value with --stream) and print what it gives: --jq \'.items[].id\'' -r
complete -c hit -n "__fish_hit_using_subcommand test" -l check -d 'Exit 1 unless the jq EXPR is true of the JSON body; repeatable: --check \'.ok\'' -r
complete -c hit -n "__fish_hit_using_subcommand test" -l arg -d '$NAME is the string VALUE in --jq and --check' -r
complete -c hit -n "__fish_hit_using_subcommand test" -l argjson -d '$NAME is the JSON value in --jq and --check' -r
complete -c hit -n "__fish_hit_using_subcommand test" -l fail-fast -d 'Stop each file at its first failure; the requests after it are reported as skipped'
complete -c hit -n "__fish_hit_using_subcommand test" -l no-scripts -d 'Do not run the files\' JavaScript (pre-request scripts and response handlers)'
complete -c hit -n "__fish_hit_using_subcommand test" -s L -l location -d 'Follow redirects'
complete -c hit -n "__fish_hit_using_subcommand test" -l no-location -d 'Do not follow redirects, even when the profile says to'
complete -c hit -n "__fish_hit_using_subcommand test" -l location-trusted -d 'With -L, send Authorization and Cookie to other origins too'
complete -c hit -n "__fish_hit_using_subcommand test" -l compressed -d 'Accepted for curl compatibility: responses are always decoded (unless --raw)'
complete -c hit -n "__fish_hit_using_subcommand test" -l raw -d 'Pass the body on as received, content codings not undone (and, as in curl, no Accept-Encoding unless --compressed)'
complete -c hit -n "__fish_hit_using_subcommand test" -l http1.1 -d 'Speak HTTP/1.1 only'
complete -c hit -n "__fish_hit_using_subcommand test" -l http2 -d 'Use HTTP/2 where the server offers it over TLS (the default)'
complete -c hit -n "__fish_hit_using_subcommand test" -l http2-prior-knowledge -d 'Speak HTTP/2 from the first byte, also over plain http (h2c)'
complete -c hit -n "__fish_hit_using_subcommand test" -s 4 -l ipv4 -d 'Connect over IPv4 only'
complete -c hit -n "__fish_hit_using_subcommand test" -s 6 -l ipv6 -d 'Connect over IPv6 only'
complete -c hit -n "__fish_hit_using_subcommand test" -l paginate -d 'Follow the RFC 8288 Link rel="next" of each page; JSON array pages, or the items of object pages, are merged into one array (one element per line with --stream)'
complete -c hit -n "__fish_hit_using_subcommand test" -s g -l globoff -d 'Accepted for curl compatibility: hit never expands {} and [] in URLs'
complete -c hit -n "__fish_hit_using_subcommand test" -l path-as-is -d 'Send the path as typed: a path with . or .. segments, which hit\'s URL parser removes, is refused'
complete -c hit -n "__fish_hit_using_subcommand test" -s k -l insecure -d 'Skip TLS certificate verification (unsafe)'
complete -c hit -n "__fish_hit_using_subcommand test" -l no-insecure -d 'Verify TLS certificates, even when the profile says insecure'
complete -c hit -n "__fish_hit_using_subcommand test" -s I -l head -d 'Send a HEAD request and print the response headers'
complete -c hit -n "__fish_hit_using_subcommand test" -s i -l include -d 'Print the response headers too'
complete -c hit -n "__fish_hit_using_subcommand test" -s v -l verbose -d 'Print the request as well as the response (-vv adds metadata)'
complete -c hit -n "__fish_hit_using_subcommand test" -l headers -d 'Print only the response headers'
complete -c hit -n "__fish_hit_using_subcommand test" -l body -d 'Print only the response body'
complete -c hit -n "__fish_hit_using_subcommand test" -s q -l quiet -d 'Print nothing to stdout and no warnings; the line that explains a non-zero exit (failing status, error, failed check) stays. -qq silences that too'
complete -c hit -n "__fish_hit_using_subcommand test" -s s -l silent -d 'No warnings, no progress and no error lines, as curl\'s -s (usage errors still show)'
complete -c hit -n "__fish_hit_using_subcommand test" -s S -l show-error -d 'With -s: still show errors and a failing status, as curl\'s -sS does'
complete -c hit -n "__fish_hit_using_subcommand test" -l sort-keys -d 'Print JSON objects with their keys sorted (reads the whole body first)'
complete -c hit -n "__fish_hit_using_subcommand test" -l stream -d 'Print each part of the body as it arrives (automatic for text/event-stream and application/x-ndjson)'
complete -c hit -n "__fish_hit_using_subcommand test" -s f -l fail -d 'Do not print the body of a 4xx or 5xx response (say so on stderr instead)'
complete -c hit -n "__fish_hit_using_subcommand test" -l ignore-status -d 'Exit 0 for 3xx, 4xx and 5xx responses too'
complete -c hit -n "__fish_hit_using_subcommand test" -l show-secrets -d 'Show credentials where hit prints them (Authorization, Cookie, Set-Cookie, URL passwords and a profile\'s secrets are shown as •••• without it)'
complete -c hit -n "__fish_hit_using_subcommand test" -l offline -d 'Print the request exactly as it would be sent, and send nothing'
complete -c hit -n "__fish_hit_using_subcommand test" -l curl -d 'Print the same request as a curl command, and send nothing'
complete -c hit -n "__fish_hit_using_subcommand test" -l explain -d 'After the exchange, explain what the method promised, what the status means and what the notable response headers ask (on stderr)'
complete -c hit -n "__fish_hit_using_subcommand test" -l strict -d 'Refuse to send a request that breaks the OpenAPI document of its operation (hit @PROFILE/OPERATION, or -P with a document): exit 2 instead of a warning'
complete -c hit -n "__fish_hit_using_subcommand test" -l validate -d 'Check the response against the profile\'s OpenAPI document: a documented status and content type, required headers, the body\'s schema; exit 1 when it breaks them (--contract is the same)'
complete -c hit -n "__fish_hit_using_subcommand test" -l raw-output -d 'With --jq, print strings without quotes, as jq -r does'
complete -c hit -n "__fish_hit_using_subcommand test" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hit -n "__fish_hit_using_subcommand profile; and not __fish_seen_subcommand_from add list show sync rm edit" -s h -l help -d 'Print help'
complete -c hit -n "__fish_hit_using_subcommand profile; and not __fish_seen_subcommand_from add list show sync rm edit" -f -a "add" -d 'Create a profile (--force replaces one, keeping its saved requests)'
complete -c hit -n "__fish_hit_using_subcommand profile; and not __fish_seen_subcommand_from add list show sync rm edit" -f -a "list" -d 'List the profiles and their base URLs'
complete -c hit -n "__fish_hit_using_subcommand profile; and not __fish_seen_subcommand_from add list show sync rm edit" -f -a "show" -d 'Print a profile as it applies (extends included), secrets hidden, and its saved requests'
complete -c hit -n "__fish_hit_using_subcommand profile; and not __fish_seen_subcommand_from add list show sync rm edit" -f -a "sync" -d 'Read a profile\'s OpenAPI document again and say which operations changed'
complete -c hit -n "__fish_hit_using_subcommand profile; and not __fish_seen_subcommand_from add list show sync rm edit" -f -a "rm" -d 'Delete a profile, its saved requests and its cookie jar'
complete -c hit -n "__fish_hit_using_subcommand profile; and not __fish_seen_subcommand_from add list show sync rm edit" -f -a "edit" -d 'Open a copy in $VISUAL or $EDITOR; it replaces the profile only if it is valid'
complete -c hit -n "__fish_hit_using_subcommand profile; and __fish_seen_subcommand_from add" -l base-url -d 'What a URL starting with \'/\' (or a bare path) is joined to' -r
complete -c hit -n "__fish_hit_using_subcommand profile; and __fish_seen_subcommand_from add" -s H -l header -d 'A header sent with every request: -H \'Name: value\'' -r
complete -c hit -n "__fish_hit_using_subcommand profile; and __fish_seen_subcommand_from add" -l query -d 'A query item added to every request: --query per_page=100' -r
complete -c hit -n "__fish_hit_using_subcommand profile; and __fish_seen_subcommand_from add" -l header-env -d 'A header whose value is read from an environment variable: \'X-Api-Key=API_KEY\'' -r
complete -c hit -n "__fish_hit_using_subcommand profile; and __fish_seen_subcommand_from add" -l bearer-env -d 'Bearer token from this environment variable' -r
complete -c hit -n "__fish_hit_using_subcommand profile; and __fish_seen_subcommand_from add" -l bearer-cmd -d 'Bearer token printed by this command (run once per run, 10 s at most)' -r
complete -c hit -n "__fish_hit_using_subcommand profile; and __fish_seen_subcommand_from add" -l bearer -d 'A literal bearer token (stored in the file: needs --store-secret)' -r
complete -c hit -n "__fish_hit_using_subcommand profile; and __fish_seen_subcommand_from add" -s u -l user -d 'Basic auth user (with --password-env VAR; \'user:password\' needs --store-secret)' -r
complete -c hit -n "__fish_hit_using_subcommand profile; and __fish_seen_subcommand_from add" -l password-env -d 'The basic auth password from this environment variable' -r
complete -c hit -n "__fish_hit_using_subcommand profile; and __fish_seen_subcommand_from add" -l oauth -d 'Get tokens from an OAuth 2.0 authorization server by this flow: client_credentials, authorization_code (PKCE), device_code or refresh_token' -r
complete -c hit -n "__fish_hit_using_subcommand profile; and __fish_seen_subcommand_from add" -l client-id -d 'The client ID registered with the authorization server' -r
complete -c hit -n "__fish_hit_using_subcommand profile; and __fish_seen_subcommand_from add" -l client-secret-env -d 'The client secret from this environment variable' -r
complete -c hit -n "__fish_hit_using_subcommand profile; and __fish_seen_subcommand_from add" -l client-secret-cmd -d 'The client secret printed by this command' -r
complete -c hit -n "__fish_hit_using_subcommand profile; and __fish_seen_subcommand_from add" -l issuer -d 'Find the endpoints from this issuer (OpenID Connect discovery, then RFC 8414)' -r
complete -c hit -n "__fish_hit_using_subcommand profile; and __fish_seen_subcommand_from add" -l token-url -d 'The token endpoint' -r
complete -c hit -n "__fish_hit_using_subcommand profile; and __fish_seen_subcommand_from add" -l authorization-url -d 'The authorization endpoint (authorization_code)' -r
complete -c hit -n "__fish_hit_using_subcommand profile; and __fish_seen_subcommand_from add" -l device-authorization-url -d 'The device authorization endpoint (device_code)' -r
complete -c hit -n "__fish_hit_using_subcommand profile; and __fish_seen_subcommand_from add" -l revocation-url -d 'The revocation endpoint, for hit auth logout (RFC 7009)' -r
complete -c hit -n "__fish_hit_using_subcommand profile; and __fish_seen_subcommand_from add" -l scope -d 'A scope to ask for (repeat it for more)' -r
complete -c hit -n "__fish_hit_using_subcommand profile; and __fish_seen_subcommand_from add" -l audience -d 'The audience parameter of the token request' -r
complete -c hit -n "__fish_hit_using_subcommand profile; and __fish_seen_subcommand_from add" -l resource -d 'The resource the token is for (RFC 8707)' -r
complete -c hit -n "__fish_hit_using_subcommand profile; and __fish_seen_subcommand_from add" -l token-param -d 'Another parameter of every token request: --token-param prompt=consent' -r
complete -c hit -n "__fish_hit_using_subcommand profile; and __fish_seen_subcommand_from add" -l redirect-port -d 'The loopback port of the authorization_code redirect (a free one by default)' -r
complete -c hit -n "__fish_hit_using_subcommand profile; and __fish_seen_subcommand_from add" -l refresh-token-env -d 'The refresh token (flow refresh_token, in CI) from this environment variable' -r
complete -c hit -n "__fish_hit_using_subcommand profile; and __fish_seen_subcommand_from add" -l refresh-token-cmd -d 'The refresh token (flow refresh_token) printed by this command' -r
complete -c hit -n "__fish_hit_using_subcommand profile; and __fish_seen_subcommand_from add" -l openapi -d 'The API\'s OpenAPI document (3.0 or 3.1, JSON or YAML): hit @NAME lists its operations' -r
complete -c hit -n "__fish_hit_using_subcommand profile; and __fish_seen_subcommand_from add" -l server-var -d 'A value for a variable of the document\'s server URL (its default otherwise)' -r
complete -c hit -n "__fish_hit_using_subcommand profile; and __fish_seen_subcommand_from add" -l extends -d 'Start from another profile\'s settings' -r
complete -c hit -n "__fish_hit_using_subcommand profile; and __fish_seen_subcommand_from add" -l max-redirs -d 'The most redirects to follow with -L [default: 10]' -r
complete -c hit -n "__fish_hit_using_subcommand profile; and __fish_seen_subcommand_from add" -s m -l max-time -d 'The most seconds the whole run may take: waiting for stdin, every attempt and every retry wait included (0: no limit)' -r
complete -c hit -n "__fish_hit_using_subcommand profile; and __fish_seen_subcommand_from add" -l connect-timeout -d 'The most seconds to wait for the connection (0: no limit)' -r
complete -c hit -n "__fish_hit_using_subcommand profile; and __fish_seen_subcommand_from add" -l timeout -d 'The most seconds any one pause may last: waiting for the response to start, for the next bytes of its body, or for stdin (0: no limit)' -r
complete -c hit -n "__fish_hit_using_subcommand profile; and __fish_seen_subcommand_from add" -l retry -d 'Retry up to N times after a timeout, a lost connection or a 408, 425, 429, 500, 502, 503 or 504; only idempotent requests (GET, HEAD, OPTIONS, TRACE, PUT, DELETE or any with an Idempotency-Key)' -r
complete -c hit -n "__fish_hit_using_subcommand profile; and __fish_seen_subcommand_from add" -l retry-delay -d 'The first retry waits up to this many seconds, each next one up to twice as long (at most 30; Retry-After may ask for longer) [default: 1]' -r
complete -c hit -n "__fish_hit_using_subcommand profile; and __fish_seen_subcommand_from add" -l retry-max-time -d 'Retry only while the next attempt starts within this many seconds of the first (0: no limit) [default: 300]' -r
complete -c hit -n "__fish_hit_using_subcommand profile; and __fish_seen_subcommand_from add" -l retry-on -d 'The statuses to retry, comma-separated: 503,429 or 5xx' -r
complete -c hit -n "__fish_hit_using_subcommand profile; and __fish_seen_subcommand_from add" -l idempotency-key -d 'Send \'Idempotency-Key: KEY\' on every attempt; \'auto\' makes a random key' -r
complete -c hit -n "__fish_hit_using_subcommand profile; and __fish_seen_subcommand_from add" -s E -l cert -d 'Present this client certificate (PEM; its key too, unless --key)' -r -F
complete -c hit -n "__fish_hit_using_subcommand profile; and __fish_seen_subcommand_from add" -l key -d 'The private key of --cert (PEM, not encrypted)' -r -F
complete -c hit -n "__fish_hit_using_subcommand profile; and __fish_seen_subcommand_from add" -l cacert -d 'Trust only the CA certificates in this PEM file' -r -F
complete -c hit -n "__fish_hit_using_subcommand profile; and __fish_seen_subcommand_from add" -s x -l proxy -d 'Send every request through this proxy: http://, https://, socks4://, socks4a://, socks5:// or socks5h:// (http:// when no scheme is given); without it, http_proxy, https_proxy, all_proxy and no_proxy are honoured' -r
complete -c hit -n "__fish_hit_using_subcommand profile; and __fish_seen_subcommand_from add" -l socks5 -d 'Send every request through the SOCKS5 proxy at HOST[:PORT], looking host names up here (as -x socks5://HOST[:PORT])' -r
complete -c hit -n "__fish_hit_using_subcommand profile; and __fish_seen_subcommand_from add" -l socks5-hostname -d 'Send every request through the SOCKS5 proxy at HOST[:PORT], which looks host names up (as -x socks5h://HOST[:PORT])' -r
complete -c hit -n "__fish_hit_using_subcommand profile; and __fish_seen_subcommand_from add" -l noproxy -d 'Hosts to reach without a proxy, comma-separated, in place of NO_PROXY (\'*\' for all)' -r
complete -c hit -n "__fish_hit_using_subcommand profile; and __fish_seen_subcommand_from add" -s U -l proxy-user -d 'Credentials for the proxy' -r
complete -c hit -n "__fish_hit_using_subcommand profile; and __fish_seen_subcommand_from add" -s p -l print -d 'What to print: H request headers, B request body, h response headers, b response body, m metadata' -r
complete -c hit -n "__fish_hit_using_subcommand profile; and __fish_seen_subcommand_from add" -l pretty -d 'Formatting and colours (default: all on a terminal, none in a pipe)' -r -f -a "all\t'Format and colour'
colors\t'Colour only'
format\t'Format only'
none\t'Neither'"
complete -c hit -n "__fish_hit_using_subcommand profile; and __fish_seen_subcommand_from add" -l store-secret -d 'Store a literal secret (--bearer, -u user:password, a credential header) in the file'
complete -c hit -n "__fish_hit_using_subcommand profile; and __fish_seen_subcommand_from add" -l discover -d 'Find the OpenAPI document from --base-url (its Link rel="service-desc", then /openapi.json and the like, on the same origin)'
complete -c hit -n "__fish_hit_using_subcommand profile; and __fish_seen_subcommand_from add" -s L -l location -d 'Follow redirects'
complete -c hit -n "__fish_hit_using_subcommand profile; and __fish_seen_subcommand_from add" -l no-location -d 'Do not follow redirects, even when the profile says to'
complete -c hit -n "__fish_hit_using_subcommand profile; and __fish_seen_subcommand_from add" -l location-trusted -d 'With -L, send Authorization and Cookie to other origins too'
complete -c hit -n "__fish_hit_using_subcommand profile; and __fish_seen_subcommand_from add" -s k -l insecure -d 'Skip TLS certificate verification (unsafe)'
complete -c hit -n "__fish_hit_using_subcommand profile; and __fish_seen_subcommand_from add" -l no-insecure -d 'Verify TLS certificates, even when the profile says insecure'
complete -c hit -n "__fish_hit_using_subcommand profile; and __fish_seen_subcommand_from add" -l cookies -d 'Keep a cookie jar for this profile (a 0600 file beside it)'
complete -c hit -n "__fish_hit_using_subcommand profile; and __fish_seen_subcommand_from add" -l force -d 'Replace a profile of the same name (its saved requests are kept)'
complete -c hit -n "__fish_hit_using_subcommand profile; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hit -n "__fish_hit_using_subcommand profile; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c hit -n "__fish_hit_using_subcommand profile; and __fish_seen_subcommand_from show" -l show-secrets -d 'Show literal secrets stored with --store-secret'
complete -c hit -n "__fish_hit_using_subcommand profile; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c hit -n "__fish_hit_using_subcommand profile; and __fish_seen_subcommand_from sync" -s h -l help -d 'Print help'
complete -c hit -n "__fish_hit_using_subcommand profile; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c hit -n "__fish_hit_using_subcommand profile; and __fish_seen_subcommand_from edit" -s h -l help -d 'Print help'
complete -c hit -n "__fish_hit_using_subcommand auth; and not __fish_seen_subcommand_from login status token logout" -s h -l help -d 'Print help'
complete -c hit -n "__fish_hit_using_subcommand auth; and not __fish_seen_subcommand_from login status token logout" -f -a "login" -d 'Get tokens by the profile\'s flow: a browser (authorization_code), a code typed on another device (device_code), or none (client_credentials, refresh_token)'
complete -c hit -n "__fish_hit_using_subcommand auth; and not __fish_seen_subcommand_from login status token logout" -f -a "status" -d 'Show the flow, scopes, expiry and whether a refresh token is held (never a token)'
complete -c hit -n "__fish_hit_using_subcommand auth; and not __fish_seen_subcommand_from login status token logout" -f -a "token" -d 'Print the access token, renewed first if it is about to expire (for another program)'
complete -c hit -n "__fish_hit_using_subcommand auth; and not __fish_seen_subcommand_from login status token logout" -f -a "logout" -d 'Forget the tokens, revoking them where the server has a revocation endpoint'
complete -c hit -n "__fish_hit_using_subcommand auth; and __fish_seen_subcommand_from login" -s m -l max-time -d 'The most seconds one answer of the authorization server may take' -r
complete -c hit -n "__fish_hit_using_subcommand auth; and __fish_seen_subcommand_from login" -l connect-timeout -d 'The most seconds to wait for the connection' -r
complete -c hit -n "__fish_hit_using_subcommand auth; and __fish_seen_subcommand_from login" -l timeout -d 'The most seconds any one pause may last (30 by default)' -r
complete -c hit -n "__fish_hit_using_subcommand auth; and __fish_seen_subcommand_from login" -l resolve -d 'Connect to ADDRESS for HOST:PORT instead of looking the host up' -r
complete -c hit -n "__fish_hit_using_subcommand auth; and __fish_seen_subcommand_from login" -l connect-to -d 'Connect to HOST2:PORT2 for HOST1:PORT1' -r
complete -c hit -n "__fish_hit_using_subcommand auth; and __fish_seen_subcommand_from login" -l cacert -d 'Trust only the CA certificates in this PEM file' -r -F
complete -c hit -n "__fish_hit_using_subcommand auth; and __fish_seen_subcommand_from login" -s k -l insecure -d 'Skip TLS certificate verification (unsafe)'
complete -c hit -n "__fish_hit_using_subcommand auth; and __fish_seen_subcommand_from login" -l no-browser -d 'Print the authorization URL and read the redirect URL (or the code) from stdin'
complete -c hit -n "__fish_hit_using_subcommand auth; and __fish_seen_subcommand_from login" -s h -l help -d 'Print help'
complete -c hit -n "__fish_hit_using_subcommand auth; and __fish_seen_subcommand_from status" -s m -l max-time -d 'The most seconds one answer of the authorization server may take' -r
complete -c hit -n "__fish_hit_using_subcommand auth; and __fish_seen_subcommand_from status" -l connect-timeout -d 'The most seconds to wait for the connection' -r
complete -c hit -n "__fish_hit_using_subcommand auth; and __fish_seen_subcommand_from status" -l timeout -d 'The most seconds any one pause may last (30 by default)' -r
complete -c hit -n "__fish_hit_using_subcommand auth; and __fish_seen_subcommand_from status" -l resolve -d 'Connect to ADDRESS for HOST:PORT instead of looking the host up' -r
complete -c hit -n "__fish_hit_using_subcommand auth; and __fish_seen_subcommand_from status" -l connect-to -d 'Connect to HOST2:PORT2 for HOST1:PORT1' -r
complete -c hit -n "__fish_hit_using_subcommand auth; and __fish_seen_subcommand_from status" -l cacert -d 'Trust only the CA certificates in this PEM file' -r -F
complete -c hit -n "__fish_hit_using_subcommand auth; and __fish_seen_subcommand_from status" -s k -l insecure -d 'Skip TLS certificate verification (unsafe)'
complete -c hit -n "__fish_hit_using_subcommand auth; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help'
complete -c hit -n "__fish_hit_using_subcommand auth; and __fish_seen_subcommand_from token" -s m -l max-time -d 'The most seconds one answer of the authorization server may take' -r
complete -c hit -n "__fish_hit_using_subcommand auth; and __fish_seen_subcommand_from token" -l connect-timeout -d 'The most seconds to wait for the connection' -r
complete -c hit -n "__fish_hit_using_subcommand auth; and __fish_seen_subcommand_from token" -l timeout -d 'The most seconds any one pause may last (30 by default)' -r
complete -c hit -n "__fish_hit_using_subcommand auth; and __fish_seen_subcommand_from token" -l resolve -d 'Connect to ADDRESS for HOST:PORT instead of looking the host up' -r
complete -c hit -n "__fish_hit_using_subcommand auth; and __fish_seen_subcommand_from token" -l connect-to -d 'Connect to HOST2:PORT2 for HOST1:PORT1' -r
complete -c hit -n "__fish_hit_using_subcommand auth; and __fish_seen_subcommand_from token" -l cacert -d 'Trust only the CA certificates in this PEM file' -r -F
complete -c hit -n "__fish_hit_using_subcommand auth; and __fish_seen_subcommand_from token" -s k -l insecure -d 'Skip TLS certificate verification (unsafe)'
complete -c hit -n "__fish_hit_using_subcommand auth; and __fish_seen_subcommand_from token" -s h -l help -d 'Print help'
complete -c hit -n "__fish_hit_using_subcommand auth; and __fish_seen_subcommand_from logout" -s m -l max-time -d 'The most seconds one answer of the authorization server may take' -r
complete -c hit -n "__fish_hit_using_subcommand auth; and __fish_seen_subcommand_from logout" -l connect-timeout -d 'The most seconds to wait for the connection' -r
complete -c hit -n "__fish_hit_using_subcommand auth; and __fish_seen_subcommand_from logout" -l timeout -d 'The most seconds any one pause may last (30 by default)' -r
complete -c hit -n "__fish_hit_using_subcommand auth; and __fish_seen_subcommand_from logout" -l resolve -d 'Connect to ADDRESS for HOST:PORT instead of looking the host up' -r
complete -c hit -n "__fish_hit_using_subcommand auth; and __fish_seen_subcommand_from logout" -l connect-to -d 'Connect to HOST2:PORT2 for HOST1:PORT1' -r
complete -c hit -n "__fish_hit_using_subcommand auth; and __fish_seen_subcommand_from logout" -l cacert -d 'Trust only the CA certificates in this PEM file' -r -F
complete -c hit -n "__fish_hit_using_subcommand auth; and __fish_seen_subcommand_from logout" -s k -l insecure -d 'Skip TLS certificate verification (unsafe)'
complete -c hit -n "__fish_hit_using_subcommand auth; and __fish_seen_subcommand_from logout" -s h -l help -d 'Print help'
complete -c hit -n "__fish_hit_using_subcommand run" -f -a "(__fish_complete_path (commandline -ct) | string match -r -- '^.*(?:\.http|\.rest|/)(?:\t.*)?\$')"
complete -c hit -n "__fish_hit_using_subcommand explain" -f -a "GET HEAD POST PUT DELETE CONNECT OPTIONS TRACE PATCH QUERY 100 101 102 103 104 200 201 202 203 204 205 206 207 208 226 300 301 302 303 304 305 306 307 308 400 401 402 403 404 405 406 407 408 409 410 411 412 413 414 415 416 417 418 419 420 421 422 423 424 425 426 428 429 431 440 444 449 451 460 463 494 495 496 497 498 499 500 501 502 503 504 505 506 507 508 509 510 511 520 521 522 523 524 525 526 527 529 530 561 1xx 2xx 3xx 4xx 5xx Accept Accept-Charset Accept-Encoding Accept-Language Accept-Patch Accept-Post Accept-Ranges Access-Control-Allow-Credentials Access-Control-Allow-Headers Access-Control-Allow-Methods Access-Control-Allow-Origin Access-Control-Expose-Headers Access-Control-Max-Age Access-Control-Request-Headers Access-Control-Request-Method Age Allow Alt-Svc Alt-Used Authentication-Info Authorization Cache-Control Cache-Status CDN-Cache-Control Clear-Site-Data Connection Content-Digest Content-Disposition Content-Encoding Content-Language Content-Length Content-Location Content-Range Content-Security-Policy Content-Security-Policy-Report-Only Content-Type Cookie Cross-Origin-Embedder-Policy Cross-Origin-Opener-Policy Cross-Origin-Resource-Policy Date Deprecation Early-Data ETag Expect Expires Forwarded From Host Idempotency-Key If-Match If-Modified-Since If-None-Match If-Range If-Unmodified-Since Keep-Alive Last-Modified Link Location Max-Forwards Origin Permissions-Policy Pragma Prefer Preference-Applied Priority Proxy-Authenticate Proxy-Authentication-Info Proxy-Authorization Proxy-Status Range RateLimit RateLimit-Limit RateLimit-Policy RateLimit-Remaining RateLimit-Reset Referer Referrer-Policy Repr-Digest Retry-After Sec-Fetch-Dest Sec-Fetch-Mode Sec-Fetch-Site Sec-WebSocket-Accept Sec-WebSocket-Extensions Sec-WebSocket-Key Sec-WebSocket-Protocol Sec-WebSocket-Version Server Server-Timing Set-Cookie Signature Signature-Input Strict-Transport-Security Sunset TE Timing-Allow-Origin Traceparent Tracestate Trailer Transfer-Encoding Upgrade Upgrade-Insecure-Requests User-Agent Vary Via Want-Content-Digest Want-Repr-Digest Warning WWW-Authenticate X-Content-Type-Options X-Correlation-Id X-Forwarded-For X-Forwarded-Host X-Forwarded-Proto X-Frame-Options X-Powered-By X-RateLimit-Limit X-RateLimit-Remaining X-RateLimit-Reset X-Request-Id X-XSS-Protection auth cache content-negotiation cors device-flow exit-codes get-vs-post idempotency oauth pagination pkce put-vs-patch redirects refresh-token retries safe upgrade websocket body-without-meaning check-assigns duplicate-header insecure long-url plain-http-credentials secret-in-query unsafe-retry close-codes 1000 1001 1002 1003 1004 1005 1006 1007 1008 1009 1010 1011 1012 1013 1014 1015"
