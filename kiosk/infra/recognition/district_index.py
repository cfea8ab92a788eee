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
"""

from __future__ import annotations

import logging
import os
import threading
import uuid
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
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


class DistrictIndex:
    """Build with :meth:`build`; answers like :meth:`FaceIndex.search` (best first, one per student)."""

    def __init__(
        self,
        codes: faiss.IndexBinaryFlat,
        vectors16: NDArray[Any],  # float16 (a copy) or float32 (the caller's array)
        inverse_norms: NDArray[np.float32],
        labels: NDArray[np.int64],
        students: list[uuid.UUID],
        centre: NDArray[np.float32],
        model_name: str,
        shortlist: int = SHORTLIST,
    ) -> None:
        self._codes = codes
        self._vectors16 = vectors16
        self._inverse_norms = inverse_norms
        self._labels = labels
        self._students = students
        self._code_of = {s: i for i, s in enumerate(students)}
        self._centre = centre
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
    ) -> DistrictIndex:
        """``vectors`` (n, dim), row ``i`` of ``students[i]`` (16-byte UUIDs or UUIDs); float32
        in any layout (a strided view straight from :mod:`gallery_arrays` is fine).

        ``float16``: keep a half-size copy for re-ranking (one more pass when building); else
        re-rank from ``vectors`` itself, which the index then keeps (no copy, twice the memory).
        ``norms``: the rows' lengths when the caller has them (saves a pass).

        The vectors are not normalised in a pass of their own: their lengths are kept (one
        float per row) and divided out of the codes and similarities, which saves a pass over
        hundreds of megabytes. Rows with non-finite values are refused (``ValueError``)."""
        n, dim = vectors.shape
        raw = (
            students
            if isinstance(students, np.ndarray)
            else np.frombuffer(b"".join(s.bytes for s in students), dtype="V16")
        )
        if len(raw) != n:
            raise ValueError(f"{n} vectors but {len(raw)} students")
        unique, labels = np.unique(raw, return_inverse=True)
        student_list = [uuid.UUID(bytes=bytes(b)) for b in unique]
        bits = _code_bits(dim)
        vectors16: NDArray[Any] = np.empty((n, dim), dtype=np.float16) if float16 else vectors
        inverse_norms = np.empty(n, dtype=np.float32)
        code_rows = np.empty((n, bits // 8), dtype=np.uint8)
        centre = _centre(vectors)
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
        codes = faiss.IndexBinaryFlat(bits)
        codes.add(code_rows)
        log.debug("Built a district index: %d vectors, %d students, %d-bit codes", n, len(student_list), bits)
        return cls(
            codes,
            vectors16,
            inverse_norms,
            labels.astype(np.int64),
            student_list,
            centre,
            model_name,
            shortlist,
        )

    # --- facts --------------------------------------------------------------------------

    @property
    def size(self) -> int:
        return int(self._codes.ntotal)

    @property
    def dim(self) -> int:
        return int(self._vectors16.shape[1])

    @property
    def memory_bytes(self) -> int:
        """What the index holds in memory: codes, float16 vectors, row labels."""
        return int(
            self.size * self._codes.code_size
            + self._vectors16.nbytes
            + self._inverse_norms.nbytes
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
            _, rows = self._codes.search(_encode(matrix, self._centre, bits), min(self.shortlist, self.size))
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
            found.append((self._students[code], float(sim)))
            if len(found) == k:
                break
        return found

    # --- changing in place --------------------------------------------------------------

    def remove_student(self, student: uuid.UUID) -> int:
        """Drop a student's rows (codes and vectors both go: nothing of them stays in memory)."""
        with self._lock:
            code = self._code_of.get(student)
            if code is None:
                return 0
            rows = np.flatnonzero(self._labels == code).astype(np.int64)
            if len(rows):
                self._codes.remove_ids(faiss.IDSelectorBatch(rows))  # compacts, as np.delete does
                self._vectors16 = np.delete(self._vectors16, rows, axis=0)
                self._inverse_norms = np.delete(self._inverse_norms, rows)
                self._labels = np.delete(self._labels, rows)
            return len(rows)

    def add_student(self, student: uuid.UUID, vectors: NDArray[Any] | Sequence[Sequence[float]]) -> int:
        block = l2_normalise(np.asarray(vectors, dtype=np.float32).reshape(-1, self.dim))
        with self._lock:
            code = self._code_of.get(student)
            if code is None:
                code = self._code_of[student] = len(self._students)
                self._students.append(student)
            self._codes.add(_encode(block, self._centre, self._codes.d))
            self._vectors16 = np.concatenate([self._vectors16, block.astype(self._vectors16.dtype)])
            self._inverse_norms = np.concatenate([self._inverse_norms, np.ones(len(block), dtype=np.float32)])
            self._labels = np.concatenate([self._labels, np.full(len(block), code, dtype=np.int64)])
        return len(block)


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
