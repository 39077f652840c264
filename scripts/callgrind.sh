#!/usr/bin/env bash
# Instructions executed per iteration of the workloads of benches/compare.rs, counted by
# callgrind: unlike times, the same on a busy machine from run to run.
#
#   scripts/callgrind.sh                      # every workload
#   scripts/callgrind.sh lookup mixed_10000   # some of them
#
# Needs cargo and valgrind. Each workload runs twice under callgrind, with a few iterations
# and with more; the difference divided by the extra iterations is the count per iteration,
# without the program's start and the workload's setup (render-only workloads build their
# section before the loop). Per unit: per name or key for the catalogue workloads (eight
# each), per directive for the mixed ones, per iteration otherwise.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
command -v valgrind >/dev/null || {
  echo "valgrind is missing" >&2
  exit 1
}

binary="$(cargo bench --quiet --bench compare --no-run --message-format=json |
  python3 -c '
import json, sys
for line in sys.stdin:
    message = json.loads(line)
    if message.get("reason") == "compiler-artifact" and message.get("executable") \
            and message["target"]["name"] == "compare":
        print(message["executable"])')"

# workload, iterations of the short run, of the long run, units per iteration
cases=(
  "lookup 0 10000 8" "key_spec 0 10000 8" "key_name 0 10000 8"
  "small 0 1000 1" "quickstart 0 1000 1" "large_200_hooks 0 20 1"
  "mixed_100 0 20 100" "mixed_10000 0 1 10000" "mixed_100000 0 1 100000"
  "mixed_100_render 1 101 100" "mixed_10000_render 1 2 10000" "mixed_100000_render 1 2 100000"
)

instructions() { # workload, iterations
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$binary" run "$1" "$2" 2>&1 |
    sed -n 's/.*Collected : *//p'
}

printf '%-20s %16s %12s\n' workload "per iteration" "per unit"
for case in "${cases[@]}"; do
  read -r name short long units <<<"$case"
  if [[ $# -gt 0 && " $* " != *" $name "* ]]; then
    continue
  fi
  low=$(instructions "$name" "$short")
  high=$(instructions "$name" "$long")
  python3 -c "
per = ($high - $low) / ($long - $short)
print(f'{\"$name\":<20} {per:>16,.0f} {per / $units:>12,.1f}')"
done
