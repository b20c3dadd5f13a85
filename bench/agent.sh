#!/usr/bin/env bash
# slipway-agent staging a release against dd + veritysetup on the same /usr payload (DATA_MIB MiB of data, half
# random and half zeros per MiB, hash tree appended, as the agent tests' TestBuild makes it), into slot B of the
# same sparse disk image. slipway: a full `update --disk` cycle from a file:// repository (check and verify the
# signed channel and manifest, fetch the zstd frames, decode, check every 4 KiB block against the tree, write,
# sync, read the whole slot back and check it again, switch the boot entry). The standard tools: `dd` of the
# uncompressed usr.img into the slot (conv=fsync), then `veritysetup verify` of the slot (through a loop device).
# Runs alternate, each on a fresh copy of the disk with the page cache dropped first; medians of RUNS.
# The agent runs as on a node: the Java runtime the image carries (jlink @update-agent/target/slipway-agent/
# jlink.options, plus java.instrument for the bench's hook) with the node's @jvm.options.
# Then its footprint: RSS/PSS of the process kept IDLE_S seconds after one cycle that found nothing to install
# (the node's usual check) and after one that installed the release (`run` needs a booted node, so a Java agent
# holds the real Quarkus process at exit instead, after the full collection `run` makes after every cycle); peak
# RSS; `status --json` wall time; each also with JVM defaults and with a JDK 25 AOT cache. Needs root (losetup,
# drop_caches) and Maven with the project's dependencies in ~/.m2. Usage: bench/agent.sh [DATA_MIB] [RUNS] [IDLE_S]
. "$(dirname "$(readlink -f "$0")")/common.sh"
need veritysetup losetup mkfs.fat mcopy dd
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time is missing (Debian package time)" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || { echo "bench: run as root (losetup for veritysetup on the slot, dropping the page cache)" >&2; exit 1; }
data_mib=${1:-1024}
runs=${2:-3}
idle_s=${3:-60}
work=$(mktemp -d "${BENCH_DIR:-/var/tmp}/slipway-bench-agent.XXXXXX")
loop=""
trap '[ -n "$loop" ] && losetup -d "$loop" 2>/dev/null; rm -rf "$work"' EXIT

. "$bench_root/scripts/lib/jdk.sh"
jdk=$(slipway_find_jdk)
java="$jdk/bin/java"
echo "building slipway-agent and its test classes ..." >&2
(cd "$bench_root" && JAVA_HOME="$jdk" mvn -B -q -Dstyle.color=never package org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
  -Dmdep.outputFile="$work/cp.txt" -Dmdep.includeScope=test -DskipTests -pl update-agent -am >&2)
dist="$bench_root/update-agent/target/slipway-agent"
agent_jar="$dist/app/quarkus-run.jar"
echo "making the node's Java runtime with jlink ..." >&2
"$jdk/bin/jlink" @"$dist/jlink.options" --add-modules java.instrument --output "$work/runtime"
runtime_mib=$(du -sm --exclude=java.instrument "$work/runtime" | cut -f1)
java="$work/runtime/bin/java"
node=(@"$dist/jvm.options")
tests="$bench_root/update-agent/target/test-classes"
printf 'Premain-Class: dev.slipway.agent.bench.IdleAtExit\n' > "$work/manifest.txt"
"$jdk/bin/jar" --create --file "$work/idle.jar" --manifest "$work/manifest.txt" -C "$tests" dev/slipway/agent/bench/IdleAtExit.class

echo "making a $data_mib MiB release, publishing it and laying out the disk in $work ..." >&2
(cd "$bench_root" && "$jdk/bin/java" -cp "$bench_root/update-agent/target/classes:$tests:$(cat "$work/cp.txt")" \
  dev.slipway.agent.bench.AgentBenchSetup "$work" "$data_mib" 2>/dev/null) > "$work/setup.env"
