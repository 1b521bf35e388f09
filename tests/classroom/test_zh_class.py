"""A class started in Chinese (`kaw class --lang zh`), as its teams and its trainer see it
in a real browser (Debian's chromium, driven by Playwright), opened from the plain join
address and console link (no #lang=... in them).

The page's language is, in this order: the link's (#lang=...), the one the team chose
before in this class, the class's own. Skipped only when /usr/bin/chromium is absent
(.ci/run installs it)."""
from __future__ import annotations

import json
import re

import pytest
from starlette.testclient import TestClient

from class_helpers import CHROMIUM, NO_CHROMIUM, served_class
from classroom.app import create_app
from classroom.session import Classroom

browser_test = pytest.mark.skipif(not CHROMIUM.exists(), reason=NO_CHROMIUM)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """(base address, trainer key, join codes) of a class served by `kaw class --lang zh`."""
    yield from served_class(tmp_path_factory.mktemp("class"), "--lang", "zh")


def joined_page(context, base: str, code: str, path: str = "/"):
    page = context.new_page()
    page.goto(base + path)
    page.wait_for_selector("#join:not(.hidden)")
    page.fill("#code", code)
    page.click("#joinbtn")
    page.wait_for_selector("#game:not(.hidden) #people tr >> nth=1")
    return page


@pytest.mark.parametrize("lang, html_lang", [("zh", "zh-CN"), ("en", "en")])
def test_the_pages_are_served_in_the_class_language(tmp_path, lang, html_lang):
    room = Classroom.create(tmp_path / "c.db", "tutorial", teams=2, lang=lang)
    try:
        with TestClient(create_app(room)) as client:
            for path in ("/", "/console"):
                head = client.get(path).text.split("<head>", 1)[0]
                assert f'lang="{html_lang}" data-class-lang="{lang}"' in head, head
                assert f'data-class="{room.meta["created"]}"' in head
    finally:
        room.store.close()


@browser_test
def test_the_team_page_opens_in_the_class_language(served, browser):
    base, _, codes = served
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(base + "/")
    page.wait_for_selector("#join:not(.hidden)")
    assert page.inner_text("#join h2") == "加入你的小组"
    assert page.input_value("#lang") == "zh" and page.evaluate("document.documentElement.lang") == "zh-CN"
    page.fill("#code", codes[0])
    page.click("#joinbtn")
    page.wait_for_selector("#game:not(.hidden) #people tr >> nth=1")
    assert "排行榜" in page.inner_text("main#game") and "华信钢铁" in page.inner_text("#portfolio")
    context.close()


@browser_test
def test_a_language_chosen_in_another_class_does_not_decide(served, browser):
    """A browser that chose English on this address in another class (a shared classroom
    PC, the trainer's own try-out), or before choices were kept per class, opens this
    class in its language."""
    base, _, _ = served
    context = browser.new_context()
    page = context.new_page()
    page.goto(base + "/")
    for stored in ("en", json.dumps({"lang": "en", "class": "another class"})):
        page.evaluate("(v) => localStorage.setItem('kaw_lang', v)", stored)
        page.reload()
        page.wait_for_selector("#join:not(.hidden)")
        assert page.inner_text("#join h2") == "加入你的小组", stored
    context.close()


@browser_test
def test_the_team_choice_beats_the_class_language_and_the_link_beats_both(served, browser):
    base, _, codes = served
    context = browser.new_context()
    page = joined_page(context, base, codes[1])
    page.select_option("#lang", "en")
    page.wait_for_selector("#portfolio >> text=Huaxin Steel")
    again = context.new_page()  # the team's own choice, in this class, is kept
    again.goto(base + "/")
    again.wait_for_selector("#portfolio >> text=Huaxin Steel")
    assert again.input_value("#lang") == "en" and "Leaderboard" in again.inner_text("main#game")
    linked = context.new_page()  # a link that names a language wins over it
    linked.goto(base + "/#lang=zh")
    linked.wait_for_selector("#portfolio >> text=华信钢铁")
    assert linked.input_value("#lang") == "zh"
    context.close()


@browser_test
def test_the_console_opens_in_the_class_language_at_once(served, browser):
    """From its first paint, before the class's status answers (here: never)."""
    base, key, _ = served
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    console = context.new_page()
    console.route("**/api/trainer/status*", lambda route: route.abort())
    console.goto(f"{base}/console#key={key}")
    console.wait_for_load_state("load")
    assert console.inner_text("h2[data-t=teams]") == "小组" and "讲师控制台" in console.title()
    assert console.evaluate("document.documentElement.lang").startswith("zh")
    context.close()


