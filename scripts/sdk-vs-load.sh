#!/usr/bin/env bash
# Three HTTP generators on the same target in one run (docs/sdk.md): `bench load`, a code-first scenario with Bench's
# raw HTTP helper (Bench.Sdk's Http.Send) and one with HttpClient (samples/HttpScenario with HTTP_SCENARIO_URL set).
# The async target on core 0, each generator in turn on core 1, closed load for 5 s after 1 s of warm-up, on
# GET /hello (16 connections / copies) and GET /io?ms=10 (64). Prints each one's throughput, its generator CPU per
# request, and its ratios to `bench load` (the issue's goal: >= 0.8x the throughput at <= 1.5x the CPU per request).
# Usage: scripts/sdk-vs-load.sh [rounds]   (default 1; more rounds interleave the generators again)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
rounds="${1:-1}"
dotnet build Bench.sln -c Release --nologo -v quiet -clp:ErrorsOnly >/dev/null
work="$(mktemp -d)"
targets="targets/Bench.Targets/bin/Release/net10.0/Bench.Targets"
taskset -c 0 "$targets" --model async --port 0 >"$work/target.txt" 2>/dev/null &
target=$!
trap 'kill $target 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 50); do grep -q listening "$work/target.txt" && break; sleep 0.1; done
url="$(grep -o 'http://127.0.0.1:[0-9]*' "$work/target.txt")"
run=0
for round in $(seq "$rounds"); do
  for spec in "/hello 16" "/io?ms=10 64"; do
    read -r path copies <<<"$spec"
    run=$((run + 1))
    taskset -c 1 src/Bench/bin/Release/net10.0/Bench load "$url$path" -c "$copies" -d 5s --warmup 1s --json "$work/$run-load.json" >/dev/null || true
    for client in raw httpclient; do
      HTTP_SCENARIO_URL="$url$path" HTTP_SCENARIO_COPIES="$copies" HTTP_SCENARIO_CLIENT="$client" taskset -c 1 \
        samples/HttpScenario/bin/Release/net10.0/HttpScenario --out "$work/$run-$client" >/dev/null 2>&1 || true
    done
    echo "$path $copies $work/$run-load.json $work/$run-raw/results.json $work/$run-httpclient/results.json" >>"$work/runs.txt"
  done
done
python3 - "$work/runs.txt" <<'PY'
import json, sys
def per_request(cpu_seconds, count):
    return cpu_seconds * 1e6 / max(1, count)
print(f"{'path':<11} {'generator':<22} {'req/s':>8} {'CPU µs/req':>10} {'× load rps':>10} {'× load CPU':>10}  level")
for line in open(sys.argv[1]):
    path, copies, load_file, raw_file, client_file = line.split()
    load = json.load(open(load_file))
    l_rps = load["throughputRps"]
    l_us = per_request(load["generator"]["cpuSeconds"], load["requests"] + load["errorCount"])
    print(f"{path:<11} {'bench load -c ' + copies:<22} {l_rps:8.0f} {l_us:10.1f} {'1.00':>10} {'1.0':>10}  {'saturated' if load['generator'].get('saturated') else 'valid'}")
    for name, file in (("Http.Send (raw)", raw_file), ("HttpClient", client_file)):
        try:
            level = json.load(open(file))["scenarios"][0]["results"][0]
        except (OSError, ValueError, IndexError, KeyError):
            print(f"{path:<11} {name:<22} (no results)")
            continue
        rps = level["throughputRps"]
        us = per_request(level["generator"]["cpuSeconds"], level["requests"] + level["errorCount"])
        state = "valid" if level["valid"] else (level["invalidReason"] or "invalid")
        print(f"{path:<11} {name + ', ' + copies + ' copies':<22} {rps:8.0f} {us:10.1f} {rps / l_rps:10.2f} {us / l_us:10.1f}  {state}")
PY
