# shellcheck shell=bash
# Sourced by scripts/swarm-lab.sh: `up` — the bridge, one network namespace per node with a veth into it, a Docker
# engine of its own in each, and a swarm over them (n1 the manager and target node, the others generator nodes).

lab_up_network() {
  local nodes="$1" k name veth
  lab_step "create the bridge $lab_bridge" ip link add "$lab_bridge" type bridge
  lab_step "address the bridge $lab_host_addr/24" ip addr add "$lab_host_addr/24" dev "$lab_bridge"
  # The host forwards (ip_forward=1 here): without this a namespace's packets to any other address would be routed
  # out of the machine. Per interface, so the host's own setting is left alone; the lab reaches the host and itself.
  lab_step "stop the host forwarding packets that come from the lab" sysctl -qw "net.ipv4.conf.$lab_bridge.forwarding=0"
  lab_step "no IPv6 on the bridge" sysctl -qw "net.ipv6.conf.$lab_bridge.disable_ipv6=1"
  # With br_netfilter loaded, frames between two ports of a bridge go through the host's iptables FORWARD chain,
  # which an engine with iptables on sets to DROP: keep the lab's own traffic out of it.
  lab_step "keep bridged lab traffic out of iptables" ip link set "$lab_bridge" type bridge nf_call_iptables 0
  lab_step "bring the bridge up" ip link set "$lab_bridge" up
  for k in $(seq 1 "$nodes"); do
    name="$(lab_name "$k")"; veth="$(lab_veth "$k")"
    lab_step "create the network namespace $name" ip netns add "$name"
    lab_step "create the veth pair for $name" ip link add "$veth" type veth peer name "$veth-p"
    lab_step "move the veth's end into $name" ip link set "$veth-p" netns "$name"
    lab_step "name it eth0 in $name" ip -n "$name" link set "$veth-p" name eth0
    lab_step "no IPv6 on $veth" sysctl -qw "net.ipv6.conf.$veth.disable_ipv6=1"
    lab_step "plug $veth into $lab_bridge" ip link set "$veth" master "$lab_bridge" up
    lab_step "no IPv6 in $name" ip netns exec "$name" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
    lab_step "address $name $(lab_addr "$k")/24" ip -n "$name" addr add "$(lab_addr "$k")/24" dev eth0
    lab_step "bring lo up in $name" ip -n "$name" link set lo up
    lab_step "bring eth0 up in $name" ip -n "$name" link set eth0 up
    lab_step "route $name by default via $lab_host_addr" ip -n "$name" route add default via "$lab_host_addr"
  done
}

# Starts node K's engine in the background. nsenter --net rather than `ip netns exec`: the latter remounts /sys for
# the namespace, which drops the cgroup mounts under /sys/fs/cgroup that dockerd needs. unshare --uts gives the
# engine a host name of its own (the swarm names nodes by it; the namespaces otherwise share the host's), and
# --mount with slave propagation keeps the engine's mounts (its data root, every container's overlay) out of the
# host's mount table: they go when its processes go. dockerd then starts its own containerd under its exec root
# (socket, state, shim sockets and runc root all under $lab_run/nK or $lab_lib/nK), apart from the main engine's.
lab_start_engine() {
  local k="$1" name data exec
  name="$(lab_name "$k")"; data="$lab_lib/n$k"; exec="$lab_run/n$k"
  mkdir -p "$data" "$exec"
  echo '{}' >"$lab_lib/n$k.json" # not /etc/docker/daemon.json: the main engine's settings are not the lab's
  # DOCKER_SERVICE_PREFER_OFFLINE_IMAGE: swarm tasks run the image the node has instead of asking a registry first
  # (there is none, and the lab must not send traffic off the machine).
  # setsid: a session of its own, so a Ctrl-C at the terminal reaches up (whose trap takes the lab down in order)
  # and not the engines directly (dockerd handles SIGINT by shutting down, even when bash started it ignoring it).
  # shellcheck disable=SC2016 # the single quotes are meant: a Go template, or a script with its own arguments
  DOCKER_SERVICE_PREFER_OFFLINE_IMAGE=1 setsid nsenter --net="/run/netns/$name" \
    unshare --uts --mount --propagation slave -- \
    sh -c 'hostname "$0" && exec "$@"' "$name" \
    dockerd --config-file "$lab_lib/n$k.json" -H "$(lab_sock "$k")" \
      --data-root "$data" --exec-root "$exec" --pidfile "$lab_run/n$k.pid" \
      --bridge=none --iptables=false --ip6tables=false --ip-masq=false --userland-proxy=false \
      --cgroup-parent "/$name" --swarm-default-advertise-addr "$(lab_addr "$k")" \
      </dev/null >"$lab_run/n$k.log" 2>&1 &
  echo "$!" >"$lab_run/n$k.launched"
}

