# shellcheck shell=bash disable=SC2034  # set for the scripts that source this
# Sourced by render-nginx-conf and the tests: where this machine's nginx keeps its files,
# read from `nginx -V` rather than assumed to be Debian's. Sets NGINX_PREFIX,
# NGINX_CONF_DIR, NGINX_MODULE_DIRECTIVES (lines that load the dynamic modules nginx.conf
# would load) and NGINX_HAS_BROTLI (1 when brotli_static is available).

nginx_build_flag() {
    nginx -V 2>&1 | tr ' ' '\n' | sed -n "s/^--$1=//p" | head -n 1
}

NGINX_PREFIX="$(nginx_build_flag prefix)"
NGINX_PREFIX="${NGINX_PREFIX:-/usr/local/nginx}"
conf_path="$(nginx_build_flag conf-path)"
NGINX_CONF_DIR="$(dirname "${conf_path:-$NGINX_PREFIX/conf/nginx.conf}")"
modules_path="$(nginx_build_flag modules-path)"
modules_path="${modules_path:-$NGINX_PREFIX/modules}"
if [ -d "$NGINX_CONF_DIR/modules-enabled" ]; then
    # Debian and Ubuntu: packaged modules enable themselves here.
    NGINX_MODULE_DIRECTIVES="include $NGINX_CONF_DIR/modules-enabled/*.conf;"
elif [ -f "$modules_path/ngx_http_brotli_static_module.so" ]; then
    NGINX_MODULE_DIRECTIVES="load_module $modules_path/ngx_http_brotli_static_module.so;"
else
    NGINX_MODULE_DIRECTIVES=""
fi
NGINX_HAS_BROTLI=0
if nginx -V 2>&1 | grep -q brotli || grep -qs brotli "$NGINX_CONF_DIR"/modules-enabled/*.conf \
    || [ -f "$modules_path/ngx_http_brotli_static_module.so" ]; then
    NGINX_HAS_BROTLI=1
fi
unset conf_path modules_path
