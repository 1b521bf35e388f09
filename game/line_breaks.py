"""Where a line of Chinese may break, for every wrap the window makes.

Chinese breaks between any two characters, except that a line never opens with closing
punctuation ("。", "，", "”", "）" …) and never ends with opening punctuation ("“",
"（" …): the rule of GB/T 15834 (kinsoku in Japanese). A debrief row that starts with a
lone "。" or "”变为“支持”" reads to a Chinese trainee like a typo in the lesson. A
number or Latin word inside Chinese ("+0.06", "K企业") stays whole too, as it would in
English. Both wraps follow this one rule: the theme's for text drawn on the canvas, and
pygame_gui's text boxes (game/gui_fixes.py).
"""
from __future__ import annotations

# closing marks, Chinese and Latin, and marks that belong to the character before them
NO_LINE_START = frozenset("。，、；：！？）》」』〉】〕”’…—·%,.;:!?)]}")
# opening marks: they belong to the character after them
NO_LINE_END = frozenset("（《「『〈【〔“‘([{")


def _latin(ch: str) -> bool:
    return ch.isascii() and not ch.isspace()


def cjk(ch: str) -> bool:
    """A Chinese character or mark (CJK ideographs and punctuation, full-width forms)."""
    o = ord(ch)
    return 0x2E80 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0xFF00 <= o <= 0xFFEF or 0x3000 <= o <= 0x303F


def breakable(text: str, i: int) -> bool:
    """Whether one line may end with text[:i] and the next begin with text[i:]."""
    if i <= 0 or i >= len(text):
        return True
    before, after = text[i - 1], text[i]
    if after in NO_LINE_START or before in NO_LINE_END:
        return False
    return not (_latin(before) and _latin(after))  # inside a number or a word


def break_points(text: str) -> list[int]:
    """Every place i where a line may end with text[:i]: after a space (Latin text breaks
    between words) and between Chinese characters where the rule allows."""
    return [i for i in range(1, len(text) + 1)
            if text[i - 1] == " " or i < len(text) and (cjk(text[i]) or cjk(text[i - 1])) and breakable(text, i)]


def break_at_or_before(text: str, i: int) -> int:
    """The last place at or before i where text may break, keeping at least one character
    on the line; i itself when there is none (a run no rule can break is split anyway,
    as a word longer than the line is)."""
    for j in range(min(i, len(text)), 0, -1):
        if breakable(text, j):
            return j
    return i
