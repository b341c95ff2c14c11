"""Private storage for uploaded rosters waiting to be confirmed: never under MEDIA_ROOT, no URL.

A roster holds names and sometimes more (ID numbers, phone numbers in columns the import ignores),
so the file is kept only between the preview and the importer's decision, in
`PRIVATE_MEDIA_ROOT/rosters/`, and deleted once imported or discarded.
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage

from core.storage import RandomNameMixin


class RosterStorage(RandomNameMixin, FileSystemStorage):
    """Files under random names (core.storage), like every upload: never the importer's name."""

    @property
    def base_location(self):
        return os.path.join(str(settings.PRIVATE_MEDIA_ROOT), "rosters")

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None  # url() raises: there is no public address

    @property
    def file_permissions_mode(self):
        return 0o600

    @property
    def directory_permissions_mode(self):
        return 0o700


_storage = RosterStorage()


def roster_storage():
    """The storage of RosterImport.file (a callable, so migrations do not freeze a path)."""
    return _storage
