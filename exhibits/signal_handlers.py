"""Keep the search index of video pages in step with their media's captions and transcript."""

from django.db.models.signals import post_delete, post_save
from wagtail.search import index

from videos.models import VideoCaption, VideoMedia

from .models import VideoPage


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
    post_save.connect(media_saved, sender=VideoMedia, dispatch_uid="exhibits_video_media_saved")
    post_save.connect(caption_changed, sender=VideoCaption, dispatch_uid="exhibits_video_caption_saved")
    post_delete.connect(caption_changed, sender=VideoCaption, dispatch_uid="exhibits_video_caption_deleted")