@browser_test
def test_a_chinese_class_names_its_teams_in_chinese(served, browser):
    base, key, codes = served
    context = browser.new_context()
    page = joined_page(context, base, codes[0])
    assert page.inner_text("#teamname") == "第1组"
    assert [r.split("\t")[1] for r in page.inner_text("#board").splitlines()[1:]] == ["第1组", "第2组"]
    console = context.new_page()
    console.goto(f"{base}/console#key={key}")
    console.wait_for_selector("#teams tr >> nth=2")
    assert "第1组" in console.inner_text("#teams") and "第2组" in console.inner_text("#board")
    context.close()


# ---------------------------------------------------------------------------------- Chinese punctuation
# An ASCII colon, bracket, comma or semicolon beside a Chinese character ("销售人天: 114",
# "王建国 (华信钢铁)", "平均分配, 价格战"): Chinese text takes the full-width ones (：（），；, and
# 、 between names), as the rest of the page has them.
ASCII_BESIDE_CHINESE = re.compile(r"[\u3400-\u9fff] ?[:(),;]|[:(),;] ?[\u3400-\u9fff]")


def ascii_punctuation(page) -> list[str]:
    text = page.evaluate("() => document.body.innerText")
    return [text[max(0, m.start() - 12):m.end() + 12] for m in ASCII_BESIDE_CHINESE.finditer(text)]


def resolve(base: str, key: str, until_done: bool = False) -> None:
    import httpx2
    trainer = {"X-Trainer-Key": key}
    while True:
        assert httpx2.post(f"{base}/api/trainer/resolve", headers=trainer, json={}).status_code == 200
        if not until_done or httpx2.get(f"{base}/api/trainer/status", headers=trainer).json()["done"]:
            return


@pytest.fixture(scope="module")
def finished(tmp_path_factory):
    """(base, key, codes) of a --lang zh class played to its end."""
    for base, key, codes in served_class(tmp_path_factory.mktemp("done"), "--lang", "zh"):
        resolve(base, key, until_done=True)
        yield base, key, codes


@browser_test
def test_the_plan_line_and_the_pages_use_chinese_punctuation(served, browser):
    base, key, codes = served
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = joined_page(context, base, codes[1])
    days = page.evaluate("S.view.days_to_plan")
    assert page.inner_text("#means").startswith(f"销售人天：{days} · 已分配 0 · 未分配 {days} · 高层拜访：")
    assert "预算：" in page.inner_text("#means")
    assert not ascii_punctuation(page), "planning"
    page.fill('input[data-lever="rep_days"][data-person="gm"]', "10")
    page.wait_for_selector("#problems li.ok")
    resolve(base, key)
    page.reload()
    page.wait_for_selector("#reportbox:not(.hidden) #report tr >> nth=1")
    assert page.inner_text("#reporttitle") == "第1季度结果"
    assert not ascii_punctuation(page), "the quarter's report"
    console = context.new_page()
    console.goto(f"{base}/console#key={key}")
    console.wait_for_selector("#teams tr >> nth=2")
    console.select_option("#teamsel", "1")
    console.click("#view")
    console.wait_for_selector("#teamview tr >> nth=1")
    assert not ascii_punctuation(console), "console, a team's view"
    context.close()


@browser_test
def test_the_chinese_debriefs_are_chinese_with_chinese_punctuation(finished, browser):
    base, key, codes = finished
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = joined_page(context, base, codes[0])
    page.wait_for_selector("#debriefbox:not(.hidden) li")
    assert not english(page), "the team's debrief"
    assert not ascii_punctuation(page), "the team's debrief"
    lines = page.locator("#debrief li").all_inner_texts()
    assert lines and not [x for x in lines if x.rstrip().endswith("·")], lines  # no separator before nothing
    console = context.new_page()
    console.goto(f"{base}/console#key={key}")
    console.wait_for_selector("#debrieftable .teamrow", timeout=60_000)
    assert not english(console), "the class debrief"
    assert not ascii_punctuation(console), "the class debrief"
    context.close()


