# shellcheck shell=bash
# Sourced by scripts/swarm-lab.sh: `down` — leaves the swarm, stops every engine and everything it ran, and removes
# the namespaces, veths, bridge, cgroups, mounts and folders. It finds all of it by name (benchlab*, $lab_run,
# $lab_lib), so it also clears a half-made lab, and with nothing up it does nothing and exits 0.

# Pids of the lab's own engines, containerds and shims by their command lines (each names a path under $lab_run),
# in case one outlived its namespace. Only these exact paths: never a process of the main engine or anyone else.
lab_own_pids() {
  local f pid
  # One grep over all command lines for an argument under $lab_run, then the exact check on those few.
  for f in $(grep -lasz -E "^(unix://)?$lab_run/" /proc/[0-9]*/cmdline 2>/dev/null || true); do
    pid="${f#/proc/}"; pid="${pid%/cmdline}"
    if { tr '\0' ' ' <"$f"; } 2>/dev/null | grep -qE "(--exec-root|--config|-address|--address|-H) $lab_run/|unix://$lab_run/"; then
      echo "$pid"
    fi
  done
  return 0
}

# Every process the lab has: in its namespaces, in its cgroups, or one of its engines by command line.
lab_all_pids() {
  local k
  {
    for k in "$@"; do lab_netns_pids "$k"; lab_cgroup_pids "$k"; done
    lab_own_pids
  } | grep -v "^$$\$" | sort -un
  return 0
}

lab_alive() {
  local pid
  for pid in "$@"; do
    if kill -0 "$pid" 2>/dev/null; then echo "$pid"; fi
  done
  return 0
}

# Waits up to $1 tenths of a second for the given pids to exit; prints the ones still alive.
lab_wait_exit() {
  local tenths="$1" i left; shift
  for i in $(seq "$tenths"); do
    left="$(lab_alive "$@")"
    if [[ -z "$left" ]]; then return 0; fi
    sleep 0.1
  done
  lab_alive "$@"
}

