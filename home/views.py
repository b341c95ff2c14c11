from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.shortcuts import render
from wagtail.models import Page

from exhibits.cards import prepare_cards
from exhibits.models import EXHIBIT_MODELS

from .models import PLACE_PAGE_MODELS

MAX_QUERY_LENGTH = 100
PER_PAGE = 12


def search(request):
    """Full-text search over live exhibits and places."""
    raw_query = request.GET.get("q", "")
    query = " ".join(raw_query.split())[:MAX_QUERY_LENGTH]
    context = {"search_query": query, "query_truncated": len(raw_query.strip()) > MAX_QUERY_LENGTH}
    if query:
        results = (
            Page.objects.live()
            .public()
            .type(*EXHIBIT_MODELS, *PLACE_PAGE_MODELS)
            .search(query, operator="and")
        )
        paginator = Paginator(results, PER_PAGE)
        try:
            page_obj = paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            page_obj = paginator.page(1)
        except EmptyPage:
            page_obj = paginator.page(paginator.num_pages)
        # One query per kind for the specific pages, whatever the page size.
        ids = [page.pk for page in page_obj.object_list]
        specific = Page.objects.filter(pk__in=ids).specific().in_bulk()
        hits = [specific[pk] for pk in ids if pk in specific]
        prepare_cards(hits)
        context.update(page_obj=page_obj, paginator=paginator, hits=hits)
    return render(request, "home/search.html", context)
