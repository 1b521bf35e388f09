"""Key Account Wars front end (pygame-ce + pygame_gui). Imports the engine's public API only.

Entry points: game.app.main(scenario) opens the window; game.screenshots.main(scenario,
out_dir) writes a PNG of every screen headless.
"""
import os as _os

_os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
