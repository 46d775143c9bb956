#!/usr/bin/env bash
# Runs every check: formatting, vet, all tests (libotr interop included, then
# again under the race detector), and a short run of each fuzz target.
# FUZZTIME=200000x (or a duration, e.g. 10m) scripts/test.sh fuzzes longer.
set -euo pipefail
cd "$(dirname "$0")/.."

unformatted=$(gofmt -l .)
if [ -n "$unformatted" ]; then
  echo "gofmt would change:"; echo "$unformatted"; exit 1
fi
scripts/check-tree.sh
go vet ./...
go vet -tags urfave_cli_no_docs ./...   # the build README documents
go test -count=1 ./...
# The command as README builds it (without urfave/cli's doc generators).
go test -count=1 -tags urfave_cli_no_docs ./cmd/otr
# Again under the race detector: the state is shared by concurrent invocations.
go test -race -count=1 ./...

# A count, not a duration: Go 1.26's coordinator can fail a duration-based
# -fuzztime with a spurious "context deadline exceeded" (golang/go#75804).
fuzztime=${FUZZTIME:-20000x}
for pkg in $(go list ./...); do
  dir=$(go list -f '{{.Dir}}' "$pkg")
  { grep -ho '^func Fuzz[A-Za-z0-9_]*' "$dir"/*_test.go 2>/dev/null || true; } | sed 's/^func //' | sort -u |
  while IFS= read -r target; do
    echo "fuzz $pkg $target ($fuzztime)"
    go test -run '^$' -fuzz "^${target}\$" -fuzztime "$fuzztime" "$pkg" </dev/null >/tmp/fuzz.$$ 2>&1 || { cat /tmp/fuzz.$$; exit 1; }
  done
done
rm -f /tmp/fuzz.$$
echo "all checks passed"
