#!/usr/bin/python3
# test-accessibility.py: the real window, driven through the accessibility
# bus as a screen reader (AT-SPI, pyatspi) sees and uses it.
#
# Run by meson (suite gui): in a D-Bus session of its own
# (dbus-run-session), starts rtes-fiches on a library of its own, then
# checks that every interactive element has a name, and renames a fiche
# and saves it through AT-SPI alone (Selection, EditableText, Action),
# reading the file on disk afterwards. Speaks TAP; skips when the
# accessibility stack cannot start.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

tests = []
failures = 0
TAP_LINE = re.compile(r"^(ok |not ok |1\.\.|#|Bail out!)")


def run_in_own_session():
    """Re-runs this script in a D-Bus session of its own. The bus's
    services (the accessibility registry) print on the session's output:
    only TAP lines go to ours, the rest to stderr."""
    if os.environ.get("RTES_A11Y_INNER") or shutil.which("dbus-run-session") is None:
        return
    env = dict(os.environ, RTES_A11Y_INNER="1")
    child = subprocess.Popen(["dbus-run-session", "--", sys.executable, __file__] + sys.argv[1:],
                             stdout=subprocess.PIPE, text=True, env=env)
    for line in child.stdout:
        (sys.stdout if TAP_LINE.match(line) else sys.stderr).write(line)
        sys.stdout.flush()
    sys.exit(child.wait())


run_in_own_session()


def tap_skip_all(reason):
    print(f"1..0 # SKIP {reason}")
    sys.exit(0)


# pyatspi aborts the process when it cannot reach the accessibility bus:
# try it in a child first, so that a missing stack is a skip, not a crash.
try:
    probe = subprocess.run([sys.executable, "-c",
                            "import pyatspi; pyatspi.Registry.getDesktop(0).childCount"],
                           capture_output=True, text=True, timeout=60)
except subprocess.TimeoutExpired:
    tap_skip_all("the accessibility bus does not answer")
if probe.returncode != 0:
    reason = (probe.stderr.strip().splitlines() or ["unknown error"])[-1]
    tap_skip_all(f"no accessibility stack: {reason}")

import pyatspi  # noqa: E402  (after the probe, on purpose)

if len(sys.argv) != 2:
    print("usage: test-accessibility.py PATH-TO-rtes-fiches", file=sys.stderr)
    sys.exit(2)
APP = sys.argv[1]

# Roles a person acts on; each must have a name to be read out.
INTERACTIVE = {
    "push button", "toggle button", "check box", "radio button", "entry",
    "text", "combo box", "list item", "menu item", "spin button", "slider",
    "switch", "link", "page tab", "tree item", "password text",
}
# GTK 4.8 falls back to the widget's type name when nothing names it.
TYPE_NAME = re.compile(r"^(Gtk|Adw|Rtes)[A-Z]\w*$")


def fiche(ident, name, kind, region, contacts=(), lines=()):
    return {
        "format": "rtes-fiche", "version": 1, "id": ident, "name": name,
        "status": "draft", "kind": kind, "region": region, "population": 14000,
        "population_note": "", "member_since": 2015, "updated": "2024-03-12",
        "address": {"lines": ["Hôtel de ville"], "postcode": "25400",
                    "city": "Audincourt", "country": "France"},
        "panorama": "Un territoire d’ESS.", "budget": {"text": "", "lines": list(lines)},
        "programme": "", "actions": "", "contacts": list(contacts), "tags": [],
    }


def make_library(folder):
    contact = {"role": "Chargée de mission ESS", "category": "staff", "name": "Marie Martin",
               "title": "", "service": "", "email": "marie.martin@example.org",
               "phone": "03 81 00 00 00", "rtes_board": False}
    line = {"amount": 120000, "section": "fonctionnement", "year": 2023,
            "forecast": False, "label": "Soutien aux structures"}
    fiches = [
        fiche("audincourt", "Audincourt", "commune", "Bourgogne-Franche-Comté", [contact], [line]),
        fiche("besancon", "Besançon", "commune", "Bourgogne-Franche-Comté"),
    ]
    for item in fiches:
        with open(os.path.join(folder, item["id"] + ".json"), "w", encoding="utf-8") as out:
            json.dump(item, out, ensure_ascii=False, indent=2)


def walk(node, depth=0):
    yield node
    if depth > 60:
        return
    for child in node:
        if child is not None:
            yield from walk(child, depth + 1)


