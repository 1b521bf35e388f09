"""Every label the game draws from the engine's vocabularies exists in both languages.

A cause, lever or share driver added to the engine without a label shows up on screen
as its raw key ("sc_rivalry"); these tests name what is missing instead.
"""
from __future__ import annotations

import pytest

from engine.rules.causes import SHARE_CAUSES, STANCE_CAUSES
from game.i18n import EN, ZH


@pytest.mark.parametrize("table", [EN, ZH], ids=["en", "zh"])
def test_every_stance_and_share_cause_has_a_label(table):
    missing = [f"sc_{c}" for c in STANCE_CAUSES if f"sc_{c}" not in table]
    missing += [f"cause_{c}" for c in SHARE_CAUSES if f"cause_{c}" not in table]
    assert not missing, f"labels missing: {missing}"


def test_both_tables_have_the_same_keys():
    assert sorted(set(EN) - set(ZH)) == [] and sorted(set(ZH) - set(EN)) == []


@pytest.mark.parametrize("table, lang", [(EN, "en"), (ZH, "zh")], ids=["en", "zh"])
def test_every_doctrine_is_named_as_the_engine_names_it(table, lang):
    """A rival "plays as" a doctrine by the engine's label (one declaration, which the
    classroom also names a bot by), for every doctrine a scenario may give a rival."""
    from engine import DOCTRINES

    assert {k: v for k, v in table.items() if k.startswith("doc_")} == \
        {f"doc_{name}": d.label[lang] for name, d in DOCTRINES.items()}


# ------------------------------------------------------------------ the engine's words win
# Where the engine names a thing in Chinese itself (the stance scale's steps in its
# explanations, the scorecard's parts in its star rules), the game says it the same way:
# the resolution screen's "态度从“支持”变为“偏好我方”" beside a chip saying "偏向我方", or the
# star rules' "流程" beside the scorecard's "内部流程", were two names for one thing.
def test_the_stance_steps_are_named_as_the_engine_names_them():
    from engine.stance_scale import STEP_WORDS

    for table, lang in ((EN, "en"), (ZH, "zh")):
        assert {k: v for k, v in table.items() if k.startswith("st_")} == \
            {f"st_{step}": word for step, word in STEP_WORDS[lang].items()}


def test_the_scorecard_parts_are_named_in_chinese_as_the_engine_names_them():
    from engine.metrics import PERSPECTIVES
    from engine.review import WORDS as REVIEW_WORDS

    assert {p: ZH[f"p_{p}"] for p in PERSPECTIVES} == REVIEW_WORDS["zh"]["perspectives"]


def test_no_other_chinese_name_for_a_stance_step_or_a_scorecard_part_is_left():
    from game.glossary import glossary_html
    from game.i18n import HELP_ZH

    texts = [*ZH.values(), HELP_ZH, glossary_html("zh")]
    for other in ("偏向我方", "起算偏向", "内部流程", "学习与成长"):
        assert not [t for t in texts if other in t], other
