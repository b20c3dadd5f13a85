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
