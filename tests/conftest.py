"""Fixtures for the engine tests; the helpers themselves live in support.py, so test
modules import them by a name no other folder's conftest shadows.

Any test that touches pygame runs headless, whatever display the machine has."""
import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"

from support import big_market, in_repo_root, make_scenario, repo_root, small, tutorial  # noqa: E402,F401  (fixtures)
