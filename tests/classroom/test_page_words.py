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


# ------------------------------------------------------------------ one vocabulary with the window game
# A trainee who plays the window game and a class meets the same Chinese words for the same
# things. The pages cannot read game/i18n.py (the classroom does not import the game, and
# the pages are static files), so this holds them equal: page table, page key -> game key.
# Where the engine names a thing itself (the scorecard's parts), its words win everywhere.
VALUE = re.compile(r'(?:^|[{,])\s*(\w+):\s*"((?:[^"\\]|\\.)*)"', re.M)

SAME_AS_THE_GAME = {
    ("WORDS", "app"): "app_title", ("WORDS", "portfolio"): "portfolio", ("WORDS", "buying_center"): "buying_center",
    ("WORDS", "company"): "company", ("WORDS", "briefing"): "briefing", ("WORDS", "news"): "news",
    ("WORDS", "debrief"): "debrief", ("WORDS", "results_of"): "results_of", ("WORDS", "quarter_of"): "quarter_of",
    ("WORDS", "cash"): "cash", ("WORDS", "days"): "m_days", ("WORDS", "visits"): "m_visits",
    ("WORDS", "score"): "score", ("WORDS", "satisfaction"): "satisfaction", ("WORDS", "person"): "col_person",
    ("WORDS", "stance"): "stance_toward_us", ("WORDS", "rivals"): "rivals", ("WORDS", "coach"): "coach",
    ("WORDS", "new_seat"): "new_in_seat", ("WORDS", "events"): "what_happened", ("WORDS", "shares"): "share_of_wallet",
    ("WORDS", "stances"): "relationships", ("WORDS", "money"): "money", ("WORDS", "revenue"): "revenue",
    ("WORDS", "serve"): "serve", ("WORDS", "profit"): "profit", ("WORDS", "objectives"): "objectives",
    ("WORDS", "lessons"): "tab_lessons", ("WORDS", "why_won"): "tab_why", ("WORDS", "met"): "met",
    ("WORDS", "not_met"): "missed", ("WORDS", "won"): "verdict_won", ("WORDS", "held"): "verdict_held",
    ("WORDS", "lost"): "verdict_lost", ("WORDS", "dropped"): "verdict_dropped", ("WORDS", "chart_start"): "start_q",
    ("CONSOLE_WORDS", "quarter_of"): "quarter_of", ("CONSOLE_WORDS", "game_over"): "game_over",
    ("CONSOLE_WORDS", "score"): "score", ("CONSOLE_WORDS", "cash"): "cash",
    ("CONSOLE_WORDS", "satisfaction"): "satisfaction", ("CONSOLE_WORDS", "objectives"): "objectives",
    ("CONSOLE_WORDS", "no_difference"): "review_same", ("CONSOLE_WORDS", "chart_start"): "start_q",
}


def words(name: str, lang: str) -> dict[str, str]:
    """A table of i18n.js as {key: text}."""
    body = I18N.split(f"const {name} = {{", 1)[1]
    start = body.index(f"{lang}: {{") + len(lang) + 3
    depth, end = 1, start
    while depth:
        depth += {"{": 1, "}": -1}.get(body[end], 0)
        end += 1
    return dict(VALUE.findall(body[start:end - 1]))


def test_the_pages_say_in_chinese_what_the_window_game_says():
    from game.i18n import ZH

    pages = {(name, key): words(name, "zh")[key] for name, key in SAME_AS_THE_GAME}
    assert pages == {k: ZH[game_key] for k, game_key in SAME_AS_THE_GAME.items()}
    assert words("WORDS", "zh")["drivers"] + "：" == ZH["vs_rival"]  # the page writes the colon itself
    for name in ("LEVEL_WORDS", "ROLE_WORDS"):
        prefix = name.split("_")[0].lower()
        assert {k: v for k, v in words(name, "zh").items() if ZH.get(f"{prefix}_{k}")} == \
            {k: ZH[f"{prefix}_{k}"] for k in words(name, "zh") if ZH.get(f"{prefix}_{k}")}


def test_the_pages_name_a_class_and_its_modes_as_the_game_s_class_screen_does():
    """The game's "Run a class" screen calls a class's teams 小组 (第1组), their codes 小组代码,
    the trainer 讲师 and the modes 平行 and 同一市场: so do the pages, the report, the class
    debrief and what the class refuses."""
    from classroom.debrief import WORDS as DEBRIEF_WORDS
    from classroom.report import WORDS as REPORT_WORDS
    from classroom.session import REFUSED, default_team_name
    from game.i18n import ZH

    assert "小组" in ZH["class_teams"] and ZH["class_codes"].startswith("小组代码") and "讲师" in ZH["class_intro"]
    assert default_team_name(0, "zh") == "第1组"
    console = words("CONSOLE_WORDS", "zh")
    assert console["mode_parallel"].startswith(ZH["class_mode_parallel"] + "模式：")
    assert console["mode_market"].startswith(ZH["class_mode_market"] + "模式：")
    assert REPORT_WORDS["zh"]["parallel"].startswith(ZH["class_mode_parallel"] + "（")
    assert REPORT_WORDS["zh"]["market"].startswith(ZH["class_mode_market"] + "（")
    assert REPORT_WORDS["zh"]["scenario"] == ZH["class_scenario"] and REPORT_WORDS["zh"]["start"] == ZH["start_q"]
    assert words("WORDS", "zh")["join_code"] == "小组代码" and words("WORDS", "zh")["team"] == console["team"] == "小组"
    texts = {**{f"WORDS.{k}": v for k, v in words("WORDS", "zh").items()},
             **{f"CONSOLE_WORDS.{k}": v for k, v in console.items()},
             **{f"report.{k}": v for k, v in REPORT_WORDS["zh"].items()},
             **{f"debrief.{k}": v for k, v in DEBRIEF_WORDS["zh"].items()},
             **{f"refused.{k}": v["zh"] for k, v in REFUSED.items()}}
    # the words the pages used before, for the game's: 内线 (教练), 案例简介 (任务简报), 采购决策团
    # (采购中心), 团队 for a class's team (小组; 铁三角团队 is the engine's lever), 培训师 (讲师),
    # 加入码 (小组代码), 并行 (平行)
    others = ("内线", "案例简介", "采购决策团", "团队", "培训师", "加入码", "并行")
    left = {k: v for k, v in texts.items() for w in others if w in v.replace("铁三角团队", "")}
    assert not left, left


def test_the_scorecard_parts_are_the_engine_s_words_everywhere():
    from classroom.report import WORDS as REPORT_WORDS
    from engine.review import WORDS as REVIEW_WORDS
    from game.i18n import ZH

    for lang in ("en", "zh"):
        engine_words = REVIEW_WORDS[lang]["perspectives"]
        for table in (words("WORDS", lang), words("CONSOLE_WORDS", lang), REPORT_WORDS[lang]):
            assert {p: table[p] for p in engine_words} == engine_words
    assert {p: ZH[f"p_{p}"] for p in REVIEW_WORDS["zh"]["perspectives"]} == REVIEW_WORDS["zh"]["perspectives"]
