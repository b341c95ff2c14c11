"""Storing a valid nomination: one transaction for the row and its photos, then the email."""

import logging

from django.db import transaction

from .models.nominations import Nomination, NominationPhoto
from .notifications import notify_office
from .storage import private_storage

logger = logging.getLogger(__name__)


def store_nomination(form):
    """Save the nomination and its (already cleaned) photos; return it once committed."""
    data = form.cleaned_data
    saved_files = []
    try:
        with transaction.atomic():
            nomination = Nomination.objects.create(
                nominee_name=data["nominee_name"],
                community=data["community"],
                category=data["category"],
                story=data["story"],
                nominator_name=data["nominator_name"],
                nominator_phone=data["nominator_phone"],
                nominator_email=data.get("nominator_email") or "",
                privacy_notice_version=form.page.privacy_notice_version,
                consent_processing=True,
                consent_nominee_informed=True,
            )
            for order, (upload, width, height) in enumerate(data.get("photos") or []):
                photo = NominationPhoto(nomination=nomination, width=width, height=height, sort_order=order)
                photo.file.save(upload.name, upload, save=False)
                saved_files.append(photo.file.name)
                photo.save()
            transaction.on_commit(lambda: notify_office(nomination.pk))
    except Exception:
        # The rows are rolled back; do not leave their files behind in private storage.
        for name in saved_files:
            try:
                private_storage().delete(name)
            except OSError:
                logger.exception("Could not remove %s after a failed nomination", name)
        raise
    return nomination
