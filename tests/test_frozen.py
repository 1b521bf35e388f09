"""Views built by engine.frozen.built are the frozen dataclasses their classes declare."""
import dataclasses

import pytest

from engine import Match, load_scenario
from engine.frozen import built
from engine.observation import RepView


def _views(x):
    """Every dataclass instance inside x (an observation or a report), depth first."""
    if dataclasses.is_dataclass(x) and not isinstance(x, type):
        yield x
        for f in dataclasses.fields(x):
            yield from _views(getattr(x, f.name))
    elif isinstance(x, (tuple, list)):
        for item in x:
            yield from _views(item)


def test_built_refuses_a_field_left_out_or_unknown():
    with pytest.raises(TypeError, match="missing \\['accounts'\\]"):
        built(RepView, id="r1", name="Li", skill=0.5, morale=0.5)
    with pytest.raises(TypeError, match="unknown \\['skil'\\]"):
        built(RepView, id="r1", name="Li", skil=0.5, morale=0.5, accounts=())


def test_observations_and_reports_hold_exactly_their_declared_fields_and_stay_frozen():
    sc = load_scenario("internal_collapse")
    m = Match(sc, 3, controllers={sc.player: "defender"})
    m.reset()
    seen = 0
    for _ in range(4):
        report = m.step()
        for view in [*_views(m.observe()), *_views(report)]:
            # The dataclass's own constructor takes exactly these fields and gives an equal view.
            assert type(view)(**{f.name: getattr(view, f.name) for f in dataclasses.fields(view)}) == view
            assert set(vars(view)) == {f.name for f in dataclasses.fields(view)}
            with pytest.raises(dataclasses.FrozenInstanceError):
                setattr(view, dataclasses.fields(view)[0].name, None)
            seen += 1
    assert seen > 200
