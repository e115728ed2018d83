"""Errors with a stable ``type`` that ends up in a record's ``error`` field.

Readers raise these for problems a user can act on; anything else that escapes a
reader becomes ``ParseError`` with the exception's message (see ``api.parse``).
"""

from __future__ import annotations


class PolicyParseError(Exception):
    """Base class: ``type`` is the stable name written to ``record.error.type``."""

    type = "ParseError"

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class FileNotReadable(PolicyParseError):
    """The path does not exist, is not a file, or cannot be opened."""

    type = "FileNotReadable"


class EmptyFile(PolicyParseError):
    """The file has no bytes, or no text at all."""

    type = "EmptyFile"


class UnsupportedFormat(PolicyParseError):
    """No reader handles this kind of file."""

    type = "UnsupportedFormat"


class CorruptFile(PolicyParseError):
    """The file claims a format but its content is broken or truncated."""

    type = "CorruptFile"


class Encrypted(PolicyParseError):
    """The file needs a password to open."""

    type = "Encrypted"


class MissingDependency(PolicyParseError):
    """A reader needs an optional extra or a system tool that is not installed."""

    type = "MissingDependency"


class TooLarge(PolicyParseError):
    """The file, or a member inside it, exceeds a safety limit."""

    type = "TooLarge"


class NoTextLayer(PolicyParseError):
    """A PDF or image has no usable text and OCR is not available."""

    type = "NoTextLayer"


class StrictModeError(PolicyParseError):
    """A warning was raised while parsing with ``strict=True``."""

    type = "StrictModeError"
