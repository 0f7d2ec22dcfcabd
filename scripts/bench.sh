#!/usr/bin/env bash
# Runs the `bench` CLI, building the solution (Release) first when any source is newer than the binary.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="$root/src/Bench/bin/Release/net10.0/Bench"

needs_build() {
  [[ ! -x "$bin" ]] && return 0
  [[ -n "$(find "$root/src" "$root/targets" "$root"/Directory.*.props "$root/global.json" \
      \( -name bin -o -name obj \) -prune -o -type f -newer "$bin" -print -quit)" ]]
}

if needs_build; then
  echo "bench: building (Release) …" >&2
  if ! dotnet build "$root/src/Bench/Bench.csproj" -c Release --nologo -v quiet -clp:ErrorsOnly >&2; then
    echo "bench: build failed" >&2
    exit 2
  fi
  touch "$bin"
fi

exec "$bin" "$@"
