#!/usr/bin/env bash
# Benchmark: targets (C# models, Python models) against nginx (one worker) on GET /hello, keep-alive, at half a core.
# Each server runs pinned to core 0 in a cgroup of its own with a CPU quota of half a core (50000 µs per 100000 µs:
# cgroup v1's cfs_quota_us/cfs_period_us, or v2's cpu.max); wrk -t1 runs on core 1. 2 s of warm-up, then the measured run.
# Rounds are interleaved (A B C, A B C, …) so drift spreads over all servers; ratios are to nginx of the same round.
# CPU per request is the server's whole process tree (utime + stime from /proc/<pid>/stat) over the measured run,
# divided by the requests wrk counted. On a shared machine it is the steadier figure: other work on core 0 takes CPU
# time from a server (requests/s falls, and the ratio says more about when each server ran than about the server)
# while its cost per request barely moves. So each row also has "x nginx by CPU", nginx's CPU per request in the same
# round over the server's: the ratio of requests/s both would reach if the quota were all that limited them.
#   scripts/bench-targets.sh [rounds=1] [duration=8s] [connections=64] [server…]
# Servers: nginx, py-<model> (serve.py's), a Bench.Targets model (sync … kestrel, async-inline; built first), default:
# nginx py-asyncio-protocol py-asyncio-streams py-uvloop-protocol py-callbacks py-generators py-threads py-sync (nginx
# always runs, first, since every ratio is to it). PYTHON picks the interpreter (default /usr/bin/python3, whose
# modules Debian's python3-uvloop installs into).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/scripts/lib/nginx-hello.sh"
rounds="${1:-1}"; duration="${2:-8s}"; connections="${3:-64}"
shift $(( $# < 3 ? $# : 3 ))
python="${PYTHON:-/usr/bin/python3}"
targets_bin="$root/targets/Bench.Targets/bin/Release/net10.0/Bench.Targets"
quota_us=50000; period_us=100000
# cgroup v1's cpu controller (this machine), else v2's unified hierarchy with the cpu controller enabled for children
# (current distributions and hosted CI runners).
if [[ -w /sys/fs/cgroup/cpu/cgroup.procs ]]; then
  cpu_root=/sys/fs/cgroup/cpu; cgroup_v=1
elif [[ -w /sys/fs/cgroup/cgroup.subtree_control ]] && grep -qw cpu /sys/fs/cgroup/cgroup.subtree_control; then
  cpu_root=/sys/fs/cgroup; cgroup_v=2
else
  cpu_root=""; cgroup_v=""
fi

for tool in wrk nginx taskset; do
  if ! command -v "$tool" >/dev/null; then
    echo "bench-targets.sh: $tool not found (scripts/setup.sh installs it)" >&2; exit 2
  fi
done
[[ -n "$cpu_root" ]] || {
  echo "bench-targets.sh: no cgroup cpu controller to write (v1 /sys/fs/cgroup/cpu, or v2 with cpu in" \
    "/sys/fs/cgroup/cgroup.subtree_control): run as root" >&2; exit 2; }

work="$(mktemp -d)"
pid=""      # the running server (the shell that moved itself into the cgroup, then exec'd the server)
group=""    # its cgroup
stop_server() {
  if [[ -n "$pid" ]]; then
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    pid=""
  fi
  if [[ -n "$group" ]]; then
    # nginx's worker may outlive its master by a moment; the group cannot be removed while it holds a task.
    for _ in $(seq 50); do
      [[ -s "$group/cgroup.procs" ]] || break
      while read -r p; do kill "$p" 2>/dev/null || true; done <"$group/cgroup.procs"
      sleep 0.1
    done
    rmdir "$group" 2>/dev/null || echo "bench-targets.sh: could not remove $group" >&2
    group=""
  fi
}
cleanup() { stop_server; rm -rf "$work"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { "$python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# Starts server $1 on port $2 inside a fresh cgroup: the shell joins the group, then execs the server, so every
# process it forks (nginx's worker) is in the group and under the quota from its first instruction.
start_server() {
  local name="$1" port="$2"
  group="$cpu_root/bench-targets-$$-$name"
  mkdir "$group"
  if [[ "$cgroup_v" == 1 ]]; then
    echo "$period_us" >"$group/cpu.cfs_period_us"
    echo "$quota_us" >"$group/cpu.cfs_quota_us"
  else
    echo "$quota_us $period_us" >"$group/cpu.max"
  fi
  local -a cmd
  case "$name" in
    nginx) nginx_hello_conf "$work/nginx" "$port"; cmd=(nginx -p "$work/nginx" -c "$work/nginx/nginx.conf") ;;
    py-*) cmd=("$python" "$root/targets/python/serve.py" --model "${name#py-}" --port "$port") ;;
    async-inline) cmd=(env DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1 "$targets_bin" --model async --port "$port") ;;
    sync|threads|pool|async|callbacks|generators|eventloop|kestrel) cmd=("$targets_bin" --model "$name" --port "$port") ;;
    *) echo "bench-targets.sh: unknown server '$name'" >&2; exit 2 ;;
  esac
  sh -c 'echo $$ >"$1/cgroup.procs" && shift && exec taskset -c 0 "$@"' sh "$group" "${cmd[@]}" \
    >/dev/null 2>>"$work/$name.err" &
  pid=$!
  for _ in $(seq 100); do
    curl -fs "http://127.0.0.1:$port/hello" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "server $name did not start; its stderr:" >&2; cat "$work/$name.err" >&2 2>/dev/null || true; exit 1
}

