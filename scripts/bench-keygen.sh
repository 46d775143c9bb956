#!/usr/bin/env bash
# Wall time of a whole `otr keygen` process (a new DSA-1024 identity in a
# new state directory) next to a whole libotr process that makes one
# (otrl_privkey_generate through the test helper of internal/libotrpeer,
# into a new key file). Target: ratio <= 1.0.
# Usage: [ROUNDS=20] [OTR_BENCH_DIR=DIR] scripts/bench-keygen.sh
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
# Under $HOME, where states live by default (see scripts/bench-cli.sh).
work=$(mktemp -d "${OTR_BENCH_DIR:-$HOME}/.otr-bench-keygen.XXXXXX")
trap 'rm -rf "$work"' EXIT

cd "$repo"
go build -o "$work/otr" ./cmd/otr
# The libotr helper, built (and cached) by the libotrpeer tests; any build
# of it has the keygen mode.
OTR_REQUIRE_LIBOTR=1 go test -count=1 -run '^TestBench$' ./internal/libotrpeer/ > /dev/null
helper=$(find "${XDG_CACHE_HOME:-$HOME/.cache}/otrtool-libotrpeer" -maxdepth 1 -type f -name 'helper-*' | head -n 1)
[ -x "$helper" ] || { echo "bench-keygen: no libotr helper found" >&2; exit 1; }

now() { date +%s%N; }
rounds=${ROUNDS:-20}
: > "$work/times"
for ((r = 0; r < rounds; r++)); do
  t0=$(now)
  "$work/otr" --state "$work/state$r" keygen > /dev/null
  t1=$(now)
  "$helper" keygen "$work/libotr$r.key" "bench@example" "prpl-bench" > /dev/null
  t2=$(now)
  echo "$(( t1 - t0 )) $(( t2 - t1 ))" >> "$work/times"
done

# Each generation takes a random number of candidates: compare medians
# and means over the rounds (the two take turns, so load drifts hit both).
awk '
  { ours[NR] = $1; lib[NR] = $2; so += $1; sl += $2 }
  function median(a, n,   i, j, t) {
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  END {
    mo = median(ours, NR); ml = median(lib, NR)
    printf "otr keygen (whole process):      median %.1f ms, mean %.1f ms\n", mo / 1e6, so / NR / 1e6
    printf "libotr keygen (whole process):   median %.1f ms, mean %.1f ms\n", ml / 1e6, sl / NR / 1e6
    printf "ratio ours/libotr:               median %.2f, mean %.2f (%d rounds)\n", mo / ml, so / sl, NR
  }' "$work/times"
