"""Taking personal data out of error text before it reaches a log file or a screen.

A failed INSERT's error carries the row: SQLAlchemy appends ``[parameters: ...]`` (names, photo
bytes, face-vector bytes) unless the engine hides them (every kiosk engine does, see
:mod:`kiosk.infra.db.engine`), and PostgreSQL adds ``DETAIL: Failing row contains (...)`` or
``DETAIL: Key (email)=(...)`` whatever the client does. :func:`redact` removes those parts and
any bytes literal; :class:`PersonalDataFilter` applies it to every log record, its traceback
included, on every handler the entry point installs.
"""

from __future__ import annotations

import logging
import re

HIDDEN = "<hidden: may hold personal data>"

_PATTERNS = (
    # SQLAlchemy's statement parameters (one line, however long).
    (re.compile(r"\[parameters: [^\n]*"), f"[parameters: {HIDDEN}]"),
    # PostgreSQL's DETAIL / CONTEXT lines quote row values and key values.
    (re.compile(r"\b(DETAIL|CONTEXT):[^\n]*"), rf"\1: {HIDDEN}"),
    # Python bytes literals (photos, vectors) and PostgreSQL bytea hex text.
    (re.compile(r"""\bb'(?:[^'\\\n]|\\.)*'|\bb"(?:[^"\\\n]|\\.)*\""""), f"b'{HIDDEN}'"),
    (re.compile(r"\\x[0-9a-fA-F]{8,}"), HIDDEN),
)


def redact(text: str) -> str:
    """``text`` without statement parameters, PostgreSQL row details or bytes."""
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


_TRACEBACKS = logging.Formatter()


class PersonalDataFilter(logging.Filter):
    """Redacts a record's message and traceback in place (so every handler sees the clean text)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        clean = redact(message)
        if clean != message:
            record.msg, record.args = clean, None
        if record.exc_info and not record.exc_text:
            # The formatter uses exc_text when it is set: render the traceback once, redacted.
            record.exc_text = _TRACEBACKS.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True
