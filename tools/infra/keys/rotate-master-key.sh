#!/usr/bin/env bash
# npm run keys:rotate: rotates the master key of personal data (ADR 0033), online, in three runs of one command.
#   1st run   a new master key becomes the current one in the secrets (the old one kept to unwrap); restart the
#             services then (npm start), so that they hold both
#   2nd run   re-wraps every stored data key of every context database under the new key, in batches, with its
#             progress; resumable (a run picks up what is still under an old key) while the services run
#   --retire  re-wraps what processes started before the rotation wrapped meanwhile, then removes the old key
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/../env.sh"
source "$here/../secrets.sh"
cd "$here/../../.."
export SWC_NODE_PROJECT="$PWD/tsconfig.base.json" NODE_ENV="${NODE_ENV:-development}"

# The key ring as personal-data.env has it now, not as this shell loaded it before the rotation.
rewrap() {
  env -u PERSONAL_DATA_MASTER_KEY -u PERSONAL_DATA_MASTER_KEY_ID -u PERSONAL_DATA_PREVIOUS_MASTER_KEYS node -r ./tools/infra/local-secrets.js -r @swc-node/register tools/infra/keys/rewrap-subject-keys.ts
}

ensure_secrets >/dev/null
# shellcheck disable=SC1091
previous="$(unset PERSONAL_DATA_PREVIOUS_MASTER_KEYS; source "$BASCULE_SECRETS/personal-data.env"; echo "${PERSONAL_DATA_PREVIOUS_MASTER_KEYS:-}")"
if [[ "${1:-}" == --retire ]]; then
  if [[ -z "$previous" ]]; then echo "keys:rotate: no rotation under way: nothing to retire"; exit 0; fi
  rewrap
  retire_master_keys
  echo "keys:rotate: $(tr ',' '\n' <<< "$previous" | cut -d: -f1 | paste -sd' ') left $BASCULE_SECRETS; restart the services"
elif [[ -z "$previous" ]]; then
  current="$(rotate_master_key)"
  echo "keys:rotate: $current is the new master key (personal-data.env and each processes/<service>.env); the old one"
  echo "keys:rotate: still unwraps. Restart the services (npm start) so that they hold it, then run npm run keys:rotate again."
else
  rewrap
  echo "keys:rotate: once no process started before the rotation runs, npm run keys:rotate -- --retire removes the old key."
fi
