#!/usr/bin/env bash
# Instructions per directive of each benchmark workload, counted by callgrind (repeatable on
# a noisy machine, unlike timings): build+render, render only, and their floors.
#
#   scripts/callgrind-floors.sh                 # every workload
#   scripts/callgrind-floors.sh mixed 10000     # one: workload and size
#   scripts/callgrind-floors.sh quickstart 0 23 # ... and its lines, where the size is not them
#
# Needs valgrind. Counts only the measured functions of benches/profile.rs.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

cargo bench --no-run --bench profile >/dev/null 2>&1
binary="$(cargo bench --no-run --bench profile --message-format=json 2>/dev/null |
  sed -n 's/.*"executable":"\([^"]*profile[^"]*\)".*/\1/p' | tail -n 1)"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

# workload, size argument, directives (the lines under [uwsgi])
workloads=("mixed 100 100" "mixed 10000 10000" "mixed 100000 100000" "quickstart 0 23" "large 200 204")
if [[ $# -ge 2 ]]; then
  workloads=("$1 $2 ${3:-$2}")
fi

printf '%-12s %7s %12s %12s %12s %12s\n' workload lines build floor render copy
for entry in "${workloads[@]}"; do
  read -r workload size lines <<<"$entry"
  row=()
  for what in build floor render copy; do
    out="$scratch/$workload-$size-$what"
    valgrind --tool=callgrind --callgrind-out-file="$out" --toggle-collect='*measured_*' \
      "$binary" "$workload" "$size" "$what" >/dev/null 2>&1
    total="$(sed -n 's/^summary: //p' "$out")"
    row+=("$(awk -v t="$total" -v n="$lines" 'BEGIN { printf "%.0f", t / n }')")
  done
  printf '%-12s %7s %12s %12s %12s %12s\n' "$workload" "$lines" "${row[@]}"
done
echo "(instructions per directive)"
