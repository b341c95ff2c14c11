"""Uploads stored under random names, on disk or in an S3-compatible bucket.

An editor's file name often says who is in the file (「张三肖像.jpg」), and `/media/` is public: a
file that only a draft awaiting its subject's consent uses must not be found by guessing its name.
Every file saved to the default storage (original images, documents, media, posters, caption
tracks) therefore gets 32 random hex digits as its name, in the folder it was meant for; the
extension stays (lower case) so that nginx, S3 and browsers still know the type. Renditions
(`images/`) keep Wagtail's names, `<original's name>.<filter>.<ext>`: the original's part is
already random. Wagtail takes the title from the uploaded file's name before the file is saved, so
the title keeps the editor's name for it.
"""

import posixpath
import re
import secrets

from django.core.files.storage import FileSystemStorage
from storages.backends.s3 import S3Storage

EXTENSION = re.compile(r"\.[a-z0-9]{1,10}")
# Wagtail's rendition folder: names made from the (random) original's name and the filter.
DERIVED_FOLDERS = {"images"}


def random_name(filename):
    """`folder/whatever.JPG` -> `folder/<32 hex digits>.jpg`."""
    folder, name = posixpath.split(str(filename).replace("\\", "/"))
    extension = posixpath.splitext(name)[1].lower()
    if not EXTENSION.fullmatch(extension):
        extension = ""
    return posixpath.join(folder, secrets.token_hex(16) + extension)


class RandomNameMixin:
    def generate_filename(self, filename):
        if posixpath.dirname(str(filename)) not in DERIVED_FOLDERS:
            filename = random_name(filename)
        return super().generate_filename(filename)


class RandomNameFileSystemStorage(RandomNameMixin, FileSystemStorage):
    pass


class RandomNameS3Storage(RandomNameMixin, S3Storage):
    pass
