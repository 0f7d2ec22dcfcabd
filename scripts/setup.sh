#!/usr/bin/env bash
# Installs what Bench's tests and benchmarks use, when missing. Idempotent.
#   scripts/setup.sh          packages for the tests (wrk, nginx-light, chromium for the report's browser test, python3-uvloop
#                             for the py-uvloop-protocol target, python3-flask and gunicorn for the flask-* targets; the
#                             stack's pieces: redis-server and python3-redis, haproxy, rabbitmq-server, python3-pika and
#                             python3-aio-pika — Bench starts each server itself, in its own folder, never as a service)
#   scripts/setup.sh docker   also Debian's docker.io, and starts an engine when none answers (host networking only:
#                             dockerd --bridge=none --iptables=false --ip-masq=false; log in /var/log/bench-dockerd.log)
set -euo pipefail

packages=(wrk nginx-light chromium python3-uvloop python3-flask gunicorn redis-server python3-redis haproxy rabbitmq-server python3-pika python3-aio-pika)
[[ "${1:-}" == docker ]] && packages+=(docker.io)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done

if ((${#missing[@]})); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "setup: need root to install: ${missing[*]}" >&2
    exit 2
  fi
  echo "setup: installing ${missing[*]} …"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  # Debian starts nginx on install; Bench runs its own instances on loopback only.
  if command -v systemctl >/dev/null && systemctl is-active --quiet nginx 2>/dev/null; then systemctl stop nginx || true; fi
  pkill -x nginx 2>/dev/null || true
  # The same for the stack's servers, where an init started them: Bench starts its own, on ports of its own.
  for service in redis-server haproxy rabbitmq-server; do
    if command -v systemctl >/dev/null && systemctl is-active --quiet "$service" 2>/dev/null; then systemctl stop "$service" || true; fi
  done
fi

if [[ "${1:-}" == docker ]]; then
  if docker version --format '{{.Server.Version}}' >/dev/null 2>&1; then
    exit 0
  fi
  echo "setup: starting the Docker engine …"
  nohup dockerd --bridge=none --iptables=false --ip-masq=false >/var/log/bench-dockerd.log 2>&1 &
  for _ in $(seq 60); do
    docker version --format '{{.Server.Version}}' >/dev/null 2>&1 && { echo "setup: Docker engine $(docker version --format '{{.Server.Version}}') ready"; exit 0; }
    sleep 0.5
  done
  echo "setup: the Docker engine did not start; see /var/log/bench-dockerd.log" >&2
  exit 1
fi
