"""Blitzer: waits for a personnel change or a power shift, then floods the newcomer.

It thinks like the old contact of seed 000's new general manager: an account held by
someone else is not worth a frontal fight, but the moment a seat changes hands (a new
general manager, a new chair of the buying committee) the incumbent's ties in that seat
are gone and the new person has not decided whom to trust. Seat changes are public news,
so within one turn of a change it throws `flood` of its rep time at that account, aimed
at the level of the new person and of the chair, sends every executive visit to the new
person, and sweetens its offer with `price_cut`. It keeps attacking for `window` turns.
In quiet times it keeps a light presence: rep time by the business it holds plus
`watch` spread evenly, so it has friends where the next change may come.
"""
from __future__ import annotations

import numpy as np

from .base import (Decision, Doctrine, exec_focus, exec_to, fund, person_weights, normalise, register,
                   service_to, spread, value_at_stake)


def fresh_seats(d: Decision, window: float) -> np.ndarray:
    """Stakeholders whose seat changed hands within the last `window` turns [G,A,K]."""
    age = d.view.turn - d.view.seat_turn
    return (age >= 0) & (age < window + 1) & d.world.sh_mask[None]


@register
class Blitzer(Doctrine):
    name = "blitzer"
    summary = "Floods the new decision-maker after a personnel change or power shift."
    label = {"en": "blitzer (sudden attack on a key account)", "zh": "闪击者（突袭关键客户）"}
    params = {
        "window": (3.0, "Turns after a seat changes hands during which it attacks that account."),
        "flood": (0.85, "Share of its rep time thrown at the account where a seat changed."),
        "price_cut": (0.08, "Price concession where it attacks."),
        "watch": (0.5, "Quiet-time spread: 0 = only where it has business, 1 = every account evenly."),
        "solution_budget": (0.05, "Share of its budget spent on solutions where it attacks."),
    }

    def decide(self, d: Decision) -> None:
        p, v, s, w = d.params, d.view, d.s, d.world
        fresh = fresh_seats(d, p["window"])  # [G,A,K]
        is_chair = np.arange(w.K)[None, None, :] == v.chair[:, :, None]
        # The new people count most, the chair next: that is who decides the next tender.
        target_people = v.influence * (2.0 * fresh + 1.0 * (is_chair & fresh.any(-1, keepdims=True)))
        hot = target_people.sum(-1) * np.sqrt(v.demand) * ~v.dropped  # [G,A]
        attacking = hot.sum(-1) > 0  # [G]

        quiet = normalise(normalise(value_at_stake(d)) + p["watch"] / w.A)
        hot_w = normalise(hot)
        flood = np.where(attacking, p["flood"], 0.0)[:, None]
        account_w = flood * hot_w + (1.0 - flood) * quiet
        mix = (flood * hot_w) / np.maximum(account_w, 1e-12)  # part of each account's days that is the attack
        people = mix[..., None] * normalise(target_people) + (1.0 - mix[..., None]) * person_weights(d, 0.5)
        spread(d, account_w, people)
        service_to(d, account_w)

        # Executives: all to the newest, most influential newcomer at the hottest account;
        # in quiet times to the best customers' top people.
        newcomer = np.where(fresh, v.influence, -1.0).argmax(-1)  # [G,A]
        exec_to(d, quiet, "decision")
        quiet_exec = d.out.exec[:, s].copy()
        d.out.exec[:, s] = 0.0
        exec_focus(d, hot, newcomer)
        d.out.exec[:, s] = np.where(attacking[:, None, None], d.out.exec[:, s], quiet_exec)

        cut = min(p["price_cut"], float(w.side_max_price_cut[s]))
        d.out.cut[:, s] = np.where(hot > 0, cut, 0.0)
        d.out.solution[:, s] = fund(d, p["solution_budget"] * v.budget[:, None] * hot_w)

