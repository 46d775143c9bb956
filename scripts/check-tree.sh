#!/usr/bin/env bash
# Checks what the repository tracks: no build outputs (executables, object
# files, anything over 1 MiB) and every shell script clean under shellcheck.
# OTR_REQUIRE_SHELLCHECK=1 (set by .ci/run) makes a missing shellcheck an error.
set -euo pipefail
cd "$(dirname "$0")/.."

status=0
while IFS= read -r -d '' f; do
  [ -f "$f" ] || continue
  size=$(stat -c %s "$f")
  magic=$(head -c 4 "$f" | od -An -tx1 | tr -d ' \n')
  if [ "$size" -gt 1048576 ]; then
    echo "check-tree: $f is tracked and larger than 1 MiB (a build output?)"; status=1
  fi
  case "$magic" in
    7f454c46|cffaedfe|cefaedfe|4d5a*)   # ELF, Mach-O, PE
      echo "check-tree: $f is a tracked executable binary (build outputs are never committed)"; status=1 ;;
  esac
done < <(git ls-files -z)

scripts=()
while IFS= read -r -d '' f; do scripts+=("$f"); done < <(git ls-files -z '*.sh' .ci/run)
if command -v shellcheck >/dev/null 2>&1; then
  shellcheck "${scripts[@]}" || status=1
elif [ -n "${OTR_REQUIRE_SHELLCHECK:-}" ]; then
  echo "check-tree: shellcheck is not installed (OTR_REQUIRE_SHELLCHECK is set)"; status=1
else
  echo "check-tree: shellcheck not installed; shell scripts not checked"
fi
exit "$status"
