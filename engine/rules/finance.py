"""Money: revenue at the price actually charged, costs, and cash that arrives only after
the account's payment terms (a receivables pipeline), so a "big" account with six-month
terms can starve a supplier of cash while its profit looks fine.

A joint-venture stake is an investment, not an expense: cash goes into `invested`
(the supplier still owns it), profit is untouched.

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


def settle(w: World, state: State, orders: OrderArrays, invest: np.ndarray) -> dict[str, np.ndarray]:
    """Book one turn of money; returns the parts [G,S] for reports."""
    rev_a = revenue_by_account(w, state, orders)
    revenue = rev_a.sum(-1)
    cogs = (state.demand[:, None, :] * state.share).sum(-1) * w.side_cost_ratio[None, :]
    reps = state.rep_alive.sum(-1)
    salaries = reps * w.side_rep_salary[None, :] * w.pay_salary_factor[state.pay]
    commission = revenue * w.pay_commission[state.pay]
    spending = orders.spending(w)
    costs = cogs + salaries + commission + spending

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
                spending=spending, collected=collected, invested=invest, profit=state.profit)
