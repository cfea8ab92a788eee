"""A school- or district-wide face search: 100,000 students x 3 encodings, rebuilt in about a second.

The class index (:class:`~kiosk.infra.recognition.index.FaceIndex`) is exact and small. For
a whole district (a visitor from another class, another school) an exact scan of 300k x 512
float32 (614 MB) takes tens of milliseconds per face, and FAISS' IVF or HNSW indexes take
seconds to minutes to build. This index does two cheap things instead:

1. **Shortlist by binary codes.** Each vector, centred on the gallery's mean, is folded to
   256 numbers (sums of dimensions ``j, j+256, ...``) and kept as their signs: 32 bytes per
   encoding, compared by Hamming distance (``IndexBinaryFlat``, a popcount scan of 9.6 MB).
   Two photos of one person (cosine ~0.7) differ in about a quarter of the bits, two people
   in about half, so the right encodings are in a short list of the nearest codes.
2. **Exact re-ranking.** The shortlist (64 rows) is scored by cosine similarity against the
   vectors, kept as float16 (half the memory of float32; the similarity changes by < 0.001).

Building is one pass over the vectors (normalise, fold, sign, convert): no training, no
clustering. See ``benchmarks/bench_district.py`` for the figures side by side with the
class index's exact and IVF kinds.

A little over 400 lines: the rows' layout (:class:`DistrictRows`, which the index files store)
and the index that reads it are kept together, so a change to one is seen beside the other.
"""

from __future__ import annotations

import logging
import os
import threading
import uuid
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import faiss
import numpy as np
from numpy.typing import NDArray

from kiosk.core.errors import ModelMismatch
from kiosk.core.matching import l2_normalise

log = logging.getLogger(__name__)

Candidate = tuple[uuid.UUID, float]
CODE_BITS = 256
SHORTLIST = 64
_CHUNK = 32_768  # rows per pass: bounded temporary memory (about 64 MB at 512-d)


