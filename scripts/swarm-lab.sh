#!/usr/bin/env bash
# A small Docker Swarm on this one machine for Bench's cluster runs (issue 18): N network namespaces benchlab-n1..nN
# on a bridge benchlab0 (10.231.0.1/24; node K at 10.231.0.(10+K)), each with a Docker engine of its own (own data and
# exec roots, socket /run/benchlab/nK.sock, containerd, cgroup parent /benchlab-nK, host name benchlab-nK), joined
# into a swarm: n1 the manager, labelled bench.target=true; n2..nN workers, labelled bench.generator=true. The main
# engine (/var/run/docker.sock) is never touched, except that `smoke` reads an image from it. Root only.
#   scripts/swarm-lab.sh up [--nodes N]   make it (N = 2..16, default 3); on failure says which step the kernel or the
#                                         engine refused, and removes what it made
#   scripts/swarm-lab.sh status           nodes, labels, services, engines' pids and memory (exit 3 when nothing is up)
#   scripts/swarm-lab.sh env              export lines for bench: BENCH_ALLOW_HOSTS (the nodes' addresses) and
#                                         BENCH_LAB_CLUSTER (--cluster and one --node-engine per node):
#                                           eval "$(scripts/swarm-lab.sh env)"
#                                           scripts/bench.sh run <scenario> $BENCH_LAB_CLUSTER
#   scripts/swarm-lab.sh smoke [IMAGE] [PORT]
#                                         import a bench-target image (default: the newest on the main engine) into n1,
#                                         run the async model as a host-network service on the target node, GET /hello
#                                         at n1's address from the host and from n2's namespace, remove it all
#   scripts/swarm-lab.sh check [SCENARIO]  issue 18's proof: a cluster run of SCENARIO (default scenarios/cluster.yaml)
#                                         with the target on n1 and an agent on each generator node, its results held
#                                         (target at n1's address, every level valid and carried by every agent,
#                                         requests the agents' sum, the target read from n1's /proc, nothing left);
#                                         makes a 3-node lab for it when none is up, and removes it after
#   scripts/swarm-lab.sh expose PORT [--node K]
#                                         DNAT node K's address:PORT (default n1) to its 127.0.0.1:PORT, in K's own
#                                         namespace: a stopgap for servers that bind loopback only (Bench.Targets does);
#                                         `unexpose PORT [--node K]` removes it, down removes it with the namespace
#   scripts/swarm-lab.sh down             leave the swarm, stop the engines and all they ran, remove the namespaces,
#                                         links, cgroups, mounts, /run/benchlab and /var/lib/benchlab; exit 0 when
#                                         nothing is up, 1 if anything remains (it says what)
# Traffic stays in the lab: the host does not forward packets that come from the bridge, and the engines never pull.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/scripts/lib/swarm-lab-common.sh"
source "$root/scripts/lib/swarm-lab-up.sh"
source "$root/scripts/lib/swarm-lab-down.sh"
source "$root/scripts/lib/swarm-lab-info.sh"
source "$root/scripts/lib/swarm-lab-smoke.sh"
source "$root/scripts/lib/swarm-lab-expose.sh"
source "$root/scripts/lib/swarm-lab-check.sh"

usage() {
  sed -n '/^#   scripts/,/^# Traffic/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'
  exit "$1"
}

command="${1:-}"
if [[ -z "$command" ]]; then usage 2 >&2; fi
shift
lab_command="$command"
case "$command" in
  up)
    count=3
    while (($#)); do
      case "$1" in
        --nodes) count="${2:-}"; shift $(($# < 2 ? 1 : 2)) ;;
        --nodes=*) count="${1#--nodes=}"; shift ;;
        *) echo "swarm-lab: up: unknown argument '$1' (up takes --nodes N)" >&2; exit 2 ;;
      esac
    done
    if ! [[ "$count" =~ ^[0-9]+$ ]] || ((count < 2 || count > lab_max_nodes)); then
      echo "swarm-lab: up: --nodes must be a number from 2 to $lab_max_nodes (one target node and at least one generator node), not '$count'" >&2
      exit 2
    fi
    lab_up "$count"
    ;;
  down) lab_down verbose ;;
  status) lab_require_root "status"; lab_status ;;
  env) lab_require_root "env"; lab_env ;;
  smoke) lab_require_root "smoke"; lab_smoke "$@" ;;
  check) lab_check "$@" ;;
  expose | unexpose)
    lab_require_root "$command"
    port="${1:-}"; node=1
    if (($#)); then shift; fi
    while (($#)); do
      case "$1" in
        --node) node="${2:-}"; shift $(($# < 2 ? 1 : 2)) ;;
        --node=*) node="${1#--node=}"; shift ;;
        *) echo "swarm-lab: $command: unknown argument '$1' ($command takes PORT [--node K])" >&2; exit 2 ;;
      esac
    done
    "lab_$command" "$port" "$node"
    ;;
  -h | --help | help) usage 0 ;;
  *) echo "swarm-lab: unknown command '$command' (up, down, status, env, smoke, check, expose, unexpose)" >&2; exit 2 ;;
esac
