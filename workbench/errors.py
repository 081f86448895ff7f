"""The base of every error a person may see: its message says what happened and what to do."""


class WorkbenchError(Exception):
    """An expected failure with a message fit to show to the user as it is."""
