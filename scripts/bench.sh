#!/usr/bin/env bash
# Side-by-side benchmarks of hit against curl, xh and jq on 127.0.0.1 (SPEC §10).
#
#   scripts/bench.sh            everything
#   scripts/bench.sh json       the 50 MiB JSON pretty-printing comparison
#   scripts/bench.sh transfer   --version, a small GET, 1 GiB three ways, 1000 requests
#   scripts/bench.sh memory     peak RSS for 1 GiB sent from stdin and for a gzip bomb
#   scripts/bench.sh profile    a small GET through a profile and a saved request
#   scripts/bench.sh run        a .http file of 100 GETs (hit run) against 100 curl calls
#   scripts/bench.sh jq         --jq '.[].id' over the 50 MiB JSON against curl | jq, xh | jq
#   scripts/bench.sh https      1 GiB over TLS (HTTP/2, and --http1.1) with a local CA, and RSS
#   scripts/bench.sh test       hit test --jobs 2 over 20 .http files x 50 requests with checks
#                               against `hit serve`, beside hurl --test --jobs 2; and peak RSS
#   scripts/bench.sh openapi    GitHub's REST description (npm's @octokit/openapi, fetched with
#                               npm pack): read and cached, a request through it against the
#                               same request spelled out, completing an operation, peak RSS
#   scripts/bench.sh ws         WebSockets through `hit serve`'s /ws/echo: 100,000 small text
#                               messages from a pipe, 1 GiB of binary messages, the round trip
#                               of one message, peak RSS; beside websocat when it is installed
#
# websocat is not installed by this script either (a long compile); the ws group leaves its
# column out when `websocat` is not on PATH (cargo install websocat --locked adds it).
#
# It installs what is missing (nginx, hyperfine via apt-get; xh via cargo install --locked),
# builds hit in release mode (into $CARGO_TARGET_DIR when set), generates its fixtures in a
# temporary directory, serves them with nginx on 127.0.0.1 (sendfile on), and prints a table
# of medians and ratios. Peak RSS comes from /usr/bin/time. Nothing leaves the machine.
#
# hurl is not installed here, being a long compile; the test group leaves its column out
# when `hurl` is not on PATH. To compare with it (issue 27 measures against 8.0.1):
#   apt-get install libcurl4-openssl-dev libxml2-dev libclang-dev
#   cargo install hurl@8.0.1 --locked
set -euo pipefail

what=${1:-all}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/hit-bench.XXXXXX)
chmod 755 "$work" # nginx's workers run as another user
port=${HIT_BENCH_PORT:-18787}
runs=${HIT_BENCH_RUNS:-10}

need() { command -v "$1" >/dev/null 2>&1; }
say() { printf '%s\n' "$*" >&2; }

