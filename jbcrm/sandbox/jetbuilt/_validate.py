"""Checks on data parameters that collect Rails-style field errors and answer 422 once."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from jbcrm.sandbox.jetbuilt._http import Invalid
from jbcrm.sandbox.jetbuilt._store import Record
from jbcrm.sandbox.jetbuilt._wire import to_bool, to_date, to_decimal, to_int

BLANK = "can't be blank"


class Checker:
    """Read typed values out of request fields, remembering every problem for one 422."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self.errors: dict[str, list[str]] = {}

    def fail(self, name: str, message: str) -> None:
        """Record a problem with a field."""
        self.errors.setdefault(name, []).append(message)

    def given(self, name: str) -> bool:
        """Whether the field was sent at all."""
        return name in self.data

    def required(self, *names: str) -> None:
        """Each field must be present and not blank."""
        for name in names:
            value = self.data.get(name)
            if value is None or (isinstance(value, str) and not value.strip()):
                self.fail(name, BLANK)

    def text(self, name: str) -> str | None:
        """A string field (numbers are accepted and turned into text)."""
        value = self.data.get(name)
        return None if value is None else str(value)

    def integer(self, name: str) -> int | None:
        """An integer field; blank is None."""
        value = self.data.get(name)
        if value is None or value == "":
            return None
        number = to_int(value)
        if number is None:
            self.fail(name, "is not a number")
        return number

    def decimal(self, name: str) -> Decimal | None:
        """A decimal field; blank is None."""
        value = self.data.get(name)
        if value is None or value == "":
            return None
        number = to_decimal(value)
        if number is None:
            self.fail(name, "is not a number")
        return number

    def boolean(self, name: str) -> bool | None:
        """A boolean field (`true`, `"false"`, `1`)."""
        value = self.data.get(name)
        if value is None:
            return None
        flag = to_bool(value)
        if flag is None:
            self.fail(name, "is not a boolean")
        return flag

    def day(self, name: str) -> date | None:
        """A calendar date field (`2021-02-14`); blank is None."""
        value = self.data.get(name)
        if value is None or value == "":
            return None
        found = to_date(value)
        if found is None:
            self.fail(name, "is not a valid date")
        return found

    def choice(self, name: str, allowed: tuple[str, ...]) -> str | None:
        """One of a fixed set of values."""
        value = self.text(name)
        if value is not None and value not in allowed:
            self.fail(name, "is not included in the list")
            return None
        return value

    def reference(self, name: str, table: dict[int, Record], label: str) -> Record | None:
        """An id that must name an existing record (`{"client": ["must exist"]}` otherwise)."""
        record_id = self.integer(name)
        if record_id is None:
            return None
        record = table.get(record_id)
        if record is None:
            self.fail(label, "must exist")
        return record

    def done(self) -> None:
        """Answer 422 with every problem found, if any."""
        if self.errors:
            raise Invalid(self.errors)
