"""A scenario compiled to index maps and static numpy arrays.

Rules work on integer indices and arrays, never on ids; this is where ids become
indices once, and where padding masks (stakeholders per account, rep slots per side)
are built, so the rules code never branches on a scenario's shape.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .scenario.models import LEVELS, NEEDS, PAY_PLANS, Scenario, default_pay_plans, text_of
from .stance_scale import one_preferred

TIER_INDEX = {"A": 0, "B": 1, "C": 2}
DEFAULT_PERSONAL = 0.6
DEFAULT_SATISFACTION = 0.6


@dataclass(frozen=True)
class World:
    scenario: Scenario
    side_ids: tuple[str, ...]
    account_ids: tuple[str, ...]
    stakeholder_ids: tuple[tuple[str, ...], ...]
    rep_ids: tuple[tuple[str, ...], ...]
    rep_names: tuple[tuple[str, ...], ...]
    player: int
    arrays: dict[str, np.ndarray] = field(repr=False)
    # Texts derived from the scenario on demand and kept (e.g. who holds a seat after a
    # personnel change, engine/observation.seat_name): the scenario never changes.
    memo: dict = field(default_factory=dict, repr=False, compare=False)

    # sizes
    @property
    def S(self) -> int:
        return len(self.side_ids)

    @property
    def A(self) -> int:
        return len(self.account_ids)

    @property
    def K(self) -> int:
        return self.arrays["sh_mask"].shape[1]

    @property
    def R(self) -> int:
        return self.arrays["rep_slot"].shape[1]

    @property
    def T(self) -> int:
        return self.scenario.turns

    def __post_init__(self) -> None:
        # Each static array is also an instance attribute, so `w.sh_mask` is a plain
        # lookup: rules read a few hundred a turn (through __getattr__ each read cost a
        # failed lookup first). No array shares a name with a field or property.
        self.__dict__.update(self.arrays)

    def __getattr__(self, name: str) -> np.ndarray:
        arrays = self.__dict__.get("arrays")
        if arrays is not None and name in arrays:  # an array added after construction
            return arrays[name]
        raise AttributeError(name)

    @property
    def lags(self) -> tuple[int, ...]:
        """The distinct payment lags (in turns) of the accounts, in order."""
        if "lags" not in self.memo:  # (settle asks every turn)
            self.memo["lags"] = tuple(sorted({int(x) for x in self.arrays["lag"]}))
        return self.memo["lags"]

    def side(self, sid: str) -> int:
        return self.side_ids.index(sid)

    @property
    def indexes(self) -> tuple[dict[str, int], list[dict[str, int]]]:
        """Each account's index by id, and each account's people's indexes by id, made once
        (orders, plans and reports name accounts and people by id)."""
        if "indexes" not in self.memo:
            self.memo["indexes"] = ({aid: a for a, aid in enumerate(self.account_ids)},
                                    [{kid: k for k, kid in enumerate(ids)} for ids in self.stakeholder_ids])
        return self.memo["indexes"]

    def account(self, aid: str) -> int:
        a = self.indexes[0].get(aid)
        if a is None:
            raise ValueError(f"{aid!r} is not an account of this scenario")
        return a

    def stakeholder(self, a: int, kid: str) -> int:
        k = self.indexes[1][a].get(kid)
        if k is None:
            raise ValueError(f"{kid!r} is not a person at account {self.account_ids[a]!r}")
        return k


def _rep_lists(sc: Scenario) -> tuple[list[list[str]], list[list[str]], list[list[float]], list[list[float]], list[int]]:
    ids, names, skills, morales, caps = [], [], [], [], []
    for s in sc.sides:
        if isinstance(s.reps, list):
            ids.append([r.id for r in s.reps])
            names.append([text_of(r.name) or r.id for r in s.reps])
            skills.append([r.skill for r in s.reps])
            morales.append([r.morale for r in s.reps])
        else:
            ids.append([f"{s.id}_rep{i + 1}" for i in range(s.reps)])
            names.append([f"Rep {i + 1}" for i in range(s.reps)])
            skills.append([0.6] * s.reps)
            morales.append([0.7] * s.reps)
        start = len(ids[-1])
        caps.append(s.max_reps if s.max_reps is not None else max(start + (start + 1) // 2, 1))
    return ids, names, skills, morales, caps


def _followers(sc: Scenario) -> np.ndarray:
    """For each account, the index of its industry's leader if it follows one, else -1 [A].

    The leader is the account marked `leader: true`, else the industry's largest by demand;
    an industry needs two accounts or more to have followers."""
    out = np.full(len(sc.accounts), -1)
    for industry in {a.industry for a in sc.accounts if a.industry}:
        members = [i for i, a in enumerate(sc.accounts) if a.industry == industry]
        if len(members) < 2:
            continue
        marked = [i for i in members if sc.accounts[i].leader]
        leader = marked[0] if marked else max(members, key=lambda i: sc.accounts[i].demand)
        for i in members:
            if i != leader:
                out[i] = leader
    return out


def compile_world(sc: Scenario) -> World:
    """Turn a validated scenario into index maps and arrays (no game axis yet)."""
    S, A = len(sc.sides), len(sc.accounts)
    K = max(len(a.stakeholders) for a in sc.accounts)
    side_ids = tuple(s.id for s in sc.sides)
    sidx = {sid: i for i, sid in enumerate(side_ids)}
    rep_ids, rep_names, skills, morales, caps = _rep_lists(sc)
    R = max(caps)
    L = len(LEVELS)

    arr: dict[str, np.ndarray] = {}
    # --- sides
    for key in ("cash", "rep_days", "rep_salary", "hire_cost", "exec_visits", "exec_visit_cost",
                "service_capacity", "service_unit_cost", "quality", "service_speed", "price_index",
                "cost_ratio", "max_price_cut", "team_cost", "intel_cost", "credit_line"):
        arr["side_" + key] = np.array([float(getattr(s, key)) for s in sc.sides])
    arr["side_active"] = np.array([s.active for s in sc.sides])
    arr["side_pay"] = np.array([PAY_PLANS.index(s.pay_plan) for s in sc.sides])
    plans = {**default_pay_plans(), **sc.pay_plans}
    for key in ("salary_factor", "commission", "morale", "effort", "loyalty", "teamwork"):
        arr["pay_" + key] = np.array([getattr(plans[p], key) for p in PAY_PLANS])
    # --- reps (slots beyond the start head count are free for hiring)
    rep_slot = np.zeros((S, R), bool)
    rep_alive = np.zeros((S, R), bool)
    rep_skill = np.zeros((S, R))
    rep_morale = np.zeros((S, R))
    for s in range(S):
        n = len(rep_ids[s])
        rep_slot[s, : caps[s]] = True
        rep_alive[s, :n] = True
        rep_skill[s, :n] = skills[s]
        rep_morale[s, :n] = morales[s]
    arr.update(rep_slot=rep_slot, rep_alive=rep_alive, rep_skill=rep_skill, rep_morale=rep_morale)
    # --- accounts
    arr["demand"] = np.array([a.demand for a in sc.accounts])
    arr["growth"] = np.array([a.growth for a in sc.accounts])
    arr["lag"] = np.array([int(np.ceil(a.payment_days / sc.tuning.turn_days)) for a in sc.accounts])
    arr["switching"] = np.array([a.switching_cost for a in sc.accounts])
    arr["others_u"] = np.array([a.others_utility for a in sc.accounts])
    arr["tier"] = np.array([TIER_INDEX[a.tier] for a in sc.accounts])
    arr["cost_index"] = np.array([a.cost_index for a in sc.accounts])
    arr["serve_cost"] = np.array([sc.tuning.cost_to_serve.get(a.tier, 0.0) for a in sc.accounts])
    segments = sorted({a.industry for a in sc.accounts if a.industry})
    arr["segment"] = np.array([segments.index(a.industry) if a.industry else -1 for a in sc.accounts])
    arr["follower_of"] = _followers(sc)
    need_w = np.array([[a.needs.get(n, 0.0) for n in NEEDS] for a in sc.accounts])
    arr["need_w"] = need_w / need_w.sum(axis=1, keepdims=True).clip(1e-9)
    arr["hidden"] = np.array([[n in a.hidden_needs for n in NEEDS] for a in sc.accounts])
    arr["shares"] = np.array([[a.shares.get(sid, 0.0) for a in sc.accounts] for sid in side_ids])
    arr["satisfaction"] = np.array(
        [[a.satisfaction.get(sid, DEFAULT_SATISFACTION) for a in sc.accounts] for sid in side_ids])
    arr["alliance_open"] = np.array([a.alliance.open for a in sc.accounts])
    arr["alliance_cost"] = np.array([a.alliance.cost for a in sc.accounts])
    arr["alliance_min"] = np.array([a.alliance.min_chair_stance for a in sc.accounts])
    arr["alliance_bonus"] = np.array([a.alliance.bonus for a in sc.accounts])
    owner = np.full((S, A), -1)
    for s, side in enumerate(sc.sides):
        n = len(rep_ids[s])
        for a, acc in enumerate(sc.accounts):
            if side.id in acc.owner:
                owner[s, a] = rep_ids[s].index(acc.owner[side.id])
            elif n:
                owner[s, a] = a % n
    arr["owner"] = owner
    # --- stakeholders (padded to K)
    sh_mask = np.zeros((A, K), bool)
    sh_level = np.zeros((A, K), int)
    sh_influence = np.zeros((A, K))
    sh_apparent = np.zeros((A, K))
    sh_resistance = np.zeros((A, K))
    chair = np.zeros(A, int)
    stance = np.zeros((A, K, S))
    personal = np.zeros((A, K, S))
    for a, acc in enumerate(sc.accounts):
        explicit = [j for j, k in enumerate(acc.stakeholders) if k.chair]
        buyers = [j for j, k in enumerate(acc.stakeholders) if k.level == "decision" and k.role == "economic_buyer"]
        top = max(range(len(acc.stakeholders)), key=lambda j: (LEVELS.index(acc.stakeholders[j].level), acc.stakeholders[j].influence))
        chair[a] = (explicit or buyers or [top])[0]
        for j, k in enumerate(acc.stakeholders):
            sh_mask[a, j] = True
            sh_level[a, j] = LEVELS.index(k.level)
            sh_influence[a, j] = k.influence
            sh_apparent[a, j] = k.influence if k.apparent_influence is None else k.apparent_influence
            sh_resistance[a, j] = sc.tuning.rival_resistance if k.resistance is None else k.resistance
            for sid, v in k.stance.items():
                st = float(v)
                pf = k.personal.get(sid, DEFAULT_PERSONAL) if st > 0 else 0.0
                stance[a, j, sidx[sid]] = st
                personal[a, j, sidx[sid]] = st * pf
    arr.update(sh_mask=sh_mask, sh_level=sh_level, sh_influence=sh_influence, sh_apparent=sh_apparent,
               sh_resistance=sh_resistance, chair=chair)
    # A file may have a person prefer two suppliers (the validator warns): the higher
    # keeps the preference, as in play (engine/stance_scale.one_preferred).
    personal, org = one_preferred(personal, stance - personal)
    arr["personal"] = personal
    arr["org"] = org
    level_count = np.stack([(sh_mask & (sh_level == lv)).sum(axis=1) for lv in range(L)], axis=1)
    arr["level_count"] = level_count
    arr["level_onehot"] = np.stack([(sh_level == lv) & sh_mask for lv in range(L)], axis=-1)  # [A,K,L]
    return World(
        scenario=sc,
        side_ids=side_ids,
        account_ids=tuple(a.id for a in sc.accounts),
        stakeholder_ids=tuple(tuple(k.id for k in a.stakeholders) for a in sc.accounts),
        rep_ids=tuple(tuple(r) for r in rep_ids),
        rep_names=tuple(tuple(r) for r in rep_names),
        player=sidx[sc.player_id],
        arrays=arr,
    )
