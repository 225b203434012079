#!/usr/bin/env bash
# Runs a representative part of the suite the way a newcomer's machine differs from this
# one: as a non-root user, from a copy of the repository whose path has a space and a
# non-ASCII letter, with another time zone and locale. Needs root (to add the user and
# hand it the copy); idempotent; removes the copy afterwards (the user is kept).
#
#   scripts/odd-machine-check.sh                 # the default files below
#   scripts/odd-machine-check.sh test/unit/x.test.ts …
#   scripts/odd-machine-check.sh --offline --repeat 5 --hog 1 integration e2e
#
# --offline runs it in a network namespace with only loopback (unshare -n, as root, before
# the switch to the user); --repeat N runs the files (or suites) N times through the flake
# watch (scripts/test-repeat.mjs), with --hog K busy loops beside them for the whole length.
# The run's output is in test-artifacts/odd-machine-check-<user>.log, and what the copy's
# test-artifacts/ holds at the end (failure screenshots, failed runs' output) is kept in
# test-artifacts/odd-machine-<user>/.
#
# Exit status: that of the test run (0 when every test passed); 2 when it cannot run.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CI_USER="${ATELIER_CI_USER:-atelier-ci}"
PARENT="/tmp/Mein Ordner ü"
# One folder per user, so a second check as another user (ATELIER_CI_USER) runs beside the first.
DEST="$PARENT/$CI_USER/atelier"
TZ_ODD="Pacific/Auckland"
LANG_ODD="de_DE.UTF-8"

OFFLINE=0
REPEAT=0
HOG=0
while [ "$#" -gt 0 ]; do
  case "$1" in
    --offline) OFFLINE=1; shift ;;
    --repeat) REPEAT="$2"; shift 2 ;;
    --hog) HOG="$2"; shift 2 ;;
    *) break ;;
  esac
done

if [ "$(id -u)" -ne 0 ]; then
  echo "odd-machine-check: needs root to add the user $CI_USER and give it the copy" >&2
  exit 2
fi
if [ ! -d "$ROOT/dist" ]; then
  echo "odd-machine-check: build first (node scripts/build.mjs): the e2e tests serve dist/" >&2
  exit 2
fi

if [ "$#" -gt 0 ]; then
  FILES=("$@")
else
  mapfile -t FILES < <(cd "$ROOT" && ls test/unit/*.test.ts)
  FILES+=(
    test/integration/cli.test.ts
    test/integration/models-download.test.ts
    test/integration/text-documents.test.ts
    test/e2e/storyboard.e2e.test.ts
    test/e2e/storyboard-export.e2e.test.ts
  )
fi

# Without the locale generated, LANG only reaches programs that read it themselves (Node's ICU
# does), not the C library's formatting; .ci/run generates it.
locale -a 2>/dev/null | grep -qix 'de_DE\.utf-\?8' || echo "odd-machine-check: note: the locale $LANG_ODD is not generated here (locale-gen); the C library falls back to C" >&2

id "$CI_USER" >/dev/null 2>&1 || useradd -m "$CI_USER"
CI_HOME="$(getent passwd "$CI_USER" | cut -d: -f6)"

# The copy, and whatever the user's earlier runs left in /tmp (its own files only).
cleanup() {
  if [ -d "$DEST/test-artifacts" ]; then
    rm -rf -- "$ROOT/test-artifacts/odd-machine-$CI_USER" && mkdir -p -- "$ROOT/test-artifacts" && cp -a -- "$DEST/test-artifacts" "$ROOT/test-artifacts/odd-machine-$CI_USER"
  fi
  rm -rf -- "$(dirname "$DEST")"
  rmdir -- "$PARENT" 2>/dev/null || true
  find /tmp -mindepth 1 -maxdepth 1 -user "$CI_USER" -exec rm -rf -- {} + 2>/dev/null || true
}
trap cleanup EXIT
cleanup
mkdir -p -- "$DEST"

# The working tree as git sees it (tracked and new files, nothing ignored), plus the build
# and the fixtures; node_modules is shared read-only through a link.
(cd "$ROOT" && git ls-files -z --cached --others --exclude-standard | grep -zv '^node_modules$' | tar --null -T - -cf -) | tar -xf - -C "$DEST"
for built in dist models/fixtures/out; do
  if [ -d "$ROOT/$built" ]; then mkdir -p -- "$DEST/$(dirname "$built")" && cp -a -- "$ROOT/$built" "$DEST/$built"; fi
done
chown -R "$CI_USER:" -- "$(dirname "$DEST")"
# node_modules as hard links (same disk, no copy): a link into the clone would not do where the
# clone sits in a folder only root may enter (CI's clone may). Linked after the chown, so the
# clone's own files keep their owner; the tests only read them.
cp -al -- "$(readlink -f "$ROOT/node_modules")" "$DEST/node_modules"

mkdir -p -- "$ROOT/test-artifacts"
if [ "$REPEAT" -gt 0 ]; then
  RUN=(node scripts/test-repeat.mjs "$REPEAT" --hog "$HOG")
else
  RUN=(node --import tsx --test --test-reporter=spec --test-concurrency=2)
fi
NETNS=()
if [ "$OFFLINE" = 1 ]; then
  unshare -n true 2>/dev/null || { echo "odd-machine-check: unshare -n is not available here; nothing was checked" >&2; exit 2; }
  # shellcheck disable=SC2016 # $@ belongs to the inner shell.
  NETNS=(unshare -n sh -c 'ip link set lo up && exec "$@"' sh)
fi
echo "odd-machine-check: ${#FILES[@]} file(s) as $CI_USER in '$DEST', TZ=$TZ_ODD LANG=$LANG_ODD$([ "$OFFLINE" = 1 ] && echo ', loopback only')$([ "$REPEAT" -gt 0 ] && echo ", $REPEAT runs, $HOG busy loop(s)")"
# One log per user too: two checks side by side must not write into one file.
LOG="$ROOT/test-artifacts/odd-machine-check-$CI_USER.log"
started=$(date +%s)
status=0
"${NETNS[@]}" runuser -u "$CI_USER" -- env -i \
  HOME="$CI_HOME" USER="$CI_USER" PATH="$PATH" TZ="$TZ_ODD" LANG="$LANG_ODD" LC_ALL="$LANG_ODD" \
  ${ATELIER_CHROMIUM:+ATELIER_CHROMIUM="$ATELIER_CHROMIUM"} FORCE_COLOR=0 \
  bash -c 'cd "$0" && exec "$@"' "$DEST" "${RUN[@]}" "${FILES[@]}" \
  >"$LOG" 2>&1 || status=$?
elapsed=$(( $(date +%s) - started ))

grep -E '^ℹ (tests|pass|fail|cancelled|skipped|todo) ' "$LOG" || true
grep -E '^✖ |^flake watch' "$LOG" | head -40 || true
# What the user left in /tmp besides the copy, tsx's cache, Chromium's PulseAudio folder and
# mkdtemp folders (name-XXXXXX):
# a test that writes to a fixed path shows here.
leftovers=$(find /tmp -mindepth 1 -maxdepth 1 -user "$CI_USER" ! -name 'tsx-*' ! -name 'pulse-*' ! -path "$PARENT" -regextype posix-extended ! -regex '.*-[A-Za-z0-9]{6}' 2>/dev/null)
echo "odd-machine-check: exit $status after ${elapsed} s; log in ${LOG#"$ROOT/"}"
if [ -n "$leftovers" ]; then
  echo "odd-machine-check: files outside temporary folders: $leftovers" >&2
  [ "$status" -eq 0 ] && status=1
fi
exit "$status"
