#!/usr/bin/env bash
# Proves the load engine against wrk: the same nginx (one worker pinned to core 0), the same load (64 keep-alive
# connections, one generator core), runs interleaved so machine drift spreads over both tools, ratios per round.
#   scripts/compare-wrk.sh                               3 rounds × (wrk 10 s, bench 10 s)
#   ROUNDS=5 DURATION=5s CONNECTIONS=64 SERVER_CPU=0 CLIENT_CPU=1 scripts/compare-wrk.sh
#   SERVER_QUOTA=40 scripts/compare-wrk.sh    nginx limited to 40 % of its core (cgroup v1 CFS quota): on a quiet
#                                             machine nginx outruns one generator core, this makes nginx the bottleneck
# Goals (bench/wrk): throughput >= 0.95, CPU per request <= 1.0, p50 and p99 within 10 %.
# CPU is measured the same way for both tools: user + system time of the whole process (/usr/bin/time), so bench's
# runtime start-up counts against it; bench's own in-window figure (--json generator.cpuSeconds) is shown beside it.
# Latency like with like: wrk prints its histogram after a coordinated-omission correction (stats_correct: synthetic
# samples every run-time/(requests/connections) below each long one), so the p50/p99 ratios use bench's histogram
# corrected the same way (--json latencyMsCorrectedLikeWrk); bench's raw percentiles are shown too.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/scripts/lib/nginx-hello.sh"
rounds="${ROUNDS:-3}"
duration="${DURATION:-10s}"
connections="${CONNECTIONS:-64}"
server_cpu="${SERVER_CPU:-0}"
client_cpu="${CLIENT_CPU:-1}"
server_quota="${SERVER_QUOTA:-}"

# --- tools ---------------------------------------------------------------------------------------------------
missing=()
for tool in wrk:wrk nginx:nginx-light /usr/bin/time:time jq:jq; do
  command -v "${tool%%:*}" >/dev/null 2>&1 || missing+=("${tool##*:}")
