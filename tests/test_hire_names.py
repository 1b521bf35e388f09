"""Reps have names in the player's language: the scenario's own (where it gives both) and,
for hires, people's names from engine/hire_names.yaml, the same in every run."""
from engine import Match, Orders, load_scenario
from engine.hire_names import hire_name, hire_names


def reps_after_hiring(lang: str) -> list[str]:
    m = Match(load_scenario("tutorial"), seed=5, lang=lang)
    m.reset()
    m.step(Orders(hire=2))
    return [r.name for r in m.observe().reps]


def test_scenario_reps_are_named_in_the_players_language():
    en, zh = reps_after_hiring("en"), reps_after_hiring("zh")
    assert en[:3] == ["Li Ming", "Zhao Lei", "Chen Jing"]
    assert zh[:3] == ["李明", "赵磊", "陈静"]


def test_hires_get_peoples_names_paired_across_languages_and_runs():
    en, zh = reps_after_hiring("en"), reps_after_hiring("zh")
    assert len(en) == 5 and en == reps_after_hiring("en")
    pairs = {e["en"]: e["zh"] for e in hire_names()}
    for e, z in zip(en[3:], zh[3:]):
        assert pairs[e] == z                       # one person, in both languages
    assert len(set(en)) == 5                        # nobody hired twice, nobody named like a starter


def test_a_hire_never_takes_a_name_the_scenario_uses():
    first = hire_name("us", 1, "en")
    assert hire_name("us", 1, "en", frozenset({first})) != first
    assert hire_name("us", 1, "en") != hire_name("us", 2, "en")
