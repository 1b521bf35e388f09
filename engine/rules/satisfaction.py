"""Satisfaction: what quality and service deserve, pulled down by quality incidents.

Service softens an incident (complaints answered); an account left without service
drifts toward what product quality alone deserves, which for a weak product is low.
Quality programmes raise a side's product quality slowly.
"""
from __future__ import annotations

import numpy as np

from .. import jit
from ..orders import OrderArrays
from ..state import State
from ..world import World
from .satisfaction_kernel import satisfaction_cells


def service_response(orders: OrderArrays) -> np.ndarray:
    return orders.service / (orders.service + 2.0)


def improve_quality(w: World, state: State, orders: OrderArrays) -> None:
    q = orders.quality
    state.quality = np.minimum(state.quality + 0.12 * q / (q + 1.0) * (1.0 - state.quality), 1.0)


def update(w: World, state: State, orders: OrderArrays) -> None:
    tu = w.scenario.tuning
    fused = jit.kernel(satisfaction_cells, state.G)
    if fused is not None:  # a large batch: one compiled pass, the same satisfaction
        new = np.empty(state.satisfaction.shape)
        fused(new, state.satisfaction, state.incident, state.quality, orders.service, orders.teams,
              w.side_service_speed, tu.satisfaction_speed)
        state.satisfaction = new
        state.incident = np.zeros_like(state.incident)
        return
    srv = service_response(orders)
    deserve = (
        0.45 * state.quality[:, :, None]
        + 0.35 * srv
        + 0.2 * w.side_service_speed[None, :, None]
        + 0.1 * orders.teams
    )
    hit = state.incident * (1.0 - 0.6 * srv)
    sat = state.satisfaction + tu.satisfaction_speed * (np.minimum(deserve, 1.0) - state.satisfaction) - hit
    state.satisfaction = np.clip(sat, 0.0, 1.0)
    state.incident = np.zeros_like(state.incident)