lab_wait_engine() {
  local k="$1" pid i
  pid="$(cat "$lab_run/n$k.launched")"
  for i in $(seq 120); do
    if lab_docker "$k" version --format '{{.Server.Version}}' >/dev/null 2>&1; then
      return 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "swarm-lab: up failed at: start the engine of $(lab_name "$k") (its process exited); the end of $lab_run/n$k.log:" >&2
      tail -n 15 "$lab_run/n$k.log" | sed 's/^/  said: /' >&2
      exit 1
    fi
    sleep 0.5
  done
  echo "swarm-lab: up failed at: start the engine of $(lab_name "$k") (no answer on $(lab_sock "$k") in 60 s); the end of its log:" >&2
  tail -n 15 "$lab_run/n$k.log" | sed 's/^/  said: /' >&2
  exit 1
}

lab_node_id() { lab_docker "$1" info --format '{{.Swarm.NodeID}}'; }

lab_up_swarm() {
  local nodes="$1" k token id
  lab_step "swarm init on $(lab_name 1)" \
    lab_docker 1 swarm init --advertise-addr "$(lab_addr 1)" --listen-addr "$(lab_addr 1):2377"
  token="$(lab_docker 1 swarm join-token -q worker)"
  for k in $(seq 2 "$nodes"); do
    lab_step "join $(lab_name "$k") to the swarm as a worker" \
      lab_docker "$k" swarm join --token "$token" --advertise-addr "$(lab_addr "$k")" \
        --listen-addr "$(lab_addr "$k"):2377" "$(lab_addr 1):2377"
  done
  id="$(lab_node_id 1)"
  lab_step "label $(lab_name 1) bench.target=true" lab_docker 1 node update --label-add bench.target=true "$id"
  for k in $(seq 2 "$nodes"); do
    id="$(lab_node_id "$k")"
    lab_step "label $(lab_name "$k") bench.generator=true" lab_docker 1 node update --label-add bench.generator=true "$id"
  done
  lab_wait_ready "$nodes"
}

# Until the manager sees every node Ready (a join returns before the manager has its first heartbeat).
lab_wait_ready() {
  local nodes="$1" i ready
  for i in $(seq 60); do
    ready="$(lab_docker 1 node ls --format '{{.Status}}' 2>/dev/null | grep -c '^Ready$' || true)"
    if ((ready == nodes)); then return 0; fi
    sleep 0.5
  done
  echo "swarm-lab: up failed at: wait for $nodes nodes Ready (the manager sees $ready):" >&2
  lab_docker 1 node ls 2>&1 | sed 's/^/  said: /' >&2
  exit 1
}

lab_up() {
  local nodes="$1" started k
  started="$(date +%s.%N)"
  lab_require_root "up"
  lab_require_tools ip nsenter unshare setsid dockerd containerd runc docker sysctl
  if [[ -e "$lab_run/nodes" ]] || ip link show "$lab_bridge" >/dev/null 2>&1 || [[ -n "$(lab_nodes)" ]]; then
    lab_die "up: a lab is already up (scripts/swarm-lab.sh status shows it, down removes it)"
  fi
  if ip -4 -o addr show | grep -q " $lab_prefix\."; then
    lab_die "up: the host already has an address in $lab_prefix.0/24, which the lab needs: $(ip -4 -o addr show | grep " $lab_prefix\." | head -1)"
  fi
  # From here on, whatever fails takes down what was made.
  trap 'rc=$?; if ((rc != 0)); then echo "swarm-lab: up: tearing down what was made" >&2; lab_down quiet || true; fi' EXIT
  trap 'echo "swarm-lab: up: interrupted" >&2; exit 130' INT
  trap 'echo "swarm-lab: up: terminated" >&2; exit 143' TERM
  mkdir -p "$lab_run" "$lab_lib"
  echo "$nodes" >"$lab_run/nodes"
  lab_say "network: bridge $lab_bridge $lab_host_addr/24, namespaces $(lab_name 1)..$(lab_name "$nodes")"
  lab_up_network "$nodes"
  lab_say "engines: starting $nodes dockerd (each with its own containerd)"
  for k in $(seq 1 "$nodes"); do lab_start_engine "$k"; done
  for k in $(seq 1 "$nodes"); do lab_wait_engine "$k"; done
  lab_say "swarm: init on $(lab_name 1), join $((nodes - 1)) workers, label"
  lab_up_swarm "$nodes"
  trap - EXIT INT TERM
  lab_say "up in $(awk -v s="$started" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }') s"
  lab_status
}
