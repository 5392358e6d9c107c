# shellcheck shell=bash
# Sourced by scripts/test: serves the release bundle through nginx with the reference
# configuration (deploy/), in front of the sandbox, and checks it as a browser, as curl
# and as an attacker see it. Needs WORK, ROOT and SANDBOX_URL.

NGINX_DIRS=()

stop_nginx_servers() {
    local dir
    for dir in "${NGINX_DIRS[@]}"; do
        if [ -f "$dir/nginx.pid" ]; then kill "$(cat "$dir/nginx.pid")" 2>/dev/null || true; fi
    done
    for dir in "${NGINX_DIRS[@]}"; do
        for _ in $(seq 50); do [ -f "$dir/nginx.pid" ] || break; sleep 0.1; done
    done
    NGINX_DIRS=()
}

# start_nginx NAME AUTH_MODE BUNDLE [PUBLIC_PATH]: serves a copy of the bundle, whose
# config.json says AUTH_MODE, under PUBLIC_PATH (default /), rendered with the deploy/
# variables the caller sets (SERVER_API_KEY, AUTH_BASIC_USER_FILE, TLS_CERTIFICATE, …).
# Sets NGINX_ORIGIN (http://), NGINX_TLS_ORIGIN (https://, with TLS) and NGINX_SITE.
# Not to be called in a subshell: it records the server so that it is stopped.
start_nginx() {
    local name="$1" auth_mode="$2" bundle="$3" public_path="${4:-/}"
    local dir="$WORK/nginx-$name" port tls_port
    [ -n "${NGINX_PREFIX:-}" ] || source "$ROOT/deploy/nginx-layout.sh"
    NGINX_SITE="$WORK/site-$name${4:-}"
    port="$(free_port)"
    tls_port="$(free_port)"
    mkdir -p "$(dirname "$NGINX_SITE")" && chmod 755 "$(dirname "$NGINX_SITE")"
    cp -r "$bundle" "$NGINX_SITE"
    printf '{"api_base_url": "", "auth_mode": "%s", "poll_interval_ms": 5000}\n' "$auth_mode" >"$NGINX_SITE/config.json"
    mkdir -p "$dir/tmp" && chmod 777 "$dir/tmp"
    CONSOLE_ROOT="$NGINX_SITE" PUBLIC_PATH="$public_path" API_UPSTREAM="$SANDBOX_URL" ALLOW_HTTP_UPSTREAM=1 \
        SERVER_NAME=localhost LISTEN="127.0.0.1:$port" TLS_LISTEN="127.0.0.1:$tls_port" \
        "$ROOT/deploy/render-nginx-conf" "$dir" 2>/dev/null
    cat >"$dir/nginx.conf" <<CONF
$NGINX_MODULE_DIRECTIVES
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events {}
http {
    include $NGINX_CONF_DIR/mime.types;
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path $dir/tmp;
    proxy_temp_path $dir/tmp;
    fastcgi_temp_path $dir/tmp;
    uwsgi_temp_path $dir/tmp;
    scgi_temp_path $dir/tmp;
    include $dir/console.conf;
}
CONF
    NGINX_DIRS+=("$dir")
    # nginx's own prefix, where relative module paths resolve; every other path here is absolute.
    nginx -p "$NGINX_PREFIX" -c "$dir/nginx.conf" || { cat "$dir/error.log" >&2; return 1; }
    # By name: the server answers only its SERVER_NAME, and TLS needs it for SNI.
    NGINX_ORIGIN="http://localhost:$port"
    NGINX_TLS_ORIGIN="https://localhost:$tls_port"
}

# expect_header URL HEADER TEXT [CURL ARGS…]: the response's HEADER contains TEXT.
expect_header() {
    local url="$1" header="$2" text="$3"; shift 3
    local value
    value="$(curl -ksS -o /dev/null -D - "$@" "$url" | tr -d '\r' | grep -i "^$header:" | head -n 1 | cut -d' ' -f2-)"
    if [[ "$value" != *"$text"* ]]; then
        say "FAIL: $url: $header is '$value', expected it to contain '$text'"
        return 1
    fi
    echo "  ok: $url $header: $text"
}

