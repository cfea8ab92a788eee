"""The face index: nearest enrolled faces by cosine similarity, over FAISS.

A :class:`FaceIndex` holds the L2-normalised encodings of one gallery (a class, or a
whole school), one row per enrolled photo, and the student each row belongs to. Small
galleries use an exact inner-product index (``IndexFlatIP``: a class of 40 answers in
microseconds); above ``IndexOptions.approximate_above`` encodings an approximate one is
built (IVF by default, or HNSW), which keeps a query under a millisecond at 100k
(see ``benchmarks/RESULTS-index.md``). IVF is the default because it builds in seconds
where HNSW takes minutes at 100k on a 2-core PC, for the same recall@1 target (>= 0.99).

:meth:`FaceIndex.search` returns, per query, the best similarity of each of the ``k``
most similar *students* (several photos of one student collapse into one candidate), ready
for :func:`kiosk.core.matching.decide`. Vectors of another model, or of another length,
are refused with :class:`~kiosk.core.errors.ModelMismatch`: comparing them would produce
confident nonsense.

:class:`IndexCache` keeps built indexes on disk, keyed by class code and model, and reuses
one only while its fingerprint (see :func:`fingerprint_encodings`) still matches the
encodings in the database; a damaged file is logged and rebuilt.

Over 400 lines on purpose: the index (exact or approximate, with in-place add/remove of one
student) and its encrypted on-disk cache share the fingerprint and the file format, and are
tested together; the district-wide index is in :mod:`kiosk.infra.recognition.district_index`.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import os
import tempfile
import threading
import uuid
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any, Literal, Protocol

import faiss
import numpy as np
from numpy.typing import NDArray

from kiosk.core.errors import ModelMismatch
from kiosk.core.matching import l2_normalise
from kiosk.infra.recognition.index_files import index_path

log = logging.getLogger(__name__)

CACHE_FORMAT = 1
Candidate = tuple[uuid.UUID, float]
IndexKind = Literal["flat", "hnsw", "ivf"]


@dataclass(frozen=True)
class IndexOptions:
    """How to build and search an index. The defaults suit a kiosk (see the benchmark)."""

    approximate_above: int = 50_000  # galleries larger than this get an approximate index
    approximate_kind: Literal["hnsw", "ivf"] = "ivf"
    hnsw_m: int = 32
    hnsw_ef_construction: int = 80
    hnsw_ef_search: int = 64
    ivf_nlist: int | None = None  # None: about 4 * sqrt(n)
    ivf_nprobe: int = 32
    ivf_train_per_list: int = 40  # training sample: this many vectors per list (at most n)
    max_raw_neighbours: int = 2048  # cap on raw neighbours fetched to find k distinct students
    # Threads for a small batch of queries (fewer than 64). One is fastest for the kiosk's
    # one-face-at-a-time searches: OpenMP threads cost more than they save there, and far
    # more on a busy machine (measured 1.7 ms vs 13 ms on 2 shared cores). 0: FAISS' default.
    small_batch_threads: int = 1

    def kind_for(self, size: int) -> IndexKind:
        return "flat" if size <= self.approximate_above else self.approximate_kind


class BlobCipher(Protocol):
    """Encrypts cache files at rest (face vectors are biometric data)."""

    def encrypt(self, plain: bytes, context: str) -> bytes: ...

    def decrypt(self, blob: bytes, context: str) -> bytes | None: ...


class CacheCorrupt(Exception):
    """A cache file could not be read back as the index it claims to be."""


def _as_matrix(
    vectors: NDArray[Any] | Sequence[Sequence[float]] | Sequence[float], what: str
) -> NDArray[np.float32]:
    arr = np.asarray(vectors, dtype=np.float32)
    if arr.ndim == 1:
        arr = arr.reshape(1, -1)
    if arr.ndim != 2:
        raise ValueError(f"{what} must be a 2-D (n, dim) array, not shape {arr.shape}")
    return arr


class FaceIndex:
    """Enrolled face vectors of one recognition model, searchable by cosine similarity."""

    def __init__(
        self,
        index: faiss.Index,
        labels: NDArray[np.int64],
        students: Sequence[uuid.UUID],
        model_name: str,
        kind: IndexKind,
        options: IndexOptions | None = None,
    ) -> None:
        """Wrap a built FAISS index; use :meth:`build` or :meth:`load` instead."""
        if index.ntotal != len(labels):
            raise ValueError(f"the index holds {index.ntotal} vectors but {len(labels)} labels were given")
        self._index = index
        self._labels = labels
        self._students = list(students)
        self.model_name = model_name
        self.kind: IndexKind = kind
        self.options = options or IndexOptions()
        # Searches (the recognition thread) and in-place changes (the notification thread) take turns.
        self._lock = threading.Lock()
        self._count_per_student()

    def _count_per_student(self) -> None:
        live = self._labels[self._labels >= 0]
        counts = np.bincount(live, minlength=len(self._students)) if len(live) else np.zeros(1, np.int64)
        self._max_per_student = max(1, int(counts.max()))

    # --- building -----------------------------------------------------------------------

    @classmethod
    def build(
        cls,
        vectors: NDArray[Any] | Sequence[Sequence[float]],
        student_uuids: Sequence[uuid.UUID],
        model_name: str,
        *,
        options: IndexOptions | None = None,
    ) -> FaceIndex:
        """Index ``vectors`` (n, dim), row ``i`` enrolled for ``student_uuids[i]``.

        Vectors are L2-normalised here (a copy), so inner product is cosine similarity.
        """
        options = options or IndexOptions()
        if np.ndim(vectors) != 2:
            raise ValueError("vectors must be a 2-D (n, dim) array; an empty gallery is shape (0, dim)")
        matrix = _as_matrix(vectors, "vectors")
        n, dim = matrix.shape
        if len(student_uuids) != n:
            raise ValueError(f"{n} vectors but {len(student_uuids)} student ids")
        if dim == 0:
            raise ValueError("vectors have no dimensions")
        usable = np.all(np.isfinite(matrix), axis=1) & (np.linalg.norm(matrix, axis=1) > 1e-12)
        if not usable.all():
            # a zero or NaN row is damage (the embedder never stores one): leave it out, so one
            # bad row does not stop the whole class from being recognised
            log.warning(
                "Leaving %d unusable face vector(s) (zero or NaN) out of the index", int((~usable).sum())
            )
            matrix = matrix[usable]
            student_uuids = [s for s, ok in zip(student_uuids, usable.tolist(), strict=True) if ok]
            n = matrix.shape[0]
        matrix = np.ascontiguousarray(l2_normalise(matrix))
        students: list[uuid.UUID] = []
        code_of: dict[uuid.UUID, int] = {}
        labels = np.empty(n, dtype=np.int64)
        for i, student in enumerate(student_uuids):
            code = code_of.get(student)
            if code is None:
                code = code_of[student] = len(students)
                students.append(student)
            labels[i] = code
        kind = options.kind_for(n)
        index: faiss.Index
        if kind == "flat":
            index = faiss.IndexFlatIP(dim)
        elif kind == "hnsw":
            index = faiss.IndexHNSWFlat(dim, options.hnsw_m, faiss.METRIC_INNER_PRODUCT)
            index.hnsw.efConstruction = options.hnsw_ef_construction
            index.hnsw.efSearch = options.hnsw_ef_search
        else:
            nlist = options.ivf_nlist or max(1, round(4 * math.sqrt(n)))
            nlist = min(nlist, n)
            quantizer = faiss.IndexFlatIP(dim)
            index = faiss.IndexIVFFlat(quantizer, dim, nlist, faiss.METRIC_INNER_PRODUCT)
            sample_size = min(n, nlist * options.ivf_train_per_list)
            rng = np.random.default_rng(0)
            sample = matrix[np.sort(rng.choice(n, size=sample_size, replace=False))]
            index.train(sample)
            index.nprobe = options.ivf_nprobe
        if n:
            index.add(matrix)
        log.debug("Built a %s face index: %d vectors, %d students, dim %d", kind, n, len(students), dim)
        return cls(index, labels, students, model_name, kind, options)

    # --- facts --------------------------------------------------------------------------

    @property
    def dim(self) -> int:
        return int(self._index.d)

    @property
    def size(self) -> int:
        return int(self._index.ntotal)

    def __len__(self) -> int:
        return self.size

    @property
    def students(self) -> tuple[uuid.UUID, ...]:
        return tuple(self._students)

    @property
    def faiss_index(self) -> faiss.Index:
        return self._index

    # --- searching ----------------------------------------------------------------------

    def check_compatible(self, model_name: str, dim: int) -> None:
        if model_name != self.model_name:
            raise ModelMismatch(
                f"Face vectors from the model {model_name!r} cannot be compared with this index,"
                f" which holds vectors from {self.model_name!r}.",
                "Use the recognition profile the students were enrolled with, or re-enroll them.",
            )
        if dim != self.dim:
            raise ModelMismatch(
                f"Face vectors of length {dim} cannot be compared with this index of length {self.dim}"
                f" ({self.model_name}).",
                "The model's files may be wrong or damaged; check them with `kiosk doctor`.",
            )

    def search_raw(
        self, queries: NDArray[np.float32], n_neighbours: int
    ) -> tuple[NDArray[np.float32], NDArray[np.int64]]:
        """FAISS' own answer: similarities and row numbers (``-1`` where none), queries as given
        (expected normalised). For benchmarks and tests."""
        n_neighbours = max(1, min(n_neighbours, self.size))
        params: Any = None
        if self.kind == "hnsw":
            params = faiss.SearchParametersHNSW()  # type: ignore[attr-defined]  # missing from faiss' stubs
            params.efSearch = max(self.options.hnsw_ef_search, n_neighbours)
        elif self.kind == "ivf":
            params = faiss.SearchParametersIVF()
            params.nprobe = self.options.ivf_nprobe
        queries = np.ascontiguousarray(queries, dtype=np.float32)
        threads = self.options.small_batch_threads
        with self._lock:
            if threads <= 0 or queries.shape[0] >= 64:
                sims, rows = self._index.search(queries, n_neighbours, params=params)
                return sims, rows
            # omp_set_num_threads changes the calling thread's setting only: restore it after.
            before = faiss.omp_get_max_threads()
            faiss.omp_set_num_threads(threads)
            try:
                sims, rows = self._index.search(queries, n_neighbours, params=params)
            finally:
                faiss.omp_set_num_threads(before)
            return sims, rows

    def search(
        self, queries: NDArray[Any] | Sequence[Sequence[float]] | Sequence[float], model_name: str, k: int = 5
    ) -> list[list[Candidate]]:
        """The ``k`` most similar students for each query (m, dim) or single vector (dim,).

        Each list holds ``(student_uuid, similarity)``, best first, one entry per student
        (the similarity of their closest enrolled photo). Raises ``ModelMismatch`` for
        vectors of another model or length.
        """
        matrix = _as_matrix(queries, "queries")
        self.check_compatible(model_name, matrix.shape[1])
        if k < 1:
            raise ValueError(f"k must be at least 1, not {k}")
        if self.size == 0 or matrix.shape[0] == 0:
            return [[] for _ in range(matrix.shape[0])]
        matrix = l2_normalise(matrix)
        # k distinct students are among the k * (most photos of one student) nearest rows.
        n_raw = min(self.size, k * self._max_per_student, max(k, self.options.max_raw_neighbours))
        sims, rows = self.search_raw(matrix, n_raw)
        labels = self._labels
        students = self._students
        out: list[list[Candidate]] = []
        for sim_row, id_row in zip(sims.tolist(), rows.tolist(), strict=True):
            seen: set[int] = set()
            found: list[Candidate] = []
            for sim, row in zip(sim_row, id_row, strict=True):
                if row < 0:
                    continue
                code = int(labels[row])
                if code < 0 or code in seen:  # < 0: a student removed in place
                    continue
                seen.add(code)
                found.append((students[code], float(sim)))
                if len(found) == k:
                    break
            out.append(found)
        return out

    # --- changing in place (a notified enrollment or withdrawal) ----------------------------

    def remove_student(self, student: uuid.UUID) -> int:
        """Take a student's vectors out; returns how many rows they had.

        Flat and IVF indexes drop the vectors themselves (a withdrawn student's face data must
        not stay in memory); an HNSW graph cannot, so its rows are only never returned again."""
        with self._lock:
            if student not in self._students:
                return 0
            code = self._students.index(student)
            rows = np.flatnonzero(self._labels == code).astype(np.int64)
            if len(rows) == 0:
                return 0
            if self.kind == "flat":
                self._index.remove_ids(faiss.IDSelectorBatch(rows))  # compacts: later rows move up
                self._labels = np.delete(self._labels, rows)
            else:
                if self.kind == "ivf":
                    self._index.remove_ids(faiss.IDSelectorBatch(rows))  # ids are kept, not compacted
                self._labels = self._labels.copy()
                self._labels[rows] = -1
            self._count_per_student()
            return len(rows)

    def add_student(self, student: uuid.UUID, vectors: NDArray[Any] | Sequence[Sequence[float]]) -> int:
        """Add a student's vectors (after :meth:`remove_student` when they change); returns how many."""
        matrix = _as_matrix(vectors, "vectors")
        if matrix.shape[0] == 0:
            return 0
        self.check_compatible(self.model_name, matrix.shape[1])
        matrix = np.ascontiguousarray(l2_normalise(matrix))
        with self._lock:
            if student in self._students:
                code = self._students.index(student)
            else:
                code = len(self._students)
                self._students.append(student)
            if self.kind == "ivf":
                first = len(self._labels)  # row numbers never reused: removed ids stay taken
                self._index.add_with_ids(matrix, np.arange(first, first + len(matrix), dtype=np.int64))
            else:
                self._index.add(matrix)  # flat: rows follow on; hnsw: ids are ntotal, ntotal == len(labels)
            self._labels = np.concatenate([self._labels, np.full(len(matrix), code, dtype=np.int64)])
            self._count_per_student()
            return len(matrix)

    # --- saving -------------------------------------------------------------------------

    def save(self, path: Path, *, fingerprint: str, cipher: BlobCipher | None = None) -> None:
        """Write the index atomically (a crash never leaves half a file under ``path``).

        With a ``cipher`` the serialised index (it holds the face vectors) is encrypted; the
        header (model, size, fingerprint) stays readable.
        """
        blob = faiss.serialize_index(self._index)
        meta = {
            "format": CACHE_FORMAT,
            "model_name": self.model_name,
            "dim": self.dim,
            "size": self.size,
            "kind": self.kind,
            "fingerprint": fingerprint,
            "index_sha256": hashlib.sha256(blob.tobytes()).hexdigest(),
            "options": asdict(self.options),
            "encrypted": cipher is not None,
        }
        stored = (
            np.frombuffer(cipher.encrypt(blob.tobytes(), _context(self.model_name)), dtype=np.uint8)
            if cipher is not None
            else blob
        )
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                np.savez(
                    fh,
                    meta=np.array(json.dumps(meta)),
                    index=stored,
                    labels=self._labels,
                    students=np.array([s.hex for s in self._students], dtype="<U32"),
                )
            os.replace(tmp_name, path)
        except BaseException:
            Path(tmp_name).unlink(missing_ok=True)
            raise

    @classmethod
    def load(
        cls, path: Path, *, options: IndexOptions | None = None, cipher: BlobCipher | None = None
    ) -> tuple[FaceIndex, str]:
        """Read an index written by :meth:`save`; returns it and its fingerprint.

        Raises ``FileNotFoundError`` when there is no file and :class:`CacheCorrupt` when
        the file is damaged or of another format.
        """
        try:
            with np.load(path, allow_pickle=False) as data:
                meta = json.loads(str(data["meta"]))
                blob = np.ascontiguousarray(data["index"], dtype=np.uint8)
                labels = np.asarray(data["labels"], dtype=np.int64)
                student_hex = [str(s) for s in data["students"]]
        except FileNotFoundError:
            raise
        except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile, json.JSONDecodeError) as exc:
            raise CacheCorrupt(f"unreadable index file: {exc}") from exc
        if not isinstance(meta, dict) or meta.get("format") != CACHE_FORMAT:
            raise CacheCorrupt("index file of another format")
        if meta.get("encrypted"):
            plain = cipher.decrypt(blob.tobytes(), _context(str(meta.get("model_name")))) if cipher else None
            if plain is None:
                raise CacheCorrupt("encrypted with another key, or damaged")
            blob = np.frombuffer(plain, dtype=np.uint8)
        elif cipher is not None:
            raise CacheCorrupt("not encrypted, but encryption is required")
        if hashlib.sha256(blob.tobytes()).hexdigest() != meta.get("index_sha256"):
            raise CacheCorrupt("index checksum mismatch")
        try:
            index = faiss.deserialize_index(blob)
            students = [uuid.UUID(hex=h) for h in student_hex]
        except (RuntimeError, ValueError) as exc:
            raise CacheCorrupt(f"index data unreadable: {exc}") from exc
        kind = meta.get("kind")
        if (
            kind not in ("flat", "hnsw", "ivf")
            or index.ntotal != len(labels)
            or index.d != meta.get("dim")
            or (len(labels) and (labels.min() < 0 or labels.max() >= len(students)))
        ):
            raise CacheCorrupt("index file contents disagree with its header")
        saved = IndexOptions(**meta.get("options", {}))
        # Build-time choices come from the file; search-time ones from the caller.
        if options is not None:
            saved = replace(saved, hnsw_ef_search=options.hnsw_ef_search, ivf_nprobe=options.ivf_nprobe)
        face_index = cls(index, labels, students, str(meta["model_name"]), kind, saved)
        return face_index, str(meta["fingerprint"])


