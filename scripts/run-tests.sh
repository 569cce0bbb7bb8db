#!/usr/bin/env bash
# The README's test command: starts the real services the tests use (registry with Basic auth,
# registry without auth, Docker Engine, skopeo, busybox) and runs every unit and integration test.
# Extra arguments go to Maven, e.g. scripts/run-tests.sh -pl ecr-toolkit-core
set -euo pipefail
cd "$(dirname "$0")/.."
eval "$(scripts/test-services.sh start)"
exec ./mvnw verify "$@"
