"""What a side may see (fog of war), batched over games for doctrines.

Shares are public (market reports); a side always knows its own stances; rivals'
stances and activity at an account are visible only through a coach there or bought
intelligence. Personnel changes are public news. Doctrines decide from this view only,
so a bot in the trainee's seat plays with the trainee's information.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from functools import cached_property

import numpy as np

from .orders import budget, rep_capacity
from .rules.needs import coach_present, known
from .state import State
from .world import World


@dataclass
class SideView:
    side: int
    turn: int
    turns: int
    share: np.ndarray          # [G,S,A] public
    share_prev: np.ndarray     # [G,S,A] public, last turn
    demand: np.ndarray         # [G,A]
    stance: np.ndarray         # [G,A,K] own
    personal: np.ndarray       # [G,A,K] own personal part
    visible: np.ndarray        # [G,A] coach or intelligence
    influence: np.ndarray      # [G,A,K] as this side knows it (org chart, or real through a coach or contact)
    influence_known: np.ndarray  # [G,A,K] whether that is the real influence
    org_chart: np.ndarray      # [G,A,K] influence the org chart shows (what a plan played blind goes by)
    chair: np.ndarray          # [G,A]
    seat_turn: np.ndarray      # [G,A,K] turn a seat last changed hands (public)
    need_known: np.ndarray     # [G,A,N] weights of needs this side knows
    capacity: np.ndarray       # [G] rep days
    budget: np.ndarray         # [G] money
    cash: np.ndarray           # [G]
    dropped: np.ndarray        # [G,A]
    alliance_open: np.ndarray  # [G,A]
    allied: np.ndarray         # [G,A] own joint ventures
    satisfaction: np.ndarray   # [G,A] own
    all_stance: np.ndarray = field(repr=False)  # [G,A,K,S] read only through rival_stance
    last_days: np.ndarray = field(repr=False)   # [G,S,A,K] read only through rival_days
    last_cut: np.ndarray = field(repr=False)    # [G,S,A] read only through rival_cut
    rows: np.ndarray | None = field(default=None, repr=False)  # games of the three above (None: all)

    def take(self, games: np.ndarray) -> "SideView":
        """The same view for the games listed alone. The rivals' arrays, large and read by
        few doctrines, are cut to those games only when read."""
        rows = {f.name: getattr(self, f.name)[games] for f in fields(self)
                if f.name not in _RIVALS and isinstance(getattr(self, f.name), np.ndarray)}
        return replace(self, rows=games if self.rows is None else self.rows[games], **rows)

    def _rivals(self, name: str) -> np.ndarray:
        full = getattr(self, name)
        return full if self.rows is None else full[self.rows]

    # Rivals' stances and moves are masked on demand: most doctrines never look, and the
    # masked copy of every stance is one of the largest arrays of a balance run.
    @cached_property
    def rival_stance(self) -> np.ndarray:
        """[G,A,K,S] rivals' stances where a coach or intelligence shows them, else NaN."""
        rival = np.where(self.visible[:, :, None, None], self._rivals("all_stance"), np.nan)
        rival[..., self.side] = np.nan
        return rival

    @cached_property
    def rival_days(self) -> np.ndarray:
        """[G,S,A,K] rep days every side spent with each person last turn, NaN where hidden."""
        return np.where(self.visible[:, None, :, None], self._rivals("last_days"), np.nan)

    @cached_property
    def rival_cut(self) -> np.ndarray:
        """[G,S,A] price cuts of last turn, NaN where hidden."""
        return np.where(self.visible[:, None, :], self._rivals("last_cut"), np.nan)


_RIVALS = ("all_stance", "last_days", "last_cut")


def influence_known(w: World, state: State, coach: np.ndarray) -> np.ndarray:
    """Whether each side sees each person's real influence [G,S,A,K]: through a coach at
    the account (who tells who really decides) or recent contact with that person
    (tuning.reveal_contact); otherwise only the org chart (seed 004: some hold a title
    without power, some who look unremarkable hold the power)."""
    return coach[..., None] | (state.contact >= w.scenario.tuning.reveal_contact)


def known_influence(state: State, revealed: np.ndarray) -> np.ndarray:
    """The influence each side believes each person has [G,S,A,K]."""
    return np.where(revealed, state.influence[:, None], state.apparent[:, None])


def shared_facts(w: World, state: State) -> dict[str, np.ndarray]:
    """Facts every side's view derives from, computed once per turn for all sides."""
    coach = coach_present(w, state)
    revealed = influence_known(w, state, coach)
    return dict(stance=state.personal + state.org, coach=coach, revealed=revealed,
                influence=known_influence(state, revealed),
                capacity=rep_capacity(w, state), budget=budget(w, state), known=known(state))


def side_view(w: World, state: State, s: int, facts: dict[str, np.ndarray] | None = None) -> SideView:
    facts = facts or shared_facts(w, state)
    st = facts["stance"]
    visible = facts["coach"][:, s] | state.intel[:, s]  # [G,A]
    prev_t = max(state.turn - 1, 0)
    return SideView(
        side=s, turn=state.turn, turns=w.T,
        share=state.share, share_prev=state.share_hist[:, prev_t],
        demand=state.demand, stance=st[..., s], personal=state.personal[..., s],
        visible=visible, influence=facts["influence"][:, s], influence_known=facts["revealed"][:, s],
        org_chart=state.apparent,
        chair=state.chair,
        seat_turn=state.seat_turn,
        need_known=w.need_w[None] * facts["known"][:, s],
        capacity=facts["capacity"][:, s], budget=facts["budget"][:, s], cash=state.cash[:, s],
        dropped=state.dropped[:, s], alliance_open=state.alliance_open, allied=state.alliance[:, s],
        satisfaction=state.satisfaction[:, s],
        all_stance=st, last_days=state.last_days, last_cut=state.last_cut,
    )
