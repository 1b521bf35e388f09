"""A fix for a layout bug of pygame_gui (0.6.14, the pinned version), installed once when
the game makes its UI manager.

A `<br>` is a 4-pixel-wide layout rect. When the text before it ends within 4 pixels of
the box's right edge, `TextBoxLayout._handle_line_break_rect` sees the break overflow
and, since "a line break cannot be split", starts two new rows: an empty line appears in
the middle of a list (the briefing's "who is who" showed one after two purchasing
managers of Internal Collapse). A line break ends its row whatever its width, so the
break is narrowed to the room left before the edge, and the row ends as any other.
"""
from __future__ import annotations

_installed: list[bool] = []


def install() -> None:
    """Narrow an overflowing line break to the room left on its row (once per process)."""
    if _installed:
        return
    from pygame_gui.core.text.text_box_layout import TextBoxLayout

    original = TextBoxLayout._handle_line_break_rect

    def handle_line_break(self, current_row, line_break):
        room = self.layout_rect.right - line_break.left
        if 0 <= room < line_break.width:  # the text fits; only the break's own width overflows
            line_break.width = room
        return original(self, current_row, line_break)

    TextBoxLayout._handle_line_break_rect = handle_line_break
    _installed.append(True)
