"""The debrief's review tab, in Chinese, keeps "种子" and the seed on one row.

"（种子 {seed}）" had a space before the seed, and the text after it has none: pygame_gui
wrapped at that space, so the first row stopped half-way at "（种子" and the seed began the
next ("3）：同样的事件…"). Checked on the laid-out rows of the review text.
"""
from __future__ import annotations

from game_helpers import debrief_after_empty_quarters, start_tutorial


def test_seed_stays_beside_its_word(app, drv):
    app.set_lang("zh")
    start_tutorial(drv)
    scene = debrief_after_empty_quarters(app)
    drv.tick(2)
    drv.click(scene.w["tab_review"], frames=4)
    box = drv.scene.w["review_text"]
    rows = ["".join(getattr(ch, "text", "") or "" for ch in row.items) for row in box.text_box_layout.layout_rows]
    first = next(r for r in rows if "种子" in r)
    assert f"种子{drv.scene.review.seed}" in first, rows[:3]
