"""Money: revenue at the price actually charged, costs, and cash that arrives only after
the account's payment terms (a receivables pipeline), so a "big" account with six-month
terms can starve a supplier of cash while its profit looks fine.

A joint-venture stake is an investment, not an expense: cash goes into `invested`
(the supplier still owns it), profit is untouched.

Two costs differ by account. Cost of goods is the side's `cost_ratio` times the account's
`cost_index` (what it buys may be dearer to make: customised specs, small lots, hard
delivery; seed 003's project under the 15% margin bar), so accounts earn different
margins. The cost to serve (`tuning.cost_to_serve` by tier) is a fixed sum per turn for
every account a side supplies (seed 002: each account takes resources): small C accounts
that pay little can cost more than they earn. It is not scaled by payment terms, since the
receivables pipeline already makes slow payers cost cash.

Conservation: cash + receivables + invested changes by exactly revenue - costs.
"""
from __future__ import annotations

import numpy as np

from ..orders import OrderArrays
from ..state import State
from ..world import World


def revenue_by_account(w: World, state: State, orders: OrderArrays) -> np.ndarray:
    """Revenue per side and account this turn [G,S,A]."""
    price = w.side_price_index[None, :, None] * (1.0 - orders.cut)
    return state.demand[:, None, :] * state.share * price


def serve_cost(w: World, state: State) -> np.ndarray:
    """Cost to serve per side this turn [G,S]: each account's tier cost, in full where the
    side holds proven_share of the wallet or more and in proportion below, so a supplier
    pays for the accounts it really serves and a sliver of share costs a sliver."""
    presence = np.minimum(state.share / w.scenario.tuning.proven_share, 1.0)
    return (presence * w.serve_cost[None, None, :]).sum(-1)


def settle(w: World, state: State, orders: OrderArrays, invest: np.ndarray) -> dict[str, np.ndarray]:
    """Book one turn of money; returns the parts [G,S] for reports."""
    rev_a = revenue_by_account(w, state, orders)
    revenue = rev_a.sum(-1)
    cogs = (state.demand[:, None, :] * state.share * w.cost_index).sum(-1) * w.side_cost_ratio[None, :]
    reps = state.rep_alive.sum(-1)
    salaries = reps * w.side_rep_salary[None, :] * w.pay_salary_factor[state.pay]
    commission = revenue * w.pay_commission[state.pay]
    spending = orders.spending(w)
    serve = serve_cost(w, state)
    costs = cogs + salaries + commission + spending + serve

    # Collect what falls due, shift the pipe, then add this turn's invoices by lag.
    collected = state.recv[:, :, 0].copy()
    recv = np.concatenate([state.recv[:, :, 1:], np.zeros_like(state.recv[:, :, :1])], axis=2)
    for lag in w.lags:
        amount = rev_a[:, :, w.lag == lag].sum(-1)
        if lag == 0:
            collected = collected + amount
        else:
            recv[:, :, lag - 1] += amount
    state.recv = recv
    state.cash = state.cash + collected - costs - invest
    state.invested = state.invested + invest
    state.revenue = revenue
    state.profit = revenue - costs
    state.total_revenue = state.total_revenue + revenue
    state.total_profit = state.total_profit + state.profit
    return dict(revenue=revenue, cogs=cogs, salaries=salaries, commission=commission,
                spending=spending, serve=serve, collected=collected, invested=invest, profit=state.profit)
