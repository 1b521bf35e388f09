"""A sliding-window limit per client address, for the join route.

Join codes are short so people can type them; this is what keeps them unguessable in
practice: a few wrong tries per minute per address, then 429 until the window passes.
"""
from __future__ import annotations

import time
from collections import defaultdict, deque


class RateLimit:
    def __init__(self, tries: int = 10, seconds: float = 60.0, clock=time.monotonic):
        self.tries, self.seconds, self.clock = tries, seconds, clock
        self._hits: dict[str, deque[float]] = defaultdict(deque)

    def allow(self, who: str) -> bool:
        now = self.clock()
        hits = self._hits[who]
        while hits and hits[0] <= now - self.seconds:
            hits.popleft()
        if len(hits) >= self.tries:
            return False
        hits.append(now)
        return True
