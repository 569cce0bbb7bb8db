#!/usr/bin/env bash
# The README's main command: builds the bundled sample app (examples/sample-app) into an image,
# without a Docker daemon, and pushes it.
#   - With AWS credentials configured (environment, profile or SSO files) and ECRTK_LOCAL unset:
#     to Amazon ECR of that account in $AWS_REGION (default us-east-1), repository
#     ecr-toolkit-sample (created when missing).
#   - Otherwise: to the local Basic-auth test registry (started with scripts/test-services.sh start).
# The last line printed is `pushed <ref>@<digest>`.
set -euo pipefail
cd "$(dirname "$0")/.."

has_aws_credentials() {
  [ -n "${AWS_ACCESS_KEY_ID:-}" ] || [ -n "${AWS_PROFILE:-}" ] || [ -n "${AWS_WEB_IDENTITY_TOKEN_FILE:-}" ] \
    || [ -f "${AWS_SHARED_CREDENTIALS_FILE:-$HOME/.aws/credentials}" ] || [ -f "${AWS_CONFIG_FILE:-$HOME/.aws/config}" ]
}

target=local
if [ -z "${ECRTK_LOCAL:-}" ] && has_aws_credentials; then
  target=ecr
fi

busybox=/bin/busybox
if [ "$target" = local ]; then
  # starts (and on a fresh machine installs) the test registry, skopeo and busybox-static
  eval "$(scripts/test-services.sh start)"
  busybox=${ECRTK_BUSYBOX:-/bin/busybox}
elif [ ! -x "$busybox" ] && [ "$(id -u)" -eq 0 ]; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends busybox-static >&2
fi
[ -x "$busybox" ] || { echo "push-sample: no busybox at $busybox (apt-get install busybox-static)" >&2; exit 1; }

./mvnw -q package -DskipTests >&2
jar=examples/target/ecr-toolkit-examples.jar

context=$(mktemp -d)
trap 'rm -rf "$context"' EXIT
cp -R examples/sample-app/. "$context/"
cp "$busybox" "$context/busybox"

if [ "$target" = ecr ]; then
  region=${AWS_REGION:-${AWS_DEFAULT_REGION:-us-east-1}}
  echo "push-sample: pushing to Amazon ECR in $region (set ECRTK_LOCAL=1 to use the local test registry)" >&2
  java -jar "$jar" push --context "$context" --ecr "$region" --image ecr-toolkit-sample:latest --create-repository
  exit $?
fi

echo "push-sample: no AWS credentials; pushing to the local test registry $ECRTK_REGISTRY (user $ECRTK_REGISTRY_USERNAME)" >&2
REGISTRY_USERNAME=$ECRTK_REGISTRY_USERNAME REGISTRY_PASSWORD=$ECRTK_REGISTRY_PASSWORD \
  java -jar "$jar" push --context "$context" --image "$ECRTK_REGISTRY/ecr-toolkit/sample-app:latest" --insecure-registry
