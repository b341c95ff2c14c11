"""Keep derived data in step: the search index of video pages with their media's captions and
transcript, and each person's stored highest honour with their honours and the honour titles."""

from django.db.models.signals import post_delete, post_save
from wagtail.search import index

from core.search.indexing import is_publishing
from videos.models import VideoCaption, VideoMedia

from .models import HonourTitle, ProfileHonour, ProfilePage, VideoPage
from .models.honours import refresh_top_honours


def honour_changed(sender, instance, raw=False, **kwargs):
    # Publishing stores it from the page's own honours (ProfilePage.save).
    if not raw and not is_publishing():
        refresh_top_honours(ProfilePage.objects.filter(pk=instance.profile_id))


def honour_title_changed(sender, instance, raw=False, created=False, **kwargs):
    if not raw and not created:
        refresh_top_honours(ProfilePage.objects.filter(honours__title=instance))


def reindex_pages_showing(media_id):
    for page in VideoPage.objects.filter(video_id=media_id):
        index.insert_or_update_object(page)


def media_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        reindex_pages_showing(instance.pk)


def caption_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        reindex_pages_showing(instance.media_id)


def register():
    post_save.connect(honour_changed, sender=ProfileHonour, dispatch_uid="exhibits_honour_saved")
    post_delete.connect(honour_changed, sender=ProfileHonour, dispatch_uid="exhibits_honour_deleted")
    post_save.connect(honour_title_changed, sender=HonourTitle, dispatch_uid="exhibits_honour_title_saved")
    post_save.connect(media_saved, sender=VideoMedia, dispatch_uid="exhibits_video_media_saved")
    post_save.connect(caption_changed, sender=VideoCaption, dispatch_uid="exhibits_video_caption_saved")
    post_delete.connect(caption_changed, sender=VideoCaption, dispatch_uid="exhibits_video_caption_deleted")