# CPU ticks (utime + stime) of every process in the server's cgroup (nginx: master and worker; threads included).
cpu_ticks() {
  local total=0 p stat
  while read -r p; do
    stat="$(cat "/proc/$p/stat" 2>/dev/null)" || continue
    stat="${stat##*) }"   # the fields after "(comm) ", so field 14 (utime) is the 12th here
    read -r -a f <<<"$stat"
    total=$(( total + f[11] + f[12] ))
  done <"$group/cgroup.procs"
  echo "$total"
}

servers=(nginx)
if (( $# )); then
  for s in "$@"; do [[ "$s" == nginx ]] || servers+=("$s"); done
else
  servers+=(py-asyncio-protocol py-asyncio-streams py-uvloop-protocol py-callbacks py-generators py-threads py-sync)
fi
hz="$(getconf CLK_TCK)"
declare -A ratios cpus cpu_ratios
echo "half a core each ($quota_us/$period_us µs), pinned to core 0;" \
  "wrk -t1 -c$connections -d$duration on core 1; $("$python" -V)"
printf "%-20s %5s %11s %9s %9s %8s %10s %8s\n" server round "requests/s" p50 p99 "x nginx" "CPU µs/req" "by CPU"
for round in $(seq "$rounds"); do
  nginx_rps=""; nginx_cpu=""
  for name in "${servers[@]}"; do
    port="$(free_port)"
    start_server "$name" "$port"
    taskset -c 1 wrk -t1 -c"$connections" -d2s "http://127.0.0.1:$port/hello" >/dev/null  # warm-up
    before="$(cpu_ticks)"
    out="$(taskset -c 1 wrk -t1 -c"$connections" -d"$duration" --latency "http://127.0.0.1:$port/hello")"
    after="$(cpu_ticks)"
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "server $name died during the run; its stderr:" >&2; cat "$work/$name.err" >&2 2>/dev/null || true; exit 1
    fi
    stop_server
    rps="$(awk '/Requests\/sec/ {print $2}' <<<"$out")"
    requests="$(awk '/requests in/ {print $1}' <<<"$out")"
    p50="$(awk '$1=="50%" {print $2}' <<<"$out")"
    p99="$(awk '$1=="99%" {print $2}' <<<"$out")"
    [[ "$name" == nginx ]] && nginx_rps="$rps"
    ratio="$(awk -v a="$rps" -v b="$nginx_rps" 'BEGIN {printf "%.2f", a / b}')"
    cpu="$(awk -v t=$(( after - before )) -v hz="$hz" -v n="$requests" \
      'BEGIN {printf "%.1f", n ? t / hz * 1e6 / n : 0}')"
    [[ "$name" == nginx ]] && nginx_cpu="$cpu"
    cpu_ratio="$(awk -v a="$nginx_cpu" -v b="$cpu" 'BEGIN {printf "%.2f", (b > 0) ? a / b : 0}')"
    ratios[$name]="${ratios[$name]:-} $ratio"
    cpus[$name]="${cpus[$name]:-} $cpu"
    cpu_ratios[$name]="${cpu_ratios[$name]:-} $cpu_ratio"
    printf "%-20s %5s %11.0f %9s %9s %8s %10s %8s\n" "$name" "$round" "$rps" "$p50" "$p99" "$ratio" "$cpu" "$cpu_ratio"
  done
done
if (( rounds > 1 )); then
  sorted() { tr ' ' '\n' <<<"$1" | sed '/^$/d' | sort -n | paste -sd' '; }
  echo; echo "per round, sorted: x nginx (requests/s) | CPU µs per request | x nginx by CPU"
  for name in "${servers[@]}"; do
    printf "%-20s %-24s| %-24s| %s\n" "$name" "$(sorted "${ratios[$name]}")" "$(sorted "${cpus[$name]}")" \
      "$(sorted "${cpu_ratios[$name]}")"
  done
fi