@browser_test
def test_the_class_debrief_lists_the_references_a_team_beat_the_chinese_way(finished, browser):
    """"优于" lists references with 、 and a team's notes are joined with ；. The class here
    beats no reference, so the debrief the console receives is made to say it did."""
    base, key, _ = finished
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    console = context.new_page()

    def beaten(route):
        doc = route.fetch().json()
        d = doc["debrief"]
        d["same_dice"], d["teams"][0]["better_than"] = False, [r["id"] for r in d["references"]]
        d["teams"][0]["on_reference_dice"]["notes"] = ["第一条", "第二条"]
        route.fulfill(json=doc)

    console.route("**/api/trainer/debrief*", beaten)
    console.goto(f"{base}/console#key={key}")
    console.wait_for_selector("#debrieftable .teamrow", timeout=60_000)
    names = console.evaluate("C.debrief.references.map((x) => x.name)")
    assert len(names) >= 2 and "、".join(names) in console.inner_text("#debrieftable .teamrow >> nth=0")
    assert "：第一条；第二条" in console.inner_text("#debrief ul.muted")
    assert not ascii_punctuation(console)
    context.close()


# ---------------------------------------------------------------------------------- no English left
# Words of Latin letters with a small letter in them (join codes are capitals and figures);
# the only ones a Chinese page may show: the dropdown's "English" and the names of the files
# the console offers.
LATIN = re.compile(r"[A-Za-z]*[a-z][A-Za-z]*")
NOT_ENGLISH_HERE = {"English", "scores", "decisions", "csv", "http"}
SHOWN = """() => [document.title, document.body.innerText,
  ...[...document.querySelectorAll("option")].map((o) => o.textContent),
  ...[...document.querySelectorAll("[title], [aria-label]")].flatMap((e) => [e.title, e.getAttribute("aria-label") || ""]),
].join("\\n")"""


def english(page) -> set[str]:
    """The English words a page shows (its text, options, tooltips and labels read aloud)."""
    return set(LATIN.findall(page.evaluate(SHOWN))) - NOT_ENGLISH_HERE


@browser_test
def test_the_pay_plans_are_named_as_the_window_game_names_them(served, browser):
    base, _, codes = served
    context = browser.new_context()
    page = joined_page(context, base, codes[0])
    options = page.eval_on_selector_all('select[data-lever="pay_plan"] option', "(os) => os.map((o) => o.textContent)")
    assert options == ["平衡计分卡（当前）", "高提成", "平衡计分卡", "固定薪资"]
    page.select_option("#lang", "en")
    page.wait_for_selector("#portfolio >> text=Huaxin Steel")
    options = page.eval_on_selector_all('select[data-lever="pay_plan"] option', "(os) => os.map((o) => o.textContent)")
    assert options == ["Balanced (current)", "Commission", "Balanced", "Salary"]
    context.close()


@browser_test
def test_no_english_on_the_chinese_team_page_or_console(served, browser):
    base, key, codes = served
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(base + "/")
    page.wait_for_selector("#join:not(.hidden)")
    assert not english(page), "join screen"
    page.fill("#code", codes[0])
    page.click("#joinbtn")
    page.wait_for_selector("#game:not(.hidden) #people tr >> nth=1")
    assert not english(page), "planning"
    page.fill('input[data-lever="rep_days"][data-person="gm"]', "20")
    page.wait_for_selector("#problems li.ok")
    page.click("#submit")
    page.wait_for_selector("#withdraw:not(.hidden)")
    assert not english(page), "submitted"
    console = context.new_page()
    console.goto(f"{base}/console#key={key}")
    console.wait_for_selector("#teams td.ok")
    assert not english(console), "console, teams joined and submitted"
    resolve(base, key)
    page.reload()
    page.wait_for_selector("#reportbox:not(.hidden) #report tr >> nth=1")
    assert not english(page), "the quarter's report"
    console.reload()
    console.wait_for_selector("#teams tr >> nth=1")
    console.click("#view")
    console.wait_for_selector("#teamview tr >> nth=1")
    assert not english(console), "console, a team's view"
    context.close()


@browser_test
def test_a_chinese_team_that_submits_too_late_is_told_so_in_chinese(served, browser):
    import time

    import httpx2
    base, key, codes = served
    context = browser.new_context()
    page = joined_page(context, base, codes[1])
    page.fill('input[data-lever="rep_days"][data-person="gm"]', "5")
    page.wait_for_selector("#problems li.ok")
    trainer = {"X-Trainer-Key": key}
    assert httpx2.post(f"{base}/api/trainer/timer", headers=trainer, json={"minutes": 0.01}).status_code == 200
    try:
        time.sleep(1.0)  # the round's 0.6 s are over
        page.click("#submit")
        page.wait_for_selector("#problems li:not(.ok)")
        assert page.inner_text("#problems") == "本季度的提交时间已到，请联系讲师"
    finally:
        httpx2.post(f"{base}/api/trainer/timer", headers=trainer, json={"minutes": 240})
    context.close()


