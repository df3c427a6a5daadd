# Supervision for run.sh: each component runs under a supervisor of its own (a background subshell) that restarts
# it with backoff when it dies, and gives up when it crash-loops. Source it; it defines functions only.
#
# A supervisor exits only when told to stop (SIGTERM: it stops its component, or leaves a daemon to its stop
# helper) or when its component died CRASH_LOOP_LIMIT times within CRASH_LOOP_SECONDS: then it prints why and
# exits 1, and run.sh, which waits for any supervisor to exit, stops the platform.

CRASH_LOOP_LIMIT=${CRASH_LOOP_LIMIT:-5}
CRASH_LOOP_SECONDS=${CRASH_LOOP_SECONDS:-60}
# Backoff before the n-th restart within the window: 1, 2, 4, 8 ... seconds, at most RESTART_BACKOFF_MAX.
RESTART_BACKOFF_MAX=${RESTART_BACKOFF_MAX:-16}

supervisor_log() { echo "$(date -u +%H:%M:%SZ) supervisor: $*" >&2; }

# True while the process $1 runs (a zombie waiting to be reaped does not count).
process_alive() {
  local state
  [ -n "$1" ] && state=$(awk '{ print $3 }' "/proc/$1/stat" 2>/dev/null) && [ "$state" != Z ]
}

# supervise NAME START WATCH STOP [running]: runs START (which must return once the component is up, or fail;
# skipped the first time when the fifth argument is "running"), then WATCH (which returns when the component has
# died, with its exit status), and again after a backoff, until SIGTERM (then STOP) or a crash loop. Run it in the
# background; its pid is the supervisor's.
supervise() {
  local name=$1 start=$2 watch=$3 stop=$4 running=${5:-}
  local deaths=() status now recent delay sleeper=
  trap '"$stop"; [ -z "$sleeper" ] || kill "$sleeper" 2>/dev/null; exit 0' TERM
  while true; do
    if [ "$running" = running ] || "$start"; then
      running=
      status=0
      "$watch" || status=$?
      supervisor_log "$name died (status $status)"
    else
      supervisor_log "$name failed to start"
    fi
    now=$(date +%s)
    recent=()
    for t in "${deaths[@]}" "$now"; do [ $((now - t)) -lt "$CRASH_LOOP_SECONDS" ] && recent+=("$t"); done
    deaths=("${recent[@]}")
    if [ ${#deaths[@]} -ge "$CRASH_LOOP_LIMIT" ]; then
      supervisor_log "$name is crash-looping (${#deaths[@]} deaths within ${CRASH_LOOP_SECONDS}s): stopping the platform"
      "$stop"
      exit 1
    fi
    delay=$((1 << (${#deaths[@]} - 1)))
    [ "$delay" -le "$RESTART_BACKOFF_MAX" ] || delay=$RESTART_BACKOFF_MAX
    supervisor_log "restarting $name in ${delay}s (death ${#deaths[@]} within ${CRASH_LOOP_SECONDS}s; the platform stops at $CRASH_LOOP_LIMIT)"
    # In the background, so that SIGTERM is handled at once rather than after the sleep.
    sleep "$delay" &
    sleeper=$!
    wait "$sleeper" || true
    sleeper=
  done
}

# A .NET service from services/$1/bin/Release/net10.0 (so that it finds its appsettings.json and model files), the
# rest of the arguments its own; its output appended to $LOG_DIR/$1.log, its pid in $RUN_DIR/$1.pid.
supervise_service() {
  local name=$1; shift
  local args=("$@") child=
  service_start() {
    (cd "services/$name/bin/Release/net10.0" && exec dotnet "$name.dll" "${args[@]}") >>"$LOG_DIR/$name.log" 2>&1 &
    child=$!
    echo "$child" >"$RUN_DIR/$name.pid"
  }
  # Quietly: the supervisor says what happened.
  service_watch() { wait "$child" 2>/dev/null; }
  service_stop() {
    [ -z "$child" ] && return 0
    kill "$child" 2>/dev/null || true
    wait "$child" 2>/dev/null || true
  }
  supervise "$name" service_start service_watch service_stop
}

# A daemon, already started, that the start helper $3 launches and that writes its pid file $2; WATCH polls that
# pid once a second. STOP does nothing: run.sh stops the daemon with its stop helper once every supervisor has exited.
supervise_daemon() {
  local name=$1 pid_file=$2 start=$3
  daemon_watch() {
    local pid
    pid=$(head -n 1 "$pid_file" 2>/dev/null) || return 1
    while process_alive "$pid"; do sleep 1; done
    return 1
  }
  daemon_stop() { :; }
  supervise "$name" "$start" daemon_watch daemon_stop running
}
