#!/usr/bin/env python3
"""With LANGUAGE=fr, rtes-fiches-cli speaks French: its help and the help of
each of its commands show the translations of po/fr.po and none of the
English messages they replace.

Usage: check-cli-french.py CLI PO_FILE LOCALEDIR

LOCALEDIR is the build's po folder (<build>/po/fr/LC_MESSAGES/*.mo), given
to the program through RTES_FICHES_LOCALEDIR. LC_ALL=C.UTF-8 with
LANGUAGE=fr loads the catalogue without a generated French locale.
"""

import os
import re
import subprocess
import sys

import po_entries


def catalogue(path):
    """msgid → first msgstr, fuzzy and obsolete entries left out."""
    pairs = {}
    for fields in po_entries.entries(path):
        msgstr = fields.get('msgstr', fields.get('msgstr[0]', ''))
        if not fields['obsolete'] and not fields['fuzzy'] and fields.get('msgid') and msgstr:
            pairs[fields['msgid']] = msgstr
    return pairs


def run(cli, args, env):
    p = subprocess.run([cli] + args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       text=True, env=env, timeout=30)
    return p.stdout


def main():
    cli, po, localedir = sys.argv[1:4]
    tr = catalogue(po)
    env = dict(os.environ, LANGUAGE='fr', LC_ALL='C.UTF-8', RTES_FICHES_LOCALEDIR=localedir)
    errors = []

    summary = 'Manage the fiches of RTES member collectivities.'
    main_help = run(cli, ['--help'], env)
    if summary not in tr:
        errors.append(f'po file has no translation of {summary!r}')
    elif tr[summary] not in main_help:
        errors.append('rtes-fiches-cli --help is not in French:\n' + main_help)

    # The commands, from the list in the help ("  name   summary").
    commands = re.findall(r'^  ([a-z][a-z-]+)\s{2,}\S', main_help, re.M)
    if not commands:
        errors.append('no command listed in rtes-fiches-cli --help')
    outputs = {'--help': main_help}
    for c in commands:
        outputs[f'{c} --help'] = run(cli, [c, '--help'], env)

    # English messages (long enough not to be words French shares) that the
    # catalogue translates differently must not show.
    english = [m for m, s in tr.items() if m != s and len(m.strip()) >= 12]
    for what, out in outputs.items():
        for m in english:
            for line in m.strip().split('\n'):
                if len(line.strip()) >= 12 and line.strip() in out:
                    errors.append(f'rtes-fiches-cli {what} shows English: {line.strip()!r}')
        print(f'checked: rtes-fiches-cli {what} ({len(out.splitlines())} lines)')

    for e in errors:
        print('ERROR:', e)
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main())