@browser_test
def test_the_console_is_told_in_chinese_when_the_class_refuses_the_trainer(served, browser):
    """A paused class refuses a new round timer: the console says so in its language."""
    import httpx2
    base, key, _ = served
    context = browser.new_context()
    console = context.new_page()
    console.goto(f"{base}/console#key={key}")
    console.wait_for_selector("#teams tr >> nth=2")
    try:
        console.click("#pause")
        console.wait_for_selector("#pause >> text=继续")
        console.click("#starttimer")
        console.wait_for_selector("#msg:not(:empty)")  # (a function would be eval'd: the page's CSP refuses that)
        assert console.inner_text("#msg") == "课堂已暂停：请先点击“继续”"
    finally:
        httpx2.post(f"{base}/api/trainer/resume", headers={"X-Trainer-Key": key}, json={})
    context.close()


@pytest.mark.parametrize("missing, lang, name", [("defender", "zh", "防守者（固守现有客户）"),
                                                 ("defender", "en", "defender (holds its accounts)"),
                                                 ("balanced", "zh", "均衡型（平均分配所有资源）"),
                                                 ("repeat", "zh", None)])
def test_the_status_names_the_bot_that_plays_for_a_team_in_the_console_language(tmp_path, missing, lang, name):
    from classroom.views import status

    room = Classroom.create(tmp_path / "c.db", "tutorial", teams=2, missing=missing, lang="zh")
    try:
        assert status(room, lang)["missing_name"] == name
        assert status(room, lang)["missing"] == missing      # the id, for scripts
    finally:
        room.store.close()


@browser_test
def test_the_console_of_a_chinese_class_names_its_missing_plan_bot_in_chinese(tmp_path, browser):
    for base, key, _ in served_class(tmp_path, "--lang", "zh", "--missing", "defender"):
        context = browser.new_context(viewport={"width": 1366, "height": 768})
        console = context.new_page()
        console.goto(f"{base}/console#key={key}")
        console.wait_for_selector("#teams tr >> nth=2")
        assert console.inner_text("#missing") == "由机器人“防守者（固守现有客户）”代为决策"
        assert not english(console), "the console of a class with a missing-plan bot"
        context.close()


@browser_test
def test_the_chinese_pages_use_the_window_game_words(served, browser):
    """The quarter, the briefing, the buying center, a person, a coach and a class's teams
    are called what the window game calls them (test_page_words.py holds the tables equal)."""
    import httpx2
    base, key, codes = served
    quarter = httpx2.get(f"{base}/api/trainer/status", headers={"X-Trainer-Key": key}).json()["quarter"]
    pill = f"第{quarter}季度 / 共6季度"
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = joined_page(context, base, codes[0])
    assert page.inner_text("#quarter") == pill
    assert page.inner_text("#briefbox summary") == "任务简报" and page.inner_text("#bc_title") == "采购中心"
    assert page.inner_text("#people th >> nth=0") == "人物" and page.inner_text("#board th >> nth=1") == "小组"
    coaches = page.eval_on_selector_all("#people .tag.coach", "(ts) => ts.map((t) => t.textContent)")
    assert set(coaches) <= {"教练"}
    console = context.new_page()
    console.goto(f"{base}/console#key={key}")
    console.wait_for_selector("#teams tr >> nth=2")
    assert console.inner_text("#quarter") == pill and console.inner_text("#mode").startswith("平行模式：")
    context.close()


@browser_test
def test_the_join_screen_shows_no_empty_pills(served, browser):
    """Before joining there is no team name or quarter to show: their pills in the header
    are not drawn as empty lozenges."""
    base, _, _ = served
    context = browser.new_context()
    page = context.new_page()
    page.goto(base + "/")
    page.wait_for_selector("#join:not(.hidden)")
    assert not page.is_visible("#teamname") and not page.is_visible("#quarter")
    context.close()