. "$work/setup.env"   # usr_img usr_size data_size hash_offset root_hash slot_b_offset slot_b_size disk_size
rm -rf "$work/v1"
disk="$work/disk.raw"

dropped=no   # decided here: fresh also runs in the timing's subshells
if sync && echo 3 > /proc/sys/vm/drop_caches 2>/dev/null; then dropped=yes; fi
fresh() {   # a new copy of the disk (slot B a hole), no agent state, nothing of it in the page cache
  rm -rf "$work/state" "$disk"
  cp --sparse=always "$work/disk.template" "$disk"
  sync
  if [ "$dropped" = yes ]; then echo 3 > /proc/sys/vm/drop_caches; fi
}
agent() {   # FLAGS...: one update --disk cycle; exit code in $work/agent.rc
  local rc=0
  "$java" "$@" -jar "$agent_jar" update --disk "$disk" --booted A --repo "file://$work/repo" --channel stable \
    --trust "$bench_root/keys/development/root.pem" --state "$work/state" --allow-development-keys --json \
    > "$work/agent.out" 2> "$work/agent.err" || rc=$?
  echo "$rc" > "$work/agent.rc"
}
slot_verify() {   # veritysetup's verdict on slot B of the disk
  loop=$(losetup -f --show -r -o "$slot_b_offset" --sizelimit "$slot_b_size" "$disk")
  local rc=0
  veritysetup verify "$loop" "$loop" "$root_hash" --hash-offset="$hash_offset" >/dev/null 2>&1 || rc=$?
  losetup -d "$loop"; loop=""
  return $rc
}
standard() {   # dd the uncompressed image into slot B, then veritysetup verify; verdict in $work/standard.rc
  local rc=0
  dd if="$usr_img" of="$disk" bs=4M seek="$slot_b_offset" oflag=seek_bytes conv=notrunc,fsync status=none || rc=$?
  slot_verify || rc=$?
  echo "$rc" > "$work/standard.rc"
}
checked_agent() {   # the last cycle succeeded, staged the release, and veritysetup agrees with what it wrote
  [ "$(cat "$work/agent.rc")" = 0 ] && grep -q '"state" : "staged"' "$work/agent.out" && slot_verify \
    || { echo "bench: the agent's cycle failed or wrote a bad slot:" >&2; tail -5 "$work/agent.err" >&2; exit 1; }
}

echo "timing $runs alternate runs ..." >&2
ta=(); tb=()
for _ in $(seq "$runs"); do
  ta+=("$(timed_once "fresh|agent ${node[*]}")"); checked_agent
  tb+=("$(timed_once "fresh|standard")")
  [ "$(cat "$work/standard.rc")" = 0 ] || { echo "bench: dd + veritysetup verify failed" >&2; exit 1; }
done
ours=$(median "${ta[@]}"); theirs=$(median "${tb[@]}")

seconds() { printf '%d.%03d' $(($1 / 1000)) $(($1 % 1000)); }
echo "training the AOT cache on one cycle ..." >&2
fresh; agent "${node[@]}" -XX:AOTCacheOutput="$work/agent.aot"; checked_agent
aot=(-XX:AOTCache="$work/agent.aot")
fresh; node_aot_s=$(seconds "$(timed_once "|agent ${node[*]} ${aot[*]}")"); checked_agent
fresh; defaults_s=$(seconds "$(timed_once "|agent")"); checked_agent

peak() {   # FLAGS...: peak RSS (MiB) of one cycle on a fresh disk
  fresh
  /usr/bin/time -f '%M' -o "$work/time.txt" "$java" "$@" -jar "$agent_jar" update --disk "$disk" --booted A \
    --repo "file://$work/repo" --channel stable --trust "$bench_root/keys/development/root.pem" \
    --state "$work/state" --allow-development-keys >/dev/null 2>&1
  echo $(( $(tail -1 "$work/time.txt") / 1024 ))
}
peak_default=$(peak); peak_node=$(peak "${node[@]}"); peak_aot=$(peak "${node[@]}" "${aot[@]}")

