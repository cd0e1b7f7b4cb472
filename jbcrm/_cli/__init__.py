"""The ``jbcrm`` command's subcommands: ``demo``, ``export`` and ``sandbox serve``."""
