#!/usr/bin/env bash
# A code-first HTTP scenario (Bench.Sdk with HttpClient, samples/HttpScenario) against `bench load` on the same target in
# the same run: the async target on core 0, each generator in turn on core 1, GET /hello, 16 connections / copies, 5 s
# after 1 s of warm-up. Prints each one's throughput and generator CPU per request, and the ratios (docs/sdk.md).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
dotnet build Bench.sln -c Release --nologo -v quiet -clp:ErrorsOnly
work="$(mktemp -d)"
targets="targets/Bench.Targets/bin/Release/net10.0/Bench.Targets"
taskset -c 0 "$targets" --model async --port 0 >"$work/target.txt" 2>/dev/null &
target=$!
trap 'kill $target 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 50); do grep -q listening "$work/target.txt" && break; sleep 0.1; done
url="$(grep -o 'http://127.0.0.1:[0-9]*' "$work/target.txt")"
taskset -c 1 src/Bench/bin/Release/net10.0/Bench load "$url/hello" -c 16 -d 5s --warmup 1s --json "$work/load.json" >/dev/null || true
HTTP_SCENARIO_URL="$url" taskset -c 1 samples/HttpScenario/bin/Release/net10.0/HttpScenario --out "$work/sdk" >/dev/null 2>&1 || true
python3 - "$work/load.json" "$work/sdk/results.json" <<'PY'
import json, sys
load = json.load(open(sys.argv[1]))
sdk = json.load(open(sys.argv[2]))["scenarios"][0]["results"][0]
l_rps, l_us = load["throughputRps"], load["generator"]["cpuSeconds"] * 1e6 / max(1, load["requests"] + load["errorCount"])
s_rps, s_us = sdk["throughputRps"], sdk["generator"]["cpuSeconds"] * 1e6 / max(1, sdk["requests"] + sdk["errorCount"])
print(f"bench load      {l_rps:10.0f} req/s  {l_us:6.1f} µs generator CPU per request")
print(f"Bench.Sdk+HttpClient {s_rps:5.0f} req/s  {s_us:6.1f} µs generator CPU per request  (level valid: {sdk['valid']}; {sdk['invalidReason'] or ''})")
print(f"ratio: {s_rps / l_rps:.2f}x the throughput, {s_us / l_us:.1f}x the CPU per request (goal: >= 0.8x and <= 1.5x)")
PY