status_time() {   # FLAGS...: best wall time of `status --json` on the staged disk
  best_of "$runs" "$java" "$@" -jar "$agent_jar" status --disk "$disk" --booted A --state "$work/state" --json
}
status_default=$(status_time); status_node=$(status_time "${node[@]}"); status_aot=$(status_time "${node[@]}" "${aot[@]}")

idle() {   # check|install FLAGS...: "RSS PSS" in MiB of the agent IDLE_S seconds after it finished a cycle
  local mode=$1; shift
  fresh
  if [ "$mode" = check ]; then   # pinned to a version the channel does not have: the check ends without installing
    "$java" -jar "$agent_jar" pin 0.0.1 --disk "$disk" --booted A --state "$work/state" >/dev/null 2>&1
  fi
  "$java" "$@" -javaagent:"$work/idle.jar=$idle_s,gc" -jar "$agent_jar" update --disk "$disk" --booted A \
    --repo "file://$work/repo" --channel stable --trust "$bench_root/keys/development/root.pem" \
    --state "$work/state" --allow-development-keys --json > "$work/idle.out" 2> "$work/idle.err" &
  local pid=$!
  until grep -qs '^idle$' "$work/idle.err"; do sleep 0.2; done
  sleep $((idle_s > 2 ? idle_s - 2 : 0))
  local memory
  memory=$(awk '/^Rss:/ { r = $2 } /^Pss:/ { p = $2 } END { printf "%d %d\n", r / 1024, p / 1024 }' "/proc/$pid/smaps_rollup")
  wait "$pid" || true   # the exit status of a JVM ended from a shutdown hook's wait is not the cycle's
  local expect=staged; [ "$mode" = check ] && expect=idle
  grep -q "\"state\" : \"$expect\"" "$work/idle.out" \
    || { echo "bench: the $mode cycle did not end $expect:" >&2; cat "$work/idle.out" >&2; exit 1; }
  echo "$memory"
}
read -r check_rss check_pss < <(idle check "${node[@]}")
read -r install_rss install_pss < <(idle install "${node[@]}")
read -r check_aot_rss check_aot_pss < <(idle check "${node[@]}" "${aot[@]}")
read -r install_default_rss install_default_pss < <(idle install)

gib=$(awk -v b="$usr_size" 'BEGIN { printf "%.2f", b / 1073741824 }')
echo "slipway-agent, /usr payload of $data_mib MiB data + tree ($gib GiB), $(nproc) cores, $("$java" -version 2>&1 | head -1)"
echo "  on the node's runtime (jlink, $runtime_mib MiB) with the node's flags: $(grep -v '^#' "$dist/jvm.options" | tr '\n' ' ')"
echo "  disk in $(dirname "$work"); page cache dropped before every run: $dropped; median of $runs alternate runs"
echo "  dd + veritysetup verify (uncompressed usr.img): ${theirs} s"
echo "  slipway-agent update --disk (whole cycle): ${ours} s"
echo "  ratio slipway/standard: $(ratio "$ours" "$theirs")"
echo "  one run each: with the AOT cache ${node_aot_s} s; with JVM defaults ${defaults_s} s"
echo "footprint"
echo "  ${idle_s} s idle after a check that found nothing to install: RSS ${check_rss} MiB, PSS ${check_pss} MiB;" \
  "with the AOT cache RSS ${check_aot_rss} MiB, PSS ${check_aot_pss} MiB"
echo "  ${idle_s} s idle after installing the release: RSS ${install_rss} MiB, PSS ${install_pss} MiB;" \
  "JVM defaults RSS ${install_default_rss} MiB, PSS ${install_default_pss} MiB"
echo "  peak RSS of one install: node flags ${peak_node} MiB, with the AOT cache ${peak_aot} MiB, JVM defaults ${peak_default} MiB"
echo "  status --json, best of $runs: node flags ${status_node} s, with the AOT cache ${status_aot} s, JVM defaults ${status_default} s"
