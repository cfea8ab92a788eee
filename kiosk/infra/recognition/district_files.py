"""The district index on disk: encrypted shards, so a restart reads files instead of 600 MB from PostgreSQL.

Reading 300,000 x 512-d vectors out of PostgreSQL costs about 2 s on a good day (the server
alone spends 1.2 s reading them out of TOAST), more than the whole rebuild may take. So the
built index's rows (codes, float16 vectors, lengths, owners, encoding ids) are kept in the
kiosk's data folder, and a rebuild reads them back and only *checks* them against the
database (:mod:`kiosk.app.school_index`).

Privacy: the rows are face data, so every file is sealed with AES-256-GCM (the key of the
offline cache; the context binds a file to its model and shard, so files cannot be swapped).
Rows are spread over :data:`SHARDS` files by the student's UUID, so removing one withdrawn
student rewrites one file of about 1/64 of the index (milliseconds), never the whole index.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import secrets
import shutil
import struct
import uuid
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Protocol

import numpy as np
from numpy.typing import NDArray

from kiosk.infra.atomic_files import write_atomically
from kiosk.infra.recognition.district_index import DistrictRows

log = logging.getLogger(__name__)

SHARDS = 64
FORMAT = 1
NONCE_AND_TAG = 12 + 16  # AES-GCM's nonce (in front) and tag: a sealed file's size beyond the plain one
_TOKEN_EXAMPLE = "0123456789abcdef"  # the length of a write's token, in hex


class ShardCipher(Protocol):
    """AES-GCM with a context (see :class:`kiosk.infra.offline.keys.VectorCipher`)."""

    def encrypt(self, plain: bytes, context: str) -> bytes: ...

    def decrypt(self, blob: bytes, context: str) -> bytes | None: ...

    def decrypt_into(self, blob: bytes, context: str, out: memoryview) -> bool: ...


_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]+")
_LENGTH = struct.Struct("<Q")


@dataclass(frozen=True)
class DistrictMeta:
    model_name: str
    dim: int
    code_bytes: int
    centre: NDArray[np.float32]
    # The database's membership fingerprint the files were last checked against ("": unknown,
    # e.g. after a notified change was applied: the next start checks the list).
    fingerprint: str = ""


def shard_of(students: NDArray[np.void]) -> NDArray[np.intp]:
    """Each row's shard: the first byte of its student's UUID (random for uuid4) modulo SHARDS."""
    first = np.frombuffer(np.ascontiguousarray(students).tobytes(), dtype=np.uint8)[::16]
    return (first % SHARDS).astype(np.intp)


class DistrictFiles:
    """The shards of one model's district index in ``folder`` (see module)."""

    def __init__(self, folder: Path, model_name: str, cipher: ShardCipher) -> None:
        key = hashlib.sha256(model_name.encode()).hexdigest()[:12]
        self.folder = folder / f"{_UNSAFE.sub('_', model_name)[:40]}-{key}"
        self.model_name = model_name
        self._cipher = cipher

    def _context(self, name: str) -> str:
        return f"district-index/{FORMAT}/{self.model_name}/{name}"

    # --- reading --------------------------------------------------------------------

    def read(self) -> tuple[DistrictMeta, DistrictRows] | None:
        """Every stored row, grouped by student, or ``None`` when there are no usable files (then
        build afresh). The vectors are decrypted straight into one array: no second copy."""
        meta = self._read_meta()
        if meta is None:
            return None
        with ThreadPoolExecutor(max_workers=4) as pool:
            heads = list(pool.map(lambda k: self._read_head(k, meta), range(SHARDS)))
            if any(h is None for h in heads):
                return None
            small = [h for h in heads if h is not None]
            missing = self.missing_shards()
            offsets = np.concatenate([[0], np.cumsum([len(h[1].encoding_ids) for h in small])])
            vectors = np.empty((int(offsets[-1]), meta.dim), dtype="<f2")

            def fill(k: int) -> bool:
                into = vectors[offsets[k] : offsets[k + 1]]
                if k in missing:
                    return True
                return self._open_into(
                    f"vectors-{k:02d}", f"{small[k][0]}/{len(into)}", _writable_bytes(into)
                )

            if not all(pool.map(fill, range(SHARDS))):
                return None
        rows = DistrictRows.concatenate([h for _, h in small], meta.dim, meta.code_bytes)
        # Shards purged by a notified withdrawal: the list check fetches their other rows again.
        checked = replace(meta, fingerprint="") if missing else meta
        return checked, DistrictRows(
            rows.encoding_ids, rows.students, rows.inverse_norms, rows.codes, vectors
        )

    def _read_file(self, name: str) -> bytes | None:
        try:
            return (self.folder / name).read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            log.warning("Could not read the district index file %s (%s): it is rebuilt", name, exc)
            return None

    def _open(self, name: str) -> bytes | None:
        blob = self._read_file(name)
        if blob is None:
            return None
        plain = self._cipher.decrypt(blob, self._context(name))
        if plain is None:
            log.warning("The district index file %s is damaged or has another key: it is rebuilt", name)
        return plain

    def _open_into(self, name: str, binding: str, out: memoryview) -> bool:
        blob = self._read_file(name)
        if blob is None:
            return False
        if len(blob) != len(out) + NONCE_AND_TAG or not self._cipher.decrypt_into(
            blob, f"{self._context(name)}/{binding}", out
        ):
            log.warning("The district index file %s is damaged or has another key: it is rebuilt", name)
            return False
        return True

    def _read_meta(self) -> DistrictMeta | None:
        plain = self._open("meta")
        if plain is None:
            return None
        try:
            raw = json.loads(plain)
            if raw["format"] != FORMAT or raw["model_name"] != self.model_name or raw["shards"] != SHARDS:
                return None
            centre = np.asarray(raw["centre"], dtype=np.float32)
            return DistrictMeta(
                self.model_name, int(raw["dim"]), int(raw["code_bytes"]), centre, str(raw["fingerprint"])
            )
        except (ValueError, KeyError, TypeError):
            log.warning("The district index's description is unreadable: it is rebuilt")
            return None

    def missing_shards(self) -> set[int]:
        """Shards whose files :func:`discard_students` deleted (rewritten at the next check)."""
        return {k for k in range(SHARDS) if not (self.folder / f"shard-{k:02d}").exists()}

    def _read_head(self, k: int, meta: DistrictMeta) -> tuple[str, DistrictRows] | None:
        """Shard ``k``'s small arrays (vectors left empty) and the token binding its vectors file;
        no rows for a shard whose files were deleted, ``None`` for a damaged one."""
        if not (self.folder / f"shard-{k:02d}").exists():
            return "", DistrictRows.concatenate([], 0, meta.code_bytes)
        plain = self._open(f"shard-{k:02d}")
        if plain is None:
            return None
        token = plain[: len(_TOKEN_EXAMPLE)].decode("ascii", "replace")
        (n,) = _LENGTH.unpack_from(plain, len(token))
        layout = _layout(n, meta.code_bytes)
        offset = len(token) + _LENGTH.size
        if len(plain) != offset + sum(size for _, _, size in layout):
            log.warning("The district index file shard-%02d has the wrong size: it is rebuilt", k)
            return None
        arrays: list[NDArray[Any]] = []
        for dtype, shape, size in layout:
            count = int(np.prod(shape))
            arrays.append(np.frombuffer(plain, dtype=dtype, count=count, offset=offset).reshape(shape))
            offset += size
        ids, students, inverse_norms, codes = arrays
        return token, DistrictRows(ids, students, inverse_norms, codes, np.zeros((n, 0), dtype="<f2"))

    def _read_shard(self, k: int, meta: DistrictMeta) -> DistrictRows | None:
        head = self._read_head(k, meta)
        if head is None:
            return None
        token, rows = head
        vectors = np.empty((len(rows), meta.dim), dtype="<f2")
        if not self._open_into(f"vectors-{k:02d}", f"{token}/{len(rows)}", _writable_bytes(vectors)):
            return None
        return DistrictRows(rows.encoding_ids, rows.students, rows.inverse_norms, rows.codes, vectors)

    # --- writing --------------------------------------------------------------------

    def write_all(self, meta: DistrictMeta, rows: DistrictRows) -> None:
        """Replace every file with ``rows`` (after a full build)."""
        self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        self.write_shards(meta, rows, range(SHARDS))
        self.write_meta(meta)

    def write_meta(self, meta: DistrictMeta) -> None:
        payload = {
            "format": FORMAT,
            "model_name": self.model_name,
            "shards": SHARDS,
            "dim": meta.dim,
            "code_bytes": meta.code_bytes,
            "centre": meta.centre.astype(float).tolist(),
            "fingerprint": meta.fingerprint,
        }
        self._seal("meta", json.dumps(payload).encode())

    def write_shards(self, meta: DistrictMeta, rows: DistrictRows, shards: Iterable[int]) -> None:
        """Rewrite these shards from ``rows`` (all the index's rows; each shard takes its own)."""
        wanted = sorted(set(shards))
        if not wanted:
            return
        where = shard_of(rows.students)
        for k in wanted:
            mine = np.flatnonzero(where == k)
            part = rows.take(mine[np.argsort(rows.students[mine], kind="stable")])  # grouped by student
            token = secrets.token_hex(len(_TOKEN_EXAMPLE) // 2)
            # The vectors first, then the small file that names them: a crash in between leaves
            # a pair that does not open together (the token differs), and the index is rebuilt.
            self._seal(
                f"vectors-{k:02d}",
                np.ascontiguousarray(part.vectors16, dtype="<f2").tobytes(),
                f"{token}/{len(part)}",
            )
            small = (part.encoding_ids, part.students, part.inverse_norms, part.codes)
            blob = b"".join(
                [token.encode("ascii"), _LENGTH.pack(len(part))]
                + [
                    np.ascontiguousarray(a, dtype=dtype).tobytes()
                    for a, (dtype, _, _) in zip(small, _layout(len(part), meta.code_bytes), strict=True)
                ]
            )
            self._seal(f"shard-{k:02d}", blob)

    def replace_student(self, meta: DistrictMeta, student: uuid.UUID, rows: DistrictRows | None) -> bool:
        """Rewrite the one shard holding ``student``: their old rows go, ``rows`` (if any) come in.

        What a notified change costs on disk (a withdrawal is then gone from the files at once).
        ``False`` when the files are unusable: the caller deletes them (rebuilt at next start)."""
        raw = np.frombuffer(student.bytes, dtype="V16")
        k = int(shard_of(raw)[0])
        if not (self.folder / f"shard-{k:02d}").exists():
            return True  # purged already: the next start fetches its rows again
        current = self._read_shard(k, meta)
        if current is None:
            return False
        kept = current.take(current.students != raw[0])
        parts = [kept] if rows is None or not len(rows) else [kept, rows]
        self.write_shards(meta, DistrictRows.concatenate(parts, meta.dim, meta.code_bytes), [k])
        return True

    def _seal(self, name: str, plain: bytes, binding: str = "") -> None:
        context = f"{self._context(name)}/{binding}" if binding else self._context(name)
        write_atomically(self.folder / name, self._cipher.encrypt(plain, context), mode=0o600)

    def remove(self) -> None:
        """Delete every file (consent withdrawn from face matching as a whole, or a new model)."""
        shutil.rmtree(self.folder, ignore_errors=True)

    def shards_of(self, students: Iterable[uuid.UUID]) -> set[int]:
        raw = np.frombuffer(b"".join(s.bytes for s in students), dtype="V16")
        return {int(k) for k in shard_of(raw)}


def _writable_bytes(array: NDArray[Any]) -> memoryview:
    """A contiguous array's memory as bytes (an empty one too) to decrypt into."""
    return array.reshape(-1).view(np.uint8).data


def _layout(n: int, code_bytes: int) -> list[tuple[str, tuple[int, ...], int]]:
    """(dtype, shape, bytes) of each array in a shard file, in DistrictRows' order (the float16
    vectors are in a file of their own, decrypted straight into the index's array)."""
    return [
        ("<i8", (n,), 8 * n),
        ("V16", (n,), 16 * n),
        ("<f4", (n,), 4 * n),
        ("u1", (n, code_bytes), n * code_bytes),
    ]


def discard_students(root: Path, students: Iterable[uuid.UUID]) -> int:
    """Delete the files holding these students' rows, in every model's folder under ``root``.

    What the offline store does the moment a withdrawal or deletion is announced: no key and
    no loading needed (like the class index files). Each deleted shard holds 1/64 of the
    index; the next start finds it missing and fetches its other students' vectors again."""
    raw = np.frombuffer(b"".join(s.bytes for s in students), dtype="V16")
    if not len(raw) or not root.is_dir():
        return 0
    removed = 0
    for folder in (p for p in root.iterdir() if p.is_dir()):
        for k in {int(k) for k in shard_of(raw)}:
            for name in (f"shard-{k:02d}", f"vectors-{k:02d}"):
                try:
                    (folder / name).unlink()
                    removed += 1
                except FileNotFoundError:
                    continue
                except OSError as exc:
                    log.warning("Could not delete the district index file %s (%s): all of it goes", name, exc)
                    shutil.rmtree(folder, ignore_errors=True)
    return removed
