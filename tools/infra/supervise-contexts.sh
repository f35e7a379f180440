#!/usr/bin/env bash
# The services of the context manifests under tools/infra/supervise.js, as npm start runs them (start.sh, which
# starts the infrastructure first): every one, or only those named (`supervise-contexts.sh probe-service`, as the
# generator's e2e test starts a generated context). Replaces itself with the supervisor: its pid is the supervisor's.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
source "$root/tools/infra/env.sh"
source "$root/tools/infra/secrets.sh"
cd "$root"
export NX_DAEMON=false SWC_NODE_PROJECT="$root/tsconfig.base.json"
# Local development: readable single-line logs (pino-pretty); each process reads its own secrets file.
export NODE_ENV="${NODE_ENV:-development}"
# Role names only: no password enters this shell, so none reaches a process it starts (ADR 0036).
login_roles
# Each setting's default from its manifest (<NAME>_HTTP_PORT, <NAME>_GRPC_PORT, <NAME>_DATABASE,
# <NAME>_AUTHORIZED_PARTIES; tools/infra/contexts/context-env.js): a value set already wins.
context_env="$(node tools/infra/contexts/contexts.js env)"
while IFS='=' read -r name value; do export "$name=${!name:-$value}"; done <<< "$context_env"

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
