"""Join codes, team tokens and the trainer key: short to type, long to guess.

A join code is read off a projector and typed on a phone, so it avoids look-alike
characters (0/O, 1/I/L). Six of 30 symbols are 729 million codes; with a handful of
teams and joins rate-limited per address, guessing one takes years. A code only
admits a team; the browser then holds a long random token, and the trainer's console
a separate key, neither ever shown to other teams.
"""
from __future__ import annotations

import secrets

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ2345789"
CODE_LENGTH = 6


def join_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def token() -> str:
    return secrets.token_urlsafe(24)


def normalise_code(text: object) -> str:
    """What a person typed, as a code: case and spaces do not matter."""
    return "".join(str(text).upper().split())[:32] if isinstance(text, str) else ""


def same(a: str, b: str) -> bool:
    """Constant-time comparison, so timing tells nothing about a secret."""
    return secrets.compare_digest(a.encode(), b.encode())
