
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'hit' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'hit'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'hit' {
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'The URL, as curl''s --url gives it (then every positional word is an item)')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Add a header: -H ''Name: value'' (''Name:'' removes it, ''Name;'' sends it empty)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'Add a header: -H ''Name: value'' (''Name:'' removes it, ''Name;'' sends it empty)')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'Set the User-Agent header')
            [CompletionResult]::new('--user-agent', '--user-agent', [CompletionResultType]::ParameterName, 'Set the User-Agent header')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Set the Referer header')
            [CompletionResult]::new('--referer', '--referer', [CompletionResultType]::ParameterName, 'Set the Referer header')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Send cookies: -b ''name=value; other=value'', or those of a cookie file (Netscape format, as curl writes) that match the URL')
            [CompletionResult]::new('--cookie', '--cookie', [CompletionResultType]::ParameterName, 'Send cookies: -b ''name=value; other=value'', or those of a cookie file (Netscape format, as curl writes) that match the URL')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'After the exchange, write every cookie (those read with -b FILE and those received) to FILE in the Netscape format curl uses')
            [CompletionResult]::new('--cookie-jar', '--cookie-jar', [CompletionResultType]::ParameterName, 'After the exchange, write every cookie (those read with -b FILE and those received) to FILE in the Netscape format curl uses')
            [CompletionResult]::new('--accept', '--accept', [CompletionResultType]::ParameterName, 'Set the Accept header (''json'' is short for application/json)')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Body data, curl-style: ''@file'' reads a file (newlines stripped), ''@-'' stdin')
            [CompletionResult]::new('--data', '--data', [CompletionResultType]::ParameterName, 'Body data, curl-style: ''@file'' reads a file (newlines stripped), ''@-'' stdin')
            [CompletionResult]::new('--data-raw', '--data-raw', [CompletionResultType]::ParameterName, 'Body data sent exactly as given; ''@'' has no special meaning')
            [CompletionResult]::new('--data-binary', '--data-binary', [CompletionResultType]::ParameterName, 'Body data; ''@file'' reads the file byte for byte')
            [CompletionResult]::new('--data-urlencode', '--data-urlencode', [CompletionResultType]::ParameterName, 'Body data, URL-encoded: ''content'', ''name=content'', ''@file'' or ''name@file''')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'A JSON body, curl-style (sets Content-Type and Accept to application/json)')
            [CompletionResult]::new('-F', '-F ', [CompletionResultType]::ParameterName, 'A multipart field: name=value, name=@file (upload) or name=<file (text from file)')
            [CompletionResult]::new('--form', '--form', [CompletionResultType]::ParameterName, 'A multipart field: name=value, name=@file (upload) or name=<file (text from file)')
            [CompletionResult]::new('-T', '-T ', [CompletionResultType]::ParameterName, 'Upload a file as the body (PUT unless a method is given); ''-'' is stdin')
            [CompletionResult]::new('--upload-file', '--upload-file', [CompletionResultType]::ParameterName, 'Upload a file as the body (PUT unless a method is given); ''-'' is stdin')
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'Basic auth: user:password (without '':password'' hit asks on a terminal)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Basic auth: user:password (without '':password'' hit asks on a terminal)')
            [CompletionResult]::new('--bearer', '--bearer', [CompletionResultType]::ParameterName, 'Send ''Authorization: Bearer TOKEN''')
            [CompletionResult]::new('--netrc-file', '--netrc-file', [CompletionResultType]::ParameterName, 'Take the user and password for the URL''s host from this netrc file')
            [CompletionResult]::new('--max-redirs', '--max-redirs', [CompletionResultType]::ParameterName, 'The most redirects to follow with -L [default: 10]')
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'The most seconds the whole run may take: waiting for stdin, every attempt and every retry wait included (0: no limit)')
            [CompletionResult]::new('--max-time', '--max-time', [CompletionResultType]::ParameterName, 'The most seconds the whole run may take: waiting for stdin, every attempt and every retry wait included (0: no limit)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'The most seconds to wait for the connection (0: no limit)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'The most seconds any one pause may last: waiting for the response to start, for the next bytes of its body, or for stdin (0: no limit)')
            [CompletionResult]::new('--retry', '--retry', [CompletionResultType]::ParameterName, 'Retry up to N times after a timeout, a lost connection or a 408, 425, 429, 500, 502, 503 or 504; only idempotent requests (GET, HEAD, OPTIONS, TRACE, PUT, DELETE or any with an Idempotency-Key)')
            [CompletionResult]::new('--retry-delay', '--retry-delay', [CompletionResultType]::ParameterName, 'The first retry waits up to this many seconds, each next one up to twice as long (at most 30; Retry-After may ask for longer) [default: 1]')
            [CompletionResult]::new('--retry-max-time', '--retry-max-time', [CompletionResultType]::ParameterName, 'Retry only while the next attempt starts within this many seconds of the first (0: no limit) [default: 300]')
            [CompletionResult]::new('--retry-on', '--retry-on', [CompletionResultType]::ParameterName, 'The statuses to retry, comma-separated: 503,429 or 5xx')
            [CompletionResult]::new('--idempotency-key', '--idempotency-key', [CompletionResultType]::ParameterName, 'Send ''Idempotency-Key: KEY'' on every attempt; ''auto'' makes a random key')
            [CompletionResult]::new('--resolve', '--resolve', [CompletionResultType]::ParameterName, 'Connect to ADDRESS for HOST:PORT instead of looking the host up: example.org:443:127.0.0.1')
            [CompletionResult]::new('--unix-socket', '--unix-socket', [CompletionResultType]::ParameterName, 'Connect through this Unix domain socket instead of TCP')
            [CompletionResult]::new('--max-pages', '--max-pages', [CompletionResultType]::ParameterName, 'With --paginate, the most pages to fetch [default: 100]')
            [CompletionResult]::new('-E', '-E ', [CompletionResultType]::ParameterName, 'Present this client certificate (PEM; its key too, unless --key)')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Present this client certificate (PEM; its key too, unless --key)')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'The private key of --cert (PEM, not encrypted)')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Trust only the CA certificates in this PEM file')
            [CompletionResult]::new('--max-filesize', '--max-filesize', [CompletionResultType]::ParameterName, 'Refuse a response body larger than this, after decoding: 500000, 500k, 20M, 1G')
            [CompletionResult]::new('-x', '-x', [CompletionResultType]::ParameterName, 'Send every request through this http or https proxy (http:// when no scheme is given); without it, http_proxy, https_proxy, all_proxy and no_proxy are honoured')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Send every request through this http or https proxy (http:// when no scheme is given); without it, http_proxy, https_proxy, all_proxy and no_proxy are honoured')
            [CompletionResult]::new('--noproxy', '--noproxy', [CompletionResultType]::ParameterName, 'Hosts to reach without a proxy, comma-separated, in place of NO_PROXY (''*'' for all)')
            [CompletionResult]::new('-U', '-U ', [CompletionResultType]::ParameterName, 'Credentials for the proxy')
            [CompletionResult]::new('--proxy-user', '--proxy-user', [CompletionResultType]::ParameterName, 'Credentials for the proxy')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write the response body to FILE instead of stdout (''-'' is stdout); an existing file is kept unless --clobber or -C -')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write the response body to FILE instead of stdout (''-'' is stdout); an existing file is kept unless --clobber or -C -')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Resume a download into an existing file: ''-'' asks for the bytes after its end')
            [CompletionResult]::new('--continue-at', '--continue-at', [CompletionResultType]::ParameterName, 'Resume a download into an existing file: ''-'' asks for the bytes after its end')
            [CompletionResult]::new('--pretty', '--pretty', [CompletionResultType]::ParameterName, 'Formatting and colours (default: all on a terminal, none in a pipe)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('--indent', '--indent', [CompletionResultType]::ParameterName, 'Spaces per level of pretty-printed JSON, 0 to 16 (0: compact)')
            [CompletionResult]::new('--output-format', '--output-format', [CompletionResultType]::ParameterName, 'Print the whole exchange as one JSON document instead of the sections')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'After the transfer print FORMAT with curl''s variables: %{http_code}, %{time_total}, %{size_download}, %{url_effective}, %header{name}, ... (''@file'' reads it from a file)')
            [CompletionResult]::new('--write-out', '--write-out', [CompletionResultType]::ParameterName, 'After the transfer print FORMAT with curl''s variables: %{http_code}, %{time_total}, %{size_download}, %{url_effective}, %header{name}, ... (''@file'' reads it from a file)')
            [CompletionResult]::new('-P', '-P ', [CompletionResultType]::ParameterName, 'Use this saved profile: its base URL, headers, credentials and defaults')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this saved profile: its base URL, headers, credentials and defaults')
            [CompletionResult]::new('--var', '--var', [CompletionResultType]::ParameterName, 'Fill {NAME} in a saved request (hit @NAME --var NAME=VALUE)')
            [CompletionResult]::new('--no-lint', '--no-lint', [CompletionResultType]::ParameterName, 'Silence one of the warnings about the request given before it is sent (-q silences them all)')
            [CompletionResult]::new('-X', '-X ', [CompletionResultType]::ParameterName, 'Use this request method, whatever the positional METHOD says')
            [CompletionResult]::new('--request', '--request', [CompletionResultType]::ParameterName, 'Use this request method, whatever the positional METHOD says')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'What to print: H request headers, B request body, h response headers, b response body, m metadata')
            [CompletionResult]::new('--print', '--print', [CompletionResultType]::ParameterName, 'What to print: H request headers, B request body, h response headers, b response body, m metadata')
            [CompletionResult]::new('--urlencoded', '--urlencoded', [CompletionResultType]::ParameterName, 'Send data items as application/x-www-form-urlencoded')
            [CompletionResult]::new('--multipart', '--multipart', [CompletionResultType]::ParameterName, 'Send data items as multipart/form-data')
            [CompletionResult]::new('-G', '-G ', [CompletionResultType]::ParameterName, 'Put -d data into the URL query and send a GET')
            [CompletionResult]::new('--get', '--get', [CompletionResultType]::ParameterName, 'Put -d data into the URL query and send a GET')
            [CompletionResult]::new('--no-stdin', '--no-stdin', [CompletionResultType]::ParameterName, 'Never read the request body from stdin')
            [CompletionResult]::new('--digest', '--digest', [CompletionResultType]::ParameterName, 'With -u or a netrc entry: send credentials only when a 401 asks, answering its Digest challenge (RFC 7616)')
            [CompletionResult]::new('--anyauth', '--anyauth', [CompletionResultType]::ParameterName, 'With -u or a netrc entry: send credentials only when a 401 asks, in the strongest scheme it offers (Digest, else Basic)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Take the user and password for the URL''s host from ~/.netrc')
            [CompletionResult]::new('--netrc', '--netrc', [CompletionResultType]::ParameterName, 'Take the user and password for the URL''s host from ~/.netrc')
            [CompletionResult]::new('--netrc-optional', '--netrc-optional', [CompletionResultType]::ParameterName, 'As --netrc, and a missing file is no error')
            [CompletionResult]::new('-L', '-L ', [CompletionResultType]::ParameterName, 'Follow redirects')
            [CompletionResult]::new('--location', '--location', [CompletionResultType]::ParameterName, 'Follow redirects')
            [CompletionResult]::new('--no-location', '--no-location', [CompletionResultType]::ParameterName, 'Do not follow redirects, even when the profile says to')
            [CompletionResult]::new('--location-trusted', '--location-trusted', [CompletionResultType]::ParameterName, 'With -L, send Authorization and Cookie to other origins too')
            [CompletionResult]::new('--compressed', '--compressed', [CompletionResultType]::ParameterName, 'Accepted for curl compatibility: responses are always decoded (unless --raw)')
            [CompletionResult]::new('--raw', '--raw', [CompletionResultType]::ParameterName, 'Pass the body on as received, content codings not undone (and, as in curl, no Accept-Encoding unless --compressed)')
            [CompletionResult]::new('--http1.1', '--http1.1', [CompletionResultType]::ParameterName, 'Speak HTTP/1.1 only')
            [CompletionResult]::new('--http2', '--http2', [CompletionResultType]::ParameterName, 'Use HTTP/2 where the server offers it over TLS (the default)')
            [CompletionResult]::new('--http2-prior-knowledge', '--http2-prior-knowledge', [CompletionResultType]::ParameterName, 'Speak HTTP/2 from the first byte, also over plain http (h2c)')
            [CompletionResult]::new('-4', '-4', [CompletionResultType]::ParameterName, 'Connect over IPv4 only')
            [CompletionResult]::new('--ipv4', '--ipv4', [CompletionResultType]::ParameterName, 'Connect over IPv4 only')
            [CompletionResult]::new('-6', '-6', [CompletionResultType]::ParameterName, 'Connect over IPv6 only')
            [CompletionResult]::new('--ipv6', '--ipv6', [CompletionResultType]::ParameterName, 'Connect over IPv6 only')
            [CompletionResult]::new('--paginate', '--paginate', [CompletionResultType]::ParameterName, 'Follow the RFC 8288 Link rel="next" of each page; JSON array pages are merged into one array (one element per line with --stream)')
            [CompletionResult]::new('-g', '-g', [CompletionResultType]::ParameterName, 'Accepted for curl compatibility: hit never expands {} and [] in URLs')
            [CompletionResult]::new('--globoff', '--globoff', [CompletionResultType]::ParameterName, 'Accepted for curl compatibility: hit never expands {} and [] in URLs')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Skip TLS certificate verification (unsafe)')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Skip TLS certificate verification (unsafe)')
            [CompletionResult]::new('--no-insecure', '--no-insecure', [CompletionResultType]::ParameterName, 'Verify TLS certificates, even when the profile says insecure')
            [CompletionResult]::new('-O', '-O ', [CompletionResultType]::ParameterName, 'Save the body in the current directory under the last part of the URL path')
            [CompletionResult]::new('--remote-name', '--remote-name', [CompletionResultType]::ParameterName, 'Save the body in the current directory under the last part of the URL path')
            [CompletionResult]::new('-J', '-J ', [CompletionResultType]::ParameterName, 'Save the body under the file name the server gives in Content-Disposition (implies -O, whose name is the fallback)')
            [CompletionResult]::new('--remote-header-name', '--remote-header-name', [CompletionResultType]::ParameterName, 'Save the body under the file name the server gives in Content-Disposition (implies -O, whose name is the fallback)')
            [CompletionResult]::new('--clobber', '--clobber', [CompletionResultType]::ParameterName, 'Replace an existing file (without it, -O and -J pick ''name-1.ext'' and -o refuses)')
            [CompletionResult]::new('-I', '-I ', [CompletionResultType]::ParameterName, 'Send a HEAD request and print the response headers')
            [CompletionResult]::new('--head', '--head', [CompletionResultType]::ParameterName, 'Send a HEAD request and print the response headers')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Print the response headers too')
            [CompletionResult]::new('--include', '--include', [CompletionResultType]::ParameterName, 'Print the response headers too')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print the request as well as the response (-vv adds metadata)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print the request as well as the response (-vv adds metadata)')
            [CompletionResult]::new('--headers', '--headers', [CompletionResultType]::ParameterName, 'Print only the response headers')
            [CompletionResult]::new('--body', '--body', [CompletionResultType]::ParameterName, 'Print only the response body')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing to stdout and no warnings (-qq is the same)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing to stdout and no warnings (-qq is the same)')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'No warnings and no progress; errors are still shown')
            [CompletionResult]::new('--silent', '--silent', [CompletionResultType]::ParameterName, 'No warnings and no progress; errors are still shown')
            [CompletionResult]::new('-S', '-S ', [CompletionResultType]::ParameterName, 'With -s: still say when the status is a failure, as curl''s -sS does (errors are always shown)')
            [CompletionResult]::new('--show-error', '--show-error', [CompletionResultType]::ParameterName, 'With -s: still say when the status is a failure, as curl''s -sS does (errors are always shown)')
            [CompletionResult]::new('--sort-keys', '--sort-keys', [CompletionResultType]::ParameterName, 'Print JSON objects with their keys sorted (reads the whole body first)')
            [CompletionResult]::new('--stream', '--stream', [CompletionResultType]::ParameterName, 'Print each part of the body as it arrives (automatic for text/event-stream and application/x-ndjson)')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Do not print the body of a 4xx or 5xx response (say so on stderr instead)')
            [CompletionResult]::new('--fail', '--fail', [CompletionResultType]::ParameterName, 'Do not print the body of a 4xx or 5xx response (say so on stderr instead)')
            [CompletionResult]::new('--ignore-status', '--ignore-status', [CompletionResultType]::ParameterName, 'Exit 0 for 3xx, 4xx and 5xx responses too')
            [CompletionResult]::new('--show-secrets', '--show-secrets', [CompletionResultType]::ParameterName, 'Show credentials where hit prints them (Authorization, Cookie, Set-Cookie, URL passwords and a profile''s secrets are shown as •••• without it)')
            [CompletionResult]::new('--offline', '--offline', [CompletionResultType]::ParameterName, 'Print the request exactly as it would be sent, and send nothing')
            [CompletionResult]::new('--curl', '--curl', [CompletionResultType]::ParameterName, 'Print the same request as a curl command, and send nothing')
            [CompletionResult]::new('--explain', '--explain', [CompletionResultType]::ParameterName, 'After the exchange, explain what the method promised, what the status means and what the notable response headers ask (on stderr)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Serve a practice HTTP API on loopback: /users, /products, /orders and tools to try every HTTP method and status on')
            [CompletionResult]::new('explain', 'explain', [CompletionResultType]::ParameterValue, 'Explain a method, a status code, a header or an idea of HTTP, with its RFC section')
            [CompletionResult]::new('profile', 'profile', [CompletionResultType]::ParameterValue, 'Keep a base URL, headers, credentials and defaults per API')
            break
        }
        'hit;serve' {
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Port to listen on; 0 picks a free one')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Loopback address to listen on: 127.0.0.1 (or another 127.x address), ::1 or localhost')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'hit;explain' {
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'hit;profile' {
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Create a profile (--force replaces one, keeping its saved requests)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the profiles and their base URLs')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print a profile as it applies (extends included), secrets hidden, and its saved requests')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Delete a profile, its saved requests and its cookie jar')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Open a copy in $VISUAL or $EDITOR; it replaces the profile only if it is valid')
            break
        }
        'hit;profile;add' {
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'What a URL starting with ''/'' (or a bare path) is joined to')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'A header sent with every request: -H ''Name: value''')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'A header sent with every request: -H ''Name: value''')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A query item added to every request: --query per_page=100')
            [CompletionResult]::new('--header-env', '--header-env', [CompletionResultType]::ParameterName, 'A header whose value is read from an environment variable: ''X-Api-Key=API_KEY''')
            [CompletionResult]::new('--bearer-env', '--bearer-env', [CompletionResultType]::ParameterName, 'Bearer token from this environment variable')
            [CompletionResult]::new('--bearer-cmd', '--bearer-cmd', [CompletionResultType]::ParameterName, 'Bearer token printed by this command (run once per run, 10 s at most)')
            [CompletionResult]::new('--bearer', '--bearer', [CompletionResultType]::ParameterName, 'A literal bearer token (stored in the file: needs --store-secret)')
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'Basic auth user (with --password-env VAR; ''user:password'' needs --store-secret)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Basic auth user (with --password-env VAR; ''user:password'' needs --store-secret)')
            [CompletionResult]::new('--password-env', '--password-env', [CompletionResultType]::ParameterName, 'The basic auth password from this environment variable')
            [CompletionResult]::new('--extends', '--extends', [CompletionResultType]::ParameterName, 'Start from another profile''s settings')
            [CompletionResult]::new('--retry', '--retry', [CompletionResultType]::ParameterName, 'retry')
            [CompletionResult]::new('--retry-delay', '--retry-delay', [CompletionResultType]::ParameterName, 'retry-delay')
            [CompletionResult]::new('--retry-max-time', '--retry-max-time', [CompletionResultType]::ParameterName, 'retry-max-time')
            [CompletionResult]::new('--retry-on', '--retry-on', [CompletionResultType]::ParameterName, 'retry-on')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'timeout')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'connect-timeout')
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'm')
            [CompletionResult]::new('--max-time', '--max-time', [CompletionResultType]::ParameterName, 'max-time')
            [CompletionResult]::new('--max-redirs', '--max-redirs', [CompletionResultType]::ParameterName, 'max-redirs')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'cacert')
            [CompletionResult]::new('-x', '-x', [CompletionResultType]::ParameterName, 'x')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'proxy')
            [CompletionResult]::new('--pretty', '--pretty', [CompletionResultType]::ParameterName, 'pretty')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'p')
            [CompletionResult]::new('--print', '--print', [CompletionResultType]::ParameterName, 'print')
            [CompletionResult]::new('--store-secret', '--store-secret', [CompletionResultType]::ParameterName, 'Store a literal secret (--bearer, -u user:password, a credential header) in the file')
            [CompletionResult]::new('-L', '-L ', [CompletionResultType]::ParameterName, 'Follow redirects')
            [CompletionResult]::new('--location', '--location', [CompletionResultType]::ParameterName, 'Follow redirects')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'k')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'insecure')
            [CompletionResult]::new('--cookies', '--cookies', [CompletionResultType]::ParameterName, 'Keep a cookie jar for this profile (a 0600 file beside it)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace a profile of the same name (its saved requests are kept)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'hit;profile;list' {
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'hit;profile;show' {
            [CompletionResult]::new('--show-secrets', '--show-secrets', [CompletionResultType]::ParameterName, 'Show literal secrets stored with --store-secret')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'hit;profile;rm' {
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'hit;profile;edit' {
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
