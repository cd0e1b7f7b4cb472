"""The mirror's own error (importable without the ``db`` extra)."""

from jbcrm._core.errors import JBCRMError


class MirrorError(JBCRMError):
    """The mirror could not read or write its database (the message names it, without the
    password)."""