lab_stop_processes() {
  local nodes=("$@") i k pid engines=() left
  # Workers leave first, the manager last; with the engines going next this is courtesy, so a short timeout each.
  for ((i = ${#nodes[@]} - 1; i >= 0; i--)); do
    k="${nodes[i]}"
    if [[ -S "$lab_run/n$k.sock" ]]; then
      timeout 15 docker -H "$(lab_sock "$k")" swarm leave --force >/dev/null 2>&1 || true
    fi
  done
  # dockerd stops its containers and its containerd on SIGTERM.
  for k in "${nodes[@]}"; do
    # dockerd's pid file, and the pid up started (the same process, unless dockerd died before writing its file).
    for pid in $({ cat "$lab_run/n$k.pid"; echo; cat "$lab_run/n$k.launched"; } 2>/dev/null | sort -u); do
      if { tr '\0' ' ' <"/proc/$pid/cmdline"; } 2>/dev/null | grep -q "^dockerd .*--exec-root $lab_run/n$k "; then
        engines+=("$pid")
      fi
    done
  done
  if ((${#engines[@]})); then
    local started
    started="$(date +%s.%N)"
    kill -TERM "${engines[@]}" 2>/dev/null || true
    # 20 s: an engine stops its containers first (10 s each at most, in parallel); one signalled while it was still
    # starting can ignore SIGTERM altogether.
    left="$(lab_wait_exit 200 "${engines[@]}" | xargs)"
    lab_down_note="${#engines[@]} dockerd stopped on SIGTERM in $(awk -v s="$started" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }') s"
    if [[ -n "$left" ]]; then
      echo "swarm-lab: down: dockerd $left did not stop in 20 s; killing it" >&2
      # shellcheck disable=SC2086
      kill -KILL $left 2>/dev/null || true
    fi
  fi
  # Whatever is left (a containerd, shims, containers of an engine that was killed): TERM, then KILL.
  left="$(lab_all_pids "${nodes[@]}")"
  if [[ -n "$left" ]]; then
    lab_down_note+="; $(wc -w <<<"$left") other processes outlived them and were ended"
    # shellcheck disable=SC2086
    kill -TERM $left 2>/dev/null || true
    # shellcheck disable=SC2086
    left="$(lab_wait_exit 50 $left)"
    if [[ -n "$left" ]]; then
      # shellcheck disable=SC2086
      kill -KILL $left 2>/dev/null || true
      # shellcheck disable=SC2086
      lab_wait_exit 50 $left >/dev/null
    fi
  fi
}

lab_remove_cgroups() {
  local dir
  for dir in /sys/fs/cgroup/*/benchlab-n* /sys/fs/cgroup/benchlab-n*; do
    if [[ -d "$dir" ]]; then find "$dir" -depth -type d -exec rmdir {} \; 2>/dev/null || true; fi
  done
}

# The engines' own mounts live and die in their mount namespaces; this clears any that reached the host's table.
lab_unmount() {
  local target
  { findmnt -rn -o TARGET | grep -E "^($lab_run|$lab_lib)(/|\$)" || true; } | sort -r | while read -r target; do
    umount -l "$target" 2>/dev/null || true
  done
  return 0
}

lab_remove_network() {
  local name link
  for name in $(ip netns list 2>/dev/null | awk '/^benchlab-n[0-9]+/ { print $1 }'); do
    ip netns del "$name" 2>/dev/null || true
  done
  for link in $(ip -o link show 2>/dev/null | awk -F': ' '{ print $2 }' | sed 's/@.*//' | grep -E '^benchlab-v[0-9]+' || true); do
    ip link del "$link" 2>/dev/null || true
  done
  if ip link show "$lab_bridge" >/dev/null 2>&1; then ip link del "$lab_bridge" 2>/dev/null || true; fi
}

# What is still there, one line each; nothing when the machine is clean.
lab_leftovers() {
  local nodes=("$@") pid
  for pid in $(lab_all_pids "${nodes[@]}"); do
    echo "process $pid: $({ tr '\0' ' ' <"/proc/$pid/cmdline"; } 2>/dev/null | cut -c1-120)"
  done
  ip netns list 2>/dev/null | awk '/^benchlab-/ { print "namespace " $1 }'
  ip -o link show 2>/dev/null | awk -F': ' '$2 ~ /^benchlab/ { print "link " $2 }'
  findmnt -rn -o TARGET | grep -E "^($lab_run|$lab_lib)(/|\$)|benchlab" | sed 's/^/mount /' || true
  for dir in "$lab_run" "$lab_lib" /sys/fs/cgroup/*/benchlab-n* /sys/fs/cgroup/benchlab-n*; do
    if [[ -e "$dir" ]]; then echo "folder $dir"; fi
  done
  return 0
}

lab_down() {
  local quiet="" nodes=() k left
  if [[ "${1:-}" == quiet ]]; then quiet=1; fi
  lab_require_root "down"
  mapfile -t nodes < <(lab_nodes)
  for k in $(find "$lab_run" -maxdepth 1 -name 'n[0-9]*.launched' 2>/dev/null | sed 's/.*\/n\([0-9]*\)\.launched/\1/'); do
    if [[ " ${nodes[*]} " != *" $k "* ]]; then nodes+=("$k"); fi
  done
  if ((${#nodes[@]} == 0)) && [[ -z "$(lab_leftovers)" ]]; then
    if [[ -z "$quiet" ]]; then lab_say "down: nothing up"; fi
    return 0
  fi
  if [[ -z "$quiet" ]]; then lab_say "down: stopping ${#nodes[@]} engines and what they run"; fi
  lab_stop_processes "${nodes[@]}"
  lab_remove_cgroups
  lab_unmount
  lab_remove_network
  if [[ -d "$lab_run" ]]; then rm -rf --one-file-system "$lab_run"; fi
  if [[ -d "$lab_lib" ]]; then rm -rf --one-file-system "$lab_lib"; fi
  left="$(lab_leftovers "${nodes[@]}")"
  if [[ -n "$left" ]]; then
    echo "swarm-lab: down: these remain:" >&2
    printf '%s\n' "$left" | sed 's/^/  /' >&2
    return 1
  fi
  if [[ -z "$quiet" && -n "${lab_down_note:-}" ]]; then lab_say "down: $lab_down_note"; fi
  if [[ -z "$quiet" ]]; then lab_say "down: nothing left (processes, namespaces, links, mounts, cgroups, folders)"; fi
  return 0
}
