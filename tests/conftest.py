"""Fixtures for the engine tests; the helpers themselves live in support.py, so test
modules import them by a name no other folder's conftest shadows."""
from support import big_market, in_repo_root, make_scenario, repo_root, small, tutorial  # noqa: F401  (fixtures)
