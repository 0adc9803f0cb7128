"""Errors the service layer raises; each carries a message code the UI translates."""

from __future__ import annotations

from typing import Any


class ServiceError(Exception):
    """Base: `code` is an i18n key, `params` fill its placeholders."""

    code = "error.generic"

    def __init__(self, code: str | None = None, **params: Any) -> None:
        self.code = code or self.code
        self.params = params
        super().__init__(f"{self.code} {params}" if params else self.code)


class PermissionDenied(ServiceError):
    code = "error.permission"


class NotFound(ServiceError):
    code = "error.not_found"


class InvalidInput(ServiceError):
    code = "error.invalid"


class Conflict(ServiceError):
    """Someone saved the same field since this user loaded it; both texts are kept for the user."""

    code = "error.conflict"

    def __init__(self, current_text: str, current_version: int | None = None, **params: Any):
        super().__init__(None, **params)
        self.current_text = current_text
        self.current_version = current_version


class WouldClear(ServiceError):
    """An empty save over stored text. A field can become empty without anyone meaning it (a
    browser that re-created it blank); deleting a saved text is only done as an explicit act
    (`clear=True`), so an empty autosave never wipes anything."""

    code = "error.would_clear"
