#!/usr/bin/env bash
# Three HTTP generators on the same target (docs/sdk.md): `bench load`, a code-first scenario with Bench's raw HTTP
# helper (Bench.Sdk's Http.Send) and one with HttpClient (samples/HttpScenario with HTTP_SCENARIO_URL set).
# The async target on core 0, each generator in turn on core 1, closed load for 5 s after 1 s of warm-up, on
# GET /hello (16 connections / copies) and GET /io?ms=10 (64). Each round starts a fresh target (one process serving
# many runs changes pace between them) and alternates the generators' order (odd rounds bench load first, even rounds
# last), so neither the target's drift nor the order favours one generator. Prints each run's throughput, its
# generator CPU per request and its ratios to the round's `bench load`, then the median ratios over the rounds (the
# issue's goal: >= 0.8x the throughput at <= 1.5x the CPU per request).
# Usage: scripts/sdk-vs-load.sh [rounds]   (default 1)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
rounds="${1:-1}"
dotnet build Bench.sln -c Release --nologo -v quiet -clp:ErrorsOnly >/dev/null
work="$(mktemp -d)"
targets="targets/Bench.Targets/bin/Release/net10.0/Bench.Targets"
target=""
stop_target() { if [ -n "$target" ]; then kill "$target" 2>/dev/null || true; wait "$target" 2>/dev/null || true; target=""; fi; }
trap 'stop_target; rm -rf "$work"' EXIT
start_target() {
  taskset -c 0 "$targets" --model async --port 0 >"$work/target.txt" 2>/dev/null &
  target=$!
  for _ in $(seq 50); do grep -q listening "$work/target.txt" && break; sleep 0.1; done
  url="$(grep -o 'http://127.0.0.1:[0-9]*' "$work/target.txt")"
}
generate() { # generator path copies run
  case "$1" in
    load) taskset -c 1 src/Bench/bin/Release/net10.0/Bench load "$url$2" -c "$3" -d 5s --warmup 1s \
            --json "$work/$4-load.json" >/dev/null || true ;;
    *) HTTP_SCENARIO_URL="$url$2" HTTP_SCENARIO_COPIES="$3" HTTP_SCENARIO_CLIENT="$1" taskset -c 1 \
         samples/HttpScenario/bin/Release/net10.0/HttpScenario --out "$work/$4-$1" >/dev/null 2>&1 || true ;;
  esac
}
run=0
for round in $(seq "$rounds"); do
  start_target
  if [ $((round % 2)) -eq 1 ]; then order="load raw httpclient"; else order="raw httpclient load"; fi
  for spec in "/hello 16" "/io?ms=10 64"; do
    read -r path copies <<<"$spec"
    run=$((run + 1))
    for generator in $order; do generate "$generator" "$path" "$copies" "$run"; done
    echo "$round $path $copies $work/$run-load.json $work/$run-raw/results.json $work/$run-httpclient/results.json" >>"$work/runs.txt"
  done
  stop_target
done
python3 - "$work/runs.txt" <<'PY'
import json, statistics, sys
def per_request(cpu_seconds, count):
    return cpu_seconds * 1e6 / max(1, count)
ratios = {}
print(f"{'round':<5} {'path':<11} {'generator':<26} {'req/s':>8} {'CPU µs/req':>10} {'× load rps':>10} {'× load CPU':>10}  level")
for line in open(sys.argv[1]):
    round_, path, copies, load_file, raw_file, client_file = line.split()
    try:
        load = json.load(open(load_file))
    except (OSError, ValueError):
        print(f"{round_:<5} {path:<11} bench load: no results")
        continue
    l_rps = load["throughputRps"]
    l_us = per_request(load["generator"]["cpuSeconds"], load["requests"] + load["errorCount"])
    state = "saturated" if load["generator"].get("saturated") else "valid"
    print(f"{round_:<5} {path:<11} {'bench load -c ' + copies:<26} {l_rps:8.0f} {l_us:10.1f} {'1.00':>10} {'1.0':>10}  {state}")
    for name, file in (("Http.Send (raw)", raw_file), ("HttpClient", client_file)):
        label = f"{name}, {copies} copies"
        try:
            level = json.load(open(file))["scenarios"][0]["results"][0]
        except (OSError, ValueError, IndexError, KeyError):
            print(f"{round_:<5} {path:<11} {label:<26} (no results)")
            continue
        rps = level["throughputRps"]
        us = per_request(level["generator"]["cpuSeconds"], level["requests"] + level["errorCount"])
        state = "valid" if level["valid"] else (level["invalidReason"] or "invalid")
        print(f"{round_:<5} {path:<11} {label:<26} {rps:8.0f} {us:10.1f} {rps / l_rps:10.2f} {us / l_us:10.1f}  {state}")
        ratios.setdefault((path, name), []).append((rps / l_rps, us / l_us))
print()
print(f"{'path':<11} {'generator':<18} {'rounds':>6} {'median × rps':>12} {'range × rps':>14} {'median × CPU':>12} {'range × CPU':>14}")
for (path, name), values in ratios.items():
    rps = [v[0] for v in values]
    cpu = [v[1] for v in values]
    print(f"{path:<11} {name:<18} {len(values):6d} {statistics.median(rps):12.2f} {min(rps):6.2f} – {max(rps):5.2f}"
          f" {statistics.median(cpu):12.2f} {min(cpu):6.2f} – {max(cpu):5.2f}")
PY
