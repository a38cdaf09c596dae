#!/usr/bin/env python3
"""Every user-visible string in the GtkBuilder files is marked for translation.

Usage: check-ui-translatable.py SOURCE_ROOT

Looks at every .ui file under data/ and src/: a <property>, menu
<attribute> or <item> whose name shows text to the user (label, title,
tooltip-text…) and whose value has a letter in it must carry
translatable="yes" (or translatable="no" on purpose, for a name that is
never translated). Fails naming the file, line and text.
"""

import os
import re
import sys

VISIBLE = {
    'label', 'title', 'subtitle', 'tooltip-text', 'tooltip-markup', 'placeholder-text',
    'text', 'description', 'secondary-text', 'heading', 'body', 'message',
    'primary-text', 'accelerator-label', 'page-title',
    'button-label', 'comments', 'program-name', 'copyright', 'website-label',
    'translator-credits',
}
ELEMENT = re.compile(
    r'<(property|attribute|item)\b([^>]*)>([^<]*)</\1>', re.S)


def attrs(s):
    return dict(re.findall(r'([\w:-]+)\s*=\s*"([^"]*)"', s))


def main():
    root = sys.argv[1]
    errors = []
    files = 0
    for top in ('data', 'src'):
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith('.'))
            for fn in sorted(filenames):
                if not fn.endswith('.ui'):
                    continue
                files += 1
                path = os.path.join(dirpath, fn)
                rel = os.path.relpath(path, root)
                text = open(path, encoding='utf-8').read()
                for m in ELEMENT.finditer(text):
                    kind, a, value = m.group(1), attrs(m.group(2)), m.group(3).strip()
                    name = a.get('name', '').replace('_', '-')
                    if kind != 'item' and name not in VISIBLE:
                        continue
                    if not re.search(r'[^\W\d_]', value):
                        continue
                    if 'translatable' in a:
                        continue
                    line = text.count('\n', 0, m.start()) + 1
                    errors.append(f'{rel}:{line}: {kind} {name or ""} “{value}” is not marked translatable')
    for e in errors:
        print('ERROR:', e)
    print(f'{files} .ui files checked, {len(errors)} unmarked strings')
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main())
