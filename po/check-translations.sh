#!/bin/sh
# po/check-translations.sh [LANG…] — says which strings of the sources each
# translation (default: every language of LINGUAS) lacks or has fuzzy, and
# fails when one does. Re-run it after adding strings: the catalogue is
# extracted afresh, as `meson compile memgraph-gtk-pot` would, into a
# temporary directory.
# Copyright 2026 The Memory Graph authors
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
po=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for tool in xgettext msgmerge msgattrib; do
  command -v "$tool" >/dev/null 2>&1 || { echo "$tool not found (gettext)"; exit 77; }
done

# The keywords of meson's "glib" preset.
(cd "$po/.." && xgettext --package-name=memgraph-gtk --from-code=UTF-8 --add-comments \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
  --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
  --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
  --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
  -f "$po/POTFILES.in" -o "$tmp/all.pot" 2>/dev/null)

langs=${*:-$(grep -v '^#' "$po/LINGUAS")}
status=0
for lang in $langs; do
  msgmerge --quiet --no-fuzzy-matching "$po/$lang.po" "$tmp/all.pot" -o "$tmp/$lang.po"
  # One line per entry, its whole msgid joined (a long one is on several
  # lines of the .po file); the header, whose msgid is empty, left out.
  for which in --untranslated --only-fuzzy; do
    msgattrib "$which" --no-obsolete --no-wrap "$tmp/$lang.po" 2>/dev/null |
      awk '/^msgid /     { id = substr ($0, 7); on = 1; next }
           on && /^"/    { id = substr (id, 1, length (id) - 1) substr ($0, 2); next }
           on            { if (id != "\"\"") print "msgid " id; on = 0 }'
  done > "$tmp/missing"
  n=$(wc -l < "$tmp/missing")
  if [ "$n" -gt 0 ]; then
    echo "$lang: $n strings to translate:"
    sed 's/^/  /' "$tmp/missing"
    status=1
  else
    echo "$lang: complete ($(grep -c '^msgid ' "$tmp/all.pot") msgids)"
  fi
done
exit $status
