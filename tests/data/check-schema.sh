#!/bin/sh
# The compiled schema in the build tree (what the tests and the uninstalled
# app use) has the keys, defaults, choices and path the app relies on.
#
#   check-schema.sh SCHEMA_DIR APPLICATION_ID SCHEMA_PATH
set -u
export GSETTINGS_SCHEMA_DIR=$1 GSETTINGS_BACKEND=memory
id=$2 path=$3
status=0

expect() {
  got=$(gsettings get "$id" "$1" 2>&1)
  if [ "$got" = "$2" ]; then
    echo "ok: $1 = $2"
  else
    echo "ERROR: $1: expected $2, got $got"
    status=1
  fi
}

expect library-path "''"
expect site-url "''"
expect autosave true
expect window-width 1100
expect window-height 720
expect window-maximized false
expect sort-order "'name'"
expect recent-libraries "@as []"

range=$(gsettings range "$id" sort-order | tr '\n' ' ')
if [ "$range" = "enum 'name' 'updated' 'member-since' " ]; then
  echo "ok: sort-order choices"
else
  echo "ERROR: sort-order range is: $range"
  status=1
fi
if gsettings set "$id" sort-order "'size'" 2>/dev/null; then
  echo "ERROR: sort-order accepted a value outside its choices"
  status=1
fi

# Every key documented for dconf-editor and GNOME Settings.
for key in $(gsettings list-keys "$id"); do
  if [ -z "$(gsettings describe "$id" "$key")" ]; then
    echo "ERROR: $key has no description"
    status=1
  fi
done

# The path (relocatable schemas have none); gschemas.compiled stores it.
compiled="$GSETTINGS_SCHEMA_DIR/gschemas.compiled"
if ! grep -q "$path" "$compiled"; then
  echo "ERROR: schema path $path not in $compiled"
  status=1
fi
exit $status
