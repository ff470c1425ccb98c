
use builtin;
use str;

set edit:completion:arg-completer[hit] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'hit'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'hit'= {
            cand -H 'Add a header: -H ''Name: value'' (''Name:'' removes it, ''Name;'' sends it empty)'
            cand --header 'Add a header: -H ''Name: value'' (''Name:'' removes it, ''Name;'' sends it empty)'
            cand -A 'Set the User-Agent header'
            cand --user-agent 'Set the User-Agent header'
            cand -e 'Set the Referer header'
            cand --referer 'Set the Referer header'
            cand -b 'Send cookies: -b ''name=value; other=value'''
            cand --cookie 'Send cookies: -b ''name=value; other=value'''
            cand --accept 'Set the Accept header (''json'' is short for application/json)'
            cand -d 'Body data, curl-style: ''@file'' reads a file (newlines stripped), ''@-'' stdin'
            cand --data 'Body data, curl-style: ''@file'' reads a file (newlines stripped), ''@-'' stdin'
            cand --data-raw 'Body data sent exactly as given; ''@'' has no special meaning'
            cand --data-binary 'Body data; ''@file'' reads the file byte for byte'
            cand --data-urlencode 'Body data, URL-encoded: ''content'', ''name=content'', ''@file'' or ''name@file'''
            cand --json 'A JSON body, curl-style (sets Content-Type and Accept to application/json)'
            cand -F 'A multipart field: name=value, name=@file (upload) or name=<file (text from file)'
            cand --form 'A multipart field: name=value, name=@file (upload) or name=<file (text from file)'
            cand -T 'Upload a file as the body (PUT unless a method is given); ''-'' is stdin'
            cand --upload-file 'Upload a file as the body (PUT unless a method is given); ''-'' is stdin'
            cand -u 'Basic auth: user:password (without '':password'' hit asks on a terminal)'
            cand --user 'Basic auth: user:password (without '':password'' hit asks on a terminal)'
            cand --bearer 'Send ''Authorization: Bearer TOKEN'''
            cand --max-redirs 'The most redirects to follow with -L'
            cand -m 'The most seconds the whole run may take: waiting for stdin, every attempt and every retry wait included (0: no limit)'
            cand --max-time 'The most seconds the whole run may take: waiting for stdin, every attempt and every retry wait included (0: no limit)'
            cand --connect-timeout 'The most seconds to wait for the connection (0: no limit)'
            cand --timeout 'The most seconds any one pause may last: waiting for the response to start, for the next bytes of its body, or for stdin (0: no limit)'
            cand --retry 'Retry up to N times after a timeout, a lost connection or a 408, 425, 429, 500, 502, 503 or 504; only idempotent requests (GET, HEAD, OPTIONS, TRACE, PUT, DELETE or any with an Idempotency-Key)'
            cand --retry-delay 'The first retry waits up to this many seconds, each next one up to twice as long (at most 30; Retry-After may ask for longer) [default: 1]'
            cand --retry-max-time 'Retry only while the next attempt starts within this many seconds of the first (0: no limit) [default: 300]'
            cand --retry-on 'The statuses to retry, comma-separated: 503,429 or 5xx'
            cand --idempotency-key 'Send ''Idempotency-Key: KEY'' on every attempt; ''auto'' makes a random key'
            cand --cacert 'Trust only the CA certificates in this PEM file'
            cand --max-filesize 'Refuse a response body larger than this, after decoding: 500000, 500k, 20M, 1G'
            cand -x 'Send every request through this http or https proxy (http:// when no scheme is given); without it, http_proxy, https_proxy, all_proxy and no_proxy are honoured'
            cand --proxy 'Send every request through this http or https proxy (http:// when no scheme is given); without it, http_proxy, https_proxy, all_proxy and no_proxy are honoured'
            cand -U 'Credentials for the proxy'
            cand --proxy-user 'Credentials for the proxy'
            cand -o 'Write the response body to FILE instead of stdout (''-'' is stdout); an existing file is kept unless --clobber or -C -'
            cand --output 'Write the response body to FILE instead of stdout (''-'' is stdout); an existing file is kept unless --clobber or -C -'
            cand -C 'Resume a download into an existing file: ''-'' asks for the bytes after its end'
            cand --continue-at 'Resume a download into an existing file: ''-'' asks for the bytes after its end'
            cand --pretty 'Formatting and colours (default: all on a terminal, none in a pipe)'
            cand --color 'When to use colours'
            cand --indent 'Spaces per level of pretty-printed JSON, 0 to 16 (0: compact)'
            cand --output-format 'Print the whole exchange as one JSON document instead of the sections'
            cand -w 'After the transfer print FORMAT with curl''s variables: %{http_code}, %{time_total}, %{size_download}, %{url_effective}, %header{name}, ... (''@file'' reads it from a file)'
            cand --write-out 'After the transfer print FORMAT with curl''s variables: %{http_code}, %{time_total}, %{size_download}, %{url_effective}, %header{name}, ... (''@file'' reads it from a file)'
            cand --no-lint 'Silence one of the warnings about the request given before it is sent (-q silences them all)'
            cand -X 'Use this request method, whatever the positional METHOD says'
            cand --request 'Use this request method, whatever the positional METHOD says'
            cand -p 'What to print: H request headers, B request body, h response headers, b response body, m metadata'
            cand --print 'What to print: H request headers, B request body, h response headers, b response body, m metadata'
            cand --urlencoded 'Send data items as application/x-www-form-urlencoded'
            cand --multipart 'Send data items as multipart/form-data'
            cand -G 'Put -d data into the URL query and send a GET'
            cand --get 'Put -d data into the URL query and send a GET'
            cand --no-stdin 'Never read the request body from stdin'
            cand -L 'Follow redirects'
            cand --location 'Follow redirects'
            cand --location-trusted 'With -L, send Authorization and Cookie to other origins too'
            cand --compressed 'Accepted for curl compatibility: responses are always decoded'
            cand -k 'Skip TLS certificate verification (unsafe)'
            cand --insecure 'Skip TLS certificate verification (unsafe)'
            cand -O 'Save the body in the current directory under the last part of the URL path'
            cand --remote-name 'Save the body in the current directory under the last part of the URL path'
            cand -J 'Save the body under the file name the server gives in Content-Disposition (implies -O, whose name is the fallback)'
            cand --remote-header-name 'Save the body under the file name the server gives in Content-Disposition (implies -O, whose name is the fallback)'
            cand --clobber 'Replace an existing file (without it, -O and -J pick ''name-1.ext'' and -o refuses)'
            cand -I 'Send a HEAD request and print the response headers'
            cand --head 'Send a HEAD request and print the response headers'
            cand -i 'Print the response headers too'
            cand --include 'Print the response headers too'
            cand -v 'Print the request as well as the response (-vv adds metadata)'
            cand --verbose 'Print the request as well as the response (-vv adds metadata)'
            cand --headers 'Print only the response headers'
            cand --body 'Print only the response body'
            cand -q 'Print nothing to stdout and no warnings (-qq is the same)'
            cand --quiet 'Print nothing to stdout and no warnings (-qq is the same)'
            cand -s 'No warnings and no progress; errors are still shown'
            cand --silent 'No warnings and no progress; errors are still shown'
            cand -S 'With -s: still say when the status is a failure, as curl''s -sS does (errors are always shown)'
            cand --show-error 'With -s: still say when the status is a failure, as curl''s -sS does (errors are always shown)'
            cand --sort-keys 'Print JSON objects with their keys sorted (reads the whole body first)'
            cand --stream 'Print each part of the body as it arrives (automatic for text/event-stream and application/x-ndjson)'
            cand -f 'Do not print the body of a 4xx or 5xx response (say so on stderr instead)'
            cand --fail 'Do not print the body of a 4xx or 5xx response (say so on stderr instead)'
            cand --ignore-status 'Exit 0 for 3xx, 4xx and 5xx responses too'
            cand --offline 'Print the request exactly as it would be sent, and send nothing'
            cand --curl 'Print the same request as a curl command, and send nothing'
            cand --explain 'After the exchange, explain what the method promised, what the status means and what the notable response headers ask (on stderr)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand serve 'Serve a practice HTTP API on loopback: /users, /products, /orders and tools to try every HTTP method and status on'
            cand explain 'Explain a method, a status code, a header or an idea of HTTP, with its RFC section'
        }
        &'hit;serve'= {
            cand --port 'Port to listen on; 0 picks a free one'
            cand --host 'Loopback address to listen on: 127.0.0.1 (or another 127.x address), ::1 or localhost'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'hit;explain'= {
            cand -h 'Print help'
            cand --help 'Print help'
        }
    ]
    $completions[$command]
}
