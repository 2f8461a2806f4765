#!/bin/sh
# The system packages Qt needs on Linux, listed with their Debian/Ubuntu names in
# resources/system/qt-libraries.txt (ui/platform_check.py reads the same list when `hashiya` starts).
# Installs what is missing where we can (root with apt-get, as in CI); otherwise prints the one command
# that installs it. Says nothing when everything is present. macOS and Windows wheels bring their own.
#
#   check_system_libs.sh          what `make run` needs: Qt's own libraries, plus those of the X11 (xcb)
#                                 or Wayland plugin when DISPLAY or WAYLAND_DISPLAY is set
#   check_system_libs.sh --test   what `make test` needs as well: the xcb plugin, Xvfb and xdotool for the
#                                 real-window test (always so when CI=true)
#   --check                       only report (exit 1 if something is missing), never install
#   --list FILE                   read another list (the tests simulate a missing library with one)
set -u

[ "$(uname -s)" = Linux ] || exit 0

here=$(cd "$(dirname "$0")" && pwd)
list="$here/../resources/system/qt-libraries.txt"
for_tests=no
check_only=no
while [ $# -gt 0 ]; do
    case "$1" in
        --test) for_tests=yes ;;
        --check) check_only=yes ;;
        --list) [ $# -ge 2 ] || { echo "$0: --list needs a file" >&2; exit 2; }; shift; list=$1 ;;
        *) echo "usage: $0 [--test] [--check] [--list FILE]" >&2; exit 2 ;;
    esac
    shift
done
[ "${CI:-}" = true ] && for_tests=yes
[ -r "$list" ] || { echo "$0: cannot read $list" >&2; exit 2; }

groups="any"
if [ -n "${DISPLAY:-}" ] || [ "$for_tests" = yes ]; then groups="$groups xcb"; fi
if [ -n "${WAYLAND_DISPLAY:-}" ]; then groups="$groups wayland"; fi
if [ "$for_tests" = yes ]; then groups="$groups tool"; fi

# The loader's cache names every installed library; ldconfig lives in /sbin, outside a user's PATH.
ldconfig=$(command -v ldconfig || echo /sbin/ldconfig)
nl='
'
known="$nl$("$ldconfig" -p 2>/dev/null | awk 'NR > 1 { print $1 }')$nl"

present() {  # $1 group, $2 library (soname) or program
    if [ "$1" = tool ]; then
        command -v "$2" >/dev/null 2>&1
        return
    fi
    [ "$known" = "$nl$nl" ] && return 0  # no loader cache (not glibc?): we cannot tell, Qt will say
    case "$known" in *"$nl$2$nl"*) return 0 ;; esac
    return 1
}

missing=""
while read -r group name package; do
    case "$group" in '' | '#'*) continue ;; esac
    case " $groups " in *" $group "*) ;; *) continue ;; esac
    present "$group" "$name" && continue
    case " $missing " in *" $package "*) ;; *) missing="$missing $package" ;; esac
done <"$list"
[ -z "$missing" ] && exit 0
missing=${missing# }

if [ "$check_only" = no ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing system packages for Qt: $missing"
    export DEBIAN_FRONTEND=noninteractive
    # $missing is unquoted on purpose: one word per package. An old package index is refreshed once.
    apt-get install -y -q $missing >/dev/null 2>&1 \
        || { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q $missing >/dev/null; } \
        || { echo "Could not install: $missing (apt-get failed)" >&2; exit 1; }
    exit 0
fi

if command -v apt-get >/dev/null 2>&1; then
    fix="run: sudo apt-get install $missing"
else
    fix="install them with your package manager (Debian/Ubuntu names: $missing)"
fi
echo "Qt needs system packages that are missing: $missing" >&2
echo "  $fix" >&2
[ "$check_only" = yes ] && exit 1
echo "  (continuing: the core works without them; the window cannot start, the real-window test skips)" >&2
exit 0
