"""Both languages for every label of the pages: the English and Chinese tables of
classroom/static/i18n.js (team page words and console words) have the same keys."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

I18N = (Path(__file__).resolve().parents[2] / "classroom" / "static" / "i18n.js").read_text(encoding="utf-8")
KEY = re.compile(r'(?:^|[{,])\s*(\w+):\s*"', re.M)


def table(name: str, lang: str) -> set[str]:
    body = I18N.split(f"const {name} = {{", 1)[1]
    start = body.index(f"{lang}: {{") + len(lang) + 3
    depth, end = 1, start
    while depth:  # to the brace closing this language's object (placeholders like {n} are balanced)
        depth += {"{": 1, "}": -1}.get(body[end], 0)
        end += 1
    return set(KEY.findall(body[start:end - 1]))


@pytest.mark.parametrize("name", ["WORDS", "CONSOLE_WORDS", "LEVEL_WORDS", "ROLE_WORDS"])
def test_english_and_chinese_have_the_same_words(name):
    en, zh = table(name, "en"), table(name, "zh")
    assert len(en) >= 3 and en == zh, (en ^ zh)


def test_every_verdict_the_debrief_gives_has_its_words_on_the_team_page():
    """The team page's debrief shows a verdict by its word (`L(e.verdict)`): each one the
    engine can give ("dropped" too) needs it in both languages, or the key itself shows."""
    from engine.explain import WORDS as ENGINE_WORDS

    verdicts = set(ENGINE_WORDS["en"]["verdict"])
    assert "dropped" in verdicts
    assert verdicts <= table("WORDS", "en") and verdicts <= table("WORDS", "zh")


def test_pay_plans_are_named_as_the_window_game_names_them():
    """The class's pages and report say the pay plans' names (not their ids), in the words
    of the window game (game/i18n.py); every plan the engine's lever offers has them."""
    from classroom.views import PAY_PLAN_WORDS
    from engine import LEVERS
    from game.i18n import EN, ZH

    plans = next(lv.choices for lv in LEVERS if lv.name == "pay_plan")
    for lang, game_words in (("en", EN), ("zh", ZH)):
        assert PAY_PLAN_WORDS[lang] == {p: game_words[f"pay_{p}"] for p in plans}
