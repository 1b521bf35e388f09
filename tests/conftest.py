"""Fixtures for the engine tests; the helpers themselves live in support.py, so test
modules import them by a name no other folder's conftest shadows.

Any test that touches pygame runs headless, whatever display the machine has, and every
`kaw list` remembers its summaries in a folder of this session, never the user's cache."""
import os
import tempfile

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"
os.environ["KAW_CACHE_DIR"] = tempfile.mkdtemp(prefix="kaw-test-cache-")
# rich fixes a console's width from COLUMNS when kaw's modules are first imported, so
# whichever test imports them first would decide how wide every later table is (and
# under pytest-xdist that test differs from run to run): one width for the session.
os.environ["COLUMNS"] = "200"

from support import big_market, in_repo_root, make_scenario, repo_root, small, tutorial  # noqa: E402,F401  (fixtures)