@pytest.mark.parametrize("lang, item, paragraph", [
    ("zh", "华信钢铁（A类，白金客户）：你最大的客户，凯斯勒的份额和你一样多。采购由总经理拍板，第4季度将有一次招标。",
     "每个季度，把销售人天分给"),
    ("en", "Huaxin Steel (A, platinum): your biggest account; Kessler holds as much as you do. Its purchasing is "
           "decided by the general manager. A tender comes in quarter 4.", "Each quarter, give rep days"),
])
@browser_test
def test_the_briefing_shows_its_paragraphs_and_its_list(served, browser, lang, item, paragraph):
    """The scenario's briefing as written: the accounts as a list (a wrapped line goes on
    after a space, or straight on in Chinese), the text around it as paragraphs; not one
    run-on line with the dashes inside it."""
    base, _, codes = served
    page = joined_page(browser.new_context(), base, codes[0], f"/#lang={lang}")
    page.click("#briefbox summary")
    items = page.locator("#briefing ul li").all_inner_texts()
    assert len(items) == 3 and items[0] == item, items
    paragraphs = page.locator("#briefing p").all_inner_texts()
    assert len(paragraphs) == 2 and paragraphs[1].startswith(paragraph), paragraphs
    assert not any("- " in p for p in paragraphs)
    page.context.close()


def test_the_class_serves_the_game_font_as_a_font_browsers_take(client):
    """A standalone TrueType font (browsers refuse the game's collection), with the
    Chinese the cases are written in, cached by the browser."""
    from io import BytesIO

    from fontTools.ttLib import TTFont

    r = client.get("/fonts/kaw-cjk.ttf")
    assert r.status_code == 200 and r.headers["content-type"] == "font/ttf"
    assert "max-age" in r.headers["cache-control"]
    assert r.content[:4] == b"\x00\x01\x00\x00"  # an sfnt of TrueType outlines, not a 'ttcf' collection
    face = TTFont(BytesIO(r.content))
    assert "FFTM" not in face and face["name"].getDebugName(1) == "WenQuanYi Micro Hei"
    cmap = face.getBestCmap()
    assert all(ord(ch) in cmap for ch in "华信钢铁，第4季度（A类）：、")


@browser_test
def test_chinese_text_has_a_font_on_a_machine_without_one(served, browser):
    """The page's Chinese is drawn with the served font where the machine has no Chinese
    font of its own (as here): Chromium accepts the font (it refused the collection)."""
    base, _, codes = served
    page = joined_page(browser.new_context(), base, codes[0])
    faces = page.evaluate("document.fonts.ready.then(() => [...document.fonts].map((f) => [f.family, f.status]))")
    assert ['"KAW CJK"', "loaded"] in faces or ["KAW CJK", "loaded"] in faces, faces
    assert page.evaluate("document.fonts.check('16px \"KAW CJK\"', '华信钢铁')")
    # First in every text's font list, headings and the chart's labels included: as a
    # later fallback Chromium drew empty boxes where system-ui was DejaVu (as here).
    firsts = page.evaluate("""[...document.querySelectorAll('h1, h2, th, td, p, svg text')]
        .filter((e) => /[\\u4e00-\\u9fff]/.test(e.textContent))
        .map((e) => getComputedStyle(e).fontFamily.split(',')[0].replaceAll('"', '').trim())""")
    assert firsts and set(firsts) == {"KAW CJK"}, firsts
    page.context.close()


@browser_test
def test_an_empty_news_list_says_what_will_show_there(tmp_path, browser):
    """Before any news, the box says what it will hold instead of a bare heading."""
    for base, _, codes in served_class(tmp_path, "--lang", "zh"):
        page = joined_page(browser.new_context(), base, codes[0])
        assert page.locator("#news li").all_inner_texts() == ["暂无：市场新闻和教练的预警会显示在这里。"]
        page.context.close()


@browser_test
def test_a_missed_objective_sits_on_its_bullet_like_every_other_item(tmp_path, browser):
    """The finished game's debrief on a team's page: a missed objective took the problem
    list's indent as an item and stood a bullet's width off its marker."""
    import httpx2

    for base, key, codes in served_class(tmp_path, "--lang", "zh"):
        trainer_key = {"X-Trainer-Key": key}
        while not httpx2.get(f"{base}/api/trainer/status", headers=trainer_key).json()["done"]:
            httpx2.post(f"{base}/api/trainer/resolve", headers=trainer_key)
        page = joined_page(browser.new_context(), base, codes[0])
        page.wait_for_selector("#debriefbox:not(.hidden) #debrief ul li")
        lefts = page.evaluate("""[...document.querySelectorAll('#debrief ul')].map((ul) =>
            [...ul.children].map((li) => [li.className, li.getBoundingClientRect().left,
                                          parseFloat(getComputedStyle(li).paddingLeft)]))""")
        page.context.close()
    items = [item for ul in lefts for item in ul]
    assert any(cls == "problems" for cls, _, _ in items), items  # the tutorial's objectives are missed here
    assert len({left for _, left, _ in items}) == 1 and {pad for _, _, pad in items} == {0}, items
