# Sourced by the benchmark scripts that measure against nginx (bench-targets.sh, compare-wrk.sh), so
# all measure the same server: one worker, keep-alive without a request limit, no access log, GET /hello answered
# "Hello, World!" from the config itself, every path of its own under one folder, bound to 127.0.0.1 only.
#   nginx_hello_conf DIR PORT [CPU]   writes DIR/nginx.conf (CPU: pin the worker to that core); run it in the foreground:
#                                     nginx -p DIR -c DIR/nginx.conf
nginx_hello_conf() {
  local dir="$1" port="$2" cpu="${3:-}" affinity=""
  if [[ -n "$cpu" ]]; then
    local mask="1" # worker_cpu_affinity wants a bit string: CPU n is a 1 followed by n zeros
    for ((i = 0; i < cpu; i++)); do mask+="0"; done
    affinity="worker_cpu_affinity $mask;"
  fi
  mkdir -p "$dir/logs" # nginx opens <prefix>/logs/error.log before it reads the config
  cat >"$dir/nginx.conf" <<CONF
worker_processes 1;
$affinity
daemon off;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 10000000;
  client_body_temp_path $dir/body;
  proxy_temp_path $dir/proxy;
  fastcgi_temp_path $dir/fastcgi;
  uwsgi_temp_path $dir/uwsgi;
  scgi_temp_path $dir/scgi;
  server {
    listen 127.0.0.1:$port;
    location = /hello { default_type text/plain; return 200 "Hello, World!"; }
  }
}
CONF
}
