# Sourced by Slipway's scripts: finds a JDK >= 21 without asking anyone.
# Order: $JAVA_HOME, the `java` on PATH, then every JDK under /usr/lib/jvm (newest first).

slipway_java_feature() { # prints the feature version (17, 21, 25, ...) of the JDK at $1, or nothing
  local release="$1/release"
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  if [ -f "$release" ]; then
    sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release"
  fi
}

slipway_find_jdk() {
  local want=21 candidate feature
  local candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v javac >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")")
  fi
  for candidate in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -V -r); do
    candidates+=("${candidate%/}")
  done
  for candidate in "${candidates[@]}"; do
    feature=$(slipway_java_feature "$candidate")
    if [ -n "$feature" ] && [ "$feature" -ge "$want" ]; then
      printf '%s\n' "$candidate"
      return 0
    fi
  done
  echo "slipway: no JDK $want or newer found (looked at JAVA_HOME, PATH and /usr/lib/jvm); install one, e.g. Temurin 25" >&2
  return 1
}

# MAVEN_OPTS for the JDK at $1: Maven 3.8's own libraries use sun.misc.Unsafe, which JDK 24 and
# later warn about on every run; the warning says nothing about Slipway, so allow it there.
slipway_maven_opts() {
  local feature
  feature=$(slipway_java_feature "$1")
  if [ -n "$feature" ] && [ "$feature" -ge 24 ]; then
    printf '%s\n' "${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
  else
    printf '%s\n' "${MAVEN_OPTS:-}"
  fi
}