def wait_for(what, condition, timeout=20.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def find_app(pid):
    for app in pyatspi.Registry.getDesktop(0):
        if app is not None and app.get_process_id() == pid:
            return app
    return None


def text_of(node):
    text = node.queryText()
    return text.getText(0, text.characterCount)


def is_named(node):
    name = node.name or ""
    return name.strip() != "" and not TYPE_NAME.match(name)


def check(title, function):
    global failures
    start = time.monotonic()
    try:
        function()
        print(f"ok {len(tests) + 1} {title}")
    except Exception as error:  # report and go on: TAP wants every line
        failures += 1
        print(f"not ok {len(tests) + 1} {title}")
        for line in str(error).splitlines():
            print(f"# {line}")
    print(f"# {title}: {time.monotonic() - start:.1f} s")
    tests.append(title)


def main():
    work = tempfile.mkdtemp(prefix="rtes-a11y-")
    library = os.path.join(work, "bibliotheque")
    os.mkdir(library)
    make_library(library)

    env = dict(os.environ)
    # The suite silences accessibility for the other tests; this one is
    # about it.
    env.pop("GTK_A11Y", None)
    env.pop("NO_AT_BRIDGE", None)
    process = subprocess.Popen([APP, "--library", library], env=env)
    started = time.monotonic()
    print("1..3")
    try:
        app = wait_for("the window on the accessibility bus",
                       lambda: process.poll() is None and find_app(process.pid) or
                       (process.poll() is not None and sys.exit(f"rtes-fiches exited with {process.returncode}")))
        fiches_list = wait_for("the list of fiches",
                               lambda: next((n for n in walk(app) if n.getRoleName() == "list"
                                             and n.childCount >= 2), None))
        print(f"# window up in {time.monotonic() - started:.1f} s")

        def sidebar_rows_named():
            names = [item.name for item in fiches_list]
            assert all(names), f"unnamed rows in the list: {names!r}"
            audincourt = next((n for n in names if n.startswith("Audincourt")), None)
            assert audincourt is not None, f"no row for Audincourt: {names!r}"
            assert "Bourgogne-Franche-Comté" in audincourt and "%" in audincourt, audincourt

        def open_and_rename():
            index = next(i for i, item in enumerate(fiches_list) if item.name.startswith("Audincourt"))
            assert fiches_list.querySelection().selectChild(index)
            name_entry = wait_for("the name field",
                                  lambda: next((n for n in walk(app)
                                                if n.getRoleName() == "text" and n.name in ("Name", "Nom")
                                                and text_of (n) == "Audincourt"), None))
            assert name_entry.queryEditableText().setTextContents("Audincourt-Nord")
            frame = next(n for n in app if n.getRoleName() == "frame")
            actions = frame.queryAction()
            save = next(i for i in range(actions.nActions) if actions.getName(i) == "win.save")
            wait_for("the save action", lambda: actions.doAction(save), timeout=5)
            path = os.path.join(library, "audincourt.json")

            def saved():
                with open(path, encoding="utf-8") as data:
                    return json.load(data)["name"] == "Audincourt-Nord"
            wait_for("the new name on disk", saved, timeout=10)

        def everything_named():
            # Every interactive element of the window, on every page of the
            # fiche that is open (hidden pages included: they show later).
            unnamed = []
            for node in walk(app):
                try:
                    role = node.getRoleName()
                    if role not in INTERACTIVE or is_named(node):
                        continue
                    chain, up = [], node.parent
                    while up is not None and len(chain) < 6:
                        if up.name and up.getRoleName() != "panel":
                            chain.append(f"{up.getRoleName()} {up.name!r}")
                        up = up.parent
                    inside = [f"{c.getRoleName()} {c.name!r}" for c in walk(node) if c is not node][:3]
                    unnamed.append(f"{role} {node.name!r} holding {inside} in " + " < ".join(chain))
                except Exception:
                    continue  # gone while walking
            assert not unnamed, "unnamed interactive elements:\n" + "\n".join(unnamed)

        check("/gui/accessibility/sidebar-rows-named", sidebar_rows_named)
        check("/gui/accessibility/rename-and-save", open_and_rename)
        check("/gui/accessibility/everything-named", everything_named)
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        shutil.rmtree(work, ignore_errors=True)
        print(f"# total {time.monotonic() - started:.1f} s")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
