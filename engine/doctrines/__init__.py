"""Rival doctrines and bots, registered by name (see base.REGISTRY)."""
from . import blitzer, bots, concentrator, defender, flanker, frontal, mistakes, poacher  # noqa: F401  (registration side effects)
from .base import REGISTRY, Decision, Doctrine, register, resolve_params

__all__ = ["REGISTRY", "Decision", "Doctrine", "register", "resolve_params"]
