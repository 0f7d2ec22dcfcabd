#!/usr/bin/env bash
# Micro-benchmarks (benchmarks/Bench.Micro, BenchmarkDotNet) with a short job, in process:
#   scripts/micro.sh [out-folder] [filter]
#     out-folder  default results/micro-<yyyyMMdd-HHmmss>; give a run folder (results/<run>/) and its report shows
#                 them: `bench report <run-folder>` (or `bench run --out <run-folder>` run afterwards)
#     filter      BenchmarkDotNet's --filter glob, default '*' (e.g. '*ThreadHandoff*')
# Writes <out-folder>/micro.json (Bench's summary: per benchmark what one op is, mean and error in ns, bytes
# allocated; BenchmarkDotNet's version, the job, the date) and <out-folder>/micro/ (BenchmarkDotNet's own exports:
# results/*-report-full-compressed.json, CSV, Markdown, HTML, and its log). Every benchmark, about 3 minutes here.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
project="$root/benchmarks/Bench.Micro"
dll="$project/bin/Release/net10.0/Bench.Micro.dll"

if (($# > 2)) || [[ "${1:-}" == -* ]]; then
  echo "usage: scripts/micro.sh [out-folder] [filter]" >&2
  exit 2
fi

out="${1:-$root/results/micro-$(date +%Y%m%d-%H%M%S)}"
filter="${2:-*}"

needs_build() {
  [[ ! -f "$dll" ]] && return 0
  [[ -n "$(find "$root/benchmarks" "$root/src" "$root/targets" "$root"/Directory.*.props "$root/global.json" \
      \( -name bin -o -name obj \) -prune -o -type f -newer "$dll" -print -quit)" ]]
}

if needs_build; then
  echo "micro: building (Release) …" >&2
  if ! dotnet build "$project/Bench.Micro.csproj" -c Release --nologo -v quiet -clp:ErrorsOnly >&2; then
    echo "micro: build failed" >&2
    exit 2
  fi
  touch "$dll"
fi

mkdir -p "$out"
start=$SECONDS
# ShortRun (3 warm-ups, 3 iterations, one launch) in this process: no project generated and built per benchmark.
dotnet "$dll" --filter "$filter" --job short --inProcess --exporters json \
  --artifacts "$out/micro" --micro-json "$out/micro.json"
echo "micro: $out/micro.json ($((SECONDS - start)) s)"
