"""`make screenshots`: one legible PNG per screen of a shipped scenario."""
from __future__ import annotations

import os

import pygame

from game import screenshots


def test_screenshots_of_every_scene(tmp_path, save_dir):
    out = tmp_path / "shots"
    assert screenshots.main("tutorial", out) == 0
    names = sorted(p.stem for p in out.glob("*.png"))
    for scene in ("title", "select", "briefing", "planning", "confirm_drop", "help", "menu", "resolution",
                  "debrief_results", "debrief_charts", "debrief_why", "debrief_lessons", "debrief_review", "saved_games",
                  "planning_zh"):
        assert any(n.split("_", 1)[1] == scene for n in names), scene
    for p in out.glob("*.png"):
        img = pygame.image.load(str(p))
        assert img.get_size() == (1280, 720)
        colours = {tuple(img.get_at((x, y)))[:3] for x in range(0, 1280, 16) for y in range(0, 720, 16)}
        assert len(colours) > 8, p.name                               # not blank
    assert os.environ["KAW_SAVE_DIR"] == str(save_dir)                # the player's saves left alone
    assert not save_dir.exists()
