"""The interface language stored on the account (issue 13): only one's own, only known ones."""

from __future__ import annotations

import pytest

from lises_reflect import preferences
from lises_reflect.db import session_scope
from lises_reflect.errors import InvalidInput, PermissionDenied
from lises_reflect.models import User
from tests.conftest import Org


def test_nobody_has_chosen_at_first_and_a_choice_is_kept(org: Org) -> None:
    e = org.engine
    assert preferences.language(e, org.bringer) is None  # the app shows Danish
    preferences.set_language(e, org.bringer, "en")
    assert preferences.language(e, org.bringer) == "en"
    assert preferences.language(e, org.listener) is None  # one's own account only
    preferences.set_language(e, org.bringer, "da")
    assert preferences.language(e, org.bringer) == "da"


@pytest.mark.parametrize("lang", ["de", "EN", "", "english"])
def test_only_the_languages_the_app_speaks_are_stored(org: Org, lang: str) -> None:
    with pytest.raises(InvalidInput):
        preferences.set_language(org.engine, org.bringer, lang)
    assert preferences.language(org.engine, org.bringer) is None


def test_a_stored_value_the_app_no_longer_speaks_reads_as_not_chosen(org: Org) -> None:
    with session_scope(org.engine) as s:
        s.get(User, org.bringer).language = "sv"
    assert preferences.language(org.engine, org.bringer) is None


def test_nobody_and_a_deactivated_account_are_refused(org: Org) -> None:
    with pytest.raises(PermissionDenied):
        preferences.set_language(org.engine, None, "en")
    with pytest.raises(PermissionDenied):
        preferences.language(org.engine, None)
    with session_scope(org.engine) as s:
        s.get(User, org.colleague).active = False
    with pytest.raises(PermissionDenied):
        preferences.set_language(org.engine, org.colleague, "en")


def test_settling_a_session_picked_language_stores_it_otherwise_the_stored_one(
    org: Org,
) -> None:
    e = org.engine
    assert preferences.settle_language(e, org.bringer, None) is None  # never chosen
    # Picked on the login page (or in the app): the latest word, stored on the account.
    assert preferences.settle_language(e, org.bringer, "en") == "en"
    assert preferences.language(e, org.bringer) == "en"
    # A reload, a new tab, another computer: the account's language.
    assert preferences.settle_language(e, org.bringer, None) == "en"
    assert preferences.settle_language(e, org.bringer, "da") == "da"
    assert preferences.settle_language(e, org.bringer, None) == "da"
