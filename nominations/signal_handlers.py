"""Files in private storage go when their rows go."""

import logging

from django.db import transaction
from django.db.models.signals import post_delete

from .models import NominationPhoto

logger = logging.getLogger(__name__)


def delete_photo_file(sender, instance, **kwargs):
    if not instance.file:
        return
    storage, name = instance.file.storage, instance.file.name

    def delete():
        try:
            storage.delete(name)
        except OSError:
            logger.exception("Could not delete nomination photo %s", name)

    transaction.on_commit(delete)


def register():
    post_delete.connect(delete_photo_file, sender=NominationPhoto, dispatch_uid="nominations_photo_file")
