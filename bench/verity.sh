#!/usr/bin/env bash
# dm-verity: `slipway verity format` against `veritysetup format` on the same 1 GiB of data, same
# salt and UUID, page cache warm for both. Prints both times, the ratio, and slipway's in-process
# hashing throughput. Usage: bench/verity.sh [SIZE_MiB] [RUNS]
. "$(dirname "$(readlink -f "$0")")/common.sh"
need veritysetup
size_mib=${1:-1024}
runs=${2:-5}
work=$(mktemp -d "${TMPDIR:-/tmp}/slipway-bench-verity.XXXXXX")
trap 'rm -rf "$work"' EXIT
salt=$(printf 'slipway-bench' | sha256sum | cut -c1-64)
uuid=12345678-1234-5678-9abc-def012345678

echo "data: $size_mib MiB of random bytes in $work" >&2
head -c $((size_mib * 1024 * 1024)) /dev/urandom > "$work/data"
cat "$work/data" > /dev/null
"$bench_root/slipway" --version >/dev/null   # builds the CLI if needed, outside the timing

ours=$(best_of "$runs" "$bench_root/slipway" verity format "$work/data" "$work/ours.hash" --salt "$salt" --uuid "$uuid" --quiet)
theirs=$(best_of "$runs" veritysetup format "$work/data" "$work/theirs.hash" --salt "$salt" --uuid "$uuid")

our_root=$("$bench_root/slipway" verity format "$work/data" "$work/ours.hash" --salt "$salt" --uuid "$uuid" --json --quiet \
  | sed -n 's/.*"rootHash" *: *"\([0-9a-f]*\)".*/\1/p')
their_root=$(veritysetup format "$work/data" "$work/theirs.hash" --salt "$salt" --uuid "$uuid" | sed -n 's/^Root hash:[[:space:]]*//p')
[ "$our_root" = "$their_root" ] || { echo "root hashes differ: $our_root vs $their_root" >&2; exit 1; }
cmp -s "$work/ours.hash" "$work/theirs.hash" && same="identical" || same="DIFFERENT"

inproc=$("$bench_root/slipway" verity format "$work/data" "$work/ours.hash" --salt "$salt" --uuid "$uuid" --stats 2>&1 >/dev/null \
  | sed -n 's/.*hashed .* in \([0-9.]*\) s (\([0-9.]*\) GB\/s).*/\1 s, \2 GB\/s/p')

# In-process and warm: several formats in one JVM, as the build pipeline hashes right after EROFS.
. "$bench_root/scripts/lib/jdk.sh"
warm=$("$(slipway_find_jdk)/bin/java" -cp "$bench_root/src/formats/target/classes:$bench_root/src/formats/target/test-classes" \
  dev.slipway.verity.VerityBenchmark "$work/data" "$runs" 2>&1 | sed -n 's/.*best_s=\([0-9.]*\).*best_gbps=\([0-9.]*\).*/\1 s, \2 GB\/s/p')

echo "verity format, ${size_mib} MiB, best of $runs, $(nproc) cores"
echo "  veritysetup format : ${theirs} s"
echo "  slipway verity     : ${ours} s (whole command, JVM start included)"
echo "  ratio slipway/veritysetup: $(ratio "$ours" "$theirs")"
echo "  slipway in-process hashing, fresh JVM: ${inproc}"
echo "  slipway in-process hashing, warm JVM (best of $runs): ${warm}"
echo "  root hash equal: yes; hash files $same"
