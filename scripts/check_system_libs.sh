#!/bin/sh
# The system packages Qt needs on Linux, listed with their Debian/Ubuntu names in
# resources/system/qt-libraries.txt (ui/platform_check.py reads the same list when `hashiya` starts).
# Installs what is missing where we can (root with apt-get, as in CI); otherwise prints the one command
# that installs it. Says nothing when everything is present. macOS and Windows wheels bring their own.
#
#   check_system_libs.sh          what `make run` needs: Qt's own libraries, plus those of the X11 (xcb)
#                                 or Wayland plugin when DISPLAY or WAYLAND_DISPLAY is set. As root, what
#                                 every platform present lacks is installed; a user is only told when no
#                                 plugin could start the window (as `hashiya` itself decides)
#   check_system_libs.sh --test   what `make test` needs as well: the xcb plugin, and the tools of the tests
#                                 listed in resources/system/test-tools.txt (Xvfb, xdotool, PostgreSQL's
#                                 server, ...); always so in CI (CI=true, 1 or yes, as tests/conftest.py)
#   check_system_libs.sh --venv   only whether $PYTHON (default python3) can create .venv: Debian's python3
#                                 lacks ensurepip without python3-venv, and `make` stops when it is missing
#   --check                       only report (exit 1 if something is missing), never install
#   --list FILE                   read another list (the tests simulate a missing library with one)
#   --tools FILE                  read another list of the tests' tools (idem, for a missing tool)
set -u

[ "$(uname -s)" = Linux ] || exit 0

here=$(cd "$(dirname "$0")" && pwd)
list="$here/../resources/system/qt-libraries.txt"
tools="$here/../resources/system/test-tools.txt"
for_tests=no
check_only=no
venv_only=no
while [ $# -gt 0 ]; do
    case "$1" in
        --test) for_tests=yes ;;
        --check) check_only=yes ;;
        --venv) venv_only=yes ;;
        --list) [ $# -ge 2 ] || { echo "$0: --list needs a file" >&2; exit 2; }; shift; list=$1 ;;
        --tools) [ $# -ge 2 ] || { echo "$0: --tools needs a file" >&2; exit 2; }; shift; tools=$1 ;;
        *) echo "usage: $0 [--test] [--check] [--venv] [--list FILE] [--tools FILE]" >&2; exit 2 ;;
    esac
    shift
done
case "$(printf '%s' "${CI:-}" | tr -d '[:space:]' | tr '[:upper:]' '[:lower:]')" in
    1 | true | yes) for_tests=yes ;;
esac

