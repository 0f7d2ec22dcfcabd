#!/usr/bin/env bash
# Installs the Debian packages Bench's tests and benchmarks use, when missing. Idempotent.
#   scripts/setup.sh          packages for the tests (wrk, nginx-light, chromium for the report's browser test)
set -euo pipefail

packages=(wrk nginx-light chromium)
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
fi
