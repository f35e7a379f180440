#!/usr/bin/env bash
# Runs a command that sees only its own part of the secrets folder (ADR 0036): in a mount namespace of its own,
# the folder is covered by an empty tmpfs into which only the paths it keeps are bind-mounted back, read-only;
# the command then runs without the capabilities that would let it undo that (unmount, enter another namespace).
#
#   confine-secrets.sh SECRETS_DIR [KEEP…] -- COMMAND ARGS…   KEEP: a path relative to SECRETS_DIR (file or folder)
#   confine-secrets.sh --probe SECRETS_DIR                   exit 0 if this machine can confine; else the reason
#
# The command keeps the pid it is started with (unshare and setpriv exec it), so a supervisor signals it directly.
set -euo pipefail

# Whatever mount and exec need once the folder is covered; taken away before the command runs.
DROPPED_CAPS=-sys_admin,-sys_ptrace,-sys_module

if [[ "${1:-}" == --probe ]]; then
  dir="${2:?usage: confine-secrets.sh --probe SECRETS_DIR}"
  if ! why="$(unshare --mount --propagation private -- mount -t tmpfs -o size=4k,mode=700 bascule-probe "$dir" 2>&1)"; then
    echo "${why:-unshare failed}" | head -1
    exit 1
  fi
  if ! why="$(setpriv --bounding-set "$DROPPED_CAPS" --inh-caps "$DROPPED_CAPS" -- true 2>&1)"; then
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
exec setpriv --bounding-set "$DROPPED_CAPS" --inh-caps "$DROPPED_CAPS" -- "$@"
