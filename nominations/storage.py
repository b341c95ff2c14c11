"""Private storage for nomination photos: a folder outside MEDIA_ROOT that no URL reaches.

The location is read from settings on every use (not frozen at import), so tests and deployments
that change PRIVATE_MEDIA_ROOT are honoured. `url()` refuses: staff see the photos only through
`nominations.admin_views.photo`, which checks who is asking.
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    @property
    def base_location(self):
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None  # FileSystemStorage.url() then raises: no public address

    @property
    def file_permissions_mode(self):
        return 0o600

    @property
    def directory_permissions_mode(self):
        return 0o700


_storage = PrivateStorage()


def private_storage():
    """The storage of NominationPhoto.file (a callable, so migrations do not freeze a path)."""
    return _storage
