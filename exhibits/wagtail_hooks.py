from wagtail import hooks
from wagtail.snippets.models import register_snippet

from .consent import PUBLISH_REFUSED
from .viewsets import HonourTitleViewSet

register_snippet(HonourTitleViewSet)


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action(PUBLISH_REFUSED, "拒绝发布", "因缺少本人同意记录，发布被拒绝")