# expect_no_header URL HEADER [CURL ARGS…]: the response has no HEADER.
expect_no_header() {
    local url="$1" header="$2"; shift 2
    if curl -ksS -o /dev/null -D - "$@" "$url" | tr -d '\r' | grep -qi "^$header:"; then
        say "FAIL: $url answers with a $header header"
        return 1
    fi
    echo "  ok: $url has no $header"
}

# expect_status URL STATUS [CURL ARGS…]: 000 stands for no answer at all.
expect_status() {
    local url="$1" status="$2"; shift 2
    local got
    got="$(curl -ksS -o /dev/null -w '%{http_code}' "$@" "$url" 2>/dev/null || true)"
    if [ "$got" != "$status" ]; then
        say "FAIL: $url ($*) answered $got, expected $status"
        return 1
    fi
    echo "  ok: $url ${*:+($*) }answers $status"
}

# How many METHOD requests with PATH_CONTAINS in their path reached the sandbox.
sandbox_count() {
    curl -sS "$SANDBOX_URL/_sandbox/requests?method=$1&path_contains=$2" | python3 -c 'import json, sys; print(json.load(sys.stdin)["count"])'
}

new_sandbox_job() {
    curl -sS -X POST -H 'content-type: application/json' -d "${1:-{\}}" "$SANDBOX_URL/_sandbox/jobs" \
        | python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])'
}

# render-nginx-conf refuses configurations that would open the API to anyone.
check_render_refusals() {
    local bundle="$1" out="$WORK/refused"
    refuse() {
        local why="$1"; shift
        if env CONSOLE_ROOT="$bundle" API_UPSTREAM=https://one.example SERVER_NAME=console.example "$@" \
            "$ROOT/deploy/render-nginx-conf" "$out" 2>/dev/null; then
            say "FAIL: render-nginx-conf accepted $why"
            return 1
        fi
        echo "  ok: render-nginx-conf refuses $why"
    }
    refuse "a server key without a sign-in" SERVER_API_KEY=k
    refuse "an http:// upstream" API_UPSTREAM=http://one.example
    refuse "no SERVER_NAME" SERVER_NAME=
    refuse "a certificate without its key" TLS_CERTIFICATE="$bundle/index.html"
    refuse "an API base that is not a plain path" IOT_API_BASE='/iot/api/v1|.*'
    mkdir -p "$WORK/no-loader" && echo '<!doctype html><title>x</title>' >"$WORK/no-loader/index.html"
    refuse "an index.html without the module loader its policy must allow" CONSOLE_ROOT="$WORK/no-loader"
    env CONSOLE_ROOT="$bundle" API_UPSTREAM=https://one.example SERVER_NAME=console.example SERVER_API_KEY=k \
        ALLOW_UNAUTHENTICATED_PROXY=1 "$ROOT/deploy/render-nginx-conf" "$out" 2>/dev/null
    grep -q 'proxy_next_upstream off;' "$out/console-proxy.conf"
    echo "  ok: an explicit opt-out renders; a decision is never resent to another upstream (proxy_next_upstream off)"
}

