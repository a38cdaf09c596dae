# Shared by tools/run and tools/test: install what is missing, then build.
# Sourced, not run.

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir="$top/_build"

die () {
  echo "error: $*" >&2
  exit 1
}

# Prints the packages of tools/debian-packages.txt that are not installed.
missing_packages () {
  local pkg status
  while read -r pkg; do
    case "$pkg" in ''|'#'*) continue ;; esac
    status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
    case "$status" in *" installed") ;; *) echo "$pkg" ;; esac
  done < "$top/tools/debian-packages.txt"
}

install_packages () {
  local missing sudo=""
  command -v dpkg-query >/dev/null || die "this script sets up Debian 12; install the packages of tools/debian-packages.txt by hand"
  missing=$(missing_packages | tr '\n' ' ')
  [ -z "${missing// }" ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null; then
      sudo="sudo"   # asks for a password on a terminal
    else
      die "missing Debian packages: $missing
Run this script as root, or install them first:
  apt-get install $missing"
    fi
  fi
  echo "Installing: $missing"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  # shellcheck disable=SC2086
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing
}

build () {
  if [ ! -f "$build_dir/build.ninja" ]; then
    meson setup "$build_dir" "$top" "$@"
  fi
  meson compile -C "$build_dir"
}
