from wagtail.models import Site

from core.generation import memoized

from .models import SiteSettings


def site_shell(request):
    """The site's home page, main navigation and settings, for the shell around every public page.

    Kept in memory for the current content generation (core.generation): every page needs them
    and they change only when an editor changes the site.
    """
    if request is None or request.path.startswith("/admin/"):
        return {}
    site = Site.find_for_request(request)
    if site is None:
        return {}
    root = site.root_page
    return {
        "site_root": root,
        "main_nav": memoized(
            ("home:main-nav", site.pk), lambda: list(root.get_children().live().in_menu().order_by("path"))
        ),
        "site_settings": memoized(("home:site-settings", site.pk), lambda: SiteSettings.for_site(site)),
    }
