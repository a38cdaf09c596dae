#!/usr/bin/env python3
"""Check the Flatpak manifests.

Usage: check-flatpak.py syntax|permissions MANIFEST APPLICATION_ID

syntax       runs `flatpak-builder --show-manifest` (exit 77, skipped, when
             flatpak-builder is not installed).
permissions  checks the sandbox policy: GNOME runtime and SDK, the app's
             command and id, the permissions the app needs (Wayland with X11
             fallback, IPC, DRI, network for sync) and none that would defeat
             the sandbox: file choosers go through the portals, so no
             --filesystem, and no session or system bus holes.
"""

import json
import shutil
import subprocess
import sys


def syntax(manifest):
    builder = shutil.which('flatpak-builder')
    if builder is None:
        print('flatpak-builder is not installed: skipped')
        return 77
    proc = subprocess.run([builder, '--show-manifest', manifest],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sys.stdout.write(proc.stderr)
    if proc.returncode != 0:
        print(f'ERROR: flatpak-builder --show-manifest {manifest} failed')
        return 1
    json.loads(proc.stdout)  # what it shows must itself be a manifest
    print(f'{manifest}: valid')
    return 0


def permissions(manifest, app_id):
    with open(manifest, encoding='utf-8') as f:
        m = json.load(f)
    errors = []

    def expect(cond, msg):
        if not cond:
            errors.append(msg)

    expect(m.get('id', m.get('app-id')) == app_id, f'id is not {app_id}')
    expect(m.get('runtime') == 'org.gnome.Platform', 'runtime is not org.gnome.Platform')
    expect(m.get('sdk') == 'org.gnome.Sdk', 'sdk is not org.gnome.Sdk')
    expect(str(m.get('runtime-version', '')).isdigit()
           and int(m['runtime-version']) >= 45, 'runtime-version is not a recent GNOME (>= 45)')
    expect(m.get('command') == 'rtes-fiches', 'command is not rtes-fiches')

    args = m.get('finish-args', [])
    for needed in ('--share=ipc', '--socket=wayland', '--socket=fallback-x11',
                   '--device=dri', '--share=network'):
        expect(needed in args, f'finish-args lacks {needed}')
    for a in args:
        expect(not a.startswith(('--filesystem', '--socket=session-bus', '--socket=system-bus',
                                 '--device=all', '--socket=x11', '--talk-name=org.freedesktop.Flatpak')),
               f'finish-args grants {a}: too broad for this app')

    modules = m.get('modules', [])
    expect(modules, 'no modules')
    if modules:
        app = modules[-1]
        expect(app.get('buildsystem') == 'meson', 'the app module is not built with meson')
        expect({'type': 'dir', 'path': '..'} in app.get('sources', []),
               'the app module is not built from the checkout ("type": "dir", "path": "..")')

    for e in errors:
        print('ERROR:', e)
    if not errors:
        print(f'{manifest}: permissions ok')
    return 1 if errors else 0


if __name__ == '__main__':
    mode, manifest = sys.argv[1], sys.argv[2]
    if mode == 'syntax':
        sys.exit(syntax(manifest))
    sys.exit(permissions(manifest, sys.argv[3]))
