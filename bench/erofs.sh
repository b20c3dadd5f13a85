#!/usr/bin/env bash
# EROFS: `slipway erofs` against `mkfs.erofs` (uncompressed, mtimes kept, same UUID and build
# time) on the same real tree, page cache warm for both. Default tree: this machine's /usr.
# Prints both times, the ratio, slipway's peak RSS with a 1 GiB heap, and fsck.erofs's verdict.
# Images go to $TMPDIR (default /tmp); with TMPDIR=/dev/shm the disk's write speed, which caps both
# tools alike, drops out and the comparison is of the work each tool does.
# Usage: bench/erofs.sh [TREE] [RUNS]
. "$(dirname "$(readlink -f "$0")")/common.sh"
need mkfs.erofs fsck.erofs
tree=${1:-/usr}
runs=${2:-3}
work=$(mktemp -d "${TMPDIR:-/tmp}/slipway-bench-erofs.XXXXXX")
trap 'rm -rf "$work"' EXIT
uuid=12345678-1234-5678-9abc-def012345678
epoch=$(find "$tree" -xdev -printf '%T@\n' | sort -n | tail -1 | cut -d. -f1)
epoch=$((epoch + 1))

files=$(find "$tree" -xdev | wc -l)
bytes=$(du -sb "$tree" | cut -f1)
echo "tree: $tree, $files entries, $((bytes / 1024 / 1024)) MiB" >&2
tar -C "$tree" -cf - . > /dev/null   # warm the page cache for both
"$bench_root/slipway" --version >/dev/null

export SLIPWAY_JAVA_OPTS="-Xmx1g"
ours=$(best_of "$runs" "$bench_root/slipway" erofs "$tree" "$work/ours.img" --epoch "$epoch" --uuid "$uuid" --quiet)
theirs=$(best_of "$runs" mkfs.erofs -U "$uuid" -T "$epoch" "$work/theirs.img" "$tree")

stats=$("$bench_root/slipway" erofs "$tree" "$work/ours.img" --epoch "$epoch" --uuid "$uuid" --quiet --stats 2>&1 >/dev/null | grep 'stats:' | sed 's/.*stats: //')
rss=$(/usr/bin/time -f '%M' "$bench_root/slipway" erofs "$tree" "$work/ours.img" --epoch "$epoch" --uuid "$uuid" --quiet 2>&1 >/dev/null | tail -1)
fsck.erofs "$work/ours.img" >/dev/null 2>&1 && verdict="clean" || verdict="FAILED"

echo "erofs, $tree ($files entries, $((bytes / 1024 / 1024)) MiB), best of $runs, $(nproc) cores, images in $(dirname "$work")"
echo "  mkfs.erofs    : ${theirs} s, image $(( $(stat -c %s "$work/theirs.img") / 1024 / 1024 )) MiB"
echo "  slipway erofs : ${ours} s (whole command, -Xmx1g), image $(( $(stat -c %s "$work/ours.img") / 1024 / 1024 )) MiB"
echo "  ratio slipway/mkfs.erofs: $(ratio "$ours" "$theirs")"
echo "  slipway in-process: $stats"
echo "  slipway peak RSS: $((rss / 1024)) MiB; fsck.erofs on slipway's image: $verdict"
