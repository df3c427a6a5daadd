# Helpers shared by run.sh and test.sh. Source it; it defines functions only.

# Installs the Debian packages given as arguments when any is missing (apt-get, as root).
ensure_packages() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "Missing packages: ${missing[*]}. Install them with: sudo apt-get install --no-install-recommends ${missing[*]}" >&2
    return 1
  fi
  echo "Installing ${missing[*]} ..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# The directory holding initdb, pg_ctl and postgres.
pg_bindir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$dir" ] || { echo "PostgreSQL server binaries not found" >&2; return 1; }
  echo "$dir"
}

# Runs a PostgreSQL server program as the postgres user when we are root (the server refuses root).
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# Creates (once) and starts a private cluster in $1 listening on 127.0.0.1:$2; $3 adds server options.
start_private_postgres() {
  local dir=$1 port=$2 options=${3:-} bin
  bin=$(pg_bindir)
  mkdir -p "$dir"
  if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$dir"; fi
  chmod 700 "$dir"
  if [ ! -f "$dir/PG_VERSION" ]; then
    as_pg "$bin/initdb" -D "$dir" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  fi
  as_pg "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories='$dir' -c max_connections=200 $options" start >/dev/null
}

stop_private_postgres() {
  local dir=$1 bin
  bin=$(pg_bindir)
  [ -f "$dir/postmaster.pid" ] && as_pg "$bin/pg_ctl" -D "$dir" -m fast -w stop >/dev/null 2>&1 || true
}

# Waits until an HTTP URL answers 200, at most $2 seconds.
wait_for_http() {
  local url=$1 seconds=${2:-60}
  for _ in $(seq 1 $((seconds * 4))); do
    curl -fsS -o /dev/null "$url" 2>/dev/null && return 0
    sleep 0.25
  done
  echo "Timed out waiting for $url" >&2
  return 1
}

# The directory holding epmd (Erlang's port mapper), from the Erlang runtime rabbitmq-server depends on.
erlang_bindir() {
  local dir
  dir=$(ls -d /usr/lib/erlang/erts-*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$dir" ] || { echo "Erlang runtime not found (apt-get install rabbitmq-server)" >&2; return 1; }
  echo "$dir"
}

# Runs a program in the environment of the private RabbitMQ node in $1 (AMQP on 127.0.0.1:$2): its own home
# (Erlang cookie), data, logs, config, node name and ports, so that it clashes with nothing else on the machine:
# Erlang distribution on $2+1, the CLI tools' on $2+2..$2+11, its own epmd on $2+12. As the rabbitmq user when
# we are root, as the Debian service runs it.
with_private_rabbitmq() {
  local dir=$1 port=$2; shift 2
  local user=()
  if [ "$(id -u)" -eq 0 ] && id rabbitmq >/dev/null 2>&1; then user=(runuser -u rabbitmq --); fi
  "${user[@]}" env HOME="$dir" \
    RABBITMQ_NODENAME="decisioning-$port@localhost" \
    RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_NODE_PORT="$port" RABBITMQ_DIST_PORT=$((port + 1)) \
    RABBITMQ_CTL_DIST_PORT_MIN=$((port + 2)) RABBITMQ_CTL_DIST_PORT_MAX=$((port + 11)) \
    ERL_EPMD_ADDRESS=127.0.0.1 ERL_EPMD_PORT=$((port + 12)) \
    RABBITMQ_MNESIA_BASE="$dir/mnesia" RABBITMQ_LOG_BASE="$dir/log" \
    RABBITMQ_CONFIG_FILE="$dir/rabbitmq.conf" RABBITMQ_ADVANCED_CONFIG_FILE="$dir/advanced.config" \
    RABBITMQ_ENABLED_PLUGINS_FILE="$dir/enabled_plugins" RABBITMQ_CONF_ENV_FILE="$dir/rabbitmq-env.conf" \
    RABBITMQ_PID_FILE="$dir/rabbitmq.pid" \
    "$@"
}

# Creates (once) and starts a private RabbitMQ node in $1 with AMQP on 127.0.0.1:$2 (user guest, which RabbitMQ
# admits from loopback only) and its own epmd; returns when the node accepts connections, at most $3 seconds.
start_private_rabbitmq() {
  local dir=$1 port=$2 seconds=${3:-90} erts
  erts=$(erlang_bindir)
  mkdir -p "$dir/mnesia" "$dir/log"
  printf 'listeners.tcp.1 = 127.0.0.1:%s\nloopback_users.guest = true\n' "$port" >"$dir/rabbitmq.conf"
  echo '[].' >"$dir/advanced.config"
  echo '[].' >"$dir/enabled_plugins"
  # Erlang distribution (the node's and the CLI tools') listens on loopback only. The schedulers sleep when idle
  # instead of spinning: on a small machine their busy-waiting takes the cores the platform's own work needs.
  cat >"$dir/rabbitmq-env.conf" <<'CONF'
SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1} +sbwt none +sbwtdcpu none +sbwtdio none"
CTL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
CONF
  if [ "$(id -u)" -eq 0 ] && id rabbitmq >/dev/null 2>&1; then chown -R rabbitmq:rabbitmq "$dir"; fi
  with_private_rabbitmq "$dir" "$port" "$erts/epmd" -address 127.0.0.1 -port $((port + 12)) -daemon </dev/null >/dev/null 2>&1
  (with_private_rabbitmq "$dir" "$port" /usr/lib/rabbitmq/bin/rabbitmq-server) </dev/null >"$dir/log/server.out" 2>&1 &
  local server=$!
  for _ in $(seq 1 "$seconds"); do
    with_private_rabbitmq "$dir" "$port" /usr/lib/rabbitmq/bin/rabbitmqctl -q --timeout 5 await_startup >/dev/null 2>&1 && return 0
    kill -0 "$server" 2>/dev/null || break
    sleep 1
  done
  echo "RabbitMQ did not start on 127.0.0.1:$port; see $dir/log/" >&2
  return 1
}

