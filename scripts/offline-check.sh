#!/usr/bin/env bash
# Runs a representative part of the integration suite (engines, loopback downloads, the
# web host and /v1, exports, remotes on loopback) in a network namespace that has only
# loopback, under strace, and fails when any connect() went anywhere but loopback or
# AF_UNIX. The one allowed exception is test/offline/download-unreachable.test.ts: its
# download from 203.0.113.7 must be seen and must fail with a typed error.
# Needs root (CI runs as root) for unshare -rn and strace; says so and fails otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."

fail() { echo "offline-check: $*" >&2; exit 2; }
[ "$(id -u)" = 0 ] || fail "needs root (unshare -rn and strace -f); run it as root, as CI does. Not skipped: nothing was checked."
for tool in unshare strace ip node; do command -v "$tool" >/dev/null || fail "$tool is not installed; nothing was checked."; done
unshare -rn true 2>/dev/null || fail "unshare -rn is not available here (no network namespaces); nothing was checked."

PROBE_ADDRESS=203.0.113.7
# Not here: project-export.test.ts drives Chromium, which itself probes 2001:4860:4860::8888:443 and
# DNS at start-up (the test's browser, not Atelier); export-cli.test.ts covers exports without it.
# models-download.test.ts's "dropped connection resumes with Range" asserts the exact resume byte,
# which a reset socket under strace can undercut; models-cli.test.ts covers loopback downloads here.
FILES=(
  test/integration/web-host-api.test.ts
  test/integration/openai-api.test.ts
  test/integration/models-cli.test.ts
  test/integration/export-cli.test.ts
  test/integration/piper.test.ts
  test/integration/remote-engines.test.ts
  test/integration/bundle-import.test.ts
  test/offline/download-unreachable.test.ts
)

node scripts/build.mjs --if-stale
work=$(mktemp -d "${TMPDIR:-/tmp}/atelier-offline-XXXXXX")
trap 'rm -rf "$work"' EXIT
trace="$work/connect.trace"
started=$(date +%s)
tests=0
# shellcheck disable=SC2016 # $0 and $@ belong to the inner shell.
unshare -rn sh -c 'ip link set lo up && exec strace -f --seccomp-bpf -qq -e trace=connect -o "$0" node --import tsx --test --test-concurrency=1 --test-reporter=dot "$@"' \
  "$trace" "${FILES[@]}" || tests=$?
echo "offline-check: ${#FILES[@]} test files in $(( $(date +%s) - started )) s without a network"
counted=0
node scripts/offline-connects.mjs "$trace" --allow "$PROBE_ADDRESS" --expect-allowed || counted=$?
[ "$tests" = 0 ] || { echo "offline-check: tests failed (exit $tests)" >&2; exit 1; }
[ "$counted" = 0 ] || { echo "offline-check: outbound connect() attempts (see above)" >&2; exit 1; }
echo "offline-check: ok"
