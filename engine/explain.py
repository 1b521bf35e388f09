"""Answers to "why did we win / lose <account>?", from the recorded causes of a game.

Sums each cause over the whole game and names the biggest ones in plain words, with
the events that hit the account. The debrief shows this per account; it is what turns
a score into a lesson.
"""
from __future__ import annotations

from dataclasses import dataclass

from .report import TurnReport

CAUSE_WORDS = {
    "competition": "the account's ongoing choice between suppliers",
    "tender": "the tender decided by the buying committee",
    "rep_left": "business that followed a departing rep",
    "capacity": "a supplier unable to deliver",
    "dropped": "dropping the account",
}
DRIVER_WORDS = {
    "price": "price", "quality": "quality and satisfaction", "service": "service",
    "customisation": "customised solutions", "relationship": "relationships in the buying center",
    "incumbency": "switching costs (incumbency)", "alliance": "the joint venture", "luck": "luck",
}


@dataclass(frozen=True)
class Explanation:
    account: str
    name: str
    start: float
    end: float
    verdict: str                    # "won", "held", "lost"
    causes: dict[str, float]        # share change by cause over the game
    drivers: dict[str, float]       # mean utility gap to the strongest rival, by part
    events: tuple[str, ...]
    text: str


def explain(reports: list[TurnReport], account: str, names: dict[str, str] | None = None) -> Explanation:
    """Why our share at `account` moved over the game; `names` maps side ids to names."""
    rows = [next(c for c in r.shares if c.account == account) for r in reports]
    if not rows:
        raise ValueError("no turns played yet")
    side = reports[0].side
    start, end = rows[0].before[side], rows[-1].after[side]
    causes: dict[str, float] = {}
    drivers: dict[str, float] = {}
    for row in rows:
        for k, v in row.causes.items():
            causes[k] = causes.get(k, 0.0) + v
        for k, v in row.drivers.items():
            drivers[k] = drivers.get(k, 0.0) + v / len(rows)
    events = tuple(f"Turn {r.turn}: {e.title}" for r in reports for e in r.events if account in e.accounts)
    verdict = "won" if end > start + 0.03 else "lost" if end < start - 0.03 else "held"
    lines = [f"{rows[0].name}: our share went from {start:.0%} to {end:.0%} ({verdict})."]
    moves = sorted(((v, k) for k, v in causes.items() if abs(v) >= 0.01), key=lambda x: -abs(x[0]))
    for v, k in moves[:3]:
        lines.append(f"{'+' if v > 0 else '-'}{abs(v):.0%} from {CAUSE_WORDS.get(k, k)}.")
    tenders = [(r.turn, c.tender_winner) for r, c in zip(reports, rows) if c.tender_winner]
    for turn, winner in tenders:
        who = "us" if winner == side else (names or {}).get(winner, winner)
        lines.append(f"Turn {turn}: the tender went to {who}.")
    strong = sorted(((v, k) for k, v in drivers.items() if k != "luck" and abs(v) >= 0.01), key=lambda x: x[0])
    if strong:
        worst, best = strong[0], strong[-1]
        if worst[0] < 0:
            lines.append(f"Against the strongest rival we were weakest on {DRIVER_WORDS[worst[1]]}.")
        if best[0] > 0:
            lines.append(f"Our edge was {DRIVER_WORDS[best[1]]}.")
    return Explanation(account, rows[0].name, start, end, verdict, causes, drivers, events, " ".join(lines))
