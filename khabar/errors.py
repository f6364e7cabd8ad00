"""Errors khabar raises: each message is one line naming the input and the problem."""

from __future__ import annotations


class KhabarError(Exception):
    """Base of every error khabar means to show a user as one line."""


class InputError(KhabarError):
    """An input (file, URL, record) cannot be read or has nothing usable in it."""


class UnsupportedFormat(InputError):
    """The input's format is not one khabar reads."""


class DateError(InputError):
    """A date that cannot be understood, or a document with no publication date."""


class TheatreError(KhabarError):
    """A theatre folder is missing or malformed."""


class StoreError(KhabarError):
    """The database cannot be opened, or its schema is newer than this khabar."""
