"""Two fixes to pygame_gui's text layout (0.6.14, the pinned version), installed once when
the game makes its UI manager.

Line breaks. A `<br>` is a 4-pixel-wide layout rect. When the text before it ends within 4 pixels of
the box's right edge, `TextBoxLayout._handle_line_break_rect` sees the break overflow
and, since "a line break cannot be split", starts two new rows: an empty line appears in
the middle of a list (the briefing's "who is who" showed one after two purchasing
managers of Internal Collapse). A line break ends its row whatever its width, so the
break is narrowed to the room left before the edge, and the row ends as any other.

Chinese lines. pygame_gui breaks a line at spaces only, so to it a Chinese sentence is
one long word: after "• " it moved the whole sentence to the next row and left the
bullet alone above it, and a run too long for any row it cut at the last character that
fits, so a row could open with "。" or "”". A text chunk's break points are now those of
game/line_breaks.py (after spaces, as before, and between Chinese characters where the
rule allows), and a cut of a run with none that fits moves back to where it may break.
"""
from __future__ import annotations

_installed: list[bool] = []


def install() -> None:
    """Narrow an overflowing line break to the room left on its row, and split Chinese
    where it may break (once per process)."""
    if _installed:
        return
    _narrow_line_breaks()
    _break_points_of_chinese()
    _break_chinese_by_its_rule()
    _installed.append(True)


def _narrow_line_breaks() -> None:
    from pygame_gui.core.text.text_box_layout import TextBoxLayout

    original = TextBoxLayout._handle_line_break_rect

    def handle_line_break(self, current_row, line_break):
        room = self.layout_rect.right - line_break.left
        if 0 <= room < line_break.width:  # the text fits; only the break's own width overflows
            line_break.width = room
        return original(self, current_row, line_break)

    TextBoxLayout._handle_line_break_rect = handle_line_break


def _break_points_of_chinese() -> None:
    """`split_points` becomes a property read from the chunk's text. pygame_gui assigns it
    after every change of the text, always as the positions after its spaces (or [] for
    no text), so the value is derived from the text alone: reading it gives these and the
    Chinese ones, and an assignment has nothing to add."""
    from pygame_gui.core.text.text_line_chunk import TextLineChunkFTFont

    from .line_breaks import break_points

    def points(self) -> list[int]:
        text, kept = self.text, self.__dict__.get("_break_points")
        if kept is None or kept[0] != text:
            kept = self.__dict__["_break_points"] = (text, break_points(text))
        return kept[1]

    TextLineChunkFTFont.split_points = property(points, lambda self, value: None)


def _break_chinese_by_its_rule() -> None:
    """A chunk with no space that fits is split at `x_pos_to_letter_index(x) - 1`; that
    is the one place `split` asks for a letter index, so for the call the chunk's own
    lookup answers with the place at or before it where the line may break."""
    from pygame_gui.core.text.text_line_chunk import TextLineChunkFTFont

    from .line_breaks import break_at_or_before

    original = TextLineChunkFTFont.split

    def split(self, requested_x, line_width, row_start_x, allow_split_dashes=True):
        if allow_split_dashes:  # a dash marks the split; the game's boxes never ask for one
            return original(self, requested_x, line_width, row_start_x, allow_split_dashes)
        text, letter_at = self.text, self.x_pos_to_letter_index
        self.x_pos_to_letter_index = lambda x: break_at_or_before(text, letter_at(x) - 1) + 1
        try:
            return original(self, requested_x, line_width, row_start_x, allow_split_dashes)
        finally:
            del self.x_pos_to_letter_index

    TextLineChunkFTFont.split = split
