"""The nomination form and its receipt, served by `NominationPage` (/nominate/ and /nominate/thanks/)."""

import logging

from django.conf import settings
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse

from core.client import hit, limit_reached
from operations.errors import SERVICE_ERRORS

from .forms import NominationForm
from .models.nominations import Nomination
from .responses import private, too_many_requests
from .submission import store_nomination

logger = logging.getLogger(__name__)

SESSION_RECEIPT = "nomination_receipt"
SUBMIT_GROUP, ATTEMPT_GROUP = "nominations.submit", "nominations.attempt"
# Largest body worth processing: every photo at its limit plus room for the text fields. (The CSRF
# check has parsed the body by then; nginx's client_max_body_size is what stops the reading.)
BODY_ALLOWANCE = 2 * 1024 * 1024


def body_too_large(request):
    limit = settings.NOMINATION_MAX_PHOTOS * settings.NOMINATION_MAX_PHOTO_BYTES + BODY_ALLOWANCE
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0) > limit
    except ValueError:
        return True


def nomination_form(request, page):
    status = 200
    if request.method == "POST":
        if limit_reached(request, SUBMIT_GROUP, settings.NOMINATION_RATE) or hit(
            request, ATTEMPT_GROUP, settings.NOMINATION_ATTEMPT_RATE
        ):
            return too_many_requests(request)
        if body_too_large(request):
            form = NominationForm(page=page)
            form.too_large = True
            status = 413
        else:
            form = NominationForm(request.POST, request.FILES, page=page)
            if form.is_valid():
                nomination = store_nomination(form)
                request.session[SESSION_RECEIPT] = nomination.pk
                try:
                    hit(request, SUBMIT_GROUP, settings.NOMINATION_RATE)
                except SERVICE_ERRORS:
                    # Redis went away after the commit: the nomination is stored, so the visitor
                    # gets the receipt (not a 503 that invites a duplicate); one count is lost.
                    logger.warning("Nomination %s stored but not counted for rate limiting", nomination.pk)
                return HttpResponseRedirect(page.url + page.reverse_subpage("thanks"), status=303)
    else:
        form = NominationForm(page=page)
    context = page.get_context(request)
    context.update(
        form=form,
        photos_dropped=bool(form.is_bound and request.FILES and form.errors),
        status_url=reverse("nominations:status"),
    )
    return private(TemplateResponse(request, page.get_template(request), context, status=status))


def nomination_thanks(request, page):
    nomination = Nomination.objects.filter(pk=request.session.get(SESSION_RECEIPT)).first()
    if nomination is None:
        return HttpResponseRedirect(page.url)
    context = page.get_context(request)
    context.update(nomination=nomination, status_url=reverse("nominations:status"))
    return private(TemplateResponse(request, "nominations/nomination_thanks.html", context))
