"""The school- or district-wide face index, rebuilt from PostgreSQL in well under a second.

Design (issue 17, "rebuild from PostgreSQL <= 1 s" at 100,000 students x 3 x 512-d): the
vectors are read out of PostgreSQL once; the built index's rows are then kept in encrypted
files (:mod:`kiosk.infra.recognition.district_files`), and every later rebuild

1. asks PostgreSQL only *who* is in the gallery now (encoding ids and owners of active,
   consenting students: 24 bytes a row, no vector, no TOAST), while
2. reading the files back (decryption is the cost: 0.25 s for 300k rows), then
3. keeps the stored rows that are still in the gallery, fetches just the vectors it lacks
   (enrolled since), and rewrites only the files whose rows changed.

The database stays the only authority on consent: a row that PostgreSQL no longer lists
(consent withdrawn, student left or deleted, encoding removed) is dropped from memory and
from its file during the rebuild, whether or not its notification ever reached this kiosk;
nothing from a file is searched before that check. While running, :meth:`apply_change`
applies one notified change to the index and rewrites one file.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt
from sqlalchemy import Engine

from kiosk.app.visitors import SchoolMatch
from kiosk.core.errors import NotFound
from kiosk.infra.config import Settings
from kiosk.infra.db.engine import session_factory, unit_of_work
from kiosk.infra.db.repo import students
from kiosk.infra.db.repo.gallery_arrays import (
    Membership,
    load_gallery_arrays,
    load_membership,
    membership_fingerprint,
)
from kiosk.infra.offline.keys import VectorCipher, load_or_create_key
from kiosk.infra.recognition.district_files import DistrictFiles, DistrictMeta, shard_of
from kiosk.infra.recognition.district_index import DistrictIndex, DistrictRows, encode_rows

log = logging.getLogger(__name__)

# More new rows than this share of the gallery: build afresh (one COPY beats a long id list,
# and the centre the codes are taken against is brought up to date).
REBUILD_SHARE = 0.25


@dataclass(frozen=True)
class RebuildReport:
    # "built" (from the vectors in PostgreSQL), "read" (files whose fingerprint the database
    # confirmed) or "checked" (files compared with the database's list, changes applied)
    how: str
    rows: int
    dropped: int  # rows in the files PostgreSQL no longer lists (and deleted from the files)
    fetched: int  # rows PostgreSQL had that the files lacked
    seconds: float


class SchoolIndex:
    """One model's school-wide :class:`DistrictIndex` over ``engine``, kept in ``files``."""

    def __init__(self, engine: Engine, model_name: str, files: DistrictFiles | None) -> None:
        self._engine = engine
        self._sessions = session_factory(engine)
        self.model_name = model_name
        self._files = files
        self._meta: DistrictMeta | None = None
        self.index: DistrictIndex | None = None

    def rebuild(self) -> RebuildReport:
        """Load the index: from the files checked against PostgreSQL, or (none yet) from its vectors."""
        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=1) as pool:
            # The server works out the membership's fingerprint while this process decrypts the files.
            asked = pool.submit(self._fingerprint)
            stored = self._files.read() if self._files is not None else None
            fingerprint = asked.result()
        if stored is not None and fingerprint and stored[0].fingerprint == fingerprint:
            meta, rows = stored
            self.index = DistrictIndex(rows, meta.centre, self.model_name, grouped=True)
            self._meta = meta
            log.info("School-wide face index read from its files, unchanged: %d encodings", len(rows))
            return RebuildReport("read", len(rows), 0, 0, time.perf_counter() - started)
        membership = self._membership()
        if membership.dim == 0:
            self.index, self._meta = None, None
            if self._files is not None:
                self._files.remove()  # nobody (or nobody consenting) left: no face data kept
            return RebuildReport("built", 0, 0, 0, time.perf_counter() - started)
        if stored is not None and stored[0].dim == membership.dim:
            report = self._check(stored[0], stored[1], membership, started)
            if report is not None:
                return report
        return self._build(fingerprint, started)

    def _fingerprint(self) -> str:
        with unit_of_work(self._sessions) as s:
            return membership_fingerprint(s, self.model_name)

    def _membership(self) -> Membership:
        with unit_of_work(self._sessions) as s:
            return load_membership(s, self.model_name)

    def _build(self, fingerprint: str, started: float) -> RebuildReport:
        # ``fingerprint`` was taken before the vectors are read: a change in between makes the
        # next start check the list (never the reverse, which would trust stale files).
        with unit_of_work(self._sessions) as s:
            arrays = load_gallery_arrays(s, self.model_name)
        index = DistrictIndex.build(
            arrays.vectors,
            arrays.students,
            self.model_name,
            norms=arrays.norms,
            encoding_ids=arrays.encoding_ids,
        )
        meta = DistrictMeta(self.model_name, index.dim, index.code_bytes, index.centre, fingerprint)
        if self._files is not None:
            self._files.write_all(meta, index.rows())
        self.index, self._meta = index, meta
        log.info("School-wide face index built from the database: %d encodings", index.size)
        return RebuildReport("built", index.size, 0, index.size, time.perf_counter() - started)

    def _check(
        self, meta: DistrictMeta, stored: DistrictRows, now: Membership, started: float
    ) -> RebuildReport | None:
        order = np.argsort(now.encoding_ids)
        ids, owners = now.encoding_ids[order], now.students[order]
        at = np.minimum(np.searchsorted(ids, stored.encoding_ids), max(0, len(ids) - 1))
        keep = (ids[at] == stored.encoding_ids) & (owners[at] == stored.students) if len(ids) else at < 0
        lacking = np.setdiff1d(ids, stored.encoding_ids[keep], assume_unique=True)
        if len(lacking) > REBUILD_SHARE * max(1, len(ids)):
            return None
        extra = None
        if len(lacking):
            with unit_of_work(self._sessions) as s:
                arrays = load_gallery_arrays(s, self.model_name, only_ids=lacking)
            extra = encode_rows(
                arrays.vectors,
                arrays.students,
                meta.centre,
                encoding_ids=arrays.encoding_ids,
                norms=arrays.norms,
            )
        unchanged = bool(keep.all()) and extra is None
        rows = stored if unchanged else stored.kept_plus(keep, extra)
        changed = stored.students[~keep]
        if extra is not None:
            changed = np.concatenate([changed, extra.students])
        meta = replace(meta, fingerprint=now.fingerprint)  # the list's own, of the same snapshot
        if self._files is not None:
            # Withdrawn students' rows leave the files now, not at some later rewrite; shards
            # purged by a notification are written again whole.
            shards = {int(k) for k in shard_of(changed)} | self._files.missing_shards()
            self._files.write_shards(meta, rows, shards)
            self._files.write_meta(meta)
        self.index, self._meta = (
            DistrictIndex(
                rows, meta.centre, self.model_name, grouped=extra is None
            ),  # dropping rows keeps the groups
            meta,
        )
        dropped, fetched = int((~keep).sum()), len(rows) - int(keep.sum())
        log.info(
            "School-wide face index read from its files and checked: %d encodings (%d dropped, %d fetched)",
            len(rows),
            dropped,
            fetched,
        )
        return RebuildReport("checked", len(rows), dropped, fetched, time.perf_counter() - started)

    def apply_change(self, student: uuid.UUID) -> None:
        """A notified change of one student: their rows leave the index and the files, and come
        back (the current ones) only if PostgreSQL still lists them as consenting and active."""
        index, meta = self.index, self._meta
        if index is None or meta is None:
            return
        index.remove_student(student)
        with unit_of_work(self._sessions) as s:
            mine = load_membership(s, self.model_name, student=student).encoding_ids
            arrays = load_gallery_arrays(s, self.model_name, only_ids=mine) if len(mine) else None
        rows = None
        if arrays is not None and arrays.size:
            rows = encode_rows(
                arrays.vectors,
                arrays.students,
                meta.centre,
                encoding_ids=arrays.encoding_ids,
                norms=arrays.norms,
            )
            index.add_rows(rows)
        if self._files is None:
            return
        if self._meta is not None and self._meta.fingerprint:
            self._meta = replace(self._meta, fingerprint="")  # the next start checks the list
            self._files.write_meta(self._meta)
        if not self._files.replace_student(meta, student, rows):
            self._files.remove()


