#!/usr/bin/env bash
# The services of the context manifests under tools/infra/supervise.js, as npm start runs them (start.sh, which
# starts the infrastructure first): every one, or only those named (`supervise-contexts.sh probe-service`, as the
# generator's e2e test starts a generated context). Replaces itself with the supervisor: its pid is the supervisor's.
set -euo pipefail
source "$(dirname "$0")/local-run.sh"
context_settings

# Each runs as its own database role and Kafka principal, with its own list of the clients whose tokens it accepts
# (secrets.sh supervised_programs; ADR 0032, 0036).
programs=()
while read -r program; do
  if (($#)) && [[ " $* " != *" ${program%%=*} "* ]]; then continue; fi
  programs+=("$program")
done <<< "$(supervised_programs "node -r ./tools/infra/local-secrets.js -r @swc-node/register")"
if ((${#programs[@]} == 0)); then
  echo "supervise-contexts: no context manifest names the service(s) $*" >&2
  exit 2
fi
exec node tools/infra/supervise.js "${programs[@]}"
