# Installs Debian packages that are not installed yet, saying which. Sourced by the launcher and the
# test scripts. Usage: slipway_install_missing WHO PACKAGE...
slipway_missing_packages() {
  local p
  for p in "$@"; do
    if [ "$(dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null | cut -c1-2)" != "ii" ]; then
      printf '%s\n' "$p"
    fi
  done
}

slipway_install_missing() {
  local who=$1; shift
  local missing
  mapfile -t missing < <(slipway_missing_packages "$@")
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "$who: installing Debian packages: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  if ! $sudo apt-get install -y --no-install-recommends "${missing[@]}" >&2; then
    $sudo apt-get update >&2
    $sudo apt-get install -y --no-install-recommends "${missing[@]}" >&2
  fi
}

# What `slipway build` runs on the host: mmdebstrap composes Debian trees (it brings apt and dpkg;
# uidmap gives non-root builds their user namespace); dosfstools and mtools make and fill the EFI
# system partition inside the disk file, without root or a mount.
SLIPWAY_BUILD_PACKAGES=(mmdebstrap uidmap dosfstools mtools)
