#!/usr/bin/env bash
# Benchmark: every Bench.Targets model against nginx (one worker) on GET /hello, keep-alive.
# Each server is pinned to core 0, wrk -t1 to core 1; 64 connections, 10 s each (after a 2 s warm-up).
# Rounds are interleaved (A B C, A B C, …) so drift spreads over all servers; ratios are to nginx of the same round.
#   scripts/bench-targets.sh [rounds=1] [duration=10s] [connections=64]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/scripts/lib/nginx-hello.sh"
rounds="${1:-1}"; duration="${2:-10s}"; connections="${3:-64}"

for tool in wrk nginx; do
  command -v "$tool" >/dev/null || "$root/scripts/setup.sh"
done
dotnet build "$root/targets/Bench.Targets/Bench.Targets.csproj" -c Release --nologo -v quiet -clp:ErrorsOnly >/dev/null
bin="$root/targets/Bench.Targets/bin/Release/net10.0/Bench.Targets"

work="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT INT TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

start_nginx() {
  nginx_hello_conf "$work/nginx" "$1"
  taskset -c 0 nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" &
  pids+=($!)
}

# name → how to start it on a port; prints nothing, leaves its pid in pids[]
start_server() {
  local name="$1" port="$2"
  case "$name" in
    nginx) start_nginx "$port" ;;
    async-inline) DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1 taskset -c 0 "$bin" --model async --port "$port" >/dev/null & pids+=($!) ;;
    *) taskset -c 0 "$bin" --model "$name" --port "$port" >/dev/null 2>>"$work/$name.err" & pids+=($!) ;;
  esac
  for _ in $(seq 100); do
    curl -fs "http://127.0.0.1:$port/hello" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "server $name did not start" >&2; return 1
}

stop_server() {
  local pid="${pids[-1]}"
  kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
  unset 'pids[-1]'
}

servers=(nginx sync threads pool async async-inline eventloop callbacks kestrel)
declare -A total
printf "%-14s %6s %12s %10s %10s %8s\n" server round "requests/s" "p50" "p99" "x nginx"
for round in $(seq "$rounds"); do
  nginx_rps=""
  for name in "${servers[@]}"; do
    port="$(free_port)"
    start_server "$name" "$port"
    taskset -c 1 wrk -t1 -c"$connections" -d2s "http://127.0.0.1:$port/hello" >/dev/null  # warm-up (JIT, pools)
    out="$(taskset -c 1 wrk -t1 -c"$connections" -d"$duration" --latency "http://127.0.0.1:$port/hello")"
    if ! kill -0 "${pids[-1]}" 2>/dev/null; then
      echo "server $name died during the run; its stderr:" >&2; cat "$work/$name.err" >&2 2>/dev/null || true; exit 1
    fi
    stop_server
    rps="$(awk '/Requests\/sec/ {print $2}' <<<"$out")"
    p50="$(awk '$1=="50%" {print $2}' <<<"$out")"
    p99="$(awk '$1=="99%" {print $2}' <<<"$out")"
    [[ "$name" == nginx ]] && nginx_rps="$rps"
    ratio="$(awk -v a="$rps" -v b="$nginx_rps" 'BEGIN {printf "%.2f", a / b}')"
    total[$name]="${total[$name]:-} $ratio"
    printf "%-14s %6s %12.0f %10s %10s %8s\n" "$name" "$round" "$rps" "$p50" "$p99" "$ratio"
  done
done
if (( rounds > 1 )); then
  echo; echo "ratio to nginx per round (min … max):"
  for name in "${servers[@]}"; do
    printf "%-14s %s\n" "$name" "$(tr ' ' '\n' <<<"${total[$name]}" | sort -n | sed '/^$/d' | paste -sd' ')"
  done
fi