# Stops the node started by start_private_rabbitmq "$1" "$2" and its epmd.
stop_private_rabbitmq() {
  local dir=$1 port=$2 erts
  erts=$(erlang_bindir) || return 0
  if [ -f "$dir/rabbitmq.pid" ]; then
    with_private_rabbitmq "$dir" "$port" /usr/lib/rabbitmq/bin/rabbitmqctl -q --timeout 60 stop "$dir/rabbitmq.pid" >/dev/null 2>&1 || true
  fi
  ERL_EPMD_PORT=$((port + 12)) "$erts/epmd" -kill >/dev/null 2>&1 || true
}

# A throw-away workspace for a benchmark: $work (its PostgreSQL under $work/pg) and the processes in $pids,
# all stopped and removed on exit, Ctrl-C or SIGTERM.
bench_workspace() {
  work=$(mktemp -d)
  chmod 755 "$work"
  pids=()
  trap 'bench_cleanup; exit 130' INT
  trap 'bench_cleanup; exit 143' TERM
  trap bench_cleanup EXIT
}

bench_cleanup() {
  trap - INT TERM EXIT
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  [ -z "${bench_rabbitmq_port:-}" ] || stop_private_rabbitmq "$work/rabbitmq" "$bench_rabbitmq_port"
  stop_private_postgres "$work/pg"
  rm -rf "$work"
}

# CPU time (clock ticks) used so far by each of the given processes, space-separated: its own, its children's that
# it has reaped (a PostgreSQL backend that exits keeps counting) and its live children's.
cpu_ticks() {
  local pid child
  for pid in "$@"; do
    { awk '{ print $14 + $15 + $16 + $17 }' "/proc/$pid/stat"
      for child in $(pgrep -P "$pid"); do awk '{ print $14 + $15 }' "/proc/$child/stat" 2>/dev/null; done
    } | awk '{ t += $1 } END { printf "%d ", t }'
  done
}

free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
# The first of $1 consecutive free loopback ports (a private RabbitMQ node takes 13).
free_port_range() {
  /usr/bin/python3 - "$1" <<'EOF'
import random, socket, sys
count = int(sys.argv[1])
for _ in range(200):
    base, held = random.randrange(20000, 32000 - count), []
    try:
        for port in range(base, base + count):
            s = socket.socket()
            held.append(s)
            s.bind(("127.0.0.1", port))
        print(base)
        break
    except OSError:
        pass
    finally:
        for s in held:
            s.close()
EOF
}
