#!/usr/bin/env python3
"""Check the application icons against GNOME's icon conventions.

Usage: check-icons.py ICONS_DIR APP_ID

- scalable/apps/<id>.svg and <id>.Devel.svg: well-formed SVG on the
  128×128 canvas of GNOME app icons;
- symbolic/apps/<id>-symbolic.svg: 16×16, a single colour (GTK recolours
  symbolic icons, so any other colour would show as that one).
"""

import re
import sys
import xml.etree.ElementTree as ET

SVG = '{http://www.w3.org/2000/svg}'


def load(path, errors):
    try:
        return ET.parse(path).getroot()
    except (OSError, ET.ParseError) as e:
        errors.append(f'{path}: {e}')
        return None


def check_canvas(root, path, size, errors):
    if root.tag != SVG + 'svg':
        errors.append(f'{path}: root element is not <svg>')
        return
    vb = root.get('viewBox', '').split()
    if vb != ['0', '0', str(size), str(size)]:
        errors.append(f'{path}: viewBox is {root.get("viewBox")!r}, expected "0 0 {size} {size}"')
    for attr in ('width', 'height'):
        if root.get(attr) != str(size):
            errors.append(f'{path}: {attr} is {root.get(attr)!r}, expected {size}')


def main():
    icons, app_id = sys.argv[1], sys.argv[2]
    errors = []
    for name in (app_id, app_id + '.Devel'):
        path = f'{icons}/hicolor/scalable/apps/{name}.svg'
        root = load(path, errors)
        if root is not None:
            check_canvas(root, path, 128, errors)
            if not any(True for _ in root.iter(SVG + 'path')) and not any(True for _ in root.iter(SVG + 'rect')):
                errors.append(f'{path}: draws nothing')

    path = f'{icons}/hicolor/symbolic/apps/{app_id}-symbolic.svg'
    root = load(path, errors)
    if root is not None:
        check_canvas(root, path, 16, errors)
        colours = set()
        for el in root.iter():
            for attr in ('fill', 'stroke'):
                v = el.get(attr)
                if v and v not in ('none',):
                    colours.add(v.lower())
            for m in re.finditer(r'(fill|stroke)\s*:\s*([^;]+)', el.get('style', '')):
                if m.group(2).strip() != 'none':
                    colours.add(m.group(2).strip().lower())
        if len(colours) > 1:
            errors.append(f'{path}: symbolic icon uses several colours: {sorted(colours)}')

    for e in errors:
        print('ERROR:', e)
    if not errors:
        print('icons ok')
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main())
