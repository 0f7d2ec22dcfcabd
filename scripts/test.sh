#!/usr/bin/env bash
# Builds everything in Release and runs every test; exits non-zero on any failure.
# Ends with one "tests: N passed, N failed, N skipped" line so any CI can read the outcome (scripts/lib/test-outcome.sh:
# a crashed run counts as failed; under CI, a skip that tests/expected-skips.txt does not list counts as failed).
# Extra arguments go to the xunit runner (for example: -class Bench.Tests.Servers.ContractTests).
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

# What the tests use beyond the .NET SDK (chromium for the report's browser test, a Docker engine for the docker
# tests): installed and started when missing, so this works on a fresh machine; a no-op when all is there.
scripts/setup.sh docker || { echo "setup failed"; echo "tests: 0 passed, 1 failed, 0 skipped"; exit 1; }
# Whether the engine was in swarm mode before the tests (the swarm tests make one of it and must leave it again).
swarm_before="$(docker info --format '{{.Swarm.LocalNodeState}}' 2>/dev/null || true)"

dotnet build Bench.sln -c Release --nologo -v quiet -clp:ErrorsOnly || { echo "build failed"; echo "tests: 0 passed, 1 failed, 0 skipped"; exit 1; }

results="$root/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

# xunit v3 test projects are executables: run them directly (no VSTest, no MTP bridge needed). Each one's exit code is
# kept beside its results, so a run that crashed before writing them is counted, not missed.
for project in tests/*/; do
  name="$(basename "$project")"
  exe="$project/bin/Release/net10.0/$name"
  [[ -x "$exe" ]] || continue
  "$exe" -noColor -noLogo -methodDisplayOptions replaceUnderscoreWithSpace \
    -result-trx "$results/$name.trx" -result-junit "$results/$name.junit.xml" "$@"
  echo "$?" > "$results/$name.exit"
done

failed=0

# Nothing a test started may outlive it. Only this checkout's targets count: other checkouts on the
# machine run their own, and those are not ours to judge or kill.
leftover=""
for pid in $(pgrep -f 'Bench.Targets --(model|rpc-worker)' || true); do
  [[ "$(readlink "/proc/$pid/exe" 2>/dev/null)" == "$root/"* ]] && leftover+=" $pid"
done
# The Python targets run an interpreter from anywhere: they are ours when their script is this checkout's — serve.py,
# or the Flask app (gunicorn's master and its forked workers carry --chdir <root>/targets/flask, flask run its --app).
for pid in $(pgrep -f -- "$root/targets/python/serve.py|$root/targets/flask( |/|$)" || true); do
  [[ "$pid" != "$$" ]] && leftover+=" $pid"
done
# Bench names every folder it makes for this checkout bench-<name>-<first 8 hex digits of sha256(root)>-… (TargetLaunch).
tag=$(printf '%s' "$root" | sha256sum | cut -c1-8)
# An NGINX target's (or proxy's) master names its own folder as prefix (-p $TMPDIR/bench-nginx-<tag>-…); its workers are
# its children. Another checkout's NGINX has another tag: not ours to judge or kill.
for pid in $(pgrep -f -- "nginx -p ${TMPDIR:-/tmp}/bench-nginx-$tag-" || true); do
  [[ "$pid" != "$$" ]] && leftover+=" $pid $(pgrep -P "$pid" | tr '\n' ' ')"
done
# A dependency (redis-server) rewrites its command line and environment ("redis-server 127.0.0.1:<port>"): it is ours when
# it works in a folder Bench made for this checkout (its tag, above).
for pid in $(pgrep -x redis-server || true); do
  [[ "$(readlink "/proc/$pid/cwd" 2>/dev/null)" == "${TMPDIR:-/tmp}/bench-redis-$tag-"* ]] && leftover+=" $pid"
done
# A proxy in front of replicas (HAProxy, -db: one process in the foreground) reads its config from its own folder,
# bench-haproxy…-<tag>-… (the entry's name: haproxy, haproxy-leastconn); NGINX proxies are the nginx check's above.
for pid in $(pgrep -f -- "haproxy -db -f ${TMPDIR:-/tmp}/bench-haproxy" || true); do
  [[ "$(tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null)" =~ /bench-haproxy(-[a-z]+)*-$tag- ]] && leftover+=" $pid"
done
# RabbitMQ (the sh script, beam.smp, erl_child_setup, inet_gethost, and the epmd it daemonized out of its tree, which
# runs from /): every process of a launch carries BENCH_LAUNCH_DIR=<its folder> in its environment (TargetLaunch).
for pid in $(pgrep -f 'beam.smp|epmd|erl_child_setup|inet_gethost|rabbitmq-server' || true); do
  tr '\0' '\n' < "/proc/$pid/environ" 2>/dev/null | grep -q "^BENCH_LAUNCH_DIR=${TMPDIR:-/tmp}/bench-rabbitmq-$tag-" && leftover+=" $pid"
done
if [[ -n "$leftover" ]]; then
  echo "leftover target processes after the tests:"; ps -o pid=,args= -p $leftover
  kill $leftover 2>/dev/null || true
  failed=$((failed + 1))
fi

# Nor may a container: Bench labels every container it starts with the checkout it came from.
if docker version >/dev/null 2>&1; then
  containers=$(docker ps -aq --filter "label=bench.checkout=$root")
  if [[ -n "$containers" ]]; then
    echo "leftover containers after the tests:"; docker ps -a --filter "label=bench.checkout=$root" --format '{{.ID}} {{.Names}} {{.Status}}'
    docker rm -f $containers >/dev/null 2>&1 || true
    failed=$((failed + 1))
  fi
  # Nor a swarm service, and the tests that make a swarm of this engine leave it again.
  if [[ "$(docker info --format '{{.Swarm.LocalNodeState}}' 2>/dev/null)" == active ]]; then
    services=$(docker service ls -q --filter "label=bench.checkout=$root" 2>/dev/null || true)
    if [[ -n "$services" ]]; then
      echo "leftover swarm services after the tests:"; docker service ls --filter "label=bench.checkout=$root"
      docker service rm $services >/dev/null 2>&1 || true
      failed=$((failed + 1))
    fi
    if [[ "$swarm_before" != active ]]; then
      echo "the tests left the Docker engine in swarm mode"; docker swarm leave --force >/dev/null 2>&1 || true
      failed=$((failed + 1))
    fi
  fi
fi

scripts/lib/test-outcome.sh "$results" tests/expected-skips.txt "$failed"
