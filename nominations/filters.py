import django_filters
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet

from exhibits.choices import DeedCategory
from home.models import CommunityPage

from .models import Nomination
from .permissions import visible_communities


def communities_for_request(request):
    communities = CommunityPage.objects.order_by("path")
    if request is None:
        return communities.none()
    visible = visible_communities(request.user)
    return communities if visible is None else communities.filter(pk__in=visible)


class NominationFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label="状态", choices=Nomination.Status.choices, empty_label="全部")
    community = django_filters.ModelChoiceFilter(
        label="社区", queryset=communities_for_request, empty_label="全部"
    )
    category = django_filters.ChoiceFilter(label="类别", choices=DeedCategory.choices, empty_label="全部")
    submitted_at = django_filters.DateFromToRangeFilter(label="提交日期", widget=DateRangePickerWidget)

    class Meta:
        model = Nomination
        fields = ["status", "community", "category", "submitted_at"]