# check_release_in ENGINE BASE JOB_ID: the release bundle as an operator meets it, in one
# engine: the Jobs page loads and connects, a reload on a job's address opens it, a link
# still opens its job after history entries until the browser takes no more, each of 150
# rapid round trips from a job link opens its job, a job is approved through its
# confirmation, a trap of the WebAssembly shows the crash page, and on a 360 px phone
# Approve is on screen (not in WebKit: its MiniBrowser window is at least 447 px wide and
# its driver emulates no device); in Chromium, what loads late moves nothing on phones and
# in the desktop inbox.
check_release_in() {
    local engine="$1" base="$2" job_id="$3" browser
    browser=("${BROWSER_PY[@]}" --browser "$engine" --api-key demo-approver-key)
    say "-- the release bundle in $engine"
    "${browser[@]}" "$base/jobs" --expect '.data-table tbody tr .job-link' --report-transfer
    # A reload on a details URL: nginx answers index.html, the app opens that job.
    "${browser[@]}" "$base/jobs/$job_id" --expect '#facts-heading'
    # Another language: its catalogue comes through nginx, and the page speaks it.
    "${browser[@]}" "$base/jobs" --language de --expect "html[lang='de'] .data-table th[aria-sort] .sort-button"
    "${browser[@]}" "$base/jobs" --expect '.data-table tbody tr .job-link' --exhaust-history \
        --click '.data-table tbody tr .job-link' --then-expect '#facts-heading'
    # Job links clicked as fast as the pages come, 150 round trips: each opens its own job.
    # (More history entries within ten seconds than Chromium or WebKit takes: the router
    # before a7d2046 left click 101 doing nothing in Chromium.)
    "${browser[@]}" "$base/jobs?state=COMPLETED" --expect '.data-table tbody tr .job-link' --round-trips 150
    "${browser[@]}" "$base/jobs/$(new_sandbox_job '{"total": 3}')" --expect "button[aria-label^='Approve job']" --approve
    # A trap that no panic hook saw (an abort): the crash page still comes, and reloads the page.
    "${browser[@]}" "$base/jobs" --expect '.data-table tbody tr .job-link' --trap
    [ "$engine" != webkit ] || return 0
    # On a 360 px phone the tables are cards: Approve is on screen without scrolling sideways;
    # and nothing arriving late (the count of jobs waiting) moves the page (Chromium), here
    # or on the 412 px phone Lighthouse emulates.
    "${browser[@]}" "$base/jobs" --phone --steady --expect '.data-table tbody tr .job-link'
    "${browser[@]}" "$base/jobs" --phone 412 --steady --expect '.data-table tbody tr .job-link'
    "${browser[@]}" "$base/jobs?awaiting=1" --phone --steady --expect "button[aria-label^='Approve job']"
    "${browser[@]}" "$base/approvals" --phone --steady --expect "button[aria-label^='Approve job']"
    # On a desktop: the Jobs page's rows come, then the inbox's rows fill in as each job's
    # details come; nothing seen moves.
    [ "$engine" = chromium ] || return 0
    # The Jobs page's cold load fetches no other page's wasm module; a job's page whose module
    # cannot be fetched says so, and opens on Try again once it can be.
    "${browser[@]}" "$base/jobs" --expect '.data-table tbody tr .job-link' --page-module-unreachable
    # The browser's costly first Intl formatter is made once the first requests are sent.
    "${browser[@]}" "$base/jobs" --intl-after-requests --expect '.data-table tbody tr time'
    "${browser[@]}" "$base/jobs" --steady --expect '.data-table tbody tr .job-link'
    "${browser[@]}" "$base/approvals" --steady --expect "button[aria-label^='Approve job']"
    "${browser[@]}" "$base/approvals" --width 1000 --steady --expect "button[aria-label^='Approve job']"
    # A batch job's page: its approval panel comes after the job, in the place kept for it.
    "${browser[@]}" "$base/jobs/$(new_sandbox_job '{"total": 3}')" --steady --expect "button[aria-label^='Approve job']"
}

