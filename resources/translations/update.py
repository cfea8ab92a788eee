"""Refresh the .ts sources from the window's code: ``python resources/translations/update.py``.

Runs ``pyside6-lupdate`` over ``kiosk/gui`` (new strings arrive "unfinished", for a
translator to fill in with Qt Linguist, ``pyside6-linguist``, or any text editor), then
repairs what lupdate's Python reader gets wrong: it sometimes loses the class a string
belongs to (the context is then empty and Qt would never find the translation at run
time), so each such string gets the name of the class around its line. Prints how many
strings each language still lacks. The window compiles the .ts files itself (see
``kiosk/gui/translations.py``).
"""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
GUI = ROOT / "kiosk" / "gui"
SKIP = {"screenshots.py"}  # sample data in English, never shown to teachers
LANGUAGES = ("de", "es")
_CLASS = re.compile(r"^class\s+(\w+)")


def lupdate() -> Path:
    found = Path(sys.executable).parent / "pyside6-lupdate"
    return found if found.is_file() else Path("pyside6-lupdate")


def enclosing_class(path: Path, line: int) -> str:
    lines = path.read_text(encoding="utf-8").splitlines()[:line]
    for text in reversed(lines):
        match = _CLASS.match(text)
        if match:
            return match.group(1)
    return ""


def repair_contexts(ts: Path) -> int:
    """Move strings from the empty context into their class's context; how many moved."""
    tree = ET.parse(ts)
    root = tree.getroot()
    contexts = {c.findtext("name") or "": c for c in root.findall("context")}
    lost = contexts.get("")
    if lost is None:
        return 0
    moved = 0
    for message in list(lost.findall("message")):
        location = message.find("location")
        if location is None:
            continue
        source_file = (ts.parent / location.get("filename", "")).resolve()
        name = enclosing_class(source_file, int(location.get("line", "0")))
        if not name:
            continue
        target = contexts.get(name)
        if target is None:
            target = ET.SubElement(root, "context")
            ET.SubElement(target, "name").text = name
            contexts[name] = target
        lost.remove(message)
        target.append(message)
        moved += 1
    if not lost.findall("message"):
        root.remove(lost)
    ET.indent(tree, space="    ")
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    return moved


def translations(ts: Path) -> dict[tuple[str, str], ET.Element]:
    """Finished translations by (context, source), to carry over a context lupdate lost again."""
    if not ts.is_file():
        return {}
    found: dict[tuple[str, str], ET.Element] = {}
    for context in ET.parse(ts).getroot().findall("context"):
        for message in context.findall("message"):
            translation = message.find("translation")
            if translation is not None and translation.get("type") not in ("unfinished", "obsolete"):
                found[(context.findtext("name") or "", message.findtext("source") or "")] = translation
    return found


def restore(ts: Path, known: dict[tuple[str, str], ET.Element]) -> int:
    tree = ET.parse(ts)
    restored = 0
    for context in tree.getroot().findall("context"):
        for message in context.findall("message"):
            key = (context.findtext("name") or "", message.findtext("source") or "")
            old = message.find("translation")
            if old is not None and old.get("type") == "unfinished" and key in known:
                message.remove(old)
                message.append(known[key])
                restored += 1
    ET.indent(tree, space="    ")
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    return restored


def unfinished(ts: Path) -> int:
    return sum(1 for t in ET.parse(ts).iter("translation") if t.get("type") == "unfinished")


def main() -> int:
    sources = sorted(str(p) for p in GUI.rglob("*.py") if p.name not in SKIP)
    targets = [str(HERE / f"kiosk_{lang}.ts") for lang in LANGUAGES]
    known = {target: translations(Path(target)) for target in targets}
    subprocess.run([str(lupdate()), *sources, "-ts", *targets, "-no-obsolete", "-silent"], check=True)
    for target in targets:
        moved = repair_contexts(Path(target))
        restore(Path(target), known[target])
        sys.stdout.write(
            f"{Path(target).name}: {unfinished(Path(target))} unfinished, {moved} context(s) repaired\n"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
