#!/usr/bin/env python3
"""Check that po/POTFILES lists every source file with translatable strings.

Usage: check-potfiles.py SOURCE_ROOT [--fix]

Scans src/ and data/ for
  - C files using _(), N_(), C_(), NC_(), Q_(), ngettext() and friends
    (comments and string literals are ignored);
  - GtkBuilder .ui files with translatable="yes";
  - desktop, AppStream metainfo and GSettings schema templates (*.in).
Fails, naming the files, when one is missing from po/POTFILES, when a
POTFILES entry does not exist, or when an entry is listed twice.
With --fix, rewrites po/POTFILES instead: sorted, without duplicates or
missing files, with every file found.
"""

import os
import re
import sys

C_KEYWORDS = re.compile(
    r'(?<![A-Za-z0-9_])'
    r'(_|N_|C_|NC_|Q_|gettext|dgettext|dcgettext|ngettext|dngettext|pgettext'
    r'|g_dgettext|g_dcgettext|g_dngettext|g_dpgettext|g_dpgettext2)'
    r'\s*\(')
UI_TRANSLATABLE = re.compile(r'translatable\s*=\s*["\'](yes|true|1)["\']', re.I)
TEMPLATE_SUFFIXES = ('.desktop.in', '.metainfo.xml.in', '.appdata.xml.in',
                     '.gschema.xml.in')


def strip_c(text):
    """Return the code of a C file without comments, string or char literals,
    nor preprocessor lines (a '#define _(s) …' is not a use)."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith('/*', i):
            j = text.find('*/', i + 2)
            i = n if j < 0 else j + 2
            out.append(' ')
        elif text.startswith('//', i):
            j = text.find('\n', i)
            i = n if j < 0 else j
        elif c in '"\'':
            j = i + 1
            while j < n and text[j] != c and text[j] != '\n':
                j += 2 if text[j] == '\\' else 1
            out.append(c + c)
            i = j + 1
        else:
            out.append(c)
            i += 1
    code = ''.join(out)
    return '\n'.join(l for l in code.split('\n') if not l.lstrip().startswith('#'))


def has_translatable(path):
    try:
        with open(path, encoding='utf-8', errors='replace') as f:
            text = f.read()
    except OSError:
        return False
    if path.endswith(('.c', '.h')):
        return bool(C_KEYWORDS.search(strip_c(text)))
    if path.endswith('.ui'):
        return bool(UI_TRANSLATABLE.search(text))
    if path.endswith(TEMPLATE_SUFFIXES):
        return True
    return False


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.getcwd()
    potfiles_path = os.path.join(root, 'po', 'POTFILES')
    listed = []
    with open(potfiles_path, encoding='utf-8') as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith('#'):
                listed.append(line)

    errors = []
    seen = set()
    for entry in listed:
        if entry in seen:
            errors.append(f'po/POTFILES lists {entry} twice')
        seen.add(entry)
        if not os.path.isfile(os.path.join(root, entry)):
            errors.append(f'po/POTFILES lists {entry}, which does not exist')

    found = []
    for top in ('src', 'data'):
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith('.'))
            for name in sorted(filenames):
                path = os.path.join(dirpath, name)
                rel = os.path.relpath(path, root).replace(os.sep, '/')
                if has_translatable(path):
                    found.append(rel)

    for rel in found:
        if rel not in seen:
            errors.append(f'{rel} has translatable strings but is missing from po/POTFILES')

    if '--fix' in sys.argv[2:]:
        keep = [e for e in listed if os.path.isfile(os.path.join(root, e))]
        entries = sorted(set(keep) | set(found))
        with open(potfiles_path, 'w', encoding='utf-8') as f:
            f.write(''.join(e + '\n' for e in entries))
        print(f'po/POTFILES rewritten: {len(entries)} entries')
        return 0

    print(f'{len(found)} files with translatable strings, {len(listed)} POTFILES entries')
    for e in errors:
        print('ERROR:', e)
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main())
