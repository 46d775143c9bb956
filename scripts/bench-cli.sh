#!/usr/bin/env bash
# Wall time of one `otr send` on an encrypted session (otr built as README
# builds it; a plain `go build` is reported beside it), next to a Go binary
# that only starts and exits (target: at most 2.5x), and with 1 vs 1,000
# peers in the state (target: within 1.2x); then a full AKE + SMP through
# otr, one process per step, vs two long-running libotr processes (target:
# at most 1.0x; needs libotr, see internal/libotrpeer; FLOWS=0 skips it).
# Usage: [ROUNDS=15] [FLOWS=5] [INSTR=0] [OTR_BENCH_DIR=DIR] scripts/bench-cli.sh [RUNS]
set -euo pipefail
runs=${1:-200}
repo=$(cd "$(dirname "$0")/.." && pwd)
# The states live under $HOME, as they do by default (~/.local/share/otr):
# on this project's machines creating a file under /tmp costs 3-5x what it
# costs elsewhere on the same disk, which would measure the machine, not otr.
work=$(mktemp -d "${OTR_BENCH_DIR:-$HOME}/.otr-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

cd "$repo"
# otr as README builds it, and a plain `go build` (with urfave/cli's
# unused doc generators and their initialisers) for comparison.
go build -tags urfave_cli_no_docs -o "$work/otr" ./cmd/otr
go build -o "$work/otr-plain" ./cmd/otr
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

# 999 more peers for alice, in a copy of her state: copies of bob's file.
cp -r "$work/a" "$work/many"
src="$work/many/peers/bob.toml"
for ((i = 0; i < 999; i++)); do
  sed "s/^peer = \"bob\"/peer = \"peer$i@example.org\"/" "$src" > "$work/many/peers/peer$i@example.org.toml"
done
chmod 600 "$work/many/peers/"*.toml

rounds=${ROUNDS:-15}
# ns per run of a command, over $batch runs (stdin: one line each time)
batch=$(( (runs + rounds - 1) / rounds ))
timeit() {
  local start end i
  start=$(date +%s%N)
  for ((i = 0; i < batch; i++)); do echo "benchmark message" | "$@" > /dev/null 2>&1; done
  end=$(date +%s%N)
  echo $(( (end - start) / batch ))
}

# The machine is shared and noisy: the three commands take turns in
# $rounds rounds, and each ratio is the median of the rounds' ratios.
: > "$work/times"
for ((r = 0; r < rounds; r++)); do
  noop=$(timeit "$work/noop-bin")
  version=$(timeit "$work/otr" --version)
  one=$(timeit "$work/otr" --state "$work/a" send --peer bob)
  many=$(timeit "$work/otr" --state "$work/many" send --peer bob)
  plain=$(timeit "$work/otr-plain" --state "$work/a" send --peer bob)
  echo "$noop $one $many $version $plain" >> "$work/times"
done

sort -n "$work/times" | awk -v rounds="$rounds" -v batch="$batch" '
  { noop[NR] = $1; one[NR] = $2; many[NR] = $3; ver[NR] = $4; r1[NR] = $2 / $1; r2[NR] = $3 / $2; r0[NR] = $4 / $1; r3[NR] = $5 / $1 }
  function median(a, n,   i, j, t) {
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
    return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  END {
    printf "rounds x runs:                 %d x %d (commands interleaved)\n", rounds, batch
    printf "go binary that only exits:     %.3f ms (median)\n", median(noop, NR) / 1e6
    printf "otr --version (start-up only): %.3f ms (median; %.2fx the empty binary)\n", median(ver, NR) / 1e6, median(r0, NR)
    printf "otr send, 1 peer:              %.3f ms (median)\n", median(one, NR) / 1e6
    printf "otr send, 1000 peers:          %.3f ms (median)\n", median(many, NR) / 1e6
    printf "send / empty binary:           %.2fx (median of rounds; target <= 2.5x)\n", median(r1, NR)
    printf "1000 peers / 1 peer:           %.2fx (median of rounds; target < 1.2x)\n", median(r2, NR)
    printf "send, plain go build / empty:  %.2fx (median of rounds; without -tags urfave_cli_no_docs)\n", median(r3, NR)
  }'

# Instructions executed (valgrind's callgrind; INSTR=0 skips it): unlike
# wall time they hardly move with the machine's load, so they compare two
# builds of otr. Go's preemption signals upset callgrind: the runs go
# with asyncpreemptoff, and a crashed run is retried.
instructions() {
  local n _
  for _ in 1 2 3 4 5; do
    n=$(echo "benchmark message" | GODEBUG=asyncpreemptoff=1 valgrind --tool=callgrind \
      --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null | awk '/refs:/ { gsub(",", "", $NF); print $NF }') || true
    if [ -n "$n" ]; then echo "$n"; return; fi
  done
  echo "?"
}
if [ "${INSTR:-1}" != 0 ] && command -v valgrind > /dev/null; then
  i0=$(instructions "$work/noop-bin")
  iv=$(instructions "$work/otr" --version)
  i1=$(instructions "$work/otr" --state "$work/a" send --peer bob)
  i2=$(instructions "$work/otr" --state "$work/many" send --peer bob)
  printf 'instructions: empty binary %s, otr --version %s, send %s, send with 1000 peers %s\n' "$i0" "$iv" "$i1" "$i2"
fi

# The full AKE + SMP row: the benchmark runs both sides in turn, FLOWS
# times, and reports each side's mean and the ratio.
flows=${FLOWS:-5}
if (( flows > 0 )); then
  out=$(go test -count=1 -run '^$' -bench '^BenchmarkFullAKESMP$' -benchtime "${flows}x" ./cmd/otr 2>&1) || { printf '%s\n' "$out" >&2; exit 1; }
  printf '%s\n' "$out" | awk '
    /^BenchmarkFullAKESMP/ {
      for (i = 1; i <= NF; i++) v[$(i + 1)] = $i
      printf "full AKE + SMP, otr (12 processes): %.1f ms (mean of %d)\n", v["otr-ms/op"], $2
      printf "full AKE + SMP, two libotr processes: %.1f ms\n", v["libotr-ms/op"]
      printf "otr / libotr:                  %.2fx (target <= 1.0x)\n", v["otr/libotr"]
      found = 1
    }
    END { if (!found) print "full AKE + SMP: not run (libotr unavailable? set OTR_REQUIRE_LIBOTR=1 to make that an error)" }'
fi
