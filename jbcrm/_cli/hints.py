"""SDK errors as a command-line user reads them.

The SDK's messages and hints speak to Python code (``pass api_key=...``,
``client.with_options(timeout=60)``). Where the command has a flag for the same thing, the
Python spelling is replaced by the flag; a hint that still names Python API after that is
labelled as such, so nobody goes looking for an option the command does not have.
"""

from __future__ import annotations

import re

from jbcrm._core.errors import JBCRMError

#: The Python spellings the messages use, and this command's flag for each.
_FLAGS = (
    (re.compile(r"\bapi_key=\.\.\."), "--api-key"),
    (re.compile(r"\bapi_secret=\.\.\."), "--api-secret"),
    (re.compile(r"\bsite_url=\.\.\."), "--base-url"),
    (re.compile(r"\bsite_url\b"), "--base-url"),
    (re.compile(r"\bapi_key and api_secret\b"), "--api-key and --api-secret"),
    (re.compile(r"\ballow_insecure_http=True"), "--allow-insecure-http"),
    (re.compile(r"\broute=['\"]query['\"]"), "--route query"),
    (re.compile(r"\b(?:client\.)?with_options\(timeout=(\d+)\)"), r"--timeout \1"),
    (re.compile(r"`timeout`"), "--timeout"),
    (re.compile(r"`deadline`"), "--deadline"),
    (re.compile(r"\bthe client's base URL\b"), "--base-url"),
)
#: What is left of Python API once the flags are in: a keyword, a call or inline code.
_PYTHON = re.compile(r"(?<![?&])\b[a-z_]+=|\w\(|`")


def for_command_line(text: str) -> str:
    """``text`` with every Python spelling this command has a flag for replaced by it."""
    for pattern, flag in _FLAGS:
        text = pattern.sub(flag, text)
    return text


def describe(error: JBCRMError) -> list[str]:
    """The lines that report ``error``: what failed, then the hint, marked when Python-only."""
    message = str(error)
    if error.hint is not None:
        message = message.removesuffix(f" Hint: {error.hint}")
    lines = [f"{type(error).__name__}: {for_command_line(message)}"]
    if error.hint is not None:
        hint = for_command_line(error.hint)
        label = "hint for Python code" if _PYTHON.search(hint) else "hint"
        lines.append(f"{label}: {hint}")
    return lines
