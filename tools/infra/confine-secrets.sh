#!/usr/bin/env bash
# Runs a command that sees only its own part of the secrets folder (ADR 0036): in a mount namespace of its own,
# the folder is covered by an empty tmpfs into which only the paths it keeps are bind-mounted back, read-only;
# the command then runs without the capabilities that would let it undo that (unmount, enter another namespace), and
# as a user of its own (a uid derived from what it keeps): the kernel refuses a process another uid's
# /proc/<pid>/root and /proc/<pid>/environ without CAP_SYS_PTRACE, so no confined process reaches into another's view.
# It keeps the right to read (and write) files as root could (CAP_DAC_READ_SEARCH, CAP_DAC_OVERRIDE, ambient): the
# code, logs and data it used before are where they were, whoever owns them.
#
#   confine-secrets.sh SECRETS_DIR [KEEP…] -- COMMAND ARGS…   KEEP: a path relative to SECRETS_DIR (file or folder)
#   confine-secrets.sh --probe SECRETS_DIR                   exit 0 if this machine can confine; else the reason
#   confine-secrets.sh --uid [KEEP…]                          the uid a command keeping KEEP… runs as
#
# The command keeps the pid it is started with (unshare and setpriv exec it), so a supervisor signals it directly.
set -euo pipefail

# Whatever mount and exec need once the folder is covered; taken away before the command runs.
DROPPED_CAPS=-sys_admin,-sys_ptrace,-sys_module
# What the command keeps, as a non-root user.
KEPT_CAPS=+dac_read_search,+dac_override

# as_own_user KEEP…: the setpriv options that run a command as the uid of what it keeps, from 61000 up (one per
# distinct KEEP list: a service's processes/<service>.env, Connect's connect/).
as_own_user() {
  local sum uid
  sum="$(printf '%s\n' "$@" | cksum | cut -d' ' -f1)"
  uid=$((61000 + sum % 30000))
  # no_setuid_fixup: access(2) (Node's existsSync) honours the kept capabilities as open(2) does; without it the
  # kernel checks access() as a plain user and a path under /root would seem not to exist.
  echo "--reuid=$uid --regid=$uid --clear-groups --inh-caps=$KEPT_CAPS --ambient-caps=$KEPT_CAPS --securebits=+no_setuid_fixup,+no_setuid_fixup_locked"
}

if [[ "${1:-}" == --uid ]]; then
  shift
  as_own_user "$@" | sed -E 's/^--reuid=([0-9]+) .*/\1/'
  exit 0
fi

if [[ "${1:-}" == --probe ]]; then
  dir="${2:?usage: confine-secrets.sh --probe SECRETS_DIR}"
  if ! why="$(unshare --mount --propagation private -- mount -t tmpfs -o size=4k,mode=700 bascule-probe "$dir" 2>&1)"; then
    echo "${why:-unshare failed}" | head -1
    exit 1
  fi
  # shellcheck disable=SC2046
  if ! why="$(setpriv --bounding-set "$DROPPED_CAPS" $(as_own_user probe) -- true 2>&1)"; then
    echo "${why:-setpriv failed}" | head -1
    exit 1
  fi
  exit 0
fi

if [[ "${1:-}" != --inside ]]; then
  exec unshare --mount --propagation private -- "$0" --inside "$@"
fi
shift
dir="$(realpath "${1:?usage: confine-secrets.sh SECRETS_DIR [KEEP…] -- COMMAND ARGS…}")"
shift
keep=()
while (($#)) && [[ "$1" != -- ]]; do keep+=("$1"); shift; done
[[ "${1:-}" == -- ]] || { echo "confine-secrets: no -- before the command" >&2; exit 2; }
shift

# The new view is built on a tmpfs mounted aside, then moved over the folder: once the folder is covered, the
# files to keep could no longer be reached to bind them.
stage="$(mktemp -d)"
mount -t tmpfs -o size=64k,mode=700 bascule-secrets "$stage"
for path in "${keep[@]}"; do
  [[ "$path" != /* && "$path" != *..* ]] || { echo "confine-secrets: $path is not inside the folder" >&2; exit 2; }
  [[ -e "$dir/$path" ]] || continue
  mkdir -p -m 700 "$stage/$(dirname "$path")"
  if [[ -d "$dir/$path" ]]; then mkdir -p -m 700 "$stage/$path"; else : > "$stage/$path"; fi
  mount --bind "$dir/$path" "$stage/$path"
  mount -o remount,bind,ro "$stage/$path"
done
mount --move "$stage" "$dir"
rmdir "$stage"
# shellcheck disable=SC2046
exec setpriv --bounding-set "$DROPPED_CAPS" $(as_own_user "${keep[@]}") -- "$@"
