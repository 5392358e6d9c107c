# Sourced by scripts/test: serves the release bundle through nginx with the reference
# configuration (deploy/), in front of the sandbox, and checks it as a browser and as
# curl see it. Needs WORK, ROOT and SANDBOX_URL.

NGINX_DIRS=()

stop_nginx_servers() {
    for dir in "${NGINX_DIRS[@]}"; do
        [ -f "$dir/nginx.pid" ] && kill "$(cat "$dir/nginx.pid")" 2>/dev/null || true
    done
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# start_nginx NAME AUTH_MODE SERVER_API_KEY BUNDLE [PUBLIC_PATH]: serves a copy of the bundle,
# whose config.json says AUTH_MODE, under PUBLIC_PATH (default /); prints the origin.
start_nginx() {
    local name="$1" auth_mode="$2" server_key="${3:-}" bundle="$4" public_path="${5:-/}"
    local dir="$WORK/nginx-$name" site="$WORK/site-$name${5:-}" port
    port="$(free_port)"
    mkdir -p "$(dirname "$site")" && chmod 755 "$(dirname "$site")"
    cp -r "$bundle" "$site"
    printf '{"api_base_url": "", "auth_mode": "%s", "poll_interval_ms": 5000}\n' "$auth_mode" >"$site/config.json"
    mkdir -p "$dir/tmp" && chmod 777 "$dir/tmp"
    CONSOLE_ROOT="$site" PUBLIC_PATH="$public_path" API_UPSTREAM="$SANDBOX_URL" LISTEN="127.0.0.1:$port" SERVER_API_KEY="$server_key" \
        "$ROOT/deploy/render-nginx-conf" "$dir" 2>/dev/null
    cat >"$dir/nginx.conf" <<CONF
include /etc/nginx/modules-enabled/*.conf;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events {}
http {
    include /etc/nginx/mime.types;
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
    # The prefix is Debian's, where modules-enabled/ finds the modules; every path here is absolute.
    nginx -p /usr/share/nginx -c "$dir/nginx.conf" || { cat "$dir/error.log" >&2; return 1; }
    echo "http://127.0.0.1:$port"
}

# expect_header URL HEADER TEXT [CURL ARGS…]: the response's HEADER contains TEXT.
expect_header() {
    local url="$1" header="$2" text="$3"; shift 3
    local value
    value="$(curl -sS -o /dev/null -D - "$@" "$url" | tr -d '\r' | grep -i "^$header:" | head -n 1 | cut -d' ' -f2-)"
    if [[ "$value" != *"$text"* ]]; then
        say "FAIL: $url: $header is '$value', expected it to contain '$text'"
        return 1
    fi
    echo "  ok: $url $header: $text"
}

expect_status() {
    local url="$1" status="$2"; shift 2
    local got
    got="$(curl -sS -o /dev/null -w '%{http_code}' "$@" "$url")"
    if [ "$got" != "$status" ]; then
        say "FAIL: $url answered $got, expected $status"
        return 1
    fi
    echo "  ok: $url answers $status"
}

check_nginx() {
    local bundle="$1" base proxied wasm job_id
    NGINX_DIRS=()
    base="$(start_nginx keys api-key "" "$bundle")"
    say "nginx (browser sends the key) at $base"
    python3 "$ROOT/scripts/browser.py" "$base/jobs" --api-key demo-approver-key \
        --expect '.data-table tbody tr .job-link' --report-transfer
    job_id="$(curl -sS -H 'x-api-key: demo-approver-key' "$base/devicetrustmanager/api/v4/job?limit=1&draft=false" \
        | python3 -c 'import json, sys; print(json.load(sys.stdin)["records"][0]["id"])')"
    # A reload on a details URL: nginx answers index.html, the app opens that job.
    python3 "$ROOT/scripts/browser.py" "$base/jobs/$job_id" --api-key demo-approver-key --expect '#facts-heading'

    wasm="$(basename "$(ls "$bundle"/*.wasm)")"
    expect_header "$base/" Cache-Control "no-cache"
    expect_header "$base/jobs/$job_id" Content-Type "text/html"
    expect_header "$base/config.json" Cache-Control "no-cache"
    expect_header "$base/$wasm" Cache-Control "public, max-age=31536000, immutable"
    expect_header "$base/$wasm" Content-Type "application/wasm"
    expect_header "$base/$wasm" Content-Encoding "br" -H 'Accept-Encoding: gzip, br'
    expect_header "$base/$wasm" Content-Encoding "gzip" -H 'Accept-Encoding: gzip'
    expect_header "$base/" Content-Security-Policy "script-src 'self' 'wasm-unsafe-eval' 'sha256-"
    expect_header "$base/" Content-Security-Policy "frame-ancestors 'none'"
    expect_header "$base/" X-Content-Type-Options "nosniff"
    expect_header "$base/" Referrer-Policy "no-referrer"
    expect_status "$base/no-such-asset.js" 404
    expect_status "$base/devicetrustmanager/api/v4/job?limit=1" 401 -H 'x-api-key: wrong-key'

    proxied="$(start_nginx proxy proxy demo-approver-key "$bundle")"
    say "nginx (proxy adds the key) at $proxied"
    python3 "$ROOT/scripts/browser.py" "$proxied/jobs" --proxy-mode --expect '.data-table tbody tr .job-link'
    expect_status "$proxied/devicetrustmanager/api/v4/job?limit=1" 200 -H 'x-api-key: wrong-key'
    expect_status "$proxied/devicetrustmanager/api/v4/job?limit=1" 200
    stop_nginx_servers
}

# The console built for a sub-path: its links and deep links stay under that path.
check_nginx_sub_path() {
    local bundle="$1" base
    NGINX_DIRS=()
    base="$(start_nginx sub api-key "" "$bundle" /console/)"
    say "nginx serving the console under /console/ at $base"
    python3 "$ROOT/scripts/browser.py" "$base/console/jobs?page=2" --api-key demo-approver-key \
        --expect '.data-table tbody tr .job-link' --click '.data-table tbody tr .job-link' --then-expect '#facts-heading'
    expect_header "$base/console/jobs/some-job" Content-Type "text/html"
    stop_nginx_servers
}
