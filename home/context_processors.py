from django.utils.functional import SimpleLazyObject
from wagtail.models import Site


def site_shell(request):
    """The site's home page and its main navigation, for the header on every public page."""
    if request is None or request.path.startswith("/admin/"):
        return {}
    site = Site.find_for_request(request)
    if site is None:
        return {}
    root = site.root_page
    return {
        "site_root": root,
        "main_nav": SimpleLazyObject(lambda: list(root.get_children().live().in_menu().order_by("path"))),
    }
