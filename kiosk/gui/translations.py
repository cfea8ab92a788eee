"""The window's language: German, Spanish or English, from ``[gui] language`` or the system.

The sources are Qt Linguist files, ``resources/translations/kiosk_<lang>.ts`` (kept in
git, edited by people). Qt loads compiled ``.qm`` files; they are build output, so they
are not kept in git: :func:`compiled_catalogue` compiles a ``.ts`` with ``lrelease`` (it
ships in the PySide6 wheel the kiosk installs) into the data folder's cache the first
time it is needed, and again whenever the source changed. A ``.qm`` next to the source
(made by a packager) is used as it is when it is newer than the source.

The command line (``kiosk ...``) stays in English: its messages are not translated.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

log = logging.getLogger(__name__)

TRANSLATIONS_DIR = Path(__file__).resolve().parents[2] / "resources" / "translations"
SOURCE_LANGUAGE = "en"
LANGUAGES = ("en", "de", "es")  # English is the source text: it needs no file


def available_languages() -> tuple[str, ...]:
    return (SOURCE_LANGUAGE, *(lang for lang in LANGUAGES[1:] if source_file(lang).is_file()))


def source_file(language: str) -> Path:
    return TRANSLATIONS_DIR / f"kiosk_{language}.ts"


def choose_language(configured: str, system: QLocale | None = None) -> str:
    """``[gui] language`` when set (and known), else the system's language, else English."""
    wanted = configured.strip().lower().replace("-", "_")
    known = available_languages()
    if wanted and wanted not in ("auto", "system"):
        code = wanted.split("_")[0]
        if code in known:
            return code
        log.warning(
            "[gui] language %r is not available (%s): using the system's", configured, ", ".join(known)
        )
    locale = system or QLocale.system()
    for name in locale.uiLanguages():  # in the user's order of preference, e.g. "de-AT", "en-US"
        code = name.split("-")[0].split("_")[0].lower()
        if code in known:
            return code
    return SOURCE_LANGUAGE


def lrelease_command() -> list[str] | None:
    """``lrelease`` from the PySide6 wheel (or the system's), or ``None`` when there is none."""
    import PySide6

    folder = Path(PySide6.__file__).resolve().parent
    for name in ("lrelease", "lrelease.exe"):
        if (folder / name).is_file():
            return [str(folder / name)]
    beside_python = Path(sys.executable).parent / "pyside6-lrelease"
    if beside_python.is_file():
        return [str(beside_python)]
    for name in ("pyside6-lrelease", "lrelease"):
        found = shutil.which(name)
        if found:
            return [found]
    return None


def compile_catalogue(source: Path, target: Path) -> Path:
    """Compile ``source`` (.ts) to ``target`` (.qm) with lrelease; raises ``OSError`` when it cannot."""
    command = lrelease_command()
    if command is None:
        raise OSError("lrelease was not found (it comes with PySide6)")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".qm.part")
    done = subprocess.run(
        [*command, "-silent", str(source), "-qm", str(partial)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    if done.returncode != 0 or not partial.is_file():
        partial.unlink(missing_ok=True)
        raise OSError(f"lrelease failed on {source.name}: {(done.stderr or done.stdout).strip()[:300]}")
    partial.replace(target)  # whole or not at all: another kiosk process may be reading it
    return target


def compiled_catalogue(language: str, cache_dir: Path) -> Path | None:
    """The ``.qm`` for ``language``, compiled now if missing or older than its source."""
    source = source_file(language)
    if not source.is_file():
        return None
    shipped = source.with_suffix(".qm")
    if shipped.is_file() and shipped.stat().st_mtime >= source.stat().st_mtime:
        return shipped
    target = cache_dir / "translations" / shipped.name
    if target.is_file() and target.stat().st_mtime >= source.stat().st_mtime:
        return target
    try:
        return compile_catalogue(source, target)
    except (OSError, subprocess.SubprocessError) as exc:
        log.warning(
            "The %s translation could not be compiled (%s): the window stays in English", language, exc
        )
        return None


def install_translations(app: QCoreApplication, language: str, cache_dir: Path) -> list[QTranslator]:
    """Install Qt's own strings and the kiosk's for ``language``; the translators installed."""
    installed: list[QTranslator] = []
    if language == SOURCE_LANGUAGE or app.property("kiosk_language") == language:
        return installed  # English is the source text; or installed already (the wizard came first)
    locale = QLocale(language)
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt_translator = QTranslator(app)
    if qt_translator.load(locale, "qtbase", "_", qt_folder):
        app.installTranslator(qt_translator)
        installed.append(qt_translator)
    catalogue = compiled_catalogue(language, cache_dir)
    kiosk_translator = QTranslator(app)
    if catalogue is not None and kiosk_translator.load(str(catalogue)):
        app.installTranslator(kiosk_translator)
        installed.append(kiosk_translator)
        app.setProperty("kiosk_language", language)
        log.info("Window language: %s", language)
    else:
        log.warning("No %s translation could be loaded: the window stays in English", language)
    return installed


def remove_translations(app: QCoreApplication, translators: list[QTranslator]) -> None:
    for translator in translators:
        app.removeTranslator(translator)
    app.setProperty("kiosk_language", None)
