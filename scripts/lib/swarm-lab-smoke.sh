# shellcheck shell=bash
# Sourced by scripts/swarm-lab.sh: `smoke` — proof that the lab runs a Bench target where a cluster run will: a
# bench-target image from the main engine imported into n1 (no registry), the async model as a host-network swarm
# service constrained to the target node, answering /hello at n1's address from the host and from n2's namespace;
# then the same image in every generator node's engine and a task on each, placed by the generator label.

lab_smoke_service=benchlab-smoke

lab_smoke_cleanup() {
  if [[ -n "${lab_smoke_exposed:-}" ]]; then lab_unexpose "$lab_smoke_exposed" 1 >/dev/null || true; fi
  local i k started left
  started="$(date +%s.%N)"
  lab_docker 1 service rm "$lab_smoke_service" "$lab_smoke_service-gen" >/dev/null 2>&1 || true
  for i in $(seq 60); do
    left=""
    for k in $(lab_nodes); do
      left+="$(lab_docker "$k" ps -aq --filter "label=com.docker.swarm.service.name=$lab_smoke_service" 2>/dev/null)"
      left+="$(lab_docker "$k" ps -aq --filter "label=com.docker.swarm.service.name=$lab_smoke_service-gen" 2>/dev/null)"
    done
    if [[ -z "$left" ]]; then break; fi
    sleep 0.5
  done
  lab_smoke_removed_in="$(awk -v s="$started" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')"
  if [[ -n "${lab_smoke_image:-}" ]]; then
    for k in $(lab_nodes); do lab_docker "$k" image rm "$lab_smoke_image" >/dev/null 2>&1 || true; done
  fi
}

lab_smoke_import() {
  local image="$1" k="$2"
  # shellcheck disable=SC2016 # the single quotes are meant: a Go template, or a script with its own arguments
  lab_step "import $image into $(lab_name "$k")" \
    bash -o pipefail -c 'docker save "$1" | docker -H "$2" load' _ "$image" "$(lab_sock "$k")"
}

# One task of the same image on every generator node (a global service, as a cluster run places its agents), each
# answering on its own node's loopback: the image import into every engine and the generator label both work.
lab_smoke_generators() {
  local image="$1" port="$2" k gens=() placed want body i
  mapfile -t gens < <(lab_nodes | tail -n +2)
  lab_say "smoke: import $image into ${#gens[@]} generator nodes; a global service on node.labels.bench.generator==true"
  for k in "${gens[@]}"; do lab_smoke_import "$image" "$k"; done
  lab_step "create the service $lab_smoke_service-gen" lab_docker 1 service create --detach --quiet \
    --name "$lab_smoke_service-gen" --mode global --network host --constraint node.labels.bench.generator==true \
    --restart-condition none --no-resolve-image --env "DOTNET_ROOT=$smoke_dotnet" --label bench.lab=smoke \
    "$image" "$smoke_bin" --model async --port "$port" --header-timeout 10
  for k in "${gens[@]}"; do
    body=""
    for i in $(seq 120); do
      if body="$(ip netns exec "$(lab_name "$k")" curl --noproxy '*' -sS --max-time 2 "http://127.0.0.1:$port/hello" 2>/dev/null)"; then break; fi
      body=""
      sleep 0.5
    done
    if [[ -z "$body" ]]; then lab_die "smoke: no task of $lab_smoke_service-gen answers on $(lab_name "$k")'s loopback after 60 s"; fi
  done
  placed="$(lab_docker 1 service ps --filter desired-state=running --format '{{.Node}}' "$lab_smoke_service-gen" | sort | xargs)"
  want="$(for k in "${gens[@]}"; do lab_name "$k"; done | sort | xargs)"
  if [[ "$placed" != "$want" ]]; then lab_die "smoke: $lab_smoke_service-gen runs on [$placed], not on the generator nodes [$want]"; fi
  lab_say "smoke: generator tasks on $placed, each answering GET /hello on its own loopback -> $body"
}

# Paths inside the image: Bench images copy the host's files to the same absolute paths, so the targets' executable
# and the .NET root are wherever the checkout that built the image had them. Read from the image's own file list.
lab_smoke_paths() {
  local image="$1" cid list
  cid="$(lab_docker 1 create "$image" /none)"
  list="$(lab_docker 1 export "$cid" | tar -t)"
  lab_docker 1 rm "$cid" >/dev/null
  smoke_bin="/$(grep -m1 -E '(^|/)Bench\.Targets$' <<<"$list" || true)"
  smoke_dotnet="/$(grep -m1 -E '/host/fxr/' <<<"$list" | sed 's#/host/fxr/.*##' || true)"
  if [[ "$smoke_bin" == / || "$smoke_dotnet" == / ]]; then
    lab_die "smoke: $image has no Bench.Targets executable or no .NET root (host/fxr): not an image of a .NET target"
  fi
}

