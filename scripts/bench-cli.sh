#!/usr/bin/env bash
# Wall time of one `otr send` on an encrypted session, next to a Go binary
# that only starts and exits (target: under 3x), and with 1 vs 1,000 peers
# in the state (target: within 1.2x).   Usage: scripts/bench-cli.sh [RUNS]
set -euo pipefail
runs=${1:-200}
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/otr-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

cd "$repo"
go build -o "$work/otr" ./cmd/otr
mkdir "$work/noop" && printf 'package main\n\nfunc main() {}\n' > "$work/noop/main.go"
(cd "$work/noop" && GO111MODULE=off go build -o "$work/noop-bin" main.go)
otr() { "$work/otr" "$@"; }

# Two identities with an encrypted session (alice's peer is "bob").
for s in a b; do otr --state "$work/$s" keygen > /dev/null; done
lines=$(otr --state "$work/a" query --peer bob)
for i in 1 2 3 4; do
  if (( i % 2 )); then who=b peer=alice; else who=a peer=bob; fi
  lines=$(printf '%s\n' "$lines" | otr --state "$work/$who" recv --peer "$peer" 2>/dev/null)
done
printf '%s\n' "$lines" | otr --state "$work/b" recv --peer alice 2>/dev/null
[ "$(otr --state "$work/a" --json status --peer bob | grep -c '"state":"encrypted"')" = 1 ] || { echo "no session" >&2; exit 1; }

# seconds for $runs runs of a command (stdin: one line each time)
timeit() {
  local start end
  start=$(date +%s.%N)
  for ((i = 0; i < runs; i++)); do echo "benchmark message" | "$@" > /dev/null 2>&1; done
  end=$(date +%s.%N)
  echo "$start $end" | awk -v n="$runs" '{ printf "%.3f", ($2 - $1) * 1000 / n }'
}

noop=$(timeit "$work/noop-bin")
one=$(timeit "$work/otr" --state "$work/a" send --peer bob)

# 999 more peers: copies of bob's file under other names.
src="$work/a/peers/bob.toml"
for ((i = 0; i < 999; i++)); do
  sed "s/^peer = \"bob\"/peer = \"peer$i@example.org\"/" "$src" > "$work/a/peers/peer$i@example.org.toml"
done
chmod 600 "$work/a/peers/"*.toml
many=$(timeit "$work/otr" --state "$work/a" send --peer bob)

awk -v noop="$noop" -v one="$one" -v many="$many" -v runs="$runs" 'BEGIN {
  printf "runs per measurement:          %d\n", runs
  printf "go binary that only exits:     %.3f ms\n", noop
  printf "otr send, 1 peer:              %.3f ms   (%.2fx the empty binary; target < 3x)\n", one, one / noop
  printf "otr send, 1000 peers:          %.3f ms   (%.2fx the 1-peer time; target < 1.2x)\n", many, many / one
}'
