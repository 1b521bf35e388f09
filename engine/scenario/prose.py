"""The little markup a scenario's texts use (a briefing, a lesson): paragraphs with an
empty line between them, and '- ' (or '* ') bullets; a line that starts neither continues
the bullet or paragraph before it. Read here once, so the window game and a class page
show the same text the same way."""
from __future__ import annotations


def _wide(ch: str) -> bool:
    """A CJK character or full-width punctuation: Chinese joins a wrapped line without a space."""
    return ch >= "\u2e80"


def _join(lines: list[str]) -> str:
    out = lines[0]
    for line in lines[1:]:
        out += line if _wide(out[-1]) or _wide(line[0]) else " " + line
    return out


def text_blocks(text: str) -> list[list[tuple[bool, str]]]:
    """The text's blocks (split at empty lines), each a list of (is a bullet, its text),
    wrapped lines joined: after a space, or straight on in Chinese."""
    blocks: list[list[tuple[bool, list[str]]]] = []
    items: list[tuple[bool, list[str]]] = []
    for raw in text.strip().splitlines():
        line = raw.strip()
        if not line:
            if items:
                blocks.append(items)
            items = []
        elif line.startswith(("- ", "* ")):
            items.append((True, [line[2:].strip()]))
        elif items:
            items[-1][1].append(line)
        else:
            items.append((False, [line]))
    if items:
        blocks.append(items)
    return [[(bullet, _join(lines)) for bullet, lines in block] for block in blocks]
