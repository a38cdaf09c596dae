#!/usr/bin/env python3
# seed-corpus.py: writes the seed inputs of one fuzz target into a folder.
#
#   tests/fuzz/seed-corpus.py TARGET OUTDIR
#
# Seeds are made at run time from the tests' own fixtures and, when it is
# there, from ../shared/site-export: nothing is copied into git. OUTDIR is
# emptied first; tools/fuzz keeps the corpus the fuzzer grows elsewhere.
import glob
import hashlib
import json
import os
import sys

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHARED = os.environ.get("RTES_SHARED_DIR") or os.path.join(TOP, "..", "shared")


def fiche_files():
    patterns = ["tests/model/fixtures/*.json", "tests/export/library/*.json"]
    return sorted(f for p in patterns for f in glob.glob(os.path.join(TOP, p)))


def text_exports():
    files = sorted(glob.glob(os.path.join(TOP, "tests/import/fixtures/*.txt")))
    return files + sorted(glob.glob(os.path.join(SHARED, "site-export", "*.txt")))


def fiches():
    for path in fiche_files():
        try:
            with open(path, encoding="utf-8") as f:
                doc = json.load(f)
        except ValueError:
            continue
        if isinstance(doc, dict):
            yield doc


def text_sections():
    for doc in fiches():
        budget = doc.get("budget")
        texts = [doc.get("panorama"), doc.get("programme"), doc.get("actions"),
                 budget.get("text") if isinstance(budget, dict) else None]
        for text in texts:
            if isinstance(text, str) and text:
                yield text.encode("utf-8")
    # A few shapes the fixtures lack: nested and numbered lists, links.
    yield b"- un\n  - deux\n    1. trois\n\nSuite [site](https://www.rtes.fr) et https://example.org/a_(b)."
    yield b"Ligne un\nligne deux\n\n12. item\n13. item\n[x](mailto:a@b.fr)"


def state_files():
    """The library's own files, in the shapes the application writes."""
    import base64
    docs = list(fiches())
    for n, doc in enumerate(docs[:8]):
        fiche = dict(doc, id="dijon")
        text = json.dumps(fiche, ensure_ascii=False, indent=2).encode("utf-8")
        # A recovery journal, and one of an older version (a fiche).
        yield json.dumps({"format": "rtes-journal", "version": 1, "id": "dijon", "fiche": fiche,
                          "pending": {"population": "1,2 million", "budget.lines[0].amount": "350 k€"}},
                         ensure_ascii=False, indent=2).encode("utf-8")
        yield text
        # The journal of a sync commit cut short.
        yield json.dumps({"format": "rtes-sync-journal", "version": 2, "files": [
            {"path": "dijon.json", "old": base64.b64encode(text).decode(),
             "written": hashlib.sha256(text + b" ").hexdigest()},
            {"path": ".rtes-fiches/sync/bases/dijon.json", "old": None,
             "written": hashlib.sha256(text).hexdigest()},
            {"path": ".rtes-fiches/sync/state.json", "old": None,
             "written": hashlib.sha256(b"{}").hexdigest()}]}).encode("utf-8")
        conflict = {"id": "dijon", "base": doc.get("name"), "mine": "Ici", "theirs": "Là"}
        # The sync state, and the import's conflict record.
        yield json.dumps({"format": "rtes-sync-state", "version": 2, "site": "https://www.rtes.fr/",
                          "etag": "\"%d\"" % n, "fiches": {"dijon": {"revision": str(n + 1)}},
                          "conflicts": [dict(conflict, path="name"),
                                        dict(conflict, path="contacts[0].phone")]},
                         ensure_ascii=False, indent=2).encode("utf-8")
        yield json.dumps({"format": "rtes-import-conflicts", "version": 1,
                          "conflicts": [dict(conflict, field="name")]},
                         ensure_ascii=False, indent=2).encode("utf-8")


def seeds(target):
    if target == "fuzz-fiche-reader":
        for path in fiche_files():
            with open(path, "rb") as f:
                yield f.read()
    elif target == "fuzz-text-export":
        for path in text_exports():
            with open(path, "rb") as f:
                data = f.read()
            yield data
            # Pieces of 60 lines: small inputs run faster and mutate better.
            lines = data.split(b"\n")
            for i in range(0, len(lines), 60):
                yield b"\n".join(lines[i:i + 60])
    elif target == "fuzz-site-export":
        docs = []
        for n, doc in enumerate(fiches()):
            entry = dict(doc, revision=str(n + 1))
            docs.append(entry)
            yield json.dumps({"format": "rtes-site-export", "version": 1,
                              "fiches": [entry]}, ensure_ascii=False).encode("utf-8")
            yield json.dumps(entry, ensure_ascii=False, indent=2).encode("utf-8")
        yield json.dumps({"format": "rtes-site-export", "version": 1,
                          "generated": "2026-11-20T10:00:00Z", "fiches": docs},
                         ensure_ascii=False, indent=2).encode("utf-8")
    elif target in ("fuzz-fiche-text", "fuzz-pdf-layout"):
        yield from text_sections()
    elif target == "fuzz-state-readers":
        yield from state_files()
    else:
        sys.exit("seed-corpus.py: unknown target " + target)


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: seed-corpus.py TARGET OUTDIR")
    target, outdir = sys.argv[1], sys.argv[2]
    os.makedirs(outdir, exist_ok=True)
    for name in os.listdir(outdir):
        os.remove(os.path.join(outdir, name))
    count = 0
    for data in seeds(target):
        name = hashlib.sha1(data).hexdigest()
        with open(os.path.join(outdir, name), "wb") as f:
            f.write(data)
        count += 1
    print(f"{target}: {count} seeds")


if __name__ == "__main__":
    main()
