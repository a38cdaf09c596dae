"""The entries of a po file, for the checks of tests/data that read one."""

import re
import subprocess


def unquote(s):
    return re.sub(r'\\(.)', lambda m: {'n': '\n', 't': '\t'}.get(m.group(1), m.group(1)), s[1:-1])


def entries(path):
    """Each entry's fields (msgid, msgstr[0]…, as msgcat normalises them),
    and whether it is obsolete or fuzzy."""
    text = subprocess.run(['msgcat', '--no-wrap', path], stdout=subprocess.PIPE,
                          check=True, text=True).stdout
    for block in text.split('\n\n'):
        lines = block.split('\n')
        fields, cur = {'obsolete': any(line.startswith('#~') for line in lines),
                       'fuzzy': any(line.startswith('#,') and 'fuzzy' in line for line in lines)}, None
        for line in lines:
            m = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d\])?) (".*")$', line)
            if m:
                cur = m.group(1)
                fields[cur] = unquote(m.group(2))
            elif line.startswith('"') and cur:
                fields[cur] += unquote(line)
        yield fields
