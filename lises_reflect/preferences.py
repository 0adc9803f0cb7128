"""A user's own settings that follow the account from browser to browser: the language.

The language lives in the browser session while the user works (the frame in ``ui`` keeps it
there) and on the account, so that a reload, a new tab or another computer opens in the
language the user chose last. Danish is the working language and the default.
"""

from __future__ import annotations

from sqlalchemy.engine import Engine

from lises_reflect import auth
from lises_reflect.db import session_scope
from lises_reflect.errors import InvalidInput
from lises_reflect.i18n import LANGUAGES
from lises_reflect.models import User


def language(engine: Engine, actor_id: int | None) -> str | None:
    """The caller's own stored language; None if never chosen (or no longer one we speak)."""
    with session_scope(engine) as s:
        actor = auth.load_actor(s, actor_id)
        stored = s.get(User, actor.user_id).language
    return stored if stored in LANGUAGES else None


def set_language(engine: Engine, actor_id: int | None, lang: str) -> None:
    """Store the caller's own language choice; only the caller's own account."""
    if lang not in LANGUAGES:
        raise InvalidInput()
    with session_scope(engine) as s:
        actor = auth.load_actor(s, actor_id)
        user = s.get(User, actor.user_id)
        if user.language != lang:
            user.language = lang
            s.add(user)


def settle_language(engine: Engine, actor_id: int | None, picked: str | None) -> str | None:
    """The language a browser session takes on for this user (at login, at a cookie re-login,
    after a change of the selector).

    A language the user `picked` in this browser session (on the login page, or in the app)
    is the user's latest word: it is stored on the account and returned. Without one, the
    account's stored language is returned, or None if the user never chose (the session keeps
    what it shows).
    """
    if picked is not None:
        set_language(engine, actor_id, picked)
        return picked
    return language(engine, actor_id)