can_install() {
    [ "$check_only" = no ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1
}

# After login PackageKit or unattended-upgrades may hold dpkg's lock for minutes: wait for it rather than fail.
# The first attempt is quiet; an old package index is refreshed once, and that last attempt keeps apt's
# stderr, so a failure says why. $1 holds one word per package (unquoted on purpose).
apt_install() {
    export DEBIAN_FRONTEND=noninteractive
    apt="apt-get -o DPkg::Lock::Timeout=300"
    $apt install -y -q $1 >/dev/null 2>&1 && return 0
    $apt update -q >/dev/null && $apt install -y -q $1 >/dev/null && return 0
    echo "Could not install: $1 (apt-get failed, see above)" >&2
    return 1
}

install_hint() {  # $1 packages
    if command -v apt-get >/dev/null 2>&1; then
        echo "run: sudo apt-get install $1"
    else
        echo "install them with your package manager (Debian/Ubuntu names: $1)"
    fi
}

if [ "$venv_only" = yes ]; then
    python=${PYTHON:-python3}
    "$python" -c 'import ensurepip' >/dev/null 2>&1 && exit 0
    if can_install; then
        echo "Installing python3-venv, which $python needs to create .venv"
        apt_install python3-venv || exit 1
        "$python" -c 'import ensurepip' >/dev/null 2>&1 && exit 0
    fi
    versioned=$("$python" -c 'import sys; print("python%d.%d-venv" % sys.version_info[:2])' 2>/dev/null)
    echo "$python cannot create .venv: it has no ensurepip module (Debian/Ubuntu package python3-venv)" >&2
    echo "  $(install_hint python3-venv)" >&2
    [ -n "$versioned" ] && echo "  (for a Python other than the system's python3: ${versioned})" >&2
    exit 1
fi

[ -r "$list" ] || { echo "$0: cannot read $list" >&2; exit 2; }
[ "$for_tests" = no ] || [ -r "$tools" ] || { echo "$0: cannot read $tools" >&2; exit 2; }

# Needed whatever happens: Qt's own libraries; for the tests also the xcb plugin (Xvfb) and the tools.
required="any"
[ "$for_tests" = yes ] && required="any xcb tool"
# The session's platforms: Qt starts the window if either plugin loads.
platforms=""
[ -n "${WAYLAND_DISPLAY:-}" ] && platforms="wayland"
[ -n "${DISPLAY:-}" ] && platforms="$platforms xcb"

# The loader's cache names every installed library; ldconfig lives in /sbin, outside a user's PATH.
ldconfig=$(command -v ldconfig || echo /sbin/ldconfig)
nl='
'
known="$nl$("$ldconfig" -p 2>/dev/null | awk 'NR > 1 { print $1 }')$nl"

present() {  # $1 group, $2 library (soname) or program (a name, or a path whose * stands for a version)
    if [ "$1" = tool ]; then
        command -v "${2##*/}" >/dev/null 2>&1 && return 0
        case "$2" in
            /*) for program in $2; do [ -x "$program" ] && return 0; done ;;  # unquoted: the * expands
        esac
        return 1
    fi
    [ "$known" = "$nl$nl" ] && return 0  # no loader cache (not glibc?): we cannot tell, Qt will say
    case "$known" in *"$nl$2$nl"*) return 0 ;; esac
    return 1
}

merge() {  # $1 a package list, then more packages: the list with each package once
    merged=$1
    shift
    for package in "$@"; do
        case " $merged " in *" $package "*) ;; *) merged="$merged $package" ;; esac
    done
    echo "${merged# }"
}

rows() {  # the lists read: Qt's libraries, and for the tests their tools
    cat "$list"
    [ "$for_tests" = no ] || { echo; cat "$tools"; }
}

missing_in() {  # $@ groups: the packages that bring what they lack
    rows | {
        found=""
        while read -r group name package; do
            case "$group" in '' | '#'*) continue ;; esac
            case " $* " in *" $group "*) ;; *) continue ;; esac
            present "$group" "$name" || found=$(merge "$found" "$package")
        done
        echo "$found"
    }
}

needed=$(missing_in $required)
all=$needed  # root installs what every platform present lacks
usable=no
for platform in $platforms; do
    lacking=$(missing_in "$platform")
    all=$(merge "$all" $lacking)
    [ -z "$lacking" ] && usable=yes
done

for_what=""
[ "$for_tests" = yes ] && for_what=" and the tests"

if can_install; then
    [ -z "$all" ] && exit 0
    echo "Installing system packages for Qt$for_what: $all"
    apt_install "$all" || exit 1
    exit 0
fi

# A user is told only what stops the window (or the tests): with no plugin usable, the X11 one's
# packages (X11 also serves Wayland desktops through XWayland), as ui/platform_check.py names them.
window_ok=yes
[ -n "$(missing_in any)" ] && window_ok=no
if [ -n "$platforms" ] && [ "$usable" = no ]; then
    window_ok=no
    case " $platforms " in *" xcb "*) chosen=xcb ;; *) chosen=wayland ;; esac
    needed=$(merge "$needed" $(missing_in "$chosen"))
fi
[ -z "$needed" ] && exit 0

if [ "$for_tests" = yes ]; then
    echo "Qt and the tests need system packages that are missing: $needed" >&2
else
    echo "Qt needs system packages that are missing: $needed" >&2
fi
echo "  $(install_hint "$needed")" >&2
[ "$check_only" = yes ] && exit 1
if [ "$window_ok" = no ]; then
    consequence="the window cannot start"
else
    consequence="the window can start"
fi
[ "$for_tests" = yes ] && consequence="$consequence, the tests that need them skip (in CI they fail)"
echo "  (continuing: the core works without them; $consequence)" >&2
exit 0
