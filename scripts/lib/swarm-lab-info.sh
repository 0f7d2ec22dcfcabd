# shellcheck shell=bash
# Sourced by scripts/swarm-lab.sh: `status` (nodes, labels, services, engines' pids and memory) and `env` (what
# `bench run` needs to use the lab: the allow-list and the cluster arguments).

lab_require_up() {
  if [[ ! -e "$lab_run/nodes" ]] || ! [[ -S "$lab_run/n1.sock" ]]; then
    echo "swarm-lab: $1: no lab is up (scripts/swarm-lab.sh up makes one)" >&2
    exit 3
  fi
}

# node K's swarm view from the manager: "hostname id addr role labels", by the address the node advertises.
lab_swarm_node() {
  local k="$1" addr
  addr="$(lab_addr "$k")"
  # shellcheck disable=SC2016 # the single quotes are meant: a Go template, or a script with its own arguments
  lab_docker 1 node ls -q 2>/dev/null | xargs -r docker -H "$(lab_sock 1)" node inspect \
    --format '{{.Description.Hostname}} {{.ID}} {{.Status.Addr}} {{.Spec.Role}} {{range $k, $v := .Spec.Labels}}{{$k}}={{$v}},{{end}}' 2>/dev/null |
    awk -v a="$addr" '$3 == a { sub(/,$/, "", $5); print; exit }'
}

lab_status() {
  local k nodes=() dpid cpid all line role labels
  lab_require_up "status"
  mapfile -t nodes < <(lab_nodes)
  lab_say "${#nodes[@]} nodes on $lab_bridge ($lab_host_addr/24); engines' memory is resident (VmRSS)"
  printf '%-12s %-12s %-30s %-8s %-8s %-10s %-10s %-8s %s\n' node address engine dockerd 'dockerd' containerd 'all in ns' role labels
  printf '%-12s %-12s %-30s %-8s %-8s %-10s %-10s %-8s %s\n' '' '' '' pid MiB MiB MiB '' ''
  for k in "${nodes[@]}"; do
    dpid="$(cat "$lab_run/n$k.pid" 2>/dev/null || echo -)"
    cpid="$(cat "$lab_run/n$k/containerd/containerd.pid" 2>/dev/null || echo -)"
    mapfile -t all < <(lab_netns_pids "$k")
    line="$(lab_swarm_node "$k")"
    read -r _ _ _ role labels <<<"${line:-- - - - -}"
    printf '%-12s %-12s %-30s %-8s %-8s %-10s %-10s %-8s %s\n' "$(lab_name "$k")" "$(lab_addr "$k")" "$(lab_sock "$k")" \
      "$dpid" "$(lab_rss_mib "$dpid")" "$(lab_rss_mib "$cpid")" "$(lab_rss_mib "${all[@]}")" "$role" "${labels:--}"
  done
  echo
  lab_docker 1 node ls
  echo
  lab_docker 1 service ls
}

lab_env() {
  local k nodes=() hosts=() args line hostname id
  lab_require_up "env"
  mapfile -t nodes < <(lab_nodes)
  args="--cluster $(lab_sock 1)"
  for k in "${nodes[@]}"; do
    hosts+=("$(lab_addr "$k")")
    line="$(lab_swarm_node "$k")"
    if [[ -z "$line" ]]; then
      echo "swarm-lab: env: the manager does not list $(lab_name "$k") ($(lab_addr "$k")); see scripts/swarm-lab.sh status" >&2
      exit 1
    fi
    read -r hostname id _ <<<"$line"
    args+=" --node-engine $hostname=$(lab_sock "$k")"
    echo "# $line engine=$(lab_sock "$k")"
  done
  echo "export BENCH_ALLOW_HOSTS=$(IFS=,; echo "${hosts[*]}")"
  echo "export BENCH_LAB_CLUSTER='$args'"
}
