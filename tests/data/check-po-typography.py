#!/usr/bin/env python3
"""French typography in po/fr.po (see docs/translating.md).

Usage: check-po-typography.py PO_FILE

Fails, quoting the message, on a translation with
  - an ordinary space before ':' ';' '?' '!' (should be non-breaking) or
    none at all before ':' after a word ("Nom: x" → "Nom : x");
  - three dots instead of '…';
  - English quotes “…” or a space inside « » that is not non-breaking;
  - a keyboard mnemonic ('_') in the English but not in the French or the
    other way round.
"""

import re
import sys

import po_entries

NBSP, NNBSP = '\u00a0', '\u202f'


def entries(path):
    for fields in po_entries.entries(path):
        if fields['obsolete'] or not fields.get('msgid'):
            continue
        strs = [v for k, v in fields.items() if k.startswith('msgstr') and v]
        yield fields['msgid'], strs


SNAKE = re.compile(r'\b[a-z0-9]+(?:_[a-z0-9]+)+\b')


def has_mnemonic(s, keep=()):
    # An underscore before a letter, not in a format directive, markup, or
    # an identifier kept verbatim in both languages (member_since).
    s = re.sub(r'%\S+|<[^>]*>', '', s)
    for ident in keep:
        s = s.replace(ident, '')
    return re.search(r'_(?=[^\W\d_])', s) is not None


def problems(msgid, s):
    out = []
    if re.search(r' [:;?!]', s):
        out.append('ordinary space before : ; ? or !')
    # A colon right after a word and before a space or the end ("%s:%d"
    # file:line prefixes and URLs have no space after the colon).
    # Quoted text (a command, a message format) is exempt.
    if re.search(r'(\w|»|\))(:)(?= |$)', re.sub(r'«[^»]*»', '«»', s)):
        out.append('no non-breaking space before ":"')
    if '...' in s:
        out.append('"..." instead of "…"')
    if '“' in s or '”' in s:
        out.append('“English quotes” instead of « »')
    if re.search(r'« |«[^\u00a0\u202f]| »|[^\u00a0\u202f]»', s):
        out.append('« » without non-breaking spaces inside')
    idents = set(SNAKE.findall(msgid)) & set(SNAKE.findall(s))
    if has_mnemonic(msgid, idents) != has_mnemonic(s, idents):
        out.append('mnemonic "_" in only one of English and French')
    return out


def main():
    errors = 0
    for msgid, strs in entries(sys.argv[1]):
        for s in strs:
            for p in problems(msgid, s):
                print(f'ERROR: {p}: {s!r}')
                errors += 1
    print(f'{errors} typography problems')
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main())
