# nginx.sh: start/stop a throwaway nginx serving a folder on 127.0.0.1 for
# benchmarks. Source it, then: nginx_start DIR PORT; ...; nginx_stop.
# Directory URLs serve index.html; access log off; one worker.
nginx_start() {
  local root; root=$(cd "$1" && pwd); local port=$2
  NGINX_DIR=$(mktemp -d /tmp/winnow-nginx.XXXXXX)
  mkdir -p "$NGINX_DIR/tmp"
  cat > "$NGINX_DIR/nginx.conf" <<CONF
worker_processes 1;
pid $NGINX_DIR/nginx.pid;
error_log $NGINX_DIR/error.log;
daemon on;
events { worker_connections 256; }
http {
  include /etc/nginx/mime.types;
  access_log off;
  client_body_temp_path $NGINX_DIR/tmp; proxy_temp_path $NGINX_DIR/tmp;
  fastcgi_temp_path $NGINX_DIR/tmp; uwsgi_temp_path $NGINX_DIR/tmp; scgi_temp_path $NGINX_DIR/tmp;
  server { listen 127.0.0.1:$port; root $root; index index.html; }
}
CONF
  nginx -c "$NGINX_DIR/nginx.conf" -p "$NGINX_DIR"
}
nginx_stop() {
  [ -n "${NGINX_DIR:-}" ] && [ -f "$NGINX_DIR/nginx.pid" ] && kill "$(cat "$NGINX_DIR/nginx.pid")"
  rm -rf "${NGINX_DIR:-/nonexistent}"
}
