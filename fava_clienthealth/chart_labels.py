"""Where a chart's point labels go: the first free spot near each point, overlapping nothing."""

from __future__ import annotations

Box = tuple[float, float, float, float]
#: Side of the grid cells that index placed boxes, in px: a label is one or a few.
_CELL = 32.0


class Labels:
    """Greedy placement of point labels: the first free spot right, left, above or below.

    Taken boxes are indexed by grid cell, so a spot is checked against its
    neighbours only: placing n labels stays linear however many clients there are.
    """

    def __init__(self, bounds: Box) -> None:
        self.bounds = bounds
        self.taken: dict[tuple[int, int], list[Box]] = {}

    def _cells(self, box: Box) -> list[tuple[int, int]]:
        """The grid cells a box covers within the bounds (none for a box outside them)."""
        left, top, right, bottom = self.bounds
        x1, y1 = max(box[0], left), max(box[1], top)
        x2, y2 = min(box[2], right), min(box[3], bottom)
        if not (x1 <= x2 and y1 <= y2):  # outside the bounds, or not a number
            return []
        columns = range(int(x1 // _CELL), int(x2 // _CELL) + 1)
        return [(i, j) for i in columns for j in range(int(y1 // _CELL), int(y2 // _CELL) + 1)]

    def _free(self, box: Box) -> bool:
        left, top, right, bottom = self.bounds
        x1, y1, x2, y2 = box
        if not (left <= x1 and x2 <= right and top <= y1 and y2 <= bottom):  # NaN too
            return False
        # The cells of _cells, walked in place: a crowded chart tries some twenty
        # spots for each of its hundreds of labels, and most of them fail.
        taken = self.taken
        rows = range(int(y1 // _CELL), int(y2 // _CELL) + 1)
        for i in range(int(x1 // _CELL), int(x2 // _CELL) + 1):
            for j in rows:
                for a1, b1, a2, b2 in taken.get((i, j), ()):
                    if not (x2 < a1 or x1 > a2 or y2 < b1 or y1 > b2):
                        return False
        return True

    def place(
        self, cx: float, cy: float, radius: float, label: str
    ) -> tuple[float, float, str] | None:
        """(x, y, text-anchor) of a label near a point of this radius; None: no room."""
        width, height = 6.4 * len(label), 12.0
        gap = radius + 3
        tries = [(gap, 0.0, "start"), (-gap, 0.0, "end")]
        for step in range(1, 6):
            for shift in (13.0 * step, -13.0 * step):
                tries += [(gap, shift, "start"), (-gap, shift, "end")]
        for dx, dy, anchor in tries:
            x1 = cx + dx if anchor == "start" else cx + dx - width
            box = (x1, cy + dy - height / 2, x1 + width, cy + dy + height / 2)
            if self._free(box):
                self.block(box)
                return cx + dx, cy + dy + 4, anchor
        return None

    def block(self, box: Box) -> None:
        """Keep labels off a spot (another label, a circle)."""
        for cell in self._cells(box):
            self.taken.setdefault(cell, []).append(box)
