"""What a side may see (fog of war), batched over games for doctrines.

Shares are public (market reports); a side always knows its own stances; rivals'
stances and activity at an account are visible only through a coach there or bought
intelligence. Personnel changes are public news. Doctrines decide from this view only,
so a bot in the trainee's seat plays with the trainee's information.
"""
from __future__ import annotations

from dataclasses import dataclass

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
    rival_stance: np.ndarray   # [G,A,K,S] NaN where hidden
    visible: np.ndarray        # [G,A] coach or intelligence
    influence: np.ndarray      # [G,A,K]
    chair: np.ndarray          # [G,A]
    seat_turn: np.ndarray      # [G,A,K] turn a seat last changed hands (public)
    need_known: np.ndarray     # [G,A,N] weights of needs this side knows
    rival_days: np.ndarray     # [G,S,A,L] last turn, NaN where hidden
    rival_cut: np.ndarray      # [G,S,A] last turn, NaN where hidden
    capacity: np.ndarray       # [G] rep days
    budget: np.ndarray         # [G] money
    cash: np.ndarray           # [G]
    dropped: np.ndarray        # [G,A]
    alliance_open: np.ndarray  # [G,A]
    allied: np.ndarray         # [G,A] own joint ventures
    satisfaction: np.ndarray   # [G,A] own


def shared_facts(w: World, state: State) -> dict[str, np.ndarray]:
    """Facts every side's view derives from, computed once per turn for all sides."""
    return dict(stance=state.personal + state.org, coach=coach_present(w, state),
                capacity=rep_capacity(w, state), budget=budget(w, state), known=known(state))


def side_view(w: World, state: State, s: int, facts: dict[str, np.ndarray] | None = None) -> SideView:
    facts = facts or shared_facts(w, state)
    st = facts["stance"]
    visible = facts["coach"][:, s] | state.intel[:, s]  # [G,A]
    hide = ~visible[:, :, None, None]
    rival = np.where(hide, np.nan, st)
    rival[..., s] = np.nan
    vis_s = visible[:, None, :]
    prev_t = max(state.turn - 1, 0)
    return SideView(
        side=s, turn=state.turn, turns=w.T,
        share=state.share, share_prev=state.share_hist[:, prev_t],
        demand=state.demand, stance=st[..., s], personal=state.personal[..., s],
        rival_stance=rival, visible=visible, influence=state.influence, chair=state.chair,
        seat_turn=state.seat_turn,
        need_known=w.need_w[None] * facts["known"][:, s],
        rival_days=np.where(vis_s[..., None], state.last_days, np.nan),
        rival_cut=np.where(vis_s, state.last_cut, np.nan),
        capacity=facts["capacity"][:, s], budget=facts["budget"][:, s], cash=state.cash[:, s],
        dropped=state.dropped[:, s], alliance_open=state.alliance_open, allied=state.alliance[:, s],
        satisfaction=state.satisfaction[:, s],
    )
