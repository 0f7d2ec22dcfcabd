# shellcheck shell=bash
# Sourced by scripts/swarm-lab.sh: `check` — issue 18's several-node proof in one command. A cluster run of a scenario
# (default scenarios/cluster.yaml) on the lab, the target on n1 and an agent on each generator node, then its results
# held to: every target answered the checks at n1's address; every level valid; every level carried by every agent it
# had connections for (a target serving one connection at a time, by one), and its requests the sum of the agents';
# each level's target processes read from n1's /proc by the sampling agent; and after the run no Bench service on the
# swarm and no Bench container or imported image on a generator node. Makes a 3-node lab when none is up and removes
# it after; a lab already up is used and left up. Exit 0 when all holds, 1 when something does not, 3 when the run
# itself failed.

lab_check() {
  local scenario="${1:-$root/scenarios/cluster.yaml}" out env_text rc=0 k left=""
  lab_require_root "check"
  [[ -r "$scenario" ]] || lab_die "check: no scenario file $scenario"
  if [[ ! -e "$lab_run/nodes" ]]; then
    lab_up 3 >/dev/null
    trap 'lab_down quiet || echo "swarm-lab: check: the lab was not removed whole: scripts/swarm-lab.sh down says what remains" >&2' EXIT
    trap 'echo "swarm-lab: check: interrupted" >&2; exit 130' INT TERM
    lab_say "check: made a 3-node lab (removed again at the end)"
  fi
  env_text="$(lab_env)" || lab_die "check: the lab is not whole (scripts/swarm-lab.sh status)"
  eval "$(grep '^export ' <<<"$env_text")"
  out="${BENCH_OUT:-$root/results/lab-check-$(date -u +%Y%m%d-%H%M%S)}"
  lab_say "check: $(basename "$scenario") on the lab, load allowed to $BENCH_ALLOW_HOSTS only; results in $out"
  # shellcheck disable=SC2086 # BENCH_LAB_CLUSTER is a list of arguments
  "$root/scripts/bench.sh" run "$scenario" $BENCH_LAB_CLUSTER --out "$out" >"$out.log" 2>&1 || rc=$?
  if [[ ! -s "$out/results.json" ]]; then
    tail -n 20 "$out.log" >&2
    lab_die "check: the cluster run wrote no results (exit $rc; its output: $out.log)"
  fi
  if ((rc != 0)); then echo "swarm-lab: check: the cluster run exited $rc (its output: $out.log); checking what it wrote" >&2; fi

  for k in $(lab_nodes); do
    left+="$(lab_docker "$k" ps -aq --filter label=bench.launcher | sed "s/^/$(lab_name "$k") container /")"
    if ((k > 1)); then
      left+="$(lab_docker "$k" images -q --filter label=bench.recipe | sed "s/^/$(lab_name "$k") image /")"
    fi
  done
  left+="$(lab_docker 1 service ls -q --filter label=bench.launcher | sed 's/^/swarm service /')"

  python3 - "$out/results.json" "$(lab_addr 1)" "$left" "$rc" <<'PY'
import json, sys
results, target_address, left, rc = json.load(open(sys.argv[1])), sys.argv[2], sys.argv[3].strip(), int(sys.argv[4])
bad = []
cluster = results["run"]["cluster"] or {}
agents = cluster.get("agents", [])
generators = [n for n in cluster.get("nodes", []) if "generator" in n["roles"]]
print(f"swarm-lab: check: nodes {', '.join(n['hostname'] + ' ' + n['address'] + ' ' + '+'.join(n['roles']) for n in cluster.get('nodes', []))}; agents {', '.join(agents)}")
if len(generators) < 2 or len(agents) < 2:
    bad.append(f"{len(generators)} generator node(s) and {len(agents)} agent(s): the lab's check needs two or more of each")
levels = 0
for scenario in results["scenarios"]:
    # A target that serves fewer connections at once than there are agents (sync: one) is carried by that many only.
    limits = {v["target"]: v["concurrencyLimit"] for v in scenario["verification"]}
    for v in scenario["verification"]:
        address = v.get("address") or ""
        if not address.startswith(target_address + ":"):
            bad.append(f"{v['target']} answered at '{address}', not at the target node's {target_address}")
    for r in scenario["results"]:
        levels += 1
        cell = f"{scenario['name']} {r['target']}@{r['level']}"
        parts = r.get("agents") or []
        carried = [p for p in parts if p["requests"] > 0]
        if not r["valid"]:
            bad.append(f"{cell} invalid: {r['invalidReason']}")
        if sum(p["requests"] for p in parts) != r["requests"]:
            bad.append(f"{cell}: {r['requests']} requests, but its agents' add up to {sum(p['requests'] for p in parts)}")
        expected = min(len(agents), r["level"], limits.get(r["target"]) or r["level"])
        if len(carried) < expected:
            bad.append(f"{cell}: carried by {len(carried)} of {len(agents)} agents, {expected} expected")
        if not (r.get("resources") or {}).get("voluntaryContextSwitches"):
            bad.append(f"{cell}: no /proc reading of the target (the engine's stats stood in)")
        if scenario["name"].endswith("io") and r["level"] == 64:
            print(f"swarm-lab: check: {cell}: {r['throughputRps']:.0f} req/s, p50 {r['latencyMs']['p50']:.1f} ms, "
                  + ", ".join(f"{p['agent']} {p['requests']} (offset {p['clockOffsetMs']:+.2f} ms, skew {p['windowSkewMs']:.1f} ms)" for p in parts))
if left:
    bad.append("left after the run: " + "; ".join(left.splitlines()))
if bad:
    print("swarm-lab: check: FAILED\n  " + "\n  ".join(bad))
    sys.exit(1)
print(f"swarm-lab: check: passed: {levels} levels, every one valid, carried by every agent it had connections for, "
      f"requests the sum of the agents'; every target answered at {target_address} only and was read from its node's /proc; nothing left")
sys.exit(3 if rc not in (0, 1) else 0)
PY
}
