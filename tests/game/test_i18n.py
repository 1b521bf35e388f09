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
