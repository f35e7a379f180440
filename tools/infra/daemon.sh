# Background processes of the local infrastructure: started detached with a pid file, stopped with TERM
# then KILL after a grace period. Sourced by kafka/broker.sh and connect/connect.sh.

daemon_running() { [[ -f "$BASCULE_HOME/$1.pid" ]] && kill -0 "$(cat "$BASCULE_HOME/$1.pid")" 2>/dev/null; }

# daemon_start NAME COMMAND...: runs COMMAND detached, output in $KAFKA_LOGS/NAME.out.
daemon_start() {
  local name=$1; shift
  setsid nohup "$@" >"$KAFKA_LOGS/$name.out" 2>&1 </dev/null &
  echo $! >"$BASCULE_HOME/$name.pid"
}

# daemon_stop NAME [GRACE_SECONDS]
daemon_stop() {
  local name=$1 grace=${2:-30}
  daemon_running "$name" || { echo "$name: not running"; rm -f "$BASCULE_HOME/$name.pid"; return 0; }
  local pid; pid="$(cat "$BASCULE_HOME/$name.pid")"
  echo "$name: stopping (pid $pid)"
  kill "$pid"
  for _ in $(seq $((grace * 2))); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$BASCULE_HOME/$name.pid"
}