done
if ((${#missing[@]})); then
  [[ $(id -u) -eq 0 ]] || { echo "compare-wrk: need root to install: ${missing[*]}" >&2; exit 2; }
  echo "compare-wrk: installing ${missing[*]} …" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  # Debian starts nginx on install: stop that one by its pid file, never by name (other nginx may be ours to keep).
  if [[ -s /run/nginx.pid ]]; then kill "$(cat /run/nginx.pid)" 2>/dev/null || true; fi
fi

"$root/scripts/bench.sh" --help >/dev/null # builds when a source is newer than the binary
bench="$root/src/Bench/bin/Release/net10.0/Bench"

# --- nginx on its own config, port and temp dir; always stopped -----------------------------------------------
work="$(mktemp -d /tmp/bench-compare-wrk.XXXXXX)"
nginx_pid=""
cgroup=""
cleanup() {
  if [[ -n "$nginx_pid" ]]; then
    kill -TERM "$nginx_pid" 2>/dev/null || true
    wait "$nginx_pid" 2>/dev/null || true
  fi
  if [[ -n "$cgroup" ]]; then rmdir "$cgroup" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port=""
for _ in $(seq 1 50); do
  candidate=$((20000 + RANDOM % 20000))
  if [[ -z "$(ss -Htln "sport = :$candidate")" ]]; then port=$candidate; break; fi
done
[[ -n "$port" ]] || { echo "compare-wrk: no free loopback port found" >&2; exit 2; }

nginx_hello_conf "$work" "$port" "$server_cpu"
if [[ -n "$server_quota" ]]; then
  # Short periods keep each throttling pause under 1.5 ms: quota 1 ms per (100 / percent) ms.
  cgroup="/sys/fs/cgroup/cpu/bench-compare-wrk-$$"
  mkdir "$cgroup"
  echo $((100000 / server_quota)) >"$cgroup/cpu.cfs_period_us"
  echo 1000 >"$cgroup/cpu.cfs_quota_us"
fi
# The subshell joins the cgroup before it becomes nginx, so the master and the worker it forks are both limited.
(
  if [[ -n "$cgroup" ]]; then echo "$BASHPID" >"$cgroup/cgroup.procs"; fi
  exec taskset -c "$server_cpu" nginx -c "$work/nginx.conf" -p "$work"
) &
nginx_pid=$!
url="http://127.0.0.1:$port/hello"
for _ in $(seq 1 50); do
  [[ "$(curl -s "$url" 2>/dev/null)" == "Hello, World!" ]] && break
  sleep 0.1
done
[[ "$(curl -s "$url")" == "Hello, World!" ]] || { echo "compare-wrk: nginx did not start:"; cat "$work/error.log"; exit 3; } >&2

# --- one run of each tool: prints "rps requests p50 p99 cpu_process cpu_window mean raw_p50 raw_p99" (ms) -----
to_ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n *= 1; else if (v ~ /s$/) n *= 1000; printf "%.4f", n }'; }

run_wrk() {
  /usr/bin/time -f "%U %S" -o "$work/wrk.time" taskset -c "$client_cpu" \
    wrk -t1 -c"$connections" -d"$duration" --latency "$url" >"$work/wrk.out"
  grep -E "Socket errors|Non-2xx" "$work/wrk.out" | sed 's/^/  wrk: /' >&2 || true
  local rps requests p50 p99 cpu mean
  rps=$(awk '/^Requests\/sec/ { print $2 }' "$work/wrk.out")
  mean=$(to_ms "$(awk '$1 == "Latency" && NF >= 5 { print $2; exit }' "$work/wrk.out")")
  requests=$(awk '/requests in/ { print $1 }' "$work/wrk.out")
  p50=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$work/wrk.out")")
  p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$work/wrk.out")")
  cpu=$(tail -1 "$work/wrk.time" | awk '{ print $1 + $2 }')
  echo "$rps $requests $p50 $p99 $cpu - $mean - -"
}

run_bench() {
  local status=0
  /usr/bin/time -f "%U %S" -o "$work/bench.time" taskset -c "$client_cpu" \
    "$bench" load "$url" -c "$connections" -d "$duration" --cpus 1 --json "$work/bench.json" >"$work/bench.out" || status=$?
  if ((status != 0)); then
    echo "  bench: exit $status" >&2
    grep -E "errors|generator|schedule" "$work/bench.out" | sed 's/^/  bench: /' >&2 || true
  fi
  local errors
  errors=$(jq '.errorCount' "$work/bench.json")
  ((errors == 0)) || echo "  bench: $errors errors $(jq -c '.errors' "$work/bench.json")" >&2
  jq -r --arg cpu "$(tail -1 "$work/bench.time" | awk '{ print $1 + $2 }')" \
    '"\(.throughputRps) \(.requests) \(.latencyMsCorrectedLikeWrk.p50) \(.latencyMsCorrectedLikeWrk.p99) \($cpu) \(.generator.cpuSeconds) \(.latencyMs.mean) \(.latencyMs.p50) \(.latencyMs.p99)"' "$work/bench.json"
}

# --- rounds: wrk/bench, bench/wrk, … so drift spreads over both ----------------------------------------------
echo "nginx: 1 worker on CPU $server_cpu${server_quota:+ limited to $server_quota %} at $url; generators on CPU $client_cpu; $connections connections, $duration per run, $rounds rounds"
# "p50/p99 ms" are corrected like wrk's; "raw" are bench's measured ones. "X·mean" is Little's law on the printed
# mean: throughput × mean latency = the requests outstanding; above -c it shows synthetic samples (wrk's correction).
printf '%-6s %-6s %10s %10s %8s %8s %8s %8s %7s %16s %15s\n' round tool "req/s" requests "p50 ms" "p99 ms" "raw p50" "raw p99" "X·mean" "CPU-s/M process" "CPU-s/M window"
ratios=()
for round in $(seq 1 "$rounds"); do
  if ((round % 2)); then order=(wrk bench); else order=(bench wrk); fi
  declare -A result=()
  for tool in "${order[@]}"; do
    result[$tool]="$("run_$tool")"
    read -r rps requests p50 p99 cpu window mean raw50 raw99 <<<"${result[$tool]}"
    outstanding=$(awk -v x="$rps" -v m="$mean" 'BEGIN { printf "%.1f", x * m / 1000 }')
    per_m=$(awk -v c="$cpu" -v r="$requests" 'BEGIN { printf "%.2f", c / r * 1e6 }')
    per_m_window=$([[ "$window" == "-" ]] && echo "-" || awk -v c="$window" -v r="$requests" 'BEGIN { printf "%.2f", c / r * 1e6 }')
    printf '%-6s %-6s %10.0f %10d %8.3f %8.3f %8s %8s %7s %16s %15s\n' "$round" "$tool" "$rps" "$requests" "$p50" "$p99" "$raw50" "$raw99" "$outstanding" "$per_m" "$per_m_window"
  done
  read -r w_rps w_req w_p50 w_p99 w_cpu _ <<<"${result[wrk]}"
  read -r b_rps b_req b_p50 b_p99 b_cpu _ <<<"${result[bench]}"
  ratios+=("$(awk -v br="$b_rps" -v wr="$w_rps" -v bq="$b_req" -v wq="$w_req" -v bc="$b_cpu" -v wc="$w_cpu" \
    -v b50="$b_p50" -v w50="$w_p50" -v b99="$b_p99" -v w99="$w_p99" \
    'BEGIN { printf "%.3f %.3f %.3f %.3f", br / wr, (bc / bq) / (wc / wq), b50 / w50, b99 / w99 }')")
  unset result
done

echo
echo "bench/wrk per round (throughput, CPU per request, p50, p99 — both corrected like wrk):"
printf '  %s\n' "${ratios[@]}"
printf '%s\n' "${ratios[@]}" | awk '
  function median(col,   n, i, j, t, v) {
    n = 0; for (i = 1; i <= NR; i++) v[++n] = row[i, col]
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
    return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
  }
  { for (c = 1; c <= 4; c++) row[NR, c] = $c }
  END {
    t = median(1); c = median(2); p50 = median(3); p99 = median(4)
    printf "median: throughput %.3f (goal >= 0.95: %s), CPU per request %.3f (goal <= 1.0: %s), p50 %.3f, p99 %.3f (goal 0.9-1.1: %s, %s)\n",
      t, (t >= 0.95 ? "met" : "MISSED"), c, (c <= 1.0 ? "met" : "MISSED"),
      p50, p99, (p50 >= 0.9 && p50 <= 1.1) ? "met" : "MISSED", (p99 >= 0.9 && p99 <= 1.1) ? "met" : "MISSED"
  }'
