#!/usr/bin/env bash
# Reads a test run's results and says how it went: test-outcome.sh <results-dir> <expected-skips-file> [extra-failures]
#   <results-dir>/<project>.exit  the test runner's exit code, one file per project that was run
#   <results-dir>/<project>.trx   its results (xunit's TRX), when it got as far as writing them
#   <expected-skips-file>         tests that may be skipped anywhere, one per line: "<full test name> <reason>"
# Prints every skipped test (expected ones with their listed reason) and ends with "tests: N passed, N failed, N skipped".
# Failed counts failed tests, errors (a runner that crashed, wrote no results, or exited non-zero with nothing failed;
# a TRX that counts errors, timeouts or aborts) and extra-failures (scripts/test.sh's leftover checks). Under CI (CI set,
# not "false") a skip not in the list is a failure: there every prerequisite is installed, so a skip hides a broken step.
# Exit 0 when nothing failed and something passed, 1 otherwise.
set -uo pipefail
results="$1"; expected_file="$2"; failed="${3:-0}"
passed=0; skipped=0
ci=false; [[ -n "${CI:-}" && "${CI,,}" != "false" && "${CI}" != "0" ]] && ci=true

declare -A expected=()
if [[ -f "$expected_file" ]]; then
  while read -r name reason; do
    [[ -z "$name" || "$name" == \#* ]] && continue
    expected["$name"]="$reason"
  done < "$expected_file"
fi

attr() { sed -n "s/.* $1=\"\([^\"]*\)\".*/\1/p" <<< "$2" | head -1; }
count() { local n; n="$(attr "$1" "$2")"; echo "${n:-0}"; }
unescape() { sed -e 's/&lt;/</g; s/&gt;/>/g; s/&quot;/"/g; s/&apos;/'"'"'/g; s/&#39;/'"'"'/g; s/&amp;/\&/g'; }

shopt -s nullglob
for exit_file in "$results"/*.exit; do
  project="$(basename "$exit_file" .exit)"
  code="$(cat "$exit_file")"
  trx="$results/$project.trx"
  if [[ ! -s "$trx" ]]; then
    echo "error: $project's test run ended with exit code $code and wrote no results (crashed or aborted)"
    failed=$((failed + 1)); continue
  fi

  text="$(tr -d '\r\n' < "$trx")"
  counters="$(grep -o '<Counters [^>]*>' <<< "$text" | head -1)"
  summary="$(grep -o '<ResultSummary [^>]*>' <<< "$text" | head -1)"
  if [[ -z "$counters" ]]; then
    echo "error: $project's results ($trx) have no counters: the run did not finish"
    failed=$((failed + 1)); continue
  fi
  p=$(count passed "$counters"); f=$(count failed "$counters")
  e=$(( $(count error "$counters") + $(count timeout "$counters") + $(count aborted "$counters") ))
  passed=$((passed + p)); failed=$((failed + f + e))
  outcome=$(attr outcome "$summary")
  (( e > 0 )) && echo "error: $project: $e test(s) ended in an error, a timeout or an abort (run outcome: ${outcome:-unknown})"
  if [[ "$code" != 0 ]] && (( f + e == 0 )); then
    echo "error: $project's test runner exited with code $code though no test failed"
    failed=$((failed + 1))
  fi

  # Skipped tests: name from testName, reason from the StdOut xunit writes for a skip.
  while IFS= read -r result; do
    [[ "$(attr outcome "$result")" == NotExecuted ]] || continue
    skipped=$((skipped + 1))
    name="$(attr testName "$result" | unescape)"
    key="${name// /_}"; key="${key%%(*}"
    if [[ -v "expected[$key]" ]]; then
      echo "skipped (expected): $name: ${expected[$key]}"
    else
      reason="$(sed -n 's/.*<StdOut>\([^<]*\).*/\1/p' <<< "$result" | unescape)"
      if $ci; then
        echo "skipped, not allowed under CI: $name: ${reason:-no reason given} (tests/expected-skips.txt lists the skips CI allows)"
        failed=$((failed + 1))
      else
        echo "skipped: $name: ${reason:-no reason given} (CI would fail on it)"
      fi
    fi
  done < <(grep -o '<UnitTestResult [^>]*>\(<Output><StdOut>[^<]*\)\?' <<< "$text")
done

status=0
(( failed > 0 || passed == 0 )) && status=1
echo "tests: $passed passed, $failed failed, $skipped skipped"
exit "$status"
