# shellcheck shell=bash
# Sourced by scripts/swarm-lab.sh: `expose` — a stopgap for servers that bind 127.0.0.1 only (Bench.Targets does
# today): a DNAT rule in node K's own namespace sends its address:PORT to its 127.0.0.1:PORT. The rule lives in the
# namespace's tables (the host's are never touched) and goes with the namespace; `unexpose` removes it earlier. It
# costs a conntrack entry per connection, so numbers measured through it are not a bound server's numbers.

lab_expose_rule() {
  local k="$1" port="$2"
  echo "PREROUTING -d $(lab_addr "$k")/32 -p tcp -m tcp --dport $port -m comment --comment benchlab-expose -j DNAT --to-destination 127.0.0.1:$port"
}

lab_parse_port() {
  if ! [[ "$1" =~ ^[0-9]+$ ]] || (($1 < 1 || $1 > 65535)); then
    echo "swarm-lab: $2: PORT must be a TCP port (1-65535), not '$1'" >&2
    exit 2
  fi
}

lab_parse_node() {
  if ! [[ "$1" =~ ^[0-9]+$ ]] || [[ -z "$(lab_nodes | grep -x "$1" || true)" ]]; then
    echo "swarm-lab: $2: --node must be the number of a node that is up (1..$(lab_nodes | tail -n1)), not '$1'" >&2
    exit 2
  fi
}

lab_expose() {
  local port="$1" k="$2" name rule
  lab_require_up "expose"
  lab_require_tools iptables
  lab_parse_port "$port" expose
  lab_parse_node "$k" expose
  name="$(lab_name "$k")"
  rule="$(lab_expose_rule "$k" "$port")"
  # shellcheck disable=SC2086
  if ip netns exec "$name" iptables -t nat -C $rule 2>/dev/null; then
    lab_say "expose: $(lab_addr "$k"):$port already goes to 127.0.0.1:$port in $name"
    return 0
  fi
  # route_localnet: without it the kernel drops packets from outside whose destination became 127.0.0.1.
  lab_step "let $name route packets to 127.0.0.1 that came in on eth0" \
    ip netns exec "$name" sysctl -qw net.ipv4.conf.eth0.route_localnet=1
  # shellcheck disable=SC2086
  lab_step "DNAT $(lab_addr "$k"):$port to 127.0.0.1:$port in $name" ip netns exec "$name" iptables -t nat -A $rule
  lab_say "expose: $(lab_addr "$k"):$port -> 127.0.0.1:$port in $name"
}

lab_unexpose() {
  local port="$1" k="$2" name rule
  lab_require_up "unexpose"
  lab_parse_port "$port" unexpose
  lab_parse_node "$k" unexpose
  name="$(lab_name "$k")"
  rule="$(lab_expose_rule "$k" "$port")"
  # shellcheck disable=SC2086
  while ip netns exec "$name" iptables -t nat -C $rule 2>/dev/null; do
    # shellcheck disable=SC2086
    ip netns exec "$name" iptables -t nat -D $rule
  done
  lab_say "unexpose: $(lab_addr "$k"):$port no longer goes to 127.0.0.1:$port in $name"
}
