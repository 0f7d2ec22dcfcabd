# shellcheck shell=bash
# Sourced by scripts/swarm-lab.sh: the lab's names and addresses, and small helpers shared by up, down, status, env
# and smoke. Every name the lab makes starts with "benchlab", so down can find all of it again without a record.
lab_bridge=benchlab0
lab_prefix=10.231.0                 # the lab's /24: the host's end of the bridge is .1, node K is .(10+K)
lab_host_addr="$lab_prefix.1"
lab_run=/run/benchlab               # sockets, exec roots, pid files, logs
lab_lib=/var/lib/benchlab           # data roots
lab_max_nodes=16

lab_name() { echo "benchlab-n$1"; }           # namespace, hostname and swarm node name of node K
lab_addr() { echo "$lab_prefix.$((10 + $1))"; }
lab_sock() { echo "unix://$lab_run/n$1.sock"; }
lab_veth() { echo "benchlab-v$1"; }           # the host's end of node K's veth (the node's end is eth0 inside)
lab_docker() { local k="$1"; shift; docker -H "$(lab_sock "$k")" "$@"; }

lab_say() { echo "swarm-lab: $*"; }
lab_die() { echo "swarm-lab: $*" >&2; exit 1; }

# The node numbers that exist now: from the count up wrote, else from the namespaces found (a half-made lab).
lab_nodes() {
  local n=0
  if [[ -r "$lab_run/nodes" ]]; then
    n="$(cat "$lab_run/nodes")"
  fi
  local k
  for k in $(ip netns list 2>/dev/null | sed -n 's/^benchlab-n\([0-9]\+\).*/\1/p'); do
    if ((k > n)); then n="$k"; fi
  done
  if ((n > 0)); then seq 1 "$n"; fi
}

# Runs one step of a command ($lab_command). On failure says which step, the exact command and what the kernel or
# engine answered, then exits (up's trap tears down what was made, smoke's removes its service).
lab_step() {
  local what="$1"; shift
  local out
  if ! out="$("$@" 2>&1)"; then
    {
      echo "swarm-lab: ${lab_command:-up} failed at: $what"
      echo "  command: $*"
      if [[ -n "$out" ]]; then printf '%s\n' "$out" | sed 's/^/  said: /' | tail -n 20; fi
    } >&2
    exit 1
  fi
  return 0
}

lab_require_root() {
  [[ $(id -u) -eq 0 ]] || lab_die "$1 needs root (network namespaces, veths, a bridge and Docker engines of its own)"
}

lab_require_tools() {
  local tool missing=()
  for tool in "$@"; do command -v "$tool" >/dev/null || missing+=("$tool"); done
  if ((${#missing[@]} == 0)); then return 0; fi
  lab_die "missing ${missing[*]}: scripts/setup.sh docker installs dockerd, containerd, runc and the docker client;" \
    "ip is iproute2, nsenter and unshare are util-linux, curl is curl"
}

# Every process in node K's network namespace: its dockerd, containerd, shims and host-network containers.
lab_netns_pids() {
  ip netns pids "$(lab_name "$1")" 2>/dev/null || true
}

# Every process in node K's cgroups (its containers, whatever their network), in any v1 controller or in v2.
lab_cgroup_pids() {
  local dir
  for dir in /sys/fs/cgroup/*/"$(lab_name "$1")" /sys/fs/cgroup/"$(lab_name "$1")"; do
    if [[ -d "$dir" ]]; then find "$dir" -name cgroup.procs -exec cat {} + 2>/dev/null || true; fi
  done | sort -un
}

# Resident memory of a list of pids, in MiB (one decimal), from /proc/<pid>/status.
lab_rss_mib() {
  local pid kib=0 v
  for pid in "$@"; do
    v="$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status" 2>/dev/null || true)"
    if [[ -n "$v" ]]; then kib=$((kib + v)); fi
  done
  awk -v k="$kib" 'BEGIN { printf "%.1f", k / 1024 }'
}
