"""Erasing what a closed nomination no longer needs: the nominator's contact details and photos.

A nomination is closed once accepted, rejected or marked duplicate; NOMINATION_RETENTION_DAYS
after that (after submission, if it was never stamped) its nominator's name, phone number and
email are blanked and its photos deleted from private storage. The record itself (nominee, story,
community, status, decision) stays. Photos already moved into a community's image collection by
acceptance are part of the exhibit now and are left alone.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from .models import Nomination, NominationPhoto


@dataclass
class PurgeReport:
    nominations: int = 0
    photos: int = 0
    dry_run: bool = False


def due_for_purge(now=None, days=None):
    now = now or timezone.now()
    days = settings.NOMINATION_RETENTION_DAYS if days is None else days
    cutoff = now - datetime.timedelta(days=days)
    has_something = (
        ~Q(nominator_name="") | ~Q(nominator_phone="") | ~Q(nominator_email="") | Q(photos__file__gt="")
    )
    return (
        Nomination.objects.closed()
        .annotate(closed_at=Coalesce("decided_at", "submitted_at"))
        .filter(closed_at__lt=cutoff)
        .filter(has_something)
        .distinct()
    )


def purge_nominations(now=None, days=None, dry_run=False):
    report = PurgeReport(dry_run=dry_run)
    now = now or timezone.now()
    for nomination in due_for_purge(now, days).order_by("pk"):
        photos = list(NominationPhoto.objects.filter(nomination=nomination).exclude(file=""))
        report.nominations += 1
        report.photos += len(photos)
        if dry_run:
            continue
        with transaction.atomic():
            for photo in photos:
                if photo.image_id:
                    # The exhibit's copy in the image collection stays; only the private one goes.
                    storage, name = photo.file.storage, photo.file.name
                    photo.file = ""
                    photo.save(update_fields=["file"])
                    transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))
                else:
                    photo.delete()  # signal_handlers delete the file after commit
            Nomination.objects.filter(pk=nomination.pk).update(
                nominator_name="",
                nominator_phone="",
                nominator_email="",
                contact_purged_at=now,
            )
    return report
