"""The team page's money line books the cost to serve where the case charges it (the
tutorial: Lanting Glass), in the page's language; `kaw run` shows it as a column."""
from __future__ import annotations

import re

from class_helpers import joined, trainer
from typer.testing import CliRunner

from engine import money
from kaw.cli import app


def test_the_team_page_gets_the_cost_to_serve_in_its_language(client, room):
    h0 = joined(client, room, 0)
    client.post("/api/trainer/resolve", headers=trainer(room))
    for lang, form in (("en", r"¥\d+\.\d\dM"), ("zh", r"\d+万元")):
        doc = client.get(f"/api/team?lang={lang}", headers=h0).json()
        shown = doc["money"]["report_serve"]
        assert re.fullmatch(form, shown), shown
        serve = doc["report"]["money"]["serve"]
        assert serve > 0 and shown == money(serve, "M¥", lang)
    words = (client.get("/static/i18n.js").text)
    assert 'serve: "Cost to serve"' in words and 'serve: "客户服务成本"' in words


def test_kaw_run_shows_the_cost_to_serve_column_only_where_charged():
    runner = CliRunner()
    tut = runner.invoke(app, ["run", "tutorial", "--seed", "1"], env={"COLUMNS": "200"})
    flank = runner.invoke(app, ["run", "flank_attack", "--seed", "1"], env={"COLUMNS": "200"})
    assert tut.exit_code == 0 and flank.exit_code == 0

    def header(output: str) -> str:  # the table's head, its words joined across wrapped lines
        head = output.split("┡")[0].split("┏")[1]
        return " ".join(w for ln in head.splitlines() for w in ln.replace("┃", " ").split())

    assert "serve" in header(tut.output) and "Cost" in header(tut.output)
    assert "serve" not in header(flank.output)
