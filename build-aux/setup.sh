# build-aux/setup.sh — sourced by build-aux/run and build-aux/test.
# Copyright 2026 The Memory Graph authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Installs the Debian packages that are missing (apt-get, through sudo when
# not root) and builds the project with meson in _build/.

MG_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
MG_BUILD="$MG_ROOT/_build"

MG_BUILD_PACKAGES=(
  gcc make pkg-config meson ninja-build gettext
  libglib2.0-dev libglib2.0-dev-bin libglib2.0-bin
  libgtk-4-dev libadwaita-1-dev libjson-glib-dev libcairo2-dev libpango1.0-dev
  desktop-file-utils appstream fonts-cantarell adwaita-icon-theme
)
MG_TEST_PACKAGES=(xvfb xauth dbus-daemon clang libclang-rt-14-dev llvm-14 yelp-tools locales
  openssh-client openssh-server)

mg_log() { printf '==> %s\n' "$*" >&2; }

mg_ensure_packages() {
  local missing=() pkg
  for pkg in "$@"; do
    if ! dpkg-query -W -f='${Status}\n' "$pkg" 2>/dev/null | grep -q '^install ok installed$'; then
      missing+=("$pkg")
    fi
  done
  [ ${#missing[@]} -eq 0 ] && return 0

  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { mg_log "missing packages and no sudo: ${missing[*]}"; return 1; }
    sudo=(sudo)
  fi
  mg_log "installing: ${missing[*]}"
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    "${missing[@]}"
}

# The German window of tests/test-i18n.c needs the de_DE.UTF-8 locale.
mg_ensure_locale() {
  local name=$1 sudo=()
  locale -a 2>/dev/null | grep -qix "${name/UTF-8/utf8}" && return 0
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { mg_log "no $name locale and no sudo"; return 0; }
    sudo=(sudo)
  fi
  mg_log "generating the $name locale"
  grep -q "^$name UTF-8" /etc/locale.gen 2>/dev/null ||
    echo "$name UTF-8" | "${sudo[@]}" tee -a /etc/locale.gen >/dev/null
  "${sudo[@]}" locale-gen >/dev/null || mg_log "could not generate $name"
}

mg_build() {
  if [ ! -f "$MG_BUILD/build.ninja" ]; then
    rm -rf "$MG_BUILD"
    meson setup "$MG_BUILD" "$MG_ROOT" "$@"
  fi
  meson compile -C "$MG_BUILD"
}
