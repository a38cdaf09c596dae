#!/usr/bin/env python3
"""Every screenshot the metainfo announces is in the repository.

Usage: check-screenshots.py METAINFO_IN SOURCE_ROOT

The metainfo refers to data/screenshots/*.png by their https address in the
project's repository (GNOME Software downloads them from there); this checks
that each file exists in the tree, is a PNG, and is at least 620×350 pixels
and at most 1920×1200 (what GNOME Software shows well), and that one
screenshot is the default.
"""

import struct
import sys
import xml.etree.ElementTree as ET


def png_size(path):
    with open(path, 'rb') as f:
        head = f.read(24)
    if head[:8] != b'\x89PNG\r\n\x1a\n' or head[12:16] != b'IHDR':
        return None
    return struct.unpack('>II', head[16:24])


def main():
    metainfo, root = sys.argv[1], sys.argv[2]
    errors = []
    shots = ET.parse(metainfo).getroot().findall('screenshots/screenshot')
    if not shots:
        errors.append('the metainfo has no screenshots')
    if sum(1 for s in shots if s.get('type') == 'default') != 1:
        errors.append('exactly one screenshot must be type="default"')
    for s in shots:
        url = s.findtext('image', '').strip()
        marker = '/data/screenshots/'
        if marker not in url or not url.startswith('https://'):
            errors.append(f'{url}: not an https address of a file under data/screenshots/')
            continue
        rel = 'data/screenshots/' + url.split(marker, 1)[1]
        path = f'{root}/{rel}'
        try:
            size = png_size(path)
        except OSError:
            errors.append(f'{rel} does not exist (take it from the real app)')
            continue
        if size is None:
            errors.append(f'{rel} is not a PNG')
        elif not (620 <= size[0] <= 1920 and 350 <= size[1] <= 1200):
            errors.append(f'{rel} is {size[0]}×{size[1]}: use 620×350 to 1920×1200')
        else:
            print(f'ok: {rel} {size[0]}×{size[1]}')
        if not s.findtext('caption', '').strip():
            errors.append(f'{rel} has no caption')
    for e in errors:
        print('ERROR:', e)
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main())
