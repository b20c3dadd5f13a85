# Shared by the bench scripts: timing of whole commands, best of N runs, in seconds.
set -euo pipefail
bench_root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)

# best_of N CMD...: runs CMD N times, prints the fastest wall time in seconds (3 decimals).
# BENCH_BEFORE, when set, is evaluated before each run, untimed (e.g. remove the last output, sync).
best_of() {
  local runs=$1; shift
  local best="" t0 t1 elapsed
  for _ in $(seq "$runs"); do
    if [ -n "${BENCH_BEFORE:-}" ]; then eval "$BENCH_BEFORE"; fi
    t0=$(date +%s%N)
    "$@" >/dev/null 2>&1
    t1=$(date +%s%N)
    elapsed=$(( (t1 - t0) / 1000000 ))
    if [ -z "$best" ] || [ "$elapsed" -lt "$best" ]; then best=$elapsed; fi
  done
  printf '%d.%03d\n' $((best / 1000)) $((best % 1000))
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

need() {
  for tool in "$@"; do
    command -v "$tool" >/dev/null 2>&1 || { echo "bench: $tool is missing (scripts/install-test-deps installs it)" >&2; exit 1; }
  done
}

# paired N "PREP_A; CMD_A" "PREP_B; CMD_B": runs A and B alternately N times (untimed PREP, e.g.
# removing the last output and syncing, then the timed CMD), so both meet the same page-cache and
# writeback conditions; prints "MEDIAN_A MEDIAN_B" in seconds. Each argument is "PREP|CMD", eval'd.
paired() {
  local runs=$1 a=$2 b=$3 ta=() tb=()
  for _ in $(seq "$runs"); do
    ta+=("$(timed_once "$a")")
    tb+=("$(timed_once "$b")")
  done
  echo "$(median "${ta[@]}") $(median "${tb[@]}")"
}

timed_once() {  # "PREP|CMD": evaluates PREP, then prints CMD's wall time in milliseconds
  local prep=${1%%|*} cmd=${1#*|} t0 t1
  eval "$prep"
  t0=$(date +%s%N)
  eval "$cmd" >/dev/null 2>&1
  t1=$(date +%s%N)
  echo $(( (t1 - t0) / 1000000 ))
}

median() {  # milliseconds in, seconds out (3 decimals)
  local sorted
  sorted=$(printf '%s\n' "$@" | sort -n)
  local ms
  ms=$(echo "$sorted" | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print int((v[NR / 2] + v[NR / 2 + 1]) / 2) }')
  printf '%d.%03d\n' $((ms / 1000)) $((ms % 1000))
}
