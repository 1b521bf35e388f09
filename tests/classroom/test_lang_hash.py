"""A link's language (#lang=zh) in a real browser (Debian's chromium, driven by
Playwright): the team page opens in it, before and after joining, whatever language the
browser chose last; changing the fragment switches the page; the dropdown always shows
the language the page is in, and a choice there is what the link says from then on. The
trainer's console follows #lang=zh the same way.
Skipped only when /usr/bin/chromium is absent (.ci/run installs it)."""
from __future__ import annotations

import pytest

from class_helpers import CHROMIUM, NO_CHROMIUM, served_class

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason=NO_CHROMIUM)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """(base address, trainer key, join codes) of a class served by `kaw class`."""
    yield from served_class(tmp_path_factory.mktemp("class"))


def test_the_team_page_opens_in_the_language_of_its_link_and_follows_it(served, browser):
    base, _, codes = served
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    # this browser chose English last time (the dropdown's choice is remembered)
    page.goto(base + "/")
    page.evaluate("localStorage.setItem('kaw_lang', JSON.stringify({lang: 'en', class: document.documentElement.dataset.class}))")
    page = context.new_page()
    page.goto(base + "/#lang=zh")
    page.wait_for_selector("#join:not(.hidden)")
    assert page.inner_text("#join h2") == "加入你的小组"
    assert page.input_value("#lang") == "zh"
    assert page.evaluate("document.documentElement.lang") == "zh-CN"
    page.fill("#code", codes[0])
    page.click("#joinbtn")
    page.wait_for_selector("#game:not(.hidden) #people tr >> nth=1")
    # the page's words and the engine's texts (account names) both in Chinese
    assert "排行榜" in page.inner_text("main#game") and "华信钢铁" in page.inner_text("#portfolio")
    assert page.input_value("#lang") == "zh"

    # another fragment switches the page without a reload, and the dropdown follows
    page.evaluate("location.hash = 'lang=en'")
    page.wait_for_selector("#portfolio >> text=Huaxin Steel")
    assert "Leaderboard" in page.inner_text("main#game") and page.input_value("#lang") == "en"

    # the dropdown's choice goes into the link, so a reload stays in it
    page.select_option("#lang", "zh")
    page.wait_for_selector("#portfolio >> text=华信钢铁")
    assert "lang=zh" in page.evaluate("location.hash")
    page.reload()
    page.wait_for_selector("#game:not(.hidden) #people tr >> nth=1")
    assert page.input_value("#lang") == "zh" and "华信钢铁" in page.inner_text("#portfolio")

    # a language the page does not speak is ignored: it stays as it was
    page.evaluate("""new Promise((done) => {  // after the page's own handler of the change
        window.addEventListener("hashchange", () => setTimeout(done, 0), {once: true});
        location.hash = "lang=fr"; })""")
    assert page.input_value("#lang") == "zh" and "排行榜" in page.inner_text("main#game")
    context.close()


def test_the_console_follows_the_language_of_its_link(served, browser):
    base, key, _ = served
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    console = context.new_page()
    console.goto(f"{base}/console#key={key}&lang=zh")
    console.wait_for_selector("text=结算本季度")
    assert console.evaluate("document.documentElement.lang").startswith("zh")
    console.evaluate(f"location.hash = 'key={key}&lang=en'")
    console.wait_for_selector("text=Resolve quarter")
    assert "结算本季度" not in console.inner_text("body")
    context.close()
