#!/bin/sh
# Install the build into a temporary DESTDIR and check that every file is
# where the desktop (GNOME Shell, GNOME Software, GSettings, gettext) looks.
#
#   check-install.sh MESON BUILD_ROOT BINDIR DATADIR LOCALEDIR APPLICATION_ID GETTEXT_PACKAGE
#
# BINDIR, DATADIR and LOCALEDIR are absolute (prefix included).
set -u
meson=$1 build=$2 bindir=$3 datadir=$4 localedir=$5 appid=$6 package=$7
dest=$(mktemp -d)
trap 'rm -rf "$dest"' EXIT

if ! "$meson" install -C "$build" --no-rebuild --quiet --destdir "$dest" >"$dest.log" 2>&1; then
  cat "$dest.log"; rm -f "$dest.log"
  echo "ERROR: meson install failed"
  exit 1
fi
rm -f "$dest.log"

status=0
check() {
  if [ -s "$dest$1" ]; then
    echo "ok: $1"
  else
    echo "ERROR: missing or empty: $1"
    status=1
  fi
}

check "$bindir/rtes-fiches"
check "$bindir/rtes-fiches-cli"
check "$datadir/applications/$appid.desktop"
check "$datadir/metainfo/$appid.metainfo.xml"
check "$datadir/icons/hicolor/scalable/apps/$appid.svg"
check "$datadir/icons/hicolor/symbolic/apps/$appid-symbolic.svg"
check "$datadir/glib-2.0/schemas/$appid.gschema.xml"
check "$localedir/fr/LC_MESSAGES/$package.mo"

for exe in rtes-fiches rtes-fiches-cli; do
  if [ -e "$dest$bindir/$exe" ] && [ ! -x "$dest$bindir/$exe" ]; then
    echo "ERROR: $bindir/$exe is not executable"; status=1
  fi
done

# The pieces must name each other: Icon= is the icon's name, the metainfo's
# launchable is the desktop file, the schema id is the application id.
desktop="$dest$datadir/applications/$appid.desktop"
if [ -f "$desktop" ]; then
  grep -qx "Icon=$appid" "$desktop" || { echo "ERROR: $appid.desktop does not have Icon=$appid"; status=1; }
  grep -q "^Exec=rtes-fiches" "$desktop" || { echo "ERROR: $appid.desktop does not run rtes-fiches"; status=1; }
  grep -q "^Name\[fr\]=" "$desktop" || { echo "ERROR: $appid.desktop is not translated into French"; status=1; }
fi
metainfo="$dest$datadir/metainfo/$appid.metainfo.xml"
if [ -f "$metainfo" ]; then
  grep -q "<id>$appid</id>" "$metainfo" || { echo "ERROR: metainfo id is not $appid"; status=1; }
  grep -q "<launchable type=\"desktop-id\">$appid.desktop</launchable>" "$metainfo" \
    || { echo "ERROR: metainfo launchable is not $appid.desktop"; status=1; }
  grep -q 'xml:lang="fr"' "$metainfo" || { echo "ERROR: metainfo is not translated into French"; status=1; }
fi
schema="$dest$datadir/glib-2.0/schemas/$appid.gschema.xml"
if [ -f "$schema" ]; then
  grep -q "<schema id=\"$appid\"" "$schema" || { echo "ERROR: schema id is not $appid"; status=1; }
fi

exit $status