class DistrictSearch:
    """``kiosk faces find`` on PostgreSQL: the district index (its files checked against the
    database, see module) and the few candidates described, and their consent asked, one by one."""

    def __init__(self, engine: Engine, settings: Settings, model_name: str) -> None:
        files = DistrictFiles(
            settings.cache_dir / "district", model_name, VectorCipher(load_or_create_key(settings))
        )
        self.school = SchoolIndex(engine, model_name, files)
        self.report = self.school.rebuild()
        self._sessions = session_factory(engine)
        self.model_name = model_name

    @property
    def searched_students(self) -> int:
        return self.school.index.student_count if self.school.index is not None else 0

    def candidates(self, vectors: npt.NDArray[np.float32], k: int = 5) -> list[list[tuple[uuid.UUID, float]]]:
        index = self.school.index
        if index is None:
            return [[] for _ in range(len(vectors))]
        return index.search(vectors, self.model_name, k=k)

    def describe(self, candidates: Sequence[tuple[uuid.UUID, float]]) -> list[SchoolMatch]:
        found: list[SchoolMatch] = []
        with unit_of_work(self._sessions) as s:
            for sid, sim in candidates:
                try:
                    student = students.get_by_uuid(s, sid)
                except NotFound:
                    continue
                if student.can_be_recognised:  # asked now, whatever the index holds
                    found.append(SchoolMatch(student, student.class_code or "-", sim))
        return found
