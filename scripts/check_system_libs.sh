#!/bin/sh
# Qt needs a few shared libraries that minimal systems lack. Install them where we can
# (root with apt-get, as in CI); otherwise name exactly what is missing and how to get it.
set -u
missing=""
for pair in "libEGL.so.1:libegl1" "libxkbcommon.so.0:libxkbcommon0" \
            "libfontconfig.so.1:libfontconfig1" "libdbus-1.so.3:libdbus-1-3" "libGL.so.1:libgl1" \
            "libglib-2.0.so.0:libglib2.0-0" "libfreetype.so.6:libfreetype6" "libX11.so.6:libx11-6"; do
    lib=${pair%%:*}; pkg=${pair##*:}
    case "$(uname -s)" in
        Linux) ldconfig -p 2>/dev/null | grep -q "$lib" || missing="$missing $pkg" ;;
        *) ;;  # macOS and Windows wheels of Qt bring what they need
    esac
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Qt system libraries:$missing"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q $missing >/dev/null 2>&1 \
        || { apt-get update -q >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $missing >/dev/null; } \
        || { echo "Could not install:$missing. Install them with your package manager." >&2; exit 1; }
else
    echo "Qt needs these system packages, which are missing:$missing" >&2
    echo "Install them, e.g.: sudo apt-get install$missing   (Debian/Ubuntu)" >&2
    echo "(continuing: the core and its tests work without them; the window will not start)" >&2
fi
exit 0
