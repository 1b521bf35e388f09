"""Saving, resuming, autosave, damaged saves, and the no-display exit."""
from __future__ import annotations

import ast
import json
import os
from pathlib import Path

import pygame
import pytest
from game_helpers import start_tutorial

from engine import Match
from game import saves


def play_quarters(drv, n: int) -> None:
    for _ in range(n):
        first = drv.scene.cards()[0].person.id                  # the first person on the buying center
        drv.click_slider(drv.scene.w[f"acct_days_{first}"], 2)
        drv.click("end_turn")
        drv.wait_for("resolution")
        drv.click("continue")
        drv.wait_for("planning")


def test_save_quit_and_resume_from_title(app, drv, save_dir):
    start_tutorial(drv)
    play_quarters(drv, 2)
    s = app.session
    digest, turn = s.match.state_hash(), s.match.turn
    assert turn == 2
    drv.key(pygame.K_ESCAPE)
    drv.wait_for("menu")
    drv.click("save")
    assert app.toast_text.startswith("Saved: ")
    drv.click("to_title")
    drv.wait_for("title")
    assert app.session is None
    cont = drv.scene.w["continue"]
    assert cont.is_enabled and "2 of 6 quarters played" in cont.text
    drv.click("continue")
    drv.wait_for("planning")
    r = app.session
    assert r is not s and r.match.turn == turn and r.match.state_hash() == digest
    assert r.save_path == s.save_path                              # keeps saving to the same file
    assert drv.scene.form.days["huaxin"]["gm"] == 20               # the last plan comes back too
    drv.click("end_turn")
    drv.wait_for("resolution")
    assert saves.list_saves(save_dir)[0].turn == 3


def test_resume_from_the_load_screen_and_finished_game(app, drv, save_dir):
    m = Match("tutorial", seed=5)
    m.reset()
    m.play_out()
    path = saves.write(m, "tutorial", save_dir / "done.kaw.json")
    drv.click("load")
    drv.wait_for("load")
    load = drv.scene
    assert [e.path for e in load.entries] == [path]
    drv.click(load.row_rects[0])
    drv.click("resume")
    drv.wait_for("debrief")                                       # a finished game opens its debrief
    assert app.session.done and app.session.match.state_hash() == m.state_hash()


def test_damaged_save_is_reported_and_left_untouched(app, drv, save_dir):
    save_dir.mkdir(parents=True)
    bad = save_dir / "tutorial-broken.kaw.json"
    junk = b'{"format": "key-account-wars-replay", "engine_version": "0.1.0", "scen'
    bad.write_bytes(junk)
    m0 = Match("tutorial", seed=2)
    m0.reset()
    good = saves.write(m0, "tutorial", save_dir / "good.kaw.json")
    drv.click("load")
    drv.wait_for("load")
    load = drv.scene
    by_name = {e.path.name: e for e in load.entries}
    assert not by_name[bad.name].ok and "damaged" in by_name[bad.name].reason
    assert by_name[good.name].ok
    drv.tick()
    assert any(t.startswith("Damaged save (left untouched)") for t in app.text.rendered)
    i = [e.path for e in load.entries].index(bad)
    drv.click(load.row_rects[i])
    assert not load.w["resume"].is_enabled                        # cannot resume it ...
    drv.key(pygame.K_RETURN)
    assert drv.scene.name == "load"
    assert bad.read_bytes() == junk                               # ... and it is never written to
    # the title's Continue skips it and offers the good one
    drv.key(pygame.K_ESCAPE)
    drv.wait_for("title")
    assert saves.latest(save_dir).path == good
    # saving a game over a damaged file writes a new file instead
    m = Match("tutorial", seed=3)
    m.reset()
    out = saves.write(m, "tutorial", bad)
    assert out != bad and out.exists() and bad.read_bytes() == junk


def test_save_that_no_longer_replays_says_why(app, drv, save_dir):
    save_dir.mkdir(parents=True)
    m = Match("tutorial", seed=4)
    m.reset()
    m.step()
    path = saves.write(m, "tutorial", save_dir / "x.kaw.json")
    text = path.read_text().replace(m.state_hash(), "0" * len(m.state_hash()))
    path.write_text(text)
    drv.click("load")
    drv.wait_for("load")
    [entry] = drv.scene.entries                                   # the list replays it, as resuming would
    assert not entry.ok and not entry.outdated and "does not reproduce" in entry.reason
    assert not drv.scene.w["resume"].is_enabled
    assert path.read_text() == text


def test_save_damaged_after_listing_says_why_on_resume(app, drv, save_dir):
    save_dir.mkdir(parents=True)
    m = Match("tutorial", seed=4)
    m.reset()
    m.step()
    path = saves.write(m, "tutorial", save_dir / "x.kaw.json")
    drv.click("load")
    drv.wait_for("load")
    assert drv.scene.entries[0].ok
    text = path.read_text().replace(m.state_hash(), "0" * len(m.state_hash()))
    path.write_text(text)
    drv.click("resume")
    assert drv.scene.name == "load"
    assert "cannot be resumed" in drv.scene.error and "does not give the saved game" in drv.scene.error
    assert path.read_text() == text


