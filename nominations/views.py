"""Public views at /nominations/: the status look-up and the 评议 rounds (the form itself is
served by `NominationPage`, see `form_views`). Nothing here needs JavaScript; every POST is
CSRF-protected."""

import hmac

from django.conf import settings
from django.contrib import messages
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from core.client import hit

from . import endorsements
from .forms import StatusLookupForm
from .models import Candidate, EndorsementRound, Nomination
from .responses import private, too_many_requests

LOOKUP_GROUP, ENDORSE_GROUP = "nominations.lookup", "nominations.endorse"


# Status look-up ----------------------------------------------------------------------------------

# Compared against when the code is unknown, so a miss takes as long as a wrong pair of digits.
_NO_DIGITS = "\x00\x00\x00\x00"


def find_by_receipt(code, last4):
    nomination = Nomination.objects.select_related("community").filter(receipt_code=code).first()
    expected = nomination.phone_last4 if nomination and nomination.phone_last4 else _NO_DIGITS
    matches = hmac.compare_digest(expected.encode(), last4.encode())
    return nomination if nomination is not None and matches else None


@never_cache
def status_lookup(request):
    nomination = None
    if request.method == "POST":
        if hit(request, LOOKUP_GROUP, settings.NOMINATION_LOOKUP_RATE):
            return too_many_requests(request, "查询")
        form = StatusLookupForm(request.POST)
        if form.is_valid():
            nomination = find_by_receipt(form.cleaned_data["code"], form.cleaned_data["last4"])
            if nomination is None:
                form.add_error(None, "没有找到对应的推荐：请核对回执编号和手机号后四位。")
    else:
        form = StatusLookupForm()
    response = TemplateResponse(
        request, "nominations/status_lookup.html", {"form": form, "nomination": nomination}
    )
    return private(response)


# 评议 ----------------------------------------------------------------------------------------------


def public_rounds():
    return EndorsementRound.objects.exclude(status=EndorsementRound.Status.DRAFT)


def round_list(request):
    rounds = list(public_rounds().annotate(candidate_count=Count("candidates", distinct=True)))
    return TemplateResponse(
        request,
        "nominations/round_list.html",
        {
            "open_rounds": [r for r in rounds if r.is_open()],
            "other_rounds": [r for r in rounds if not r.is_open()],
        },
    )


def round_detail(request, pk):
    endorsement_round = get_object_or_404(public_rounds(), pk=pk)
    candidates = list(
        endorsement_round.candidates.select_related(
            "profile", "nomination__community", "nomination__created_page"
        )
        .annotate(total=Count("endorsements"))
        .order_by("sort_order", "pk")
    )
    endorsed = endorsements.endorsed_by_visitor(request, endorsement_round)
    for candidate in candidates:
        candidate.endorsed = candidate.pk in endorsed
    if not endorsement_round.is_open():
        candidates.sort(key=lambda c: -c.total)
    response = TemplateResponse(
        request,
        "nominations/round_detail.html",
        {"round": endorsement_round, "candidates": candidates, "is_open": endorsement_round.is_open()},
    )
    add_never_cache_headers(response)  # counts change with every endorsement
    return response


@require_POST
def endorse(request, pk, candidate_pk):
    endorsement_round = get_object_or_404(public_rounds(), pk=pk)
    candidate = get_object_or_404(Candidate, pk=candidate_pk, round=endorsement_round)
    back = reverse("nominations:round", args=[endorsement_round.pk])
    if not endorsement_round.is_open():
        messages.error(request, "本轮评议已结束，不再接受支持。感谢关注！")
        return HttpResponseRedirect(back, status=303)
    if hit(request, ENDORSE_GROUP, settings.ENDORSEMENT_RATE):
        return too_many_requests(request, "支持")
    visitor_id = endorsements.visitor_id(request)
    if endorsements.record(endorsement_round, candidate, visitor_id):
        messages.success(request, f"已支持 {candidate.name}，谢谢您的参与！")
    else:
        messages.info(request, f"您已经支持过 {candidate.name}，每位访客对每位候选人只计一次。")
    response = HttpResponseRedirect(back, status=303)
    endorsements.remember_visitor(request, response, visitor_id)
    return response
