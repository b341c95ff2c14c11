from django.db import InterfaceError, OperationalError
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

# A database or Redis that is down or restarting (not a bug): answered with 503, see middleware.py.
SERVICE_ERRORS = (OperationalError, InterfaceError, RedisConnectionError, RedisTimeoutError)


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message says why and what to do."""


class RestoreRefused(BackupError):
    """The deployment already holds content, and the operator did not say to replace it."""