def test_autosave_is_atomic(monkeypatch, tmp_path):
    """A crash while writing leaves the previous save intact."""
    from engine import replay

    m = Match("tutorial", seed=1)
    m.reset()
    m.step()
    path = saves.write(m, "tutorial", tmp_path / "g.kaw.json")
    before = path.read_bytes()
    m.step()

    def boom(*a, **k):
        raise OSError("disk full")

    monkeypatch.setattr("os.replace", boom)
    with pytest.raises(OSError):
        replay.save(m, "tutorial", path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["g.kaw.json"]


def _tamper(path: Path, **changes) -> bytes:
    data = json.loads(path.read_text(encoding="utf-8"))
    data.update(changes)
    path.write_text(json.dumps(data), encoding="utf-8")
    return path.read_bytes()


def _played(seed: int, turns: int = 1, scenario="tutorial") -> Match:
    m = Match(scenario, seed=seed)
    m.reset()
    for _ in range(turns):
        m.step()
    return m


def _age(path: Path, seconds: float) -> None:
    t = path.stat().st_mtime - seconds
    os.utime(path, (t, t))


def test_continue_offers_only_a_save_that_will_resume(app, drv, save_dir, tmp_path, repo_root):
    save_dir.mkdir(parents=True)
    good = saves.write(_played(1, 2), "tutorial", save_dir / "good.kaw.json")
    _age(good, 300)
    # newer, parse-valid, but not resumable: a bit flip in "human"; and a scenario file edited since
    flipped = saves.write(_played(2), "tutorial", save_dir / "flipped.kaw.json")
    _tamper(flipped, controllers={"hengtai": "h}man"})
    _age(flipped, 100)
    src = tmp_path / "mine.yaml"
    src.write_bytes((repo_root / "scenarios" / "tutorial.yaml").read_bytes())
    mine = _played(3, scenario=src)
    changed = saves.write(mine, str(src), save_dir / "changed.kaw.json")
    src.write_text(src.read_text(encoding="utf-8").replace("\n    demand: ", "\n    demand: 1", 1), encoding="utf-8")

    by_name = {e.path.name: e for e in saves.list_saves(save_dir)}
    assert by_name["good.kaw.json"].ok
    bad = by_name["flipped.kaw.json"]
    assert not bad.ok and not bad.outdated and "unknown controller 'h}man'" in bad.reason
    old = by_name["changed.kaw.json"]
    assert not old.ok and old.outdated and "has changed since this game was saved" in old.reason
    assert saves.latest(save_dir).path == good

    assert drv.scene.name == "title"
    drv.scene.rebuild()                                        # the saves were written after it opened
    assert "2 of 6 quarters played" in drv.scene.w["continue"].text
    drv.click("load")
    drv.wait_for("load")
    drv.tick()
    assert any(t.startswith("This save cannot be resumed: its case") for t in app.text.rendered)
    assert any(t.startswith("Damaged save (left untouched): it cannot be read as a save (unknown controller")
               for t in app.text.rendered)


def test_the_list_replays_a_save_once_until_it_or_its_scenario_changes(save_dir, monkeypatch, tmp_path, repo_root):
    from engine import replay

    src = tmp_path / "mine.yaml"
    src.write_bytes((repo_root / "scenarios" / "tutorial.yaml").read_bytes())
    path = saves.write(_played(4, scenario=src), str(src), save_dir / "a.kaw.json")
    calls = []
    real = replay.rebuild
    monkeypatch.setattr(replay, "rebuild", lambda *a, **k: calls.append(1) or real(*a, **k))
    assert saves.list_saves(save_dir)[0].ok and len(calls) == 1
    assert saves.list_saves(save_dir)[0].ok and saves.latest(save_dir).ok and len(calls) == 1
    src.write_text(src.read_text(encoding="utf-8").replace("\n    demand: ", "\n    demand: 1", 1), encoding="utf-8")
    assert saves.list_saves(save_dir)[0].outdated and len(calls) == 2   # its scenario changed: checked again
    _tamper(path, state_hash="0" * 64)                                 # the save changed: checked again
    assert not saves.list_saves(save_dir)[0].ok and len(calls) == 3


@pytest.mark.parametrize("damage", ["state_hash", "seed", "turn_of_another_game"])
def test_autosave_never_overwrites_a_parse_valid_damaged_save(save_dir, damage):
    from engine import Orders
    from game.session import Session

    path = saves.write(_played(5), "tutorial", save_dir / "mine.kaw.json")
    session = Session.resume(path)
    if damage == "state_hash":
        junk = _tamper(path, state_hash="0" * 64)
    elif damage == "seed":
        junk = _tamper(path, seed=6)
    else:
        path.unlink()
        junk = saves.write(_played(7, 2), "tutorial", path).read_bytes()
    session.end_turn(Orders())
    assert not session.save_failed
    assert session.save_path != path and session.save_path.parent == save_dir
    assert path.read_bytes() == junk                                  # the damaged file is kept as it was
    assert saves.load(session.save_path).state_hash() == session.match.state_hash()
    # and later autosaves keep going to the new file
    second = session.save_path
    session.end_turn(Orders())
    assert session.save_path == second and path.read_bytes() == junk


def test_listing_sweeps_temporary_files_of_killed_saves(save_dir):
    from engine import replay

    good = saves.write(_played(8), "tutorial", save_dir / "g.kaw.json")
    stale = save_dir / "h.kaw.json.k1ll3d_x.tmp"
    fresh = save_dir / "g.kaw.json.inflight.tmp"
    mine = save_dir / "notes.txt.abcdefgh.tmp"
    for p in (stale, fresh, mine):
        p.write_text("{half", encoding="utf-8")
    for p in (stale, mine):
        _age(p, 10 * replay.STALE_TEMP_SECONDS)
    assert [e.path for e in saves.list_saves(save_dir)] == [good]
    assert not stale.exists() and fresh.exists() and mine.exists()


# ------------------------------------------------------------------------ no display


def test_no_display_exits_with_a_pointer_to_kaw_run(monkeypatch, capsys):
    from game import app as game_app

    for k in ("DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER"):
        monkeypatch.delenv(k, raising=False)
    monkeypatch.setattr(game_app.sys, "platform", "linux")
    assert game_app.main("tutorial") == 2
    err = capsys.readouterr().err
    assert "kaw run" in err and "display" in err


def test_unknown_scenario_is_refused(capsys):
    from game import app as game_app

    assert game_app.main("no_such_scenario") == 1
    assert "no_such_scenario" in capsys.readouterr().err


# ------------------------------------------------------------------------ imports


ALLOWED = {"engine", "engine.replay", "engine.scenario", "engine.stance_scale"}   # as tests/test_layers.py


def test_game_imports_only_the_engine_public_api():
    import engine

    public = set(engine.__all__) | {"replay", "scenario"}   # the two allowed submodules
    root = Path(__file__).resolve().parents[2] / "game"
    bad = []
    for py in root.rglob("*.py"):
        for node in ast.walk(ast.parse(py.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                mods = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                mods = [node.module]
                if node.module == "engine":
                    bad += [f"{py.name}: engine.{a.name}" for a in node.names if a.name not in public]
            else:
                continue
            bad += [f"{py.name}: {m}" for m in mods if m.split(".")[0] == "engine" and m not in ALLOWED]
    assert bad == []


def test_the_saves_list_says_why_in_the_players_language(app, drv, save_dir, tmp_path, repo_root):
    """In Chinese, a save that will not resume is explained in Chinese (the engine's own
    detail, a parser's words, kept as written), without the file's path again; in English
    the same reasons read in English."""
    save_dir.mkdir(parents=True)
    (save_dir / "broken.kaw.json").write_bytes(b'{"format": "key-account-wars-replay", "scen')
    flipped = saves.write(_played(2), "tutorial", save_dir / "flipped.kaw.json")
    _tamper(flipped, state_hash="0" * 64)
    src = tmp_path / "mine.yaml"
    src.write_bytes((repo_root / "scenarios" / "tutorial.yaml").read_bytes())
    saves.write(_played(3, scenario=src), str(src), save_dir / "changed.kaw.json")
    src.write_text(src.read_text(encoding="utf-8").replace("\n    demand: ", "\n    demand: 1", 1), encoding="utf-8")
    later = saves.write(_played(4), "tutorial", save_dir / "later.kaw.json")
    _tamper(later, engine_version="9.9.9", state_hash="0" * 64)

    shown = {}
    for lang in ("zh", "en"):
        app.set_lang(lang)
        drv.click("load")
        drv.wait_for("load")
        app.text.clear()                                         # drawn afresh, not from the cache
        app.text.rendered.clear()
        drv.tick()
        shown[lang] = [t for t in app.text.rendered if t.startswith(("存档已损坏", "无法读取此存档", "Damaged save",
                                                                      "This save cannot"))]
        drv.key(pygame.K_ESCAPE)
        drv.wait_for("title")
    zh, en = "\n".join(shown["zh"]), "\n".join(shown["en"])
    assert len(shown["zh"]) == len(shown["en"]) == 4, shown
    assert "无法作为存档读取（" in zh and "重新执行其指令，得不到所存的局面" in zh
    assert "案例“" in zh and "已有改动" in zh and "（由游戏9.9.9版保存" in zh
    assert str(save_dir) not in zh + en  # the list names the file already
    for english in ("the save file is damaged", "does not reproduce", "has changed since", "saved with engine"):
        assert english not in zh
    assert "it cannot be read as a save (" in en and "playing its orders again does not give the saved game" in en
    assert "(saved with version 9.9.9 of the game" in en