def _code_bits(dim: int) -> int:
    return CODE_BITS if dim % CODE_BITS == 0 else max(8, (min(dim, CODE_BITS) // 8) * 8)


@dataclass(frozen=True)
class DistrictRows:
    """The index's rows as plain arrays, row ``i`` of each (what the index files store)."""

    encoding_ids: NDArray[np.int64]  # the database's ids (-1: not known)
    students: NDArray[np.void]  # 16-byte UUIDs
    inverse_norms: NDArray[np.float32]
    codes: NDArray[np.uint8]  # (n, bits / 8)
    vectors16: NDArray[Any]  # (n, dim) float16 (or float32: the caller's array, kept)

    def __len__(self) -> int:
        return len(self.encoding_ids)

    def take(self, rows: NDArray[Any]) -> DistrictRows:
        """The rows selected by an index array or a boolean mask (copies)."""
        return DistrictRows(
            self.encoding_ids[rows],
            self.students[rows],
            self.inverse_norms[rows],
            self.codes[rows],
            self.vectors16[rows],
        )

    def kept_plus(self, keep: NDArray[np.bool_], extra: DistrictRows | None) -> DistrictRows:
        """The rows ``keep`` selects followed by ``extra``, each array copied once (hundreds of MB)."""
        parts: tuple[NDArray[Any], ...] = (
            self.encoding_ids,
            self.students,
            self.inverse_norms,
            self.codes,
            self.vectors16,
        )
        more: tuple[NDArray[Any], ...] = (
            (extra.encoding_ids, extra.students, extra.inverse_norms, extra.codes, extra.vectors16)
            if extra is not None
            else tuple(a[:0] for a in parts)
        )
        # The kept rows as runs between dropped ones: a few block copies (numpy's compress and
        # boolean indexing go row by row, several times slower on 300k x 1 KB rows).
        dropped = np.flatnonzero(~keep)
        starts = np.concatenate([[0], dropped + 1])
        ends = np.concatenate([dropped, [len(keep)]])
        runs = [(int(lo), int(hi)) for lo, hi in zip(starts, ends, strict=True) if hi > lo]
        kept = len(keep) - len(dropped)
        out: list[NDArray[Any]] = []
        for mine, theirs in zip(parts, more, strict=True):
            joined = np.empty((kept + len(theirs), *mine.shape[1:]), dtype=mine.dtype)
            at = 0
            for lo, hi in runs:
                joined[at : at + hi - lo] = mine[lo:hi]
                at += hi - lo
            joined[kept:] = theirs
            out.append(joined)
        ids, students, inverse_norms, codes, vectors16 = out
        return DistrictRows(ids, students, inverse_norms, codes, vectors16)

    @staticmethod
    def concatenate(parts: Sequence[DistrictRows], dim: int, code_bytes: int) -> DistrictRows:
        if not parts:
            return DistrictRows(
                np.zeros(0, np.int64),
                np.zeros(0, "V16"),
                np.zeros(0, np.float32),
                np.zeros((0, code_bytes), np.uint8),
                np.zeros((0, dim), np.float16),
            )
        if len(parts) == 1:
            return parts[0]
        return DistrictRows(
            np.concatenate([p.encoding_ids for p in parts]),
            np.concatenate([p.students for p in parts]),
            np.concatenate([p.inverse_norms for p in parts]),
            np.concatenate([p.codes for p in parts]),
            np.concatenate([p.vectors16 for p in parts]),
        )


def encode_rows(
    vectors: NDArray[Any],
    students: NDArray[np.void],
    centre: NDArray[np.float32],
    *,
    encoding_ids: NDArray[np.int64] | None = None,
    norms: NDArray[np.float32] | None = None,
    float16: bool = True,
) -> DistrictRows:
    """Codes, lengths and (float16) vectors of ``vectors`` against a gallery's ``centre``.

    The vectors are not normalised in a pass of their own: their lengths are kept (one float
    per row) and divided out of the codes and similarities, which saves a pass over hundreds
    of megabytes. Rows with non-finite values are refused (``ValueError``)."""
    n, dim = vectors.shape
    bits = _code_bits(dim)
    vectors16: NDArray[Any] = np.empty((n, dim), dtype=np.float16) if float16 else vectors
    inverse_norms = np.empty(n, dtype=np.float32)
    code_rows = np.empty((n, bits // 8), dtype=np.uint8)
    folded_centre = _fold(centre.reshape(1, -1), bits)

    def one_chunk(lo: int) -> None:  # numpy lets go of the GIL: chunks run on every core
        block = vectors[lo : lo + _CHUNK]
        if norms is None:
            lengths = np.sqrt(np.einsum("ij,ij->i", block, block, dtype=np.float32))
        else:
            lengths = norms[lo : lo + len(block)]
        if not np.isfinite(lengths).all():
            raise ValueError("face vectors contain NaN or infinite values")
        inverse = np.divide(1.0, lengths, out=np.zeros_like(lengths), where=lengths > 0)
        inverse_norms[lo : lo + len(block)] = inverse
        if float16:
            vectors16[lo : lo + len(block)] = block
        # sign(x / |x| - c) == sign(x - |x| c): no normalised copy is needed.
        folded = _fold(block, bits) - lengths[:, None] * folded_centre
        code_rows[lo : lo + len(block)] = np.packbits(folded > 0, axis=1)

    with ThreadPoolExecutor(max_workers=max(1, os.cpu_count() or 1)) as pool:
        list(pool.map(one_chunk, range(0, n, _CHUNK)))
    ids = np.full(n, -1, np.int64) if encoding_ids is None else np.asarray(encoding_ids, np.int64)
    return DistrictRows(ids, students, inverse_norms, code_rows, vectors16)


class DistrictIndex:
    """Build with :meth:`build`; answers like :meth:`FaceIndex.search` (best first, one per student)."""

    def __init__(
        self,
        rows: DistrictRows,
        centre: NDArray[np.float32],
        model_name: str,
        shortlist: int = SHORTLIST,
        *,
        grouped: bool = False,
    ) -> None:
        """From encoded rows (:meth:`build`, or the index files). ``grouped``: each student's rows
        are next to each other (as the index files keep them), so labelling needs no sort."""
        owners, labels = _runs(rows.students) if grouped else _group(rows.students)
        self._codes = faiss.IndexBinaryFlat(rows.codes.shape[1] * 8)
        if len(rows):
            self._codes.add(np.ascontiguousarray(rows.codes))
        self._vectors16 = rows.vectors16
        self._inverse_norms = rows.inverse_norms
        self._encoding_ids = rows.encoding_ids
        self._labels = labels
        # Each label's student as 16 bytes: no Python object per student (100k UUIDs cost ~1 s).
        self._owners = owners
        self.centre = centre
        self.model_name = model_name
        self.shortlist = shortlist
        self._lock = threading.Lock()

    @classmethod
    def build(
        cls,
        vectors: NDArray[Any],
        students: NDArray[np.void] | Sequence[uuid.UUID],
        model_name: str,
        *,
        shortlist: int = SHORTLIST,
        float16: bool = True,
        norms: NDArray[np.float32] | None = None,
        encoding_ids: NDArray[np.int64] | None = None,
    ) -> DistrictIndex:
        """``vectors`` (n, dim), row ``i`` of ``students[i]`` (16-byte UUIDs or UUIDs); float32
        in any layout (a strided view straight from :mod:`gallery_arrays` is fine).

        ``float16``: keep a half-size copy for re-ranking (one more pass when building); else
        re-rank from ``vectors`` itself, which the index then keeps (no copy, twice the memory).
        ``norms``: the rows' lengths when the caller has them (saves a pass). See
        :func:`encode_rows`."""
        n = vectors.shape[0]
        raw = (
            students
            if isinstance(students, np.ndarray)
            else np.frombuffer(b"".join(s.bytes for s in students), dtype="V16")
        )
        if len(raw) != n:
            raise ValueError(f"{n} vectors but {len(raw)} students")
        centre = _centre(vectors)
        rows = encode_rows(vectors, raw, centre, encoding_ids=encoding_ids, norms=norms, float16=float16)
        index = cls(rows, centre, model_name, shortlist)
        log.debug("Built a district index: %d vectors, %d students", n, len(index._owners))
        return index

    def rows(self) -> DistrictRows:
        """A copy of the rows as they are now (for the index files)."""
        with self._lock:
            raw = self._owners
            codes = faiss.vector_to_array(self._codes.xb)  # type: ignore[attr-defined]
            return DistrictRows(
                self._encoding_ids.copy(),
                raw[self._labels] if len(self._labels) else np.zeros(0, "V16"),
                self._inverse_norms.copy(),
                codes.astype(np.uint8, copy=False).reshape(self.size, self._codes.code_size),
                self._vectors16.copy(),
            )

    # --- facts --------------------------------------------------------------------------

    @property
    def size(self) -> int:
        return int(self._codes.ntotal)

    @property
    def dim(self) -> int:
        return int(self._vectors16.shape[1])

    @property
    def student_count(self) -> int:
        return len(self._owners)

    @property
    def code_bytes(self) -> int:
        return int(self._codes.code_size)

    @property
    def memory_bytes(self) -> int:
        """What the index holds in memory: codes, float16 vectors, row labels."""
        return int(
            self.size * self._codes.code_size
            + self._vectors16.nbytes
            + self._inverse_norms.nbytes
            + self._encoding_ids.nbytes
            + self._labels.nbytes
        )

    # --- searching ----------------------------------------------------------------------

    def search(
        self, queries: NDArray[Any] | Sequence[float], model_name: str, k: int = 5
    ) -> list[list[Candidate]]:
        matrix = np.asarray(queries, dtype=np.float32)
        matrix = matrix.reshape(1, -1) if matrix.ndim == 1 else matrix
        if model_name != self.model_name or matrix.shape[1] != self.dim:
            raise ModelMismatch(
                f"Face vectors of {model_name!r} ({matrix.shape[1]} values) cannot be compared with this"
                f" district index of {self.model_name!r} ({self.dim} values).",
                "Use the recognition profile the students were enrolled with.",
            )
        if self.size == 0:
            return [[] for _ in range(len(matrix))]
        matrix = l2_normalise(matrix)
        bits = self._codes.d
        out: list[list[Candidate]] = []
        with self._lock:
            _, rows = self._codes.search(_encode(matrix, self.centre, bits), min(self.shortlist, self.size))
            for query, row_ids in zip(matrix, rows, strict=True):
                found = row_ids[row_ids >= 0]
                sims = (self._vectors16[found].astype(np.float32) @ query) * self._inverse_norms[found]
                out.append(self._best_students(found[np.argsort(-sims)], np.sort(sims)[::-1], k))
        return out

    def _best_students(self, rows: NDArray[np.int64], sims: NDArray[np.float32], k: int) -> list[Candidate]:
        seen: set[int] = set()
        found: list[Candidate] = []
        for row, sim in zip(rows.tolist(), sims.tolist(), strict=True):
            code = int(self._labels[row])
            if code in seen:
                continue
            seen.add(code)
            found.append((uuid.UUID(bytes=self._owners[code].tobytes()), float(sim)))
            if len(found) == k:
                break
        return found

    # --- changing in place --------------------------------------------------------------

    def remove_student(self, student: uuid.UUID) -> int:
        """Drop a student's rows (codes and vectors both go: nothing of them stays in memory)."""
        with self._lock:
            code = self._code_for(student)
            if code is None:
                return 0
            rows = np.flatnonzero(self._labels == code).astype(np.int64)
            if len(rows):
                self._codes.remove_ids(faiss.IDSelectorBatch(rows))  # compacts, as np.delete does
                self._vectors16 = np.delete(self._vectors16, rows, axis=0)
                self._inverse_norms = np.delete(self._inverse_norms, rows)
                self._encoding_ids = np.delete(self._encoding_ids, rows)
                self._labels = np.delete(self._labels, rows)
            return len(rows)

    def add_student(
        self,
        student: uuid.UUID,
        vectors: NDArray[Any] | Sequence[Sequence[float]],
        encoding_ids: Sequence[int] | None = None,
    ) -> int:
        block = l2_normalise(np.asarray(vectors, dtype=np.float32).reshape(-1, self.dim))
        ids = (
            np.full(len(block), -1, np.int64) if encoding_ids is None else np.asarray(encoding_ids, np.int64)
        )
        with self._lock:
            code = self._code_for(student, add=True)
            self._codes.add(_encode(block, self.centre, self._codes.d))
            self._vectors16 = np.concatenate([self._vectors16, block.astype(self._vectors16.dtype)])
            self._inverse_norms = np.concatenate([self._inverse_norms, np.ones(len(block), dtype=np.float32)])
            self._encoding_ids = np.concatenate([self._encoding_ids, ids])
            self._labels = np.concatenate([self._labels, np.full(len(block), code, dtype=np.int64)])
        return len(block)

    def _code_for(self, student: uuid.UUID, *, add: bool = False) -> Any:
        """The student's label (a scan of 16-byte owners: ~1 ms at 100k); with ``add``, a new one."""
        raw = np.frombuffer(student.bytes, dtype="V16")
        found = np.flatnonzero(self._owners == raw[0])
        if len(found):
            return int(found[0])
        if not add:
            return None
        self._owners = np.concatenate([self._owners, raw])
        return len(self._owners) - 1

    def add_rows(self, rows: DistrictRows) -> None:
        """Rows encoded by :func:`encode_rows` against this index's :attr:`centre`."""
        with self._lock:
            labels = np.empty(len(rows), dtype=np.int64)
            for i, raw in enumerate(rows.students.tolist()):
                student = uuid.UUID(bytes=bytes(raw))
                labels[i] = self._code_for(student, add=True)
            self._codes.add(np.ascontiguousarray(rows.codes))
            self._vectors16 = np.concatenate([self._vectors16, rows.vectors16.astype(self._vectors16.dtype)])
            self._inverse_norms = np.concatenate([self._inverse_norms, rows.inverse_norms])
            self._encoding_ids = np.concatenate([self._encoding_ids, rows.encoding_ids])
            self._labels = np.concatenate([self._labels, labels])


def _runs(students: NDArray[np.void]) -> tuple[NDArray[np.void], NDArray[np.int64]]:
    """Like :func:`_group` for rows already grouped by student: one comparison per row."""
    starts = np.ones(len(students), dtype=bool)
    starts[1:] = students[1:] != students[:-1]
    return np.ascontiguousarray(students[starts]), np.cumsum(starts, dtype=np.int64) - 1


def _group(students: NDArray[np.void]) -> tuple[NDArray[np.void], NDArray[np.int64]]:
    """The distinct students and each row's label: ``np.unique`` on two 64-bit keys (V16 sorts slowly)."""
    if not len(students):
        return np.zeros(0, "V16"), np.zeros(0, np.int64)
    halves = np.ascontiguousarray(students).view("<u8").reshape(-1, 2)
    order = np.lexsort((halves[:, 1], halves[:, 0]))
    ordered = halves[order]
    starts = np.ones(len(order), dtype=bool)
    starts[1:] = (ordered[1:] != ordered[:-1]).any(axis=1)
    labels = np.empty(len(order), dtype=np.int64)
    labels[order] = np.cumsum(starts) - 1
    return np.ascontiguousarray(students[order[starts]]), labels


def _centre(vectors: NDArray[Any]) -> NDArray[np.float32]:
    """The mean of (a sample of) the normalised vectors: centring makes the signs informative."""
    n, dim = vectors.shape
    if n == 0:
        return np.zeros(dim, dtype=np.float32)
    rows = np.sort(np.random.default_rng(0).choice(n, size=min(n, 20_000), replace=False))
    centre: NDArray[np.float32] = l2_normalise(np.asarray(vectors[rows], dtype=np.float32)).mean(axis=0)
    return centre.astype(np.float32)


def _fold(block: NDArray[Any], bits: int) -> NDArray[np.float32]:
    """Sums of dimensions ``j, j + bits, j + 2 bits, ...`` (the first ``bits`` when they do not divide)."""
    dim = block.shape[1]
    if dim % bits:
        return np.asarray(block[:, :bits], dtype=np.float32)
    return np.asarray(block.reshape(len(block), dim // bits, bits).sum(axis=1, dtype=np.float32))


def _encode(block: NDArray[np.float32], centre: NDArray[np.float32], bits: int) -> NDArray[np.uint8]:
    """Signs of the centred (normalised) vectors folded to ``bits`` numbers, packed 8 to a byte."""
    return np.packbits(_fold(block - centre, bits) > 0, axis=1)
