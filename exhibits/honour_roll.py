"""The honour roll in numbers: how many live profiles hold each honour title."""

from django.db.models import Count, Q

from .models import HonourTitle


def honour_totals():
    """Titles marked for the home page, each with its number of people, in the editors' order."""
    return list(
        HonourTitle.objects.filter(show_on_home=True).annotate(
            people=Count("honours__profile", distinct=True, filter=Q(honours__profile__live=True))
        )
    )
