"""The accessibility statement (`lises_reflect.accessibility`, pages/accessibility.py): open
to everyone, in both languages, pointing at the municipality's own statement when it is
configured, and linked from the footer of the login page too."""

from __future__ import annotations

import pytest

from lises_reflect import accessibility
from lises_reflect.config import load_settings
from tests.conftest import Org
from tests.pages import app, language_box, no_exception, texts
from tests.test_pages_roles import footer_links

WAS = "https://www.was.digst.dk/app-lises-kommune-dk"


def test_the_statement_says_what_holds_what_does_not_and_where_to_turn() -> None:
    da = accessibility.statement(load_settings({}), "da")
    assert da.title == "Tilgængelighedserklæring"
    body = "\n".join(p for section in da.sections for p in section.paragraphs)
    assert "WCAG 2.1 niveau AA" in body and "lov nr. 692 af 8. juni 2018" in body
    assert "delvist i overensstemmelse" in body  # never more than the tests show
    assert "4. december 2026" in body  # when it was last reviewed, as a Danish date
    assert "Digitaliseringsstyrelsen" in body  # where to complain
    assert "ikke angivet sin egen" in body  # no municipality statement configured
    en = accessibility.statement(load_settings({"LISES_ACCESSIBILITY_URL": WAS}), "en")
    text = "\n".join(p for section in en.sections for p in section.paragraphs)
    assert f"[{WAS}]({WAS})" in text and "4 December 2026" in text
    assert [len(s.paragraphs) for s in en.sections] == [len(s.paragraphs) for s in da.sections]


@pytest.mark.parametrize(
    "bad",
    [
        "http://www.was.digst.dk/x",  # not https
        "javascript:alert(1)",
        "www.was.digst.dk/x",  # no scheme
        "https://",  # no host
        "https://example.dk/a)(b",  # would break the Markdown link
    ],
)
def test_a_bad_address_stops_the_app_naming_the_variable(bad: str) -> None:
    with pytest.raises(ValueError, match="LISES_ACCESSIBILITY_URL"):
        load_settings({"LISES_ACCESSIBILITY_URL": bad})


def test_logged_out_the_login_page_links_to_the_statement_and_it_opens(
    site: Org, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LISES_ACCESSIBILITY_URL", WAS)
    at = app()
    assert footer_links(at) == [("Tilgængelighedserklæring", "tilgaengelighed")]
    at.switch_page("pages/accessibility.py").run()
    no_exception(at)
    assert [t.value for t in at.title] == ["Tilgængelighedserklæring"]
    assert WAS in texts(at) and not at.text_input  # the statement, not the login form
    language_box(at).select("en").run()
    assert [t.value for t in at.title] == ["Accessibility statement"]
    assert footer_links(at) == [("Accessibility statement", "tilgaengelighed")]
