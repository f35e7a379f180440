# Sourced by the scripts that run the services on this machine (start.sh, supervise-contexts.sh): the workspace
# root as the working folder, the infrastructure's settings and secrets functions, development mode.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
source "$root/tools/infra/env.sh"
source "$root/tools/infra/secrets.sh"
cd "$root"
export NX_DAEMON=false SWC_NODE_PROJECT="$root/tsconfig.base.json"
# Local development: readable single-line logs (pino-pretty); each process reads its own secrets file.
export NODE_ENV="${NODE_ENV:-development}"

# Role names only: no password enters this shell, so none reaches a process it starts (ADR 0036). Then each
# setting's default from its manifest (<NAME>_HTTP_PORT, <NAME>_GRPC_PORT, <NAME>_DATABASE, <NAME>_AUTHORIZED_PARTIES;
# tools/infra/contexts/context-env.js): a value set already wins.
context_settings() {
  local context_env name value
  login_roles
  context_env="$(node tools/infra/contexts/contexts.js env)"
  while IFS='=' read -r name value; do export "$name=${!name:-$value}"; done <<< "$context_env"
}
