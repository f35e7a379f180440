#!/usr/bin/env bash
# The Jest part of `npm test` (all) and `npm run test:int` (int), in three runs one after the other (ADR 0066):
#   unit specs on BASCULE_UNIT_WORKERS workers (default 2);
#   integration and e2e suites side by side on BASCULE_INT_WORKERS workers (default 3): they mostly wait on Kafka,
#   Connect, Keycloak and child processes;
#   then the suites marked `@exclusive` (they restart or reconfigure what the others share) one at a time.
# Arguments after the layer are Jest's, given to each run (a path pattern narrows all three; a run left with no
# suite passes). Every run goes to its end; the exit status is non-zero if any run failed, and a summary of the
# three closes the output.
set -uo pipefail
layer="${1:-all}"
shift || true
cd "$(dirname "$0")/../.."
results="$(mktemp -d)"
trap 'rm -rf "$results"' EXIT
status=0
unit_workers="${BASCULE_UNIT_WORKERS:-2}" int_workers="${BASCULE_INT_WORKERS:-3}"

run() {
  local name="$1" started=$SECONDS
  shift
  printf '\n== %s\n' "$name"
  npx jest --passWithNoTests --json --outputFile="$results/$((++runs)).json" "$@" || status=1
  echo "$name|$((SECONDS - started))|$results/$runs.json" >> "$results/runs"
}
runs=0

[[ "$layer" == int ]] || run "unit ($unit_workers workers)" --selectProjects unit --maxWorkers="$unit_workers" "$@"
BASCULE_SUITES=shared run "integration and e2e ($int_workers workers)" --selectProjects integration e2e \
  --maxWorkers="$int_workers" "$@"
BASCULE_SUITES=exclusive run 'integration and e2e marked @exclusive (one at a time)' --selectProjects integration e2e \
  --runInBand "$@"

node tools/jest/summary.js "$results/runs"
exit "$status"