def _context(model_name: str) -> str:
    # Binds a ciphertext to its use: an index file cannot be swapped for another model's.
    return f"face-index/{CACHE_FORMAT}/{model_name}"


# --- fingerprints -----------------------------------------------------------------------


def fingerprint_encodings(
    encodings: Iterable[tuple[object, datetime | str | float | int]], model_name: str
) -> str:
    """A sha256 over the gallery's ``(encoding id, created/updated time)`` pairs and model.

    Pass exactly the encodings that go into the index (after consent and activity
    filters): any encoding added, removed or re-created changes the fingerprint. The order
    does not matter.
    """
    h = hashlib.sha256(f"kiosk-face-index/{CACHE_FORMAT}/{model_name}\n".encode())
    lines = sorted(
        f"{enc_id}\t{stamp.isoformat() if isinstance(stamp, datetime) else stamp}"
        for enc_id, stamp in encodings
    )
    for line in lines:
        h.update(line.encode())
        h.update(b"\n")
    return h.hexdigest()


def fingerprint_vectors(vectors: NDArray[Any], student_uuids: Sequence[uuid.UUID], model_name: str) -> str:
    """A sha256 over the raw vector bytes, the student of each row and the model."""
    matrix = np.ascontiguousarray(_as_matrix(vectors, "vectors"))
    h = hashlib.sha256(f"kiosk-face-index/{CACHE_FORMAT}/{model_name}/{matrix.shape}\n".encode())
    h.update(matrix.tobytes())
    for student in student_uuids:
        h.update(student.bytes)
    return h.hexdigest()


