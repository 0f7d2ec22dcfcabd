#!/usr/bin/env bash
# Issue 18's single-machine proof, run by CI: the default sweep as containers (scenarios/cluster.yaml) run twice, on
# this machine and as a cluster run on a one-node swarm of this machine's engine (targets and one agent as swarm
# services), must give the same numbers within the noise. Checked: every I/O-bound cell of the "cluster-io" scenario (the
# local run reached 80 % of Little's law: connections / 20 ms) within 0.8-1.25x (one run each, 1.5 s windows: a busy
# moment in either run moves a cell by up to 17 % here), each cell's target read from /proc in both runs with peak RSS
# within 0.67-1.5x, and the cluster run's gates. A cell outside the band where either run lost 20 % or more of the cores
# to the VM's host (steal) is printed as not judged; at least 10 judged cells are required.
# The CPU-bound "hello" cells are printed beside it (bench compare), not held to a band: on a shared 2-core machine
# they move more than that between two runs of the same thing.
#
#   scripts/cluster-check.sh [scenario.yaml]      (default scenarios/cluster.yaml; needs root and Docker)
#
# The engine is made a swarm manager (on 127.0.0.1) only if it is in no swarm, and leaves it at the end; the node's
# labels are removed again. Exit 0 when the numbers agree, 1 when they do not, 3 when a run is invalid.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
scenario="${1:-scenarios/cluster.yaml}"
bench="$root/scripts/bench.sh"
out="${BENCH_OUT:-results/cluster-check-$(date -u +%Y%m%d-%H%M%S)}"
export COLUMNS="${COLUMNS:-160}"

scripts/setup.sh docker >/dev/null
made_swarm=false
node=""
cleanup() {
  if [[ -n "$node" ]]; then
    docker node update --label-rm bench.target --label-rm bench.generator "$node" >/dev/null 2>&1 || true
  fi
  if $made_swarm; then
    docker swarm leave --force >/dev/null 2>&1 || true
  fi
}
trap cleanup EXIT

if [[ "$(docker info --format '{{.Swarm.LocalNodeState}}')" != active ]]; then
  docker swarm init --advertise-addr 127.0.0.1 >/dev/null
  made_swarm=true
fi
node="$(docker info --format '{{.Swarm.NodeID}}')"
docker node update --label-add bench.target=true --label-add bench.generator=true "$node" >/dev/null

echo "cluster-check: $scenario on this machine …"
"$bench" run "$scenario" --out "$out/local" >/dev/null || { echo "cluster-check: the local run failed or is invalid (see $out/local)"; exit 3; }
echo "cluster-check: $scenario on a one-node swarm …"
"$bench" run "$scenario" --out "$out/cluster" --cluster unix:///var/run/docker.sock --gate || { echo "cluster-check: the cluster run failed, is invalid or failed a gate (see $out/cluster)"; exit 3; }
"$bench" compare "$out/local" "$out/cluster" || true

python3 - "$out/local/results.json" "$out/cluster/results.json" <<'PY'
import json, sys
local, cluster = (json.load(open(p)) for p in sys.argv[1:3])
def cells(run):
    return {(s["name"], r["target"], r["level"]): r for s in run["scenarios"] for r in s["results"]}
a, b = cells(local), cells(cluster)
assert cluster["run"]["cluster"] and cluster["run"]["cluster"]["manager"], "the cluster run records no cluster"
# A cell is I/O-bound when the local run reached at least 80 % of Little's law (the connections it serves at once,
# one for sync, over 20 ms): its throughput is set by the wait, and both placements must reproduce it. Past that the
# CPU quota decides (threads at 256: 256 threads under half a core), and a swarm's quota is not the local one
# (100 ms CFS periods against 2 ms, no pinning: docs/cluster.md), so those cells are printed, not held.
limits = {v["target"]: v["concurrencyLimit"] for s in local["scenarios"] for v in s["verification"]}
bad, unjudged, held = [], [], 0
for key in sorted(k for k in a if k[0] == "cluster-io"):
    ra, rb = a[key]["throughputRps"], b[key]["throughputRps"]
    ratio = rb / ra if ra else float("nan")
    agents = b[key]["agents"] or []
    served = min(key[2], limits.get(key[1]) or key[2])
    io_bound = ra >= 0.8 * served / 0.020
    held += io_bound
    print(f"cluster-check: {key[0]} {key[1]}@{key[2]}: local {ra:8.1f} req/s, cluster {rb:8.1f} req/s, x{ratio:.3f}, {len(agents)} agent part(s)"
          + ("" if io_bound else f" (CPU-bound here: {ra / (served / 0.020):.0%} of Little's law; printed, not held)"))
    # The VM's host taking a fifth of the cores (steal) in either run is not the placement's doing: such a cell outside
    # the band is printed as not judged, as bench gate notes noisy cells (once: x0.798 at 32 % steal against 10 %).
    steal = max((r.get("interference") or {}).get("stealShare", 0) for r in (a[key], b[key]))
    if io_bound and not (0.8 <= ratio <= 1.25):
        if steal >= 0.2:
            unjudged.append(f"{key[1]}@{key[2]} x{ratio:.3f} at {steal:.0%} steal")
        else:
            bad.append(f"{key[1]}@{key[2]} x{ratio:.3f}")
    if not agents:
        bad.append(f"{key[1]}@{key[2]} was not carried by an agent")
    # Both runs read the target's processes from /proc (the cluster run by the sampling agent on the target's node), so
    # its memory must agree; no context switches means the cluster run fell back to the engine's stats.
    ma, mb = a[key]["resources"] or {}, b[key]["resources"] or {}
    rss = mb.get("peakRssBytes", 0) / ma["peakRssBytes"] if ma.get("peakRssBytes") else float("nan")
    print(f"cluster-check:   resources: peak RSS local {ma.get('peakRssBytes', 0) / 2**20:6.1f} MiB, cluster {mb.get('peakRssBytes', 0) / 2**20:6.1f} MiB (x{rss:.2f}); "
          f"CPU a request local {ma.get('cpuMsPerRequest') or 0:.4f} ms, cluster {mb.get('cpuMsPerRequest') or 0:.4f} ms")
    if not mb.get("voluntaryContextSwitches"):
        bad.append(f"{key[1]}@{key[2]}: the cluster run has no /proc reading of the target")
    elif not 0.67 <= rss <= 1.5:
        bad.append(f"{key[1]}@{key[2]} peak RSS x{rss:.2f}")
if bad:
    print("cluster-check: the cluster run disagrees with the local run beyond the bands (throughput 0.8-1.25, peak RSS 0.67-1.5): " + ", ".join(bad))
    sys.exit(1)
if unjudged:
    print("cluster-check: not judged, the VM's host took 20 % or more of the cores in a run: " + ", ".join(unjudged))
judged = held - len(unjudged)
print(f"cluster-check: every judged I/O-bound io cell within 0.8-1.25x of the local run ({judged} of {len([k for k in a if k[0] == 'cluster-io'])} cells held)")
if judged < 10:
    print("cluster-check: fewer than 10 io cells reached Little's law locally in quiet enough runs: no reference to hold the cluster run to")
    sys.exit(3)
PY
