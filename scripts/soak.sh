#!/usr/bin/env bash
# The long crash/concurrency soak of the otr command: two identities
# exchange OTR_SOAK_MESSAGES messages (default 2000) through a long-running
# `otr recv` per side and one `otr send` per message, both directions at
# once, with random kill -9 of sends and recvs (restarted, the line in
# flight given again). At the end every message reported sent was shown at
# least once, first showings in order, a repeat only under the id it had the
# first time and no id shared by two messages; both states load and the
# session still works. It is TestSoak in cmd/otr/soak_test.go (see the
# comment there for what "reported sent" and "shown" mean); go test runs it
# with 150 messages.
#
#   scripts/soak.sh                                  # 2000 messages, seed 1
#   OTR_SOAK_MESSAGES=20000 OTR_SOAK_SEED=7 scripts/soak.sh
#   OTR_SOAK_RACE=1 scripts/soak.sh                  # under the race detector
set -euo pipefail
cd "$(dirname "$0")/.."

export OTR_SOAK_MESSAGES=${OTR_SOAK_MESSAGES:-2000}
export OTR_SOAK_SEED=${OTR_SOAK_SEED:-1}
race=()
if [ -n "${OTR_SOAK_RACE:-}" ]; then race=(-race); fi
echo "soak: $OTR_SOAK_MESSAGES messages, seed $OTR_SOAK_SEED"
exec go test "${race[@]}" -count=1 -v -run '^TestSoak$' -timeout "${OTR_SOAK_TIMEOUT:-60m}" ./cmd/otr
