#!/bin/sh
# Check the translations listed in po/LINGUAS.
#
#   check-po.sh SOURCE_ROOT GETTEXT_PACKAGE complete
#       msgfmt --check on each po file; fails on errors (format specifiers,
#       plural forms, header), untranslated or fuzzy entries.
#   check-po.sh SOURCE_ROOT GETTEXT_PACKAGE up-to-date
#       extracts a fresh template from po/POTFILES (the same xgettext
#       options as meson's 'glib' preset), merges each po file with it and
#       fails if the merge leaves any message untranslated or fuzzy: a
#       string added to the sources since the last translation pass.
#   check-po.sh SOURCE_ROOT GETTEXT_PACKAGE format-macros
#       fails when xgettext cuts a message at a format macro such as
#       "%" G_GSIZE_FORMAT: the catalogue then holds a truncated msgid that
#       never matches at run time, and the message stays in English.
set -u
root=$1
package=$2
mode=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

langs=$(sed -e 's/#.*//' "$root/po/LINGUAS" | tr -s ' \t' '\n\n' | grep -v '^$')
if [ -z "$langs" ]; then
  echo "ERROR: po/LINGUAS lists no language"
  exit 1
fi

if [ "$mode" = up-to-date ] || [ "$mode" = format-macros ]; then
  # The glib preset's options (mesonbuild/modules/i18n.py).
  (cd "$root" && xgettext --package-name="$package" -p "$tmp" -o "$package.pot" \
    -D "$root" -f po/POTFILES --from-code=UTF-8 --add-comments \
    --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
    --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
    --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
    --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
    --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
    --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
    --flag=g_markup_printf_escaped:1:c-format --flag=g_log:3:c-format \
    --flag=g_print:1:c-format --flag=g_printerr:1:c-format --flag=g_printf:1:c-format \
    --flag=g_fprintf:2:c-format --flag=g_sprintf:2:c-format --flag=g_snprintf:3:c-format) \
    2>"$tmp/xgettext.log" || { cat "$tmp/xgettext.log"; echo "ERROR: xgettext failed"; exit 1; }
fi

if [ "$mode" = format-macros ]; then
  if grep -q "ends in the middle of a directive" "$tmp/xgettext.log"; then
    grep "ends in the middle of a directive" "$tmp/xgettext.log" | sed 's/: warning:.*//' | sort -u | \
      sed 's/^/ERROR: message cut at a format macro (use a plain directive with a cast, e.g. "%lu" and (unsigned long)): /'
    exit 1
  fi
  echo "no message cut at a format macro"
  exit 0
fi

status=0
for lang in $langs; do
  po="$root/po/$lang.po"
  if [ ! -f "$po" ]; then
    echo "ERROR: po/LINGUAS lists $lang but po/$lang.po does not exist"
    status=1
    continue
  fi
  if [ "$mode" = up-to-date ]; then
    msgmerge --quiet --previous -o "$tmp/$lang.po" "$po" "$tmp/$package.pot" || { status=1; continue; }
    checked="$tmp/$lang.po"
  else
    checked=$po
  fi
  stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$checked" 2>&1)
  rc=$?
  echo "$lang: $stats"
  if [ $rc -ne 0 ]; then
    status=1
  fi
  case "$stats" in
    *fuzzy*|*untranslated*)
      echo "ERROR: po/$lang.po is not complete ($mode)"
      # Name the messages, so the translator knows what to do.
      msgattrib --only-fuzzy --no-wrap "$checked" 2>/dev/null | grep '^msgid ' | grep -v '^msgid ""$' | sed 's/^/  fuzzy: /' | head -50
      msgattrib --untranslated --no-wrap "$checked" 2>/dev/null | grep '^msgid ' | grep -v '^msgid ""$' | sed 's/^/  untranslated: /' | head -50
      status=1 ;;
  esac
done
exit $status
