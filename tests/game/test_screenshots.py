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


def test_screenshots_of_a_side_with_few_rep_days(tmp_path, save_dir, repo_root):
    """`kaw screenshots` plays the first quarter by hand (days to the first people, a visit,
    service). A side with fewer rep days than that plan could not end the quarter, and the
    command stopped with an AssertionError traceback ('expected the resolution screen,
    got planning') for a scenario that validates and plays."""
    text = (repo_root / "scenarios" / "tutorial.yaml").read_text(encoding="utf-8")
    assert "    rep_days: 45\n" in text and "\nid: tutorial\n" in text
    text = text.replace("\nid: tutorial\n", "\nid: few_days\n", 1)  # (a shipped id opens the shipped file)
    case = tmp_path / "few_days.yaml"
    case.write_text(text.replace("    rep_days: 45\n", "    rep_days: 1\n", 1), encoding="utf-8")
    out = tmp_path / "shots"
    assert screenshots.main(str(case), out) == 0
    names = {p.stem.split("_", 1)[1] for p in out.glob("*.png")}
    assert {"resolution", "debrief_results", "planning_zh"} <= names


def test_screenshots_of_a_file_play_that_file_even_with_a_shipped_id(tmp_path, save_dir, repo_root, monkeypatch):
    """A trainer who copies scenarios/tutorial.yaml to edit it keeps 'id: tutorial'.
    `kaw screenshots my_copy.yaml` found that id among the shipped cards and pictured the
    shipped tutorial, not the file it was given (both the first game and the Chinese one)."""
    from game.app import App

    text = (repo_root / "scenarios" / "tutorial.yaml").read_text(encoding="utf-8")
    case = tmp_path / "my_copy.yaml"
    case.write_text(text.replace("    rep_days: 45\n", "    rep_days: 30\n", 1), encoding="utf-8")
    opened = []
    real = App.new_game
    monkeypatch.setattr(App, "new_game", lambda self, scenario: (opened.append(scenario), real(self, scenario))[1])
    assert screenshots.main(str(case), tmp_path / "shots") == 0
    assert opened == [str(case), str(case)]
