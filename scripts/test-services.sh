#!/usr/bin/env bash
# Starts the real services the integration tests use, on loopback only:
#   - an OCI registry (CNCF distribution, Debian `docker-registry`) with htpasswd Basic auth,
#     user AWS — the way ECR's registry endpoint authenticates;
#   - a second registry without auth;
#   - a Docker Engine (`dockerd --storage-driver=vfs`) unless one already answers on
#     /var/run/docker.sock;
#   - skopeo, umoci and busybox-static, used by tests as independent clients and as a tiny base.
# Missing packages are installed with apt (as root). Registry data lives in a temporary folder.
#
#   scripts/test-services.sh start   # start what is not running, then print the env
#   scripts/test-services.sh env     # print `export NAME=value` lines for running services
#   scripts/test-services.sh stop    # stop what this script started
#
# Tests read the printed variables (ECRTK_*), or the same lines from the state file
# "$ECRTK_SERVICES_DIR/env" (default /tmp/ecr-toolkit-test-services/env).
set -euo pipefail

STATE_DIR="${ECRTK_SERVICES_DIR:-/tmp/ecr-toolkit-test-services}"
ENV_FILE="$STATE_DIR/env"
DOCKER_SOCK=/var/run/docker.sock

log() { echo "test-services: $*" >&2; }

need_packages() {
  local missing=()
  command -v docker-registry >/dev/null || missing+=(docker-registry)
  command -v skopeo >/dev/null || missing+=(skopeo)
  command -v umoci >/dev/null || missing+=(umoci)
  [ -x /bin/busybox ] && /bin/busybox --help 2>&1 | grep -q static || dpkg -s busybox-static >/dev/null 2>&1 || missing+=(busybox-static)
  command -v htpasswd >/dev/null || missing+=(apache2-utils)
  command -v dockerd >/dev/null || missing+=(docker.io)
  command -v curl >/dev/null || missing+=(curl)
  if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" -ne 0 ]; then
      log "missing packages: ${missing[*]} — run as root or install them with apt"; exit 1
    fi
    log "installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
  fi
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

free_port() {
  local p
  for _ in $(seq 1 200); do
    p=$(( 20000 + RANDOM % 30000 ))
    port_in_use "$p" || { echo "$p"; return; }
  done
  log "no free port found"; exit 1
}

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

wait_for() { # wait_for DESCRIPTION COMMAND...
  local what=$1; shift
  for _ in $(seq 1 120); do "$@" >/dev/null 2>&1 && return 0; sleep 0.5; done
  log "$what did not come up"; return 1
}

registry_answers() { # 200 without auth, 401 with it: either means it serves
  local code; code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$1/v2/")
  [ "$code" = 200 ] || [ "$code" = 401 ]
}

# start_registry NAME AUTH(yes|no)
start_registry() {
  local name=$1 auth=$2 dir="$STATE_DIR/$1"
  if alive "$dir/pid" && [ -f "$dir/port" ] && port_in_use "$(cat "$dir/port")"; then return; fi
  rm -rf "$dir"; mkdir -p "$dir/data"
  local port; port=$(free_port)
  echo "$port" > "$dir/port"
  {
    echo "version: 0.1"
    echo "log: {level: warn, accesslog: {disabled: true}}"
    echo "storage: {filesystem: {rootdirectory: $dir/data}, delete: {enabled: true}}"
    echo "http: {addr: 127.0.0.1:$port, secret: $(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')}"
    if [ "$auth" = yes ]; then
      local password; password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
      echo "$password" > "$dir/password"
      htpasswd -Bbn AWS "$password" > "$dir/htpasswd" 2>/dev/null
      echo "auth: {htpasswd: {realm: ecr-toolkit-test, path: $dir/htpasswd}}"
    fi
  } > "$dir/config.yml"
  # a session of its own: stopping the shell or job that started it (a process-group kill) leaves it running
  setsid nohup docker-registry serve "$dir/config.yml" > "$dir/log" 2>&1 < /dev/null &
  echo $! > "$dir/pid"
  wait_for "registry $name on port $port" registry_answers "$port" || { cat "$dir/log" >&2; exit 1; }
  log "registry $name on 127.0.0.1:$port (auth: $auth)"
}

engine_answers() { curl -sf --unix-socket "$DOCKER_SOCK" http://localhost/_ping >/dev/null 2>&1; }

start_engine() {
  local dir="$STATE_DIR/dockerd"
  if engine_answers; then return; fi
  mkdir -p "$dir"
  alive "$dir/dockerd.pid" || rm -f "$dir/dockerd.pid"
  # vfs needs no overlay support from the kernel; images stay in /var/lib/docker across restarts.
  setsid nohup dockerd --storage-driver=vfs --host "unix://$DOCKER_SOCK" \
    --pidfile "$dir/dockerd.pid" > "$dir/log" 2>&1 &
  echo $! > "$dir/pid"
  wait_for "Docker Engine on $DOCKER_SOCK" engine_answers || { tail -20 "$dir/log" >&2; exit 1; }
  log "Docker Engine on $DOCKER_SOCK (started by this script)"
}

print_env() {
  local auth="$STATE_DIR/auth-registry" open="$STATE_DIR/open-registry"
  [ -f "$auth/port" ] || { log "services not started: run '$0 start'"; exit 1; }
  cat <<ENV
export ECRTK_REGISTRY=127.0.0.1:$(cat "$auth/port")
export ECRTK_REGISTRY_USERNAME=AWS
export ECRTK_REGISTRY_PASSWORD=$(cat "$auth/password")
export ECRTK_OPEN_REGISTRY=127.0.0.1:$(cat "$open/port")
export ECRTK_DOCKER_HOST=unix://$DOCKER_SOCK
export ECRTK_BUSYBOX=/bin/busybox
export ECRTK_SKOPEO=$(command -v skopeo)
export ECRTK_UMOCI=$(command -v umoci)
ENV
}

stop_all() {
  for d in auth-registry open-registry dockerd; do
    local pidfile="$STATE_DIR/$d/pid"
    if alive "$pidfile"; then
      kill "$(cat "$pidfile")" || true
      for _ in $(seq 1 60); do alive "$pidfile" || break; sleep 0.5; done
      log "stopped $d"
    fi
  done
  rm -f "$ENV_FILE"
}

case "${1:-}" in
  start)
    need_packages
    mkdir -p "$STATE_DIR"; chmod 700 "$STATE_DIR"
    start_registry auth-registry yes
    start_registry open-registry no
    start_engine
    print_env > "$ENV_FILE"
    cat "$ENV_FILE"
    ;;
  env) print_env ;;
  stop) stop_all ;;
  *) echo "usage: $0 start|env|stop" >&2; exit 2 ;;
esac