# What the groups start (nginx through its pid file, the rest by pid) stops on exit.
pids=()
cleanup() {
    [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
    [ ${#pids[@]} -gt 0 ] && kill "${pids[@]}" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

install_tools() {
    local apt=()
    need nginx || [ -x /usr/sbin/nginx ] || apt+=(nginx)
    need hyperfine || apt+=(hyperfine)
    need jq || apt+=(jq)
    [ -x /usr/bin/time ] || apt+=(time)
    if [ ${#apt[@]} -gt 0 ]; then
        say "installing ${apt[*]}"
        apt-get update -qq && apt-get install -y -qq "${apt[@]}" >/dev/null
    fi
    if ! need xh; then
        say "installing xh (cargo install xh --locked)"
        cargo install xh --locked >/dev/null 2>&1 || say "xh could not be installed; its column stays empty"
    fi
}

build_hit() {
    say "building hit (release)"
    (cd "$root" && cargo build --release --locked --quiet)
    # cargo reads a relative CARGO_TARGET_DIR from where it runs: the root, here.
    local target=${CARGO_TARGET_DIR:-target}
    case $target in /*) ;; *) target=$root/$target ;; esac
    hit="$target/release/hit"
}

fixtures() {
    say "generating fixtures in $work"
    mkdir -p "$work/www" "$work/logs"
    printf '{"id":1,"name":"small","ok":true}\n' >"$work/www/small.json"
    # A deterministic 50 MiB JSON document: objects with strings, escapes, big and float
    # numbers, nesting, and pretty-printed whitespace of its own nowhere.
    python3 - "$work/www/big.json" <<'PY'
import json, random, sys
rng = random.Random(42)
target = 50 * 1024 * 1024
words = ["alpha", "beta", "gamma", "delta", "caf\u00e9", "quote\"d", "tab\tbed", "emoji \U0001F600"]
with open(sys.argv[1], "w") as f:
    f.write("[")
    size, i = 1, 0
    while size < target:
        record = {
            "id": i,
            "big": 12345678901234567890123 + i,
            "price": round(rng.random() * 1000, 4),
            "name": " ".join(rng.choice(words) for _ in range(4)),
            "tags": [rng.choice(words) for _ in range(3)],
            "active": rng.random() < 0.5,
            "parent": None,
            "dims": {"w": rng.randint(1, 500), "h": rng.randint(1, 500), "ratio": rng.random()},
        }
        text = ("," if i else "") + json.dumps(record, ensure_ascii=False, separators=(",", ":"))
        f.write(text)
        size += len(text.encode())
        i += 1
    f.write("]")
PY
    truncate -s 1G "$work/www/1g.bin"
    # 256 MiB of JSON that gzip packs into well under 1 MiB.
    python3 - "$work/www/bomb.json.gz" <<'PY'
import gzip, sys
with gzip.open(sys.argv[1], "wb", compresslevel=9) as f:
    f.write(b"[")
    chunk = b'{"b":1,"a":2},' * 65536
    for _ in range(256 * 1024 * 1024 // len(chunk)):
        f.write(chunk)
    f.write(b"{}]")
PY
}

start_nginx() {
    cat >"$work/nginx.conf" <<CONF
worker_processes 1;
daemon on;
pid $work/nginx.pid;
error_log $work/logs/error.log;
events { worker_connections 1024; }
http {
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
    types { application/json json; application/octet-stream bin; }
    server {
        listen 127.0.0.1:$port;
        root $work/www;
        # Takes any request body and throws it away.
        location = /bomb.json.gz {
            default_type application/json;
            add_header Content-Encoding gzip;
        }
    }
    # More servers (the https group's) are added here, then nginx reloads.
    include $work/conf.d/*.conf;
}
CONF
    mkdir -p "$work/conf.d"
    local nginx
    nginx=$(command -v nginx || echo /usr/sbin/nginx)
    "$nginx" -c "$work/nginx.conf" -p "$work" -e "$work/logs/error.log"
    for _ in $(seq 50); do
        curl -sf -o /dev/null "http://127.0.0.1:$port/small.json" && return
        sleep 0.1
    done
    say "nginx did not start on 127.0.0.1:$port; see $work/logs/error.log"
    exit 1
}

# bench NAME CMD...: hyperfine's median (seconds) of each command, in order, printed as a
# table row with ratios to the first command.
declare -a rows=()
bench() {
    local title=$1; shift
    local names=() cmds=()
    while [ $# -gt 0 ]; do
        names+=("$1"); cmds+=("$2"); shift 2
    done
    local args=() shell=(-N)
    for i in "${!cmds[@]}"; do
        args+=(-n "${names[$i]}" "${cmds[$i]}")
        # Without shell syntax hyperfine runs the command directly, which measures
        # millisecond start-ups far better than subtracting a shell's start-up.
        case ${cmds[$i]} in *[\>\|\;\$]*) shell=() ;; esac
    done
    hyperfine --style none --warmup 1 --runs "$runs" "${shell[@]}" \
        --export-json "$work/result.json" "${args[@]}" >/dev/null 2>"$work/hyperfine.err" ||
        { cat "$work/hyperfine.err" >&2; exit 1; }
    rows+=("$(python3 - "$work/result.json" "$title" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
first = results[0]["median"]
cells = []
for r in results:
    m = r["median"]
    unit = f"{m * 1000:.1f} ms" if m < 1 else f"{m:.2f} s"
    # Two decimals below 1, where one would round a real difference away.
    ratio = "" if r is results[0] or first <= 0 else f" ({m / first:.{1 if m >= first else 2}f}× hit)"
    cells.append(f"{r['command']}: {unit}{ratio}")
print(f"| {sys.argv[2]} | " + " · ".join(cells) + " |")
PY
)")
}

# rss CMD: peak resident set size of a shell command, in MiB.
rss() {
    /usr/bin/time -f %M bash -c "$1" 2>"$work/rss" >/dev/null
    # The last line is time's; any above it are the command's own stderr.
    tail -n 1 "$work/rss" | awk '{ printf "%.1f MiB", $1 / 1024 }'
}

url="http://127.0.0.1:$port"

json_bench() {
    say "benchmarking: 50 MiB JSON, pretty-printed with colour into a file"
    local xh_cmd=()
    need xh && xh_cmd=(xh "xh --ignore-stdin --pretty=all $url/big.json > $work/out.xh")
    bench "50 MiB JSON, formatted + coloured, into a file" \
        hit "$hit --pretty all --color always $url/big.json > $work/out.hit" \
        "jq -C ." "jq -C . $work/www/big.json > $work/out.jq" \
        "${xh_cmd[@]}"
    # Built apart: a failing $(...) in an assignment would end the script (set -e).
    local row="| peak RSS, 50 MiB JSON | hit: $(rss "$hit --pretty all --color always $url/big.json > $work/out.hit") · jq: $(rss "jq -C . $work/www/big.json > $work/out.jq")"
    need xh && row+=" · xh: $(rss "xh --ignore-stdin --pretty=all $url/big.json > $work/out.xh")"
    rows+=("$row |")
}

transfer_bench() {
    say "benchmarking: start-up, a small GET, 1 GiB three ways, 1000 requests"
    local x=()
    need xh && x=(xh "xh --version")
    bench "--version" hit "$hit --version" true "true" curl "curl --version" "${x[@]}"
    x=(); need xh && x=(xh "xh --ignore-stdin $url/small.json")
    bench "one small GET" hit "$hit $url/small.json" curl "curl -s $url/small.json" "${x[@]}"
    x=(); need xh && x=(xh "xh --ignore-stdin $url/1g.bin > /dev/null")
    bench "1 GiB to /dev/null" hit "$hit $url/1g.bin > /dev/null" \
        curl "curl -s $url/1g.bin > /dev/null" "${x[@]}"
    x=(); need xh && x=(xh "xh --ignore-stdin -o $work/1g.xh $url/1g.bin")
    bench "1 GiB to a file" hit "$hit --clobber -o $work/1g.hit $url/1g.bin" \
        curl "curl -s -o $work/1g.curl $url/1g.bin" "${x[@]}"
    x=(); need xh && x=(xh "xh --ignore-stdin $url/1g.bin | cat > /dev/null")
    bench "1 GiB through a pipe into cat" hit "$hit $url/1g.bin | cat > /dev/null" \
        curl "curl -s $url/1g.bin | cat > /dev/null" "${x[@]}"
    x=(); need xh && x=(xh "for i in \$(seq 1000); do xh --ignore-stdin $url/small.json >/dev/null; done")
    runs=3 bench "1000 sequential small GETs" \
        hit "for i in \$(seq 1000); do $hit $url/small.json >/dev/null; done" \
        curl "for i in \$(seq 1000); do curl -s $url/small.json >/dev/null; done" "${x[@]}"
    rows+=("| peak RSS, 1 GiB download | hit: $(rss "$hit -o /dev/null $url/1g.bin") · curl: $(rss "curl -s -o /dev/null $url/1g.bin") |")
    rm -f "$work"/1g.hit "$work"/1g.curl "$work"/1g.xh
}

# A profile (base URL, a token from the environment, two headers) and a saved request: what
# they cost over the same request spelled out, and against curl with the same headers.
profile_bench() {
    say "benchmarking: a small GET through a profile and a saved request"
    export HIT_CONFIG_DIR="$work/config" BENCH_TOKEN=t0ken
    "$hit" profile add bench --base-url "$url" --bearer-env BENCH_TOKEN \
        -H 'Accept: application/json' -H 'X-Team: bench' 2>/dev/null
    "$hit" save small -P bench /small.json 2>/dev/null
    local headers="-H 'Authorization: Bearer t0ken' -H 'Accept: application/json' -H 'X-Team: bench'"
    bench "one small GET, with a profile" \
        "hit -P" "$hit -P bench /small.json" \
        "hit @saved" "$hit @bench/small" \
        "hit, spelled out" "$hit --bearer t0ken $url/small.json Accept:application/json X-Team:bench" \
        curl "curl -s $headers $url/small.json"
}

# `hit run` over a .http file of 100 GETs (one process, one kept-alive connection) against
# 100 curl invocations in a shell loop; the bar is 5× (issue 16).
run_bench() {
    say "benchmarking: a .http file of 100 GETs against 100 curl invocations"
    local file="$work/hundred.http"
    : > "$file"
    for i in $(seq 100); do
        printf '### %s\nGET %s/small.json\n\n' "$i" "$url" >> "$file"
    done
    bench "100 GETs from a .http file" \
        "hit run" "$hit run $file > /dev/null" \
        "curl loop" "for i in \$(seq 100); do curl -s $url/small.json >/dev/null; done"
}

# --jq in hit against the usual pipe into jq: one field of each element of the 50 MiB array.
jq_bench() {
    say "benchmarking: --jq '.[].id' over 50 MiB of JSON against curl | jq"
    local filter="'.[].id'" x=()
    need xh && x=("xh | jq" "xh --ignore-stdin $url/big.json | jq $filter > $work/ids.xh")
    bench "--jq '.[].id' over 50 MiB, into a file" \
        hit "$hit $url/big.json --jq $filter > $work/ids.hit" \
        "curl | jq" "curl -s $url/big.json | jq $filter > $work/ids.jq" "${x[@]}"
    cmp -s "$work/ids.hit" "$work/ids.jq" || say "warning: hit and jq printed different ids"
    # For a pipeline, time reports its largest process: jq.
    rows+=("| peak RSS, --jq over 50 MiB | hit: $(rss "$hit $url/big.json --jq $filter") · curl \| jq: $(rss "curl -s $url/big.json | jq $filter") |")
}

# A local CA, and a certificate it signs for 127.0.0.1 and localhost (ECDSA P-256, as most
# servers now use), in $work/tls.
make_certs() {
    local d="$work/tls"
    mkdir -p "$d"
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 \
        -subj /CN=hit-bench-ca -keyout "$d/ca.key" -out "$d/ca.pem" \
        -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign 2>/dev/null
    openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj /CN=127.0.0.1 \
        -keyout "$d/server.key" -out "$d/server.csr" 2>/dev/null
    printf '%s\n' subjectAltName=IP:127.0.0.1,DNS:localhost basicConstraints=CA:FALSE \
        keyUsage=critical,digitalSignature extendedKeyUsage=serverAuth >"$d/server.ext"
    openssl x509 -req -in "$d/server.csr" -CA "$d/ca.pem" -CAkey "$d/ca.key" -CAcreateserial \
        -days 2 -extfile "$d/server.ext" -out "$d/server.pem" 2>/dev/null
    chmod 644 "$d"/*
}

# A TLS server for the same files on the next free port: HTTP/2 by ALPN, or HTTP/1.1 when the
# client asks for it. nginx before 1.25.1 has no `http2 on;` and takes it on `listen`.
start_https() {
    make_certs
    tls_port=$((port + 2))
    local listen="listen 127.0.0.1:$tls_port ssl;" h2="http2 on;" nginx
    nginx=$(command -v nginx || echo /usr/sbin/nginx)
    if ! printf '%s\n' 1.25.1 "$("$nginx" -v 2>&1 | sed 's|.*nginx/||')" | sort -C -V; then
        listen="listen 127.0.0.1:$tls_port ssl http2;" h2=""
    fi
    cat >"$work/conf.d/https.conf" <<CONF
server {
    $listen
    $h2
    ssl_certificate $work/tls/server.pem;
    ssl_certificate_key $work/tls/server.key;
    ssl_protocols TLSv1.2 TLSv1.3;
    root $work/www;
}
CONF
    "$nginx" -c "$work/nginx.conf" -p "$work" -e "$work/logs/error.log" -s reload
    tls_url="https://127.0.0.1:$tls_port"
    for _ in $(seq 50); do
        curl -sf --cacert "$work/tls/ca.pem" -o /dev/null "$tls_url/small.json" && return
        sleep 0.1
    done
    say "nginx did not serve https on 127.0.0.1:$tls_port; see $work/logs/error.log"
    exit 1
}

# 1 GiB over TLS from nginx, trusted through --cacert, in each HTTP version against curl
# (OpenSSL, nghttp2) in the same one; and a small GET, where connection set-up dominates.
https_bench() {
    say "benchmarking: 1 GiB over TLS, HTTP/2 and HTTP/1.1, against curl"
    start_https
    local ca="--cacert $work/tls/ca.pem" got
    for v in "" --http1.1; do
        got=$(curl -s $ca $v -o /dev/null -w '%{http_version}' "$tls_url/small.json")
        say "curl ${v:-(default)} speaks HTTP/$got; hit: $("$hit" $ca $v -p h HEAD "$tls_url/small.json" | head -n 1 | cut -d' ' -f1)"
    done
    bench "one small GET over TLS (h2)" hit "$hit $ca $tls_url/small.json" \
        curl "curl -s $ca $tls_url/small.json"
    bench "1 GiB over TLS, HTTP/2, to /dev/null" hit "$hit $ca $tls_url/1g.bin > /dev/null" \
        curl "curl -s $ca $tls_url/1g.bin > /dev/null"
    bench "1 GiB over TLS, HTTP/1.1, to /dev/null" \
        hit "$hit $ca --http1.1 $tls_url/1g.bin > /dev/null" \
        curl "curl -s $ca --http1.1 $tls_url/1g.bin > /dev/null"
    rows+=("| peak RSS, 1 GiB over TLS | hit h2: $(rss "$hit $ca $tls_url/1g.bin > /dev/null") · hit http/1.1: $(rss "$hit $ca --http1.1 $tls_url/1g.bin > /dev/null") · curl h2: $(rss "curl -s $ca $tls_url/1g.bin > /dev/null") · curl http/1.1: $(rss "curl -s $ca --http1.1 $tls_url/1g.bin > /dev/null") |")
}

# A server that reads a whole request body, chunked or not, and only then answers: nginx
# answers an upload before reading it.
start_sink() {
    python3 - "$sink_port" <<'PY' &
import socket, sys
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1])))
s.listen(8)
while True:
    c, _ = s.accept()
    head, total = b"", 0
    while b"\r\n\r\n" not in head:
        head += c.recv(65536)
    head, _, rest = head.partition(b"\r\n\r\n")
    chunked = b"chunked" in head.lower()
    length = next((int(l.split(b":")[1]) for l in head.split(b"\r\n") if l.lower().startswith(b"content-length")), 0)
    tail, total = rest[-16:], len(rest)
    while not (chunked and tail.endswith(b"0\r\n\r\n")) and not (not chunked and total >= length):
        d = c.recv(1 << 20)
        if not d:
            break
        total += len(d)
        tail = (tail + d)[-16:]
    c.sendall(b"HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n")
    c.close()
PY
    pids+=($!)
    sleep 0.5
}

memory_bench() {
    say "measuring: peak RSS for 1 GiB from stdin, and for a gzip bomb"
    sink_port=$((port + 1))
    start_sink
    local sink="http://127.0.0.1:$sink_port/sink"
    bench "1 GiB POSTed from stdin (read whole by the server)" \
        hit "head -c 1G /dev/zero | $hit -q POST $sink" \
        curl "head -c 1G /dev/zero | curl -s -T - -X POST $sink"
    rows+=("| peak RSS, 1 GiB POSTed from stdin | hit: $(rss "head -c 1G /dev/zero | $hit -q POST $sink") · curl: $(rss "head -c 1G /dev/zero | curl -s -T - -X POST $sink") |")
    rows+=("| peak RSS, 256 MiB gzip bomb decoded to /dev/null | hit: $(rss "$hit $url/bomb.json.gz > /dev/null") · curl --compressed: $(rss "curl -s --compressed $url/bomb.json.gz > /dev/null") |")
    rows+=("| peak RSS, the same bomb with --sort-keys (stops at 16 MiB) | hit: $(rss "$hit --sort-keys --pretty all $url/bomb.json.gz > /dev/null || true") |")
}

# `hit serve` on a free loopback port (--port 0), its base URL in $api.
start_serve() {
    "$hit" serve --port 0 >"$work/serve.out" 2>"$work/serve.err" &
    pids+=($!)
    for _ in $(seq 50); do
        api=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$work/serve.out" 2>/dev/null | head -n 1) || true
        [ -n "$api" ] && curl -sf -o /dev/null "$api/health" && return
        sleep 0.1
    done
    say "hit serve did not start; see $work/serve.err"
    exit 1
}

# 20 files of 50 GETs each, written twice: .http for hit and .hurl for hurl. Every request
# is its own URL on /anything, which echoes it as JSON, and checks the status and two
# fields of the body: `# @check` lines (jq) in one, `[Asserts]` with jsonpath in the other.
write_suite() {
    python3 - "$api" "$work/suite-http" "$work/suite-hurl" <<'PY'
import os, sys
api, http_dir, hurl_dir = sys.argv[1:]
os.makedirs(http_dir)
os.makedirs(hurl_dir)
for f in range(1, 21):
    http, hurl = [], []
    for n in range(1, 51):
        url = f"{api}/anything/{f}?file={f}&n={n}"
        http.append(
            f"### file {f} request {n}\n"
            f"# @check $__status == 200\n"
            f"# @check .method == \"GET\"\n"
            f"# @check .query.n == \"{n}\"\n"
            f"GET {url}\n"
        )
        hurl.append(
            f"# file {f} request {n}\n"
            f"GET {url}\n"
            f"HTTP 200\n"
            f"[Asserts]\n"
            f"jsonpath \"$.method\" == \"GET\"\n"
            f"jsonpath \"$.query.n\" == \"{n}\"\n"
        )
    with open(f"{http_dir}/api-{f:02}.http", "w") as out:
        out.write("\n".join(http))
    with open(f"{hurl_dir}/api-{f:02}.hurl", "w") as out:
        out.write("\n".join(hurl))
PY
}

# `hit test --jobs 2` over the suite against `hurl --test --jobs 2` over the same requests
# (issue 27: at least as fast as hurl, peak RSS under 32 MiB for the whole suite).
test_bench() {
    say "benchmarking: hit test over 20 .http files x 50 requests, against hurl --test"
    start_serve
    write_suite
    local hit_cmd="$hit test --jobs 2 $work/suite-http > /dev/null"
    local hurl_cmd="hurl --test --jobs 2 $work/suite-hurl/*.hurl > /dev/null 2>&1"
    # Both must pass the whole suite, or the timings compare different work.
    "$hit" test --jobs 2 "$work/suite-http" | tail -n 1 >&2 ||
        { say "hit test failed on the suite"; exit 1; }
    local h=()
    if need hurl; then
        bash -c "$hurl_cmd" || { say "hurl --test failed on the suite"; exit 1; }
        h=(hurl "$hurl_cmd")
    else
        say "note: hurl is not on PATH, so its column is left out (see this script's header)"
    fi
    bench "1000 requests with checks in 20 files, 2 jobs" hit "$hit_cmd" "${h[@]}"
    # Built apart: a failing $(...) in an assignment would end the script (set -e).
    local row="| peak RSS, the same suite | hit: $(rss "$hit_cmd")"
    need hurl && row+=" · hurl: $(rss "$hurl_cmd")"
    rows+=("$row |")
}

# GitHub's REST description (13 MB, the largest real OpenAPI document in common use), from
# the npm registry: read, checked and cached once; then what a request through the cache
# costs over the same request without a profile (the bar: 5 ms), completing an operation
# name (the bar: 50 ms) and the peak RSS (the bar: 64 MiB). Requests are shown with
# --offline: the document is what is measured, not a server.
openapi_bench() {
    say "benchmarking: GitHub's OpenAPI description (@octokit/openapi)"
    if ! need npm || ! (cd "$work" && npm pack @octokit/openapi --silent >/dev/null 2>&1); then
        say "note: npm pack @octokit/openapi failed (no npm, or no registry): openapi group skipped"
        return 0
    fi
    tar -xzf "$work"/octokit-openapi-*.tgz -C "$work"
    local spec="$work/package/generated/api.github.com.json"
    export HIT_CONFIG_DIR="$work/config" HIT_CACHE_DIR="$work/cache"
    runs=5 bench "GitHub's description (13 MB): read, checked, cached" \
        "hit profile add" "rm -rf $work/cache; $hit profile add gh --openapi $spec --force > /dev/null 2>&1"
    "$hit" profile add gh --openapi "$spec" --force 2>/dev/null
    local call="$hit @gh/repos-get octocat hello-world --offline"
    bench "a request through the cached description, shown" \
        "hit @gh/repos-get" "$call > /dev/null" \
        "hit, no profile" "$hit https://api.github.com/repos/octocat/hello-world --offline > /dev/null"
    bench "completing an operation name (1,000+ candidates)" \
        "COMPLETE=bash hit" "COMPLETE=bash _CLAP_COMPLETE_INDEX=1 _CLAP_COMPLETE_COMP_TYPE=9 _CLAP_COMPLETE_SPACE=true $hit -- hit @gh/repos- > /dev/null"
    rows+=("| peak RSS, a request through the cached description | hit: $(rss "$call") · reading it: $(rss "rm -rf $work/cache; $hit profile add gh --openapi $spec --force") |")
}

# WebSockets through hit serve's /ws/echo (the same server for every client): 100,000 small
# text messages from a pipe, each echoed (the output must hold them all), 1 GiB of binary
# messages echoed to /dev/null, and the round trip of a message: a .http file whose 1,000
# messages each wait for the echo of the one before (`=== wait-for-server`).
ws_bench() {
    say "benchmarking: WebSockets through hit serve's /ws/echo"
    start_serve
    local ws=${api/http:/ws:}/ws/echo
    seq -f 'message %g of the benchmark' 100000 >"$work/lines.txt"
    local got
    got=$("$hit" "$ws" <"$work/lines.txt" | wc -l)
    [ "$got" = 100000 ] || { say "hit echoed $got of 100000 messages"; exit 1; }
    local w=() wb=()
    if need websocat; then
        got=$(websocat "$ws" <"$work/lines.txt" | wc -l)
        say "websocat echoed $got of 100000 messages"
        w=(websocat "websocat $ws < $work/lines.txt > /dev/null")
        wb=(websocat "head -c 1G /dev/zero | websocat --binary $ws > /dev/null")
    else
        say "note: websocat is not on PATH, so its column is left out (see this script's header)"
    fi
    # hit waits for the replies to stop (half a second) once stdin ends; with --count it
    # ends at the last echo.
    runs=5 bench "100,000 text messages echoed, from a pipe" \
        hit "$hit $ws < $work/lines.txt > /dev/null" \
        "hit --count 100000" "$hit $ws --count 100000 < $work/lines.txt > /dev/null" "${w[@]}"
    runs=3 bench "1 GiB of binary messages echoed" \
        hit "head -c 1G /dev/zero | $hit $ws --binary > /dev/null" "${wb[@]}"
    python3 - "$ws" "$work/round-trips.http" <<'PY'
import sys
url, path = sys.argv[1:]
lines = ["### 1,000 round trips", "# @count 1000", f"WEBSOCKET {url}", ""]
for i in range(1000):
    lines += ["===" if i == 0 else "=== wait-for-server", f"message {i}"]
open(path, "w").write("\n".join(lines) + "\n")
PY
    bench "1,000 round trips, one at a time (hit run, === wait-for-server)" \
        "hit run" "$hit run $work/round-trips.http > /dev/null"
    rows+=("| peak RSS, 1 GiB of binary messages echoed | hit: $(rss "head -c 1G /dev/zero | $hit $ws --binary") |")
}

install_tools
build_hit
# The test and openapi groups bring their own server and files.
if [ "$what" != test ] && [ "$what" != openapi ] && [ "$what" != ws ]; then
    fixtures
    start_nginx
fi
case $what in
    json) json_bench ;;
    transfer) transfer_bench ;;
    memory) memory_bench ;;
    profile) profile_bench ;;
    run) run_bench ;;
    jq) jq_bench ;;
    https) https_bench ;;
    test) test_bench ;;
    openapi) openapi_bench ;;
    ws) ws_bench ;;
    all)
        json_bench; transfer_bench; memory_bench; profile_bench; run_bench; jq_bench; https_bench
        test_bench; openapi_bench; ws_bench
        ;;
    *) say "usage: $0 [all|json|transfer|memory|profile|run|jq|https|test|openapi|ws]"; exit 2 ;;
esac

printf '\n%s, %s runs each, medians (ratio to hit in brackets)\n\n' "$(uname -srm)" "$runs"
printf '| work | results |\n|---|---|\n'
printf '%s\n' "${rows[@]}"
