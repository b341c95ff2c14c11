class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message says why and what to do."""


class RestoreRefused(BackupError):
    """The deployment already holds content, and the operator did not say to replace it."""
