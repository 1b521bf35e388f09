"""A sliding-window limit on wrong join codes per client address, for the join route.

Join codes are short so people can type them; this is what keeps them unguessable in
practice: a few wrong tries per minute per address, then 429 until the window passes.
Only wrong codes count. A right code is a team joining (or opening its page again), and
teams often share an address: a school's network behind one router, a trainer opening
every team's page on one laptop to show the class.
"""
from __future__ import annotations

import time
from collections import defaultdict, deque


class RateLimit:
    def __init__(self, tries: int = 10, seconds: float = 60.0, clock=time.monotonic):
        self.tries, self.seconds, self.clock = tries, seconds, clock
        self._misses: dict[str, deque[float]] = defaultdict(deque)

    def _recent(self, who: str) -> deque[float]:
        misses = self._misses[who]
        while misses and misses[0] <= self.clock() - self.seconds:
            misses.popleft()
        return misses

    def allow(self, who: str) -> bool:
        """Whether `who` may try a code now: fewer than `tries` wrong ones in the window."""
        return len(self._recent(who)) < self.tries

    def missed(self, who: str) -> None:
        """Count a wrong code from `who`."""
        self._recent(who).append(self.clock())
