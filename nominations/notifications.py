"""Email to the office about a new nomination. A mail server that is down loses nothing."""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.urls import reverse

from moderation.roles import OFFICE

from .models.nominations import Nomination

logger = logging.getLogger(__name__)


def office_recipients():
    if settings.NOMINATION_NOTIFY_EMAILS:
        return list(settings.NOMINATION_NOTIFY_EMAILS)
    return list(
        get_user_model()
        .objects.filter(is_active=True, groups__name=OFFICE)
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )


def notify_office(nomination_id):
    """Runs after the nomination is committed; never raises."""
    try:
        nomination = Nomination.objects.select_related("community").get(pk=nomination_id)
        recipients = office_recipients()
        if not recipients:
            return
        url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
            "nomination_queue:inspect", args=[nomination.pk]
        )
        community = nomination.community.title if nomination.community else "（未选社区）"
        # Only what the office needs to find it: no contact details travel by email.
        send_mail(
            subject=f"新的群众推荐：{nomination.nominee_name}（{community}）",
            message=(
                f"收到一条新的群众推荐。\n\n"
                f"被推荐人：{nomination.nominee_name}\n"
                f"社区：{community}\n"
                f"类别：{nomination.get_category_display()}\n"
                f"回执编号：{nomination.receipt_display}\n\n"
                f"请登录后台处理：{url}\n"
            ),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=recipients,
        )
    except Exception:
        logger.exception("Could not send the notification email for nomination %s", nomination_id)
