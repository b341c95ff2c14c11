"""What the office does with a nomination: accept it into a draft exhibit, reject, mark duplicate."""

import html
import uuid

from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import Truncator
from wagtail.images import get_image_model
from wagtail.log_actions import log

from core.slugs import SlugError, slug_for_child
from exhibits.models import ProfilePage, StoryPage
from moderation.drafts import create_draft
from moderation.models import PlaceRole

from .models import Nomination

PAGE_KINDS = {"profile": ProfilePage, "story": StoryPage}


class QueueError(Exception):
    """A decision that cannot be taken (a closed nomination, a community without roles …)."""


def paragraphs_html(text):
    return "".join(f"<p>{html.escape(part)}</p>" for part in text.split("\n") if part.strip())


def mark_under_review(nomination, user):
    if nomination.status != Nomination.Status.SUBMITTED:
        raise QueueError("只有“已提交”的推荐可以标记为审核中。")
    nomination.status = Nomination.Status.UNDER_REVIEW
    nomination.save(update_fields=["status", "updated_at"])
    log(instance=nomination, action="nominations.under_review", user=user)


def _close(nomination, user, status, **fields):
    if nomination.is_closed:
        raise QueueError("这条推荐已经处理过了。")
    nomination.status = status
    nomination.decided_at = timezone.now()
    nomination.decided_by = user
    for name, value in fields.items():
        setattr(nomination, name, value)
    nomination.save()


@transaction.atomic
def reject(nomination, user, reason):
    _close(nomination, user, Nomination.Status.REJECTED, rejection_reason=reason)
    log(instance=nomination, action="nominations.reject", user=user, data={"reason": reason})


@transaction.atomic
def mark_duplicate(nomination, user, original):
    if original.pk == nomination.pk:
        raise QueueError("不能标记为与自己重复。")
    _close(nomination, user, Nomination.Status.DUPLICATE, duplicate_of=original)
    log(
        instance=nomination,
        action="nominations.duplicate",
        user=user,
        data={"duplicate_of": original.receipt_display},
    )


def move_photos(nomination, collection, user):
    """Re-save the private photos as SiteImages in `collection`; returns the images in order.

    The private files are deleted once the transaction commits: the photos now live in the
    community's image collection, the only copy the editors work with.
    """
    Image = get_image_model()
    images, moved = [], []
    for index, photo in enumerate(nomination.photos.all(), start=1):
        if photo.image_id:
            images.append(photo.image)
            continue
        if not photo.file:
            continue
        with photo.file.open("rb") as handle:
            image = Image(
                title=f"{nomination.nominee_name}（群众推荐照片{index}）",
                collection=collection,
                uploaded_by_user=user,
                description=f"{nomination.nominee_name}的照片",
            )
            image.file = ImageFile(handle, name=photo.file.name.rsplit("/", 1)[-1])
            image.save()
        images.append(image)
        moved.append((photo, photo.file.name))
        photo.image = image
        photo.file = ""
        photo.save(update_fields=["image", "file"])
    storage = nomination.photos.model._meta.get_field("file").storage
    for _photo, name in moved:
        transaction.on_commit(lambda name=name: storage.delete(name))
    return images


@transaction.atomic
def accept(nomination, user, *, kind, community, title):
    """Create a draft exhibit in `community` from the nomination and submit it to its workflow."""
    if nomination.is_closed:
        raise QueueError("这条推荐已经处理过了。")
    role = PlaceRole.objects.filter(page=community, kind=PlaceRole.Kind.EDITORS).first()
    if role is None or role.image_collection_id is None:
        raise QueueError(f"{community.title}还没有编辑组和图库，请先运行 sync_roles。")
    try:
        slug = slug_for_child(community, title)
    except SlugError as error:
        raise QueueError(str(error)) from error

    images = move_photos(nomination, role.image_collection, user)
    # The first photo is the portrait (or the story's cover); the others make the gallery.
    lead, others = (images[0], images[1:]) if images else (None, [])
    body = [{"type": "paragraph", "value": paragraphs_html(nomination.story)}]
    if others:
        body.append(
            {
                "type": "gallery",
                "value": [
                    {"type": "item", "value": {"image": image.pk, "caption": ""}, "id": str(uuid.uuid4())}
                    for image in others
                ],
            }
        )
    intro = Truncator(nomination.story.replace("\n", " ")).chars(100)
    model = PAGE_KINDS[kind]
    fields = {"title": title, "intro": intro, "body": body, "live": False}
    if model is ProfilePage:
        fields.update(summary=Truncator(nomination.story).chars(300), portrait=lead)
    else:
        fields.update(category=nomination.category, source="群众推荐", cover_image=lead)
    page = model(slug=slug, **fields)
    create_draft(community, page, user)

    nomination.community = community
    _close(nomination, user, Nomination.Status.ACCEPTED, created_page=page)
    log(
        instance=nomination,
        action="nominations.accept",
        user=user,
        data={"page_id": page.pk, "page_title": page.title, "kind": kind},
    )
    return page