lab_curl() { curl --noproxy '*' -sS --max-time 2 "$@"; }

lab_smoke() {
  local image="${1:-}" port="${2:-18080}" addr node body i listen
  lab_require_up "smoke"
  lab_require_tools curl tar
  lab_parse_port "$port" smoke
  if [[ -z "$image" ]]; then
    image="$(docker images --format '{{.Repository}}:{{.Tag}}' 'bench-target' 2>/dev/null | head -n1 || true)"
  fi
  if [[ -z "$image" ]]; then
    lab_die "smoke: no bench-target image on the main engine; scripts/bench.sh verify async-docker builds one"
  fi
  addr="$(lab_addr 1)"
  lab_smoke_image="$image"
  trap 'lab_smoke_cleanup' EXIT
  trap 'echo "swarm-lab: smoke: interrupted; removing its services and images" >&2; exit 130' INT
  trap 'exit 143' TERM
  lab_say "smoke: import $image from the main engine into $(lab_name 1) (docker save | load)"
  lab_smoke_import "$image" 1
  lab_smoke_paths "$image"
  lab_say "smoke: service $lab_smoke_service: $smoke_bin --model async --port $port (DOTNET_ROOT=$smoke_dotnet), host network, on node.labels.bench.target==true"
  lab_step "create the service $lab_smoke_service" lab_docker 1 service create --detach --quiet --name "$lab_smoke_service" \
    --network host --constraint node.labels.bench.target==true --restart-condition none --no-resolve-image \
    --limit-memory 512M --env "DOTNET_ROOT=$smoke_dotnet" --label bench.lab=smoke \
    "$image" "$smoke_bin" --model async --port "$port" --header-timeout 10
  listen=""
  for i in $(seq 120); do
    listen="$(ip netns exec "$(lab_name 1)" ss -Hltn "sport = :$port" | awk '{ print $4 }' | head -n1)"
    if [[ -n "$listen" ]]; then break; fi
    sleep 0.5
  done
  if [[ -z "$listen" ]]; then
    echo "swarm-lab: smoke failed: nothing listens on port $port in $(lab_name 1) after 60 s; the service's tasks:" >&2
    lab_docker 1 service ps --no-trunc "$lab_smoke_service" 2>&1 | sed 's/^/  /' >&2
    exit 1
  fi
  node="$(lab_docker 1 service ps --filter desired-state=running --format '{{.Node}}' "$lab_smoke_service")"
  lab_say "smoke: task runs on $node, listening on $listen in its namespace"
  if [[ "$node" != "$(lab_name 1)" ]]; then lab_die "smoke: the task runs on $node, not on the target node $(lab_name 1)"; fi
  body="$(ip netns exec "$(lab_name 1)" curl --noproxy '*' -sS --max-time 2 "http://127.0.0.1:$port/hello")" ||
    lab_die "smoke: the target does not answer GET /hello even on 127.0.0.1 in $(lab_name 1)"
  lab_say "smoke: from $(lab_name 1)'s own loopback: GET http://127.0.0.1:$port/hello -> $body"
  if [[ "$listen" == 127.0.0.1:* ]]; then
    lab_say "smoke: the target binds 127.0.0.1 only (Bench.Targets does), so $addr:$port cannot reach it; exposing it"
    lab_smoke_exposed="$port"
    lab_expose "$port" 1
  fi
  body=""
  for i in $(seq 20); do
    if body="$(lab_curl "http://$addr:$port/hello" 2>/dev/null)"; then break; fi
    body=""
    sleep 0.5
  done
  if [[ -z "$body" ]]; then lab_die "smoke: http://$addr:$port/hello does not answer from the host"; fi
  lab_say "smoke: from the host:           GET http://$addr:$port/hello -> $body"
  if [[ -n "$(lab_nodes | sed -n 2p)" ]]; then
    body="$(ip netns exec "$(lab_name 2)" curl --noproxy '*' -sS --max-time 2 "http://$addr:$port/hello")" ||
      lab_die "smoke: $(lab_name 2) could not reach http://$addr:$port/hello"
    lab_say "smoke: from $(lab_name 2)'s namespace: GET http://$addr:$port/hello -> $body"
  fi
  lab_smoke_generators "$image" "$port"
  lab_smoke_cleanup
  trap - EXIT INT TERM
  lab_say "smoke: passed; the services, their containers (gone ${lab_smoke_removed_in} s after service rm) and the imported images are removed"
}
