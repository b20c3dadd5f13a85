#!/usr/bin/env bash
# Disk images: Slipway's converter against `qemu-img convert` on the same sparse raw disk, to a
# dynamic VHDX (`-O vhdx`) and to a fixed VHD as Azure wants it (`-O vpc -o subformat=fixed,
# force_size=on`). The raw disk is SIZE_GIB with DATA_MIB of random data in eight runs spread over
# it plus 400 scattered 4 KiB blocks (as a filesystem's metadata is), page cache warm for both.
# Whole commands are `./slipway disk convert` against `qemu-img convert` (JVM start included), run
# alternately, each writing a new file, medians of RUNS; the
# in-process times come from a test-classpath main (dev.slipway.disk.DiskConvertMain, with the lseek
# hole finder dev.slipway.source.SparseFiles), in a fresh JVM and best of RUNS in one warm JVM.
# Prints times, ratios, Slipway's in-process times, the outputs' apparent and allocated sizes, and qemu-img's
# verdict on Slipway's files. Set TMPDIR=/dev/shm to take the disk's write speed out of it.
# Usage: bench/disk.sh [SIZE_GIB] [DATA_MIB] [RUNS]
. "$(dirname "$(readlink -f "$0")")/common.sh"
need qemu-img
size_gib=${1:-4}
data_mib=${2:-320}
runs=${3:-5}
work=$(mktemp -d "${TMPDIR:-/tmp}/slipway-bench-disk.XXXXXX")
trap 'rm -rf "$work"' EXIT

. "$bench_root/scripts/lib/jdk.sh"
jdk=$(slipway_find_jdk)
classes="$bench_root/src/formats/target/classes:$bench_root/src/formats/target/test-classes"
classes="$classes:$bench_root/src/sources/target/classes"
if [ ! -f "$bench_root/src/formats/target/test-classes/dev/slipway/disk/DiskConvertMain.class" ] \
    || [ ! -f "$bench_root/src/sources/target/classes/dev/slipway/source/SparseFiles.class" ]; then
  (cd "$bench_root" && JAVA_HOME="$jdk" mvn -B -q -o -pl src/formats,src/sources install -DskipTests >&2)
fi
jna_version=$(sed -n 's:.*<jna.version>\(.*\)</jna.version>.*:\1:p' "$bench_root/pom.xml")
jna="$HOME/.m2/repository/net/java/dev/jna/jna/$jna_version/jna-$jna_version.jar"
[ -f "$jna" ] || { echo "bench: $jna is missing (build once with Maven online)" >&2; exit 1; }
slipway_cli() {   # IN OUT FORMAT
  "$bench_root/slipway" disk convert "$1" "$2" --format "$3" -q
}
slipway_convert() {
  "$jdk/bin/java" -Xmx256m --enable-native-access=ALL-UNNAMED -Dslipway.holeFinder=dev.slipway.source.SparseFiles -cp "$classes:$jna" \
    dev.slipway.disk.DiskConvertMain "$@"
}

raw="$work/disk.raw"
echo "disk: $size_gib GiB sparse raw, $data_mib MiB of random data, in $work" >&2
truncate -s "${size_gib}G" "$raw"
head -c $((data_mib * 1024 * 1024)) /dev/urandom > "$work/random"
run_mib=$((data_mib / 8))
for i in 0 1 2 3 4 5 6 7; do   # eight runs, spread evenly, not MiB-aligned
  dd if="$work/random" of="$raw" bs=1M skip=$((i * run_mib)) count=$run_mib \
    seek=$(( (i * size_gib * 1024 / 8 + 1) * 1048576 + i * 4096 )) oflag=seek_bytes conv=notrunc status=none
done
for i in $(seq 0 399); do      # scattered 4 KiB blocks
  dd if="$work/random" of="$raw" bs=4096 skip=$i count=1 seek=$(( (i * 2654435761) % (size_gib * 262144) )) \
    conv=notrunc status=none
done
rm "$work/random"
allocated() { echo $(( $(stat -c '%b * %B' "$1") )); }
mib() { awk -v b="$1" 'BEGIN { printf "%.1f MiB", b / 1048576 }'; }
echo "raw: $(mib "$(stat -c %s "$raw")") apparent, $(mib "$(allocated "$raw")") allocated" >&2

