#!/usr/bin/env bash
# What a CI job calls to gate on performance: `bench run <scenarios> --gate`, with its exit code passed through:
# 0 every gate passed, 1 a gate failed, 2 bad input (a scenario or gate error, no baseline), 3 the run is invalid for
# gating (a target failed verification, the generator saturated, a rate was not reached, the run did not finish).
#
#   scripts/ci-gate.sh [scenario files…]        default: scenarios/ci-gate.yaml
#
# BENCH_OUT        the run folder (default: results/ci-gate-<UTC time>); gates.junit.xml and gates.md are written into it
# BENCH_BASELINES  the baselines regression gates compare with (default: results/baselines)
# GITHUB_STEP_SUMMARY, when set (GitHub Actions), gets the gates' Markdown appended.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

files=("$@")
(( ${#files[@]} > 0 )) || files=(scenarios/ci-gate.yaml)
out="${BENCH_OUT:-results/ci-gate-$(date -u +%Y%m%d-%H%M%S)}"
baselines="${BENCH_BASELINES:-results/baselines}"
bench="${BENCH:-$root/scripts/bench.sh}"   # tests put a stand-in here

# A CI log has no terminal width; Spectre would wrap the gate table at 80 columns.
export COLUMNS="${COLUMNS:-160}"

"$bench" run "${files[@]}" --out "$out" --gate --baseline "$baselines" --junit "$out/gates.junit.xml" --markdown "$out/gates.md"
status=$?
case "$status" in
  0) verdict="every gate passed" ;;
  1) verdict="a gate failed" ;;
  2) verdict="bad input: a scenario, gate or baseline error (see above)" ;;
  3) verdict="the run is invalid for gating (see above)" ;;
  130) verdict="interrupted" ;;
  *) verdict="unexpected exit code" ;;
esac
where=""
[[ -f "$out/results.json" ]] && where="; results in $out"
echo "ci-gate: $verdict (exit $status)$where"
exit "$status"
