"""Charts of the record, drawn with pyqtgraph (pure Python on Qt): the attendance rate per
week, and per student with the at-risk line."""

from __future__ import annotations

import os
from collections.abc import Sequence

os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")  # never let pyqtgraph pick another binding

import pyqtgraph as pg
from PySide6.QtWidgets import QWidget

from kiosk.core.reports import StudentRate, WeekRate

pg.setConfigOptions(antialias=True, background="w", foreground="k")
BAR = (58, 110, 165)
AT_RISK = (200, 60, 40)


class WeeklyRateChart(pg.PlotWidget):  # type: ignore[misc]
    """Attendance rate (%) per week, oldest left."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumHeight(160)
        self.setYRange(0, 100)
        self.setLabel("left", "rate %")
        self.showGrid(y=True, alpha=0.3)
        self.setMouseEnabled(x=False, y=False)
        self.points = 0

    def show_weeks(self, weeks: Sequence[WeekRate], threshold: float | None = None) -> None:
        self.clear()
        shown = [(i, w) for i, w in enumerate(weeks) if w.rate is not None]
        self.points = len(shown)
        if shown:
            xs = [i for i, _ in shown]
            ys = [round((w.rate or 0.0) * 100, 1) for _, w in shown]
            self.plot(xs, ys, pen=pg.mkPen(BAR, width=2), symbol="o", symbolBrush=BAR, symbolSize=6)
            ticks = [(i, w.week_start.strftime("%d %b")) for i, w in shown]
            step = max(1, len(ticks) // 8)
            self.getAxis("bottom").setTicks([ticks[::step]])
        if threshold is not None:
            self.addItem(
                pg.InfiniteLine(
                    pos=threshold * 100, angle=0, pen=pg.mkPen(AT_RISK, style=pg.QtCore.Qt.PenStyle.DashLine)
                )
            )
        self.setYRange(0, 100)


class StudentRateChart(pg.PlotWidget):  # type: ignore[misc]
    """One bar per student (rate %), the at-risk ones in red, the threshold as a line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumHeight(160)
        self.setLabel("left", "rate %")
        self.setMouseEnabled(x=False, y=False)
        self.bars = 0

    def show_rates(self, rates: Sequence[StudentRate], threshold: float) -> None:
        self.clear()
        shown = [r for r in rates if r.rate is not None]
        self.bars = len(shown)
        if shown:
            heights = [round((r.rate or 0.0) * 100, 1) for r in shown]
            brushes = [pg.mkBrush(AT_RISK if r.at_risk else BAR) for r in shown]
            self.addItem(
                pg.BarGraphItem(x=list(range(len(shown))), height=heights, width=0.7, brushes=brushes)
            )
            ticks = [(i, r.student.name.split()[0]) for i, r in enumerate(shown)]
            step = max(1, len(ticks) // 20)
            self.getAxis("bottom").setTicks([ticks[::step]])
        self.addItem(
            pg.InfiniteLine(
                pos=threshold * 100, angle=0, pen=pg.mkPen(AT_RISK, style=pg.QtCore.Qt.PenStyle.DashLine)
            )
        )
        self.setYRange(0, 100)
