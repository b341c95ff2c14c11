"""The page chooser shows a user only pages they may edit, and live pages open to the public.

Wagtail's page chooser lists every page in the tree to anyone in the admin, drafts included, and a
draft's title can be a person's name before that person has consented (a nomination accepted as a
draft 人物档案). The `construct_page_chooser_queryset` hook (wagtail_hooks.py) narrows its listings
and its search; the views below close what the hook cannot reach:

- browsing into a page by id (`/admin/choose-page/<id>/`) shows that page as the parent row;
- `/admin/choose-page/chosen-multiple/?id=…` answers with any page's title;
- a live page's listed title is its latest draft's (`draft_title`): pages the user may not edit
  show their live title instead.

They are routed in cms/urls.py ahead of Wagtail's admin URLs, at the same addresses.
Image, document and media choosers already list only the collections (and, for media, the
uploads) the user holds permissions on; no snippet model has drafts.
"""

from django.http import Http404
from django.urls import path, reverse
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views import chooser
from wagtail.models import Page
from wagtail.permissions import page_permission_policy

EDITING = ["add", "change", "publish"]


def choosable_pages(user):
    """Pages any chooser may show `user`: the subtrees they edit, and live public pages."""
    if user.is_superuser:
        return Page.objects.all()
    editable = page_permission_policy.instances_user_has_any_permission_for(user, EDITING)
    return Page.objects.filter(pk__in=editable.values("pk")) | Page.objects.live().public()


def restrict_page_chooser(pages, request):
    if request.user.is_superuser:
        return pages
    return pages.filter(pk__in=choosable_pages(request.user).values("pk"))


def hide_draft_title(page, user):
    """List a page the user may not edit by its live title, not by the title of its latest draft."""
    if not user.is_superuser and not page.permissions_for_user(user).can_edit():
        page.draft_title = page.title
    return page


class LiveTitleColumn(chooser.PageTitleColumn):
    def get_cell_context_data(self, instance, parent_context):
        hide_draft_title(instance, self.user)
        return super().get_cell_context_data(instance, parent_context)


class LiveParentColumn(chooser.ParentPageColumn):
    def get_value(self, instance):
        parent = super().get_value(instance)
        return hide_draft_title(parent, self.user) if parent is not None else None


def live_title_columns(columns, user):
    replaced = []
    for column in columns:
        if type(column) is chooser.PageTitleColumn:
            column = LiveTitleColumn(
                column.name, label=column.label, is_multiple_choice=column.is_multiple_choice
            )
        elif type(column) is chooser.ParentPageColumn:
            column = LiveParentColumn(column.name, label=column.label)
        if isinstance(column, LiveTitleColumn | LiveParentColumn):
            column.user = user
        replaced.append(column)
    return replaced


class PageBrowseView(chooser.BrowseView):
    @property
    def columns(self):
        return live_title_columns(super().columns, self.request.user)

    def get_object_list(self):
        visible = choosable_pages(self.request.user)
        if not visible.filter(pk=self.parent_page.pk).exists():
            if self.kwargs.get("parent_page_id"):
                raise Http404
            # Wagtail started at the common ancestor of the wanted page types, which may be a
            # draft: start at the nearest page above it that the user may see instead.
            nearest = visible.ancestor_of(self.parent_page).order_by("-depth").first()
            self.parent_page = (nearest or Page.get_first_root_node()).specific
        return super().get_object_list()


class PageSearchView(chooser.SearchView):
    @property
    def columns(self):
        return live_title_columns(super().columns, self.request.user)


class PageChosenMultipleView(chooser.ChosenMultipleView):
    def get(self, request):
        ids = [pk for pk in request.GET.getlist("id") if pk.isdigit()]
        pages = choosable_pages(request.user).filter(pk__in=ids).specific()
        result = []
        for page in pages:
            hide_draft_title(page, request.user)
            result.append(
                {
                    "id": page.pk,
                    "parentId": page.get_parent().pk,
                    "adminTitle": page.get_admin_display_title(),
                    "editUrl": reverse("wagtailadmin_pages:edit", args=(page.pk,)),
                    "url": page.url,
                }
            )
        return self.render_chosen_response(result)


urlpatterns = [
    path("", require_admin_access(PageBrowseView.as_view())),
    path("<int:parent_page_id>/", require_admin_access(PageBrowseView.as_view())),
    path("search/", require_admin_access(PageSearchView.as_view())),
    path("chosen-multiple/", require_admin_access(PageChosenMultipleView.as_view())),
]