check_nginx() {
    local bundle="$1" base wasm job_id pending dotted before
    check_render_refusals "$bundle"
    start_nginx keys api-key "$bundle"
    base="$NGINX_ORIGIN"
    say "nginx (browser sends the key) at $base"
    job_id="$(curl -sS -H 'x-api-key: demo-approver-key' "$base/devicetrustmanager/api/v4/job?limit=1&draft=false" \
        | python3 -c 'import json, sys; print(json.load(sys.stdin)["records"][0]["id"])')"
    local engine
    for engine in "${ENGINES[@]}"; do check_release_in "$engine" "$base" "$job_id"; done

    wasm="$(basename "$(ls "$bundle"/jobs-console-*_bg.wasm)")"
    expect_header "$base/" Cache-Control "no-cache"
    expect_header "$base/jobs/$job_id" Content-Type "text/html"
    expect_header "$base/config.json" Cache-Control "no-cache"
    expect_header "$base/$wasm" Cache-Control "public, max-age=31536000, immutable"
    expect_header "$base/$wasm" Content-Type "application/wasm"
    # A language's catalogue: for good at its content-hashed address, revalidated without.
    expect_header "$base/locales/de.json?v=0123456789abcdef" Cache-Control "public, max-age=31536000, immutable"
    expect_header "$base/locales/de.json?v=0123456789abcdef" Content-Encoding "gzip" -H 'Accept-Encoding: gzip'
    expect_header "$base/locales/de.json" Cache-Control "no-cache"
    expect_header "$base/$wasm" Content-Encoding "br" -H 'Accept-Encoding: gzip, br'
    expect_header "$base/$wasm" Content-Encoding "gzip" -H 'Accept-Encoding: gzip'
    # The precompressed copy itself (zopfli), as scripts/bundle-size counts it.
    expect_header "$base/$wasm" Content-Length "$(stat -c %s "$bundle/$wasm.gz")" -H 'Accept-Encoding: gzip'
    expect_header "$base/" Content-Security-Policy "script-src 'self' 'wasm-unsafe-eval' 'sha256-"
    expect_header "$base/" Content-Security-Policy "frame-ancestors 'none'"
    expect_header "$base/" X-Content-Type-Options "nosniff"
    expect_header "$base/" Referrer-Policy "no-referrer"
    expect_status "$base/no-such-asset.js" 404
    expect_status "$base/devicetrustmanager/api/v4/job?limit=1" 401 -H 'x-api-key: wrong-key'

    say "only the host name, methods and requests the console sends pass"
    local key=(-H 'x-api-key: demo-approver-key')
    expect_status "$base/" 000 -H 'Host: attacker.example'
    expect_status "${base/localhost/127.0.0.1}/" 000
    expect_status "$base/devicetrustmanager/api/v4/job?limit=1" 000 -H 'Host: attacker.example' "${key[@]}"
    expect_status "$base/devicetrustmanager/api/v4/job" 405 -X POST "${key[@]}"
    expect_status "$base/devicetrustmanager/api/v4/job/$job_id" 405 -X DELETE "${key[@]}"
    expect_status "$base/iot/api/v1/batch-enroll/$job_id" 405 -X PUT "${key[@]}" -H 'x-requested-with: jobs-console'
    pending="$(new_sandbox_job '{"total": 3}')"
    expect_status "$base/iot/api/v1/batch-enroll/$pending/approve" 405 -X GET "${key[@]}"
    expect_status "$base/iot/api/v1/batch-enroll/$pending/approve" 405 -X POST "${key[@]}" -H 'x-requested-with: jobs-console'
    expect_status "$base/iot/api/v1/batch-enroll/$pending/approve" 403 -X PUT "${key[@]}"
    expect_status "$base/iot/api/v1/batch-enroll/$pending/approve" 403 -X PUT "${key[@]}" -H 'x-requested-with: jobs-console' \
        -H 'Sec-Fetch-Site: cross-site'
    expect_status "$base/devicetrustmanager/api/v4/job?limit=1" 403 "${key[@]}" -H 'Sec-Fetch-Site: cross-site'
    [ "$(sandbox_count PUT "$pending")" = 0 ] || { say "FAIL: a refused decision reached the API"; return 1; }
    echo "  ok: none of the refused decisions reached the API"
    expect_status "$base/iot/api/v1/batch-enroll/$pending/reject" 204 -X PUT "${key[@]}" -H 'x-requested-with: jobs-console' \
        -H 'Sec-Fetch-Site: same-origin'
    expect_no_header "$base/devicetrustmanager/api/v4/job?limit=1" Access-Control-Allow-Origin "${key[@]}" -H 'Origin: https://attacker.example'
    dotted="dotted.id-$RANDOM"
    new_sandbox_job "{\"id\": \"$dotted\", \"total\": 2}" >/dev/null
    expect_header "$base/devicetrustmanager/api/v4/job/$dotted" Content-Type "application/json" "${key[@]}"
    expect_status "$base/devicetrustmanager/api/v4/job/$dotted" 200 "${key[@]}"
    expect_status "$base/.env" 404
    expect_status "$base/.git/config" 404
    expect_status "$base/jobs/.hidden" 404

    say "a broken config.json is reported on the page, not a blank app"
    printf '{"poll_interval_ms": "fast"' >"$NGINX_SITE/config.json"
    "${BROWSER_PY[@]}" "$base/jobs" --api-key demo-approver-key --expect '.banner-failure'

    say "proxy-auth mode: sign-in in front of the pages and the API, over TLS"
    openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost -keyout "$WORK/tls.key" -out "$WORK/tls.crt" 2>/dev/null
    printf 'operator:%s\n' "$(openssl passwd -apr1 's3cret-pass')" >"$WORK/htpasswd"
    chmod 644 "$WORK/htpasswd" "$WORK/tls.key"
    SERVER_API_KEY=demo-approver-key AUTH_BASIC_USER_FILE="$WORK/htpasswd" TLS_CERTIFICATE="$WORK/tls.crt" \
        TLS_CERTIFICATE_KEY="$WORK/tls.key" start_nginx proxy proxy "$bundle"
    local tls="$NGINX_TLS_ORIGIN"
    say "nginx (proxy adds the key, basic sign-in) at $tls"
    before="$(sandbox_count GET /devicetrustmanager/api/v4/job)"
    expect_status "$tls/" 401
    expect_status "$tls/jobs" 401
    expect_status "$tls/devicetrustmanager/api/v4/job?limit=1" 401
    expect_status "$tls/devicetrustmanager/api/v4/job?limit=1" 401 -u operator:wrong
    [ "$(sandbox_count GET /devicetrustmanager/api/v4/job)" = "$before" ] || { say "FAIL: an unauthenticated request reached the API"; return 1; }
    echo "  ok: nothing unauthenticated reached the API"
    expect_status "$tls/devicetrustmanager/api/v4/job?limit=1" 200 -u operator:s3cret-pass -H 'x-api-key: wrong-key'
    expect_header "$tls/" Strict-Transport-Security "max-age=" -u operator:s3cret-pass
    expect_status "$NGINX_ORIGIN/jobs" 301
    expect_header "$NGINX_ORIGIN/jobs?page=2" Location "$tls/jobs?page=2"
    expect_status "https://attacker.example:${tls##*:}/" 000 --resolve "attacker.example:${tls##*:}:127.0.0.1"
    "${BROWSER_PY[@]}" "$tls/jobs" --proxy-mode --insecure --basic-auth operator:s3cret-pass \
        --expect '.data-table tbody tr .job-link'
    stop_nginx_servers
}

# The console built for a sub-path: its links and deep links stay under that path, and
# nothing outside it is served.
check_nginx_sub_path() {
    local bundle="$1" base
    start_nginx sub api-key "$bundle" /console/
    base="$NGINX_ORIGIN"
    say "nginx serving the console under /console/ at $base"
    "${BROWSER_PY[@]}" "$base/console/jobs?page=2" --api-key demo-approver-key \
        --expect '.data-table tbody tr .job-link' --click '.data-table tbody tr .job-link' --then-expect '#facts-heading'
    expect_header "$base/console/jobs/some-job" Content-Type "text/html"
    expect_status "$base/" 404
    expect_status "$base/jobs" 404
    expect_status "$base/console/.env" 404
    stop_nginx_servers
}
