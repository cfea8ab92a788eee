"""A whole session without widgets: open, recognise, mark, close, summarise.

Shares every code path of the GUI except the widgets: the same
:class:`~kiosk.app.session.AttendanceSessionService`, the same camera sources, capture
worker and :class:`~kiosk.app.frame_loop.FrameLoop`. Finite sources (a video file, a folder, an image) end the session when exhausted.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from kiosk.app.frame_loop import EveryFrameFeed, FrameLoop, NewestFrameFeed
from kiosk.app.session import AttendanceSessionService, FrameResult
from kiosk.core.domain import SessionSummary
from kiosk.core.doubt import Doubt
from kiosk.core.ports import AttendanceStore
from kiosk.core.printable import printable
from kiosk.infra.camera.capture import CaptureWorker
from kiosk.infra.camera.sources import FrameSource, open_source
from kiosk.infra.offline.store import OfflineFirstStore

log = logging.getLogger(__name__)

# How long the last sync before a headless run exits may take: enough for a healthy server
# to take a session's marks, short enough that an outage does not hold the exit.
FINAL_SYNC_SECONDS = 5.0


@dataclass(frozen=True)
class HeadlessRun:
    summary: SessionSummary
    frames_read: int
    frames_processed: int
    seconds: float
    source_description: str
    warnings: tuple[str, ...]
    visitors: str = ""  # "Visitors (not marked in this class): ..." (school-wide lookup)
    asked: tuple[Doubt, ...] = ()  # faces the kiosk was not sure of: nobody here to answer

    @property
    def processed_fps(self) -> float:
        return self.frames_processed / self.seconds if self.seconds > 0 else 0.0


def run_session(
    service: AttendanceSessionService,
    class_code: str,
    camera: str | FrameSource,
    *,
    duration: float | None = None,
    max_frames: int | None = None,
    realtime: bool = False,
    on_frame: Callable[[FrameResult], None] | None = None,
    started_by: str | None = None,
) -> HeadlessRun:
    """Run one session on ``camera`` until it ends, ``duration`` seconds pass or ``max_frames`` are read.

    A file is read frame by frame (every frame recognised, timed by its own frame rate, so
    results do not depend on this computer's speed) unless ``realtime``, which plays it
    like a camera: frames the recognition cannot keep up with are dropped.
    """
    source = camera if isinstance(camera, FrameSource) else open_source(camera, realtime=realtime)
    service.start(class_code, started_by=started_by)
    began = time.monotonic()
    loop = FrameLoop(service, on_result=on_frame)  # no tolerance: a failure ends the run, said plainly
    capture: CaptureWorker | None = None
    try:
        if source.is_live or realtime:
            capture = CaptureWorker(source)
            capture.start()
            outcome = loop.run(
                NewestFrameFeed(capture), duration=duration, max_frames=max_frames, poll_seconds=0.5
            )
        else:
            outcome = loop.run(EveryFrameFeed(source), duration=duration, max_frames=max_frames)
    finally:
        if capture is not None:
            capture.stop()
            capture.join(timeout=5)
        summary = service.end()
        if source.is_open:
            source.close()
    elapsed = time.monotonic() - began
    read, processed = outcome.frames_read, outcome.frames_processed
    log.info("Headless session: %d frames read, %d recognised in %.1f s", read, processed, elapsed)
    visitors = service.visitors.summary_line() if service.visitors is not None else ""
    return HeadlessRun(
        summary,
        read,
        processed,
        elapsed,
        source.description,
        tuple(service.warnings),
        visitors,
        service.pending_doubts(),
    )


def format_summary(run: HeadlessRun) -> str:
    s = run.summary
    counts = s.counts
    lines = [
        f"Session {s.session.id} for {printable(s.class_info.code)} ({printable(s.class_info.name)}), "
        f"camera: {printable(run.source_description)}",
        f"Present: {counts['present']}  Late: {counts['late']}  Excused: {counts['excused']}  Absent: {counts['absent']}",
    ]
    for title, group in (("present", s.present), ("late", s.late), ("excused", s.excused)):
        for student, mark in group:
            when = mark.marked_at.astimezone().strftime("%H:%M:%S") if mark.marked_at else ""
            conf = f" ({mark.confidence:.2f})" if mark.confidence is not None else ""
            lines.append(
                f"  {title:<8} {printable(student.student_id):<12} {printable(student.name)}  {when}{conf}"
            )
    asked = {d.student.id: d for d in run.asked}
    for student in s.absent:
        doubt = asked.get(student.id)
        why = f"  (seen? the camera was not sure: {doubt.why}, {doubt.similarity:.3f})" if doubt else ""
        lines.append(f"  {'absent':<8} {printable(student.student_id):<12} {printable(student.name)}{why}")
    if run.asked:
        lines.append(
            f"Asked, not marked: {len(run.asked)} (the camera was not sure; "
            "the teacher checks them before `kiosk session sign-off`)"
        )
    if run.visitors:
        lines.append(printable(run.visitors))
    lines.append(
        f"Frames: {run.frames_read} read, {run.frames_processed} recognised in {run.seconds:.1f} s "
        f"({run.processed_fps:.1f} frames/s)"
    )
    lines.extend(f"Note: {w}" for w in run.warnings)
    return "\n".join(lines)


def finish_sync(store: AttendanceStore, seconds: float = FINAL_SYNC_SECONDS) -> str | None:
    """Try one last sync before exiting; the line to print when marks are still queued.

    Only the offline-first store queues anything (the direct store writes at once).
    """
    if not isinstance(store, OfflineFirstStore):
        return None
    queued = store.final_sync(seconds)
    if not queued:
        return None
    log.warning("%d attendance marks are still queued on this kiosk at exit", queued)
    return (
        f"{queued} attendance marks are still queued on this kiosk (PostgreSQL could not be "
        "reached); they are kept, and `kiosk sync` will send them when it can be reached."
    )