# --- the disk cache ---------------------------------------------------------------------


class IndexCache:
    """Built indexes on disk under ``folder``, one file per (class code, model)."""

    def __init__(
        self, folder: Path, options: IndexOptions | None = None, *, cipher: BlobCipher | None = None
    ) -> None:
        self.folder = Path(folder)
        self.options = options or IndexOptions()
        self.cipher = cipher

    def path_for(self, class_code: str, model_name: str) -> Path:
        return index_path(self.folder, class_code, model_name)

    def load(self, class_code: str, model_name: str, fingerprint: str) -> FaceIndex | None:
        """The cached index if it is current, else ``None`` (missing, stale or damaged)."""
        path = self.path_for(class_code, model_name)
        try:
            index, saved_fingerprint = FaceIndex.load(path, options=self.options, cipher=self.cipher)
        except FileNotFoundError:
            return None
        except CacheCorrupt as exc:
            log.warning("Ignoring the damaged face index cache %s (%s); it will be rebuilt", path, exc)
            return None
        if saved_fingerprint != fingerprint:
            log.info("Face index cache %s is out of date; rebuilding", path.name)
            return None
        if index.model_name != model_name:
            log.warning("Face index cache %s holds another model; rebuilding", path)
            return None
        if index.kind != self.options.kind_for(index.size):
            log.info(
                "Face index cache %s was built as %s; the options now ask otherwise", path.name, index.kind
            )
            return None
        return index

    def save(self, index: FaceIndex, class_code: str, fingerprint: str) -> Path:
        path = self.path_for(class_code, index.model_name)
        try:
            index.save(path, fingerprint=fingerprint, cipher=self.cipher)
        except OSError as exc:  # a cache that cannot be written only costs a rebuild next time
            log.warning("Could not write the face index cache %s (%s)", path, exc)
        return path

    def get_or_build(
        self,
        class_code: str,
        model_name: str,
        fingerprint: str,
        load_encodings: Callable[[], tuple[NDArray[Any], Sequence[uuid.UUID]]],
    ) -> FaceIndex:
        """The cached index when its fingerprint matches; otherwise build it from
        ``load_encodings()`` (vectors, student of each row), save it and return it."""
        cached = self.load(class_code, model_name, fingerprint)
        if cached is not None:
            log.debug("Face index for %s/%s loaded from cache", class_code, model_name)
            return cached
        vectors, students = load_encodings()
        index = FaceIndex.build(vectors, students, model_name, options=self.options)
        self.save(index, class_code, fingerprint)
        return index
