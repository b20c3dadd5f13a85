#!/usr/bin/env bash
# The default build against the tool it is mostly made of: `./slipway build` of
# image-profiles/base.toml, and `mmdebstrap` alone with the same suite, variant, packages and epoch.
# The difference is what Slipway adds (reading the tree, normalising, EROFS, verity, build.json).
# Needs root (mmdebstrap's chroot mode, as the build uses) and the Debian archive.
. "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/common.sh"
need mmdebstrap
runs=${RUNS:-2}
work=$(mktemp -d "${TMPDIR:-/tmp}/slipway-bench-build.XXXXXX")
trap 'rm -rf "$work"' EXIT

"$bench_root/slipway" --version >/dev/null   # builds the jar outside the timing
slipway_s=$(best_of "$runs" "$bench_root/slipway" build "$bench_root/image-profiles/base.toml" -o "$work/out" -q)
mmdebstrap_s=$(best_of "$runs" env SOURCE_DATE_EPOCH=1747699200 mmdebstrap --variant=minbase \
  --include=systemd-sysv,udev,kmod bookworm "$work/rootfs.tar")
echo "slipway build (default profile): ${slipway_s} s"
echo "mmdebstrap alone, same packages: ${mmdebstrap_s} s"
echo "ratio slipway/mmdebstrap: $(ratio "$slipway_s" "$mmdebstrap_s")"
