#!/bin/sh
# Takes the AppStream screenshots (data/screenshots/*.png) from the real app,
# in French, on the example fiches of data/examples/.
#
#   data/screenshots/take-screenshots.sh
#
# Needs xvfb-run, xdotool, imagemagick (import) and dbus-run-session. The app
# reads its messages from the locale folder it was built for, so it is built
# and installed into a private prefix first. Clicks are at fixed positions
# of the 1100×720 default window: check the pictures after a layout change.
set -eu
src=$(cd "$(dirname "$0")/../.." && pwd)
out="$src/data/screenshots"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

meson setup "$tmp/build" "$src" --prefix="$tmp/inst" >/dev/null
meson install -C "$tmp/build" --quiet >/dev/null

mkdir -p "$tmp/Fiches RTES"
cp "$src"/data/examples/*.json "$tmp/Fiches RTES/"

cat > "$tmp/run.sh" <<EOS
#!/bin/sh
export GSETTINGS_SCHEMA_DIR="$tmp/build/data" GSETTINGS_BACKEND=memory
export LC_ALL=C.UTF-8 LANGUAGE=fr
export XDG_CONFIG_HOME="$tmp/cfg" XDG_DATA_HOME="$tmp/data" XDG_CACHE_HOME="$tmp/cache" XDG_STATE_HOME="$tmp/state"
export GTK_A11Y=none GSK_RENDERER=cairo GDK_DEBUG=gl-disable NO_AT_BRIDGE=1
"$tmp/inst/bin/rtes-fiches" "$tmp/Fiches RTES" &
pid=\$!
sleep 4
shot () { import -window root -crop 1100x720+0+0 "$out/\$1.png"; }
click () { xdotool mousemove \$1 \$2 click 1; sleep 1.5; }
click 150 222          # the fiche « Exemple — Ville de Belcombe »
shot main-window
click 649 80           # Budget page
shot budget
click 949 80           # Contacts page
click 1038 232         # open the first contact
shot contacts
kill \$pid
EOS
chmod +x "$tmp/run.sh"
xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- "$tmp/run.sh" 2>/dev/null
ls -l "$out"/*.png