"$bench_root/slipway" --version >/dev/null   # builds the CLI outside the timing
# The tools run alternately and every run writes a new file (the last output removed and the disk
# synced first, untimed), as a build does; medians of RUNS. On this VM writeback throttling makes
# single runs swing several-fold, so runs in a row of one tool would measure the page cache, not it.
w=$work
sync
read -r ours_vhdx theirs_vhdx < <(paired "$runs" \
  "rm -f $w/ours.vhdx; sync|slipway_cli $raw $w/ours.vhdx vhdx" \
  "rm -f $w/theirs.vhdx; sync|qemu-img convert -f raw -O vhdx $raw $w/theirs.vhdx")
read -r ours_vhd theirs_vhd < <(paired "$runs" \
  "rm -f $w/ours.vhd; sync|slipway_cli $raw $w/ours.vhd vhd" \
  "rm -f $w/theirs.vhd; sync|qemu-img convert -f raw -O vpc -o subformat=fixed,force_size=on $raw $w/theirs.vhd")
inproc() {  # FILE FORMAT [--repeat N]: "open X s, convert Y s" as DiskConvertMain measured them
  slipway_convert "$raw" "$@" | sed -n 's/.*open_s=\([0-9.]*\) convert_s=\([0-9.]*\).*/open \1 s, convert \2 s/p'
}
inproc_vhdx="$(inproc "$work/ours.vhdx" vhdx); warm JVM: $(inproc "$work/ours.vhdx" vhdx --repeat "$runs" | sed 's/.*, //')"
inproc_vhd="$(inproc "$work/ours.vhd" vhd); warm JVM: $(inproc "$work/ours.vhd" vhd --repeat "$runs" | sed 's/.*, //')"

verdict() {  # qemu-img's view of one of our files
  local file=$1 driver=$2 size ok="identical"
  size=$(qemu-img info --output=json -f "$driver" "$file" | sed -n 's/.*"virtual-size": *\([0-9]*\).*/\1/p')
  [ "$size" = "$(stat -c %s "$raw")" ] || ok="SIZE $size"
  if [ "$driver" = vhdx ]; then
    qemu-img check -q -f vhdx "$file" || ok="$ok, CHECK FAILED"
    qemu-img convert -f vhdx -O raw "$file" "$work/back.raw"   # qemu compares a VHDX with a sparse raw slowly
    qemu-img compare -q -f raw -F raw "$raw" "$work/back.raw" || ok="$ok, DIFFERENT"
    rm -f "$work/back.raw"
  else
    qemu-img compare -q -f raw -F "$driver" "$raw" "$file" || ok="$ok, DIFFERENT"
  fi
  echo "$ok"
}
sizes() { echo "$(mib "$(stat -c %s "$1")") apparent, $(mib "$(allocated "$1")") allocated"; }

echo "disk convert, ${size_gib} GiB raw with ${data_mib} MiB of data + 400 x 4 KiB, median of $runs alternate runs, $(nproc) cores"
echo "  to VHDX: qemu-img ${theirs_vhdx} s, slipway ${ours_vhdx} s (whole command), ratio slipway/qemu $(ratio "$ours_vhdx" "$theirs_vhdx")"
echo "           slipway in-process: $inproc_vhdx"
echo "           qemu-img's file: $(sizes "$work/theirs.vhdx")"
echo "           slipway's file:  $(sizes "$work/ours.vhdx"); qemu-img: $(verdict "$work/ours.vhdx" vhdx)"
echo "  to VHD:  qemu-img ${theirs_vhd} s, slipway ${ours_vhd} s (whole command), ratio slipway/qemu $(ratio "$ours_vhd" "$theirs_vhd")"
echo "           slipway in-process: $inproc_vhd"
echo "           qemu-img's file: $(sizes "$work/theirs.vhd")"
echo "           slipway's file:  $(sizes "$work/ours.vhd"); qemu-img: $(verdict "$work/ours.vhd" vpc)"
