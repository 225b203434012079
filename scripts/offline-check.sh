#!/usr/bin/env bash
# Runs a representative part of the integration and e2e suites (the web host and /v1,
# loopback downloads, exports, every engine host, remotes on loopback, the studio in the
# test browser) in a network namespace that has only loopback, under strace, and fails
# when any connect() went anywhere but loopback or AF_UNIX. Counted by program, so a
# stray attempt says whether Atelier, an engine host, ffmpeg or the test browser made it.
# Two exceptions, each only in its exact shape: test/offline/download-unreachable.test.ts
# must be seen reaching 203.0.113.7 and failing with a typed error, and Chromium's IPv6
# reachability probe (a UDP connect() that sends nothing; no switch turns it off) is
# counted apart (scripts/offline-connects.mjs).
#
#   scripts/offline-check.sh                  # the files below
#   scripts/offline-check.sh test/x.test.ts … # these (the unreachable download is always added)
#
# Needs root (CI runs as root) for unshare -rn and strace; says so and fails otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."

fail() { echo "offline-check: $*" >&2; exit 2; }
[ "$(id -u)" = 0 ] || fail "needs root (unshare -rn and strace -f); run it as root, as CI does. Not skipped: nothing was checked."
for tool in unshare strace ip node; do command -v "$tool" >/dev/null || fail "$tool is not installed; nothing was checked."; done
unshare -rn true 2>/dev/null || fail "unshare -rn is not available here (no network namespaces); nothing was checked."

PROBE_ADDRESS=203.0.113.7
if [ "$#" -gt 0 ]; then
  FILES=("$@")
else
  # One file per kind of process that could go online: the web host and /v1, loopback
  # downloads, exports (ffmpeg), the Piper host (onnxruntime), the text host (llama.cpp),
  # remotes on loopback, and the studio in the test browser: 4 CPU-minutes (13 minutes
  # on a machine at load 23).
  FILES=(
    test/integration/web-host-api.test.ts
    test/integration/openai-api.test.ts
    test/integration/models-cli.test.ts
    test/integration/export-cli.test.ts
    test/integration/engine-telemetry.test.ts
    test/integration/text-cli.test.ts
    test/integration/remote-engines.test.ts
    test/e2e/studio.e2e.test.ts
  )
fi
FILES+=(test/offline/download-unreachable.test.ts)

# onnxruntime stays silent by itself where it sees one of these (it takes them for CI); a
# creator's machine has none, so neither does this run: the engine hosts must stay offline
# on their own (engine-process.ts).
for variable in CI TF_BUILD GITHUB_ACTIONS GITLAB_CI CIRCLECI TRAVIS JENKINS_URL CODEBUILD_BUILD_ID BUILDKITE \
  TEAMCITY_VERSION APPVEYOR BITBUCKET_BUILD_NUMBER SYSTEM_TEAMFOUNDATIONCOLLECTIONURI; do
  unset "$variable"
done

node scripts/build.mjs --if-stale
work=$(mktemp -d "${TMPDIR:-/tmp}/atelier-offline-XXXXXX")
trap 'rm -rf "$work"' EXIT
trace="$work/connect.trace"
started=$(date +%s)
tests=0
# clone and execve name the program behind each connect(); socket() tells UDP from TCP.
# shellcheck disable=SC2016 # $0 and $@ belong to the inner shell.
unshare -rn sh -c 'ip link set lo up && exec strace -f --seccomp-bpf -qq -e trace=connect,socket,execve,clone,clone3,fork,vfork -o "$0" node --import tsx --test --test-concurrency=2 --test-reporter=dot "$@"' \
  "$trace" "${FILES[@]}" || tests=$?
echo "offline-check: ${#FILES[@]} test files in $(( $(date +%s) - started )) s without a network"
counted=0
node scripts/offline-connects.mjs "$trace" --allow "$PROBE_ADDRESS" --expect-allowed --browser-probe || counted=$?
[ "$tests" = 0 ] || { echo "offline-check: tests failed (exit $tests)" >&2; exit 1; }
[ "$counted" = 0 ] || { echo "offline-check: outbound connect() attempts (see above)" >&2; exit 1; }
echo "offline-check: ok"
