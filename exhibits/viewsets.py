from wagtail.admin.ui.tables import BooleanColumn
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import HonourTitle


class HonourTitleViewSet(SnippetViewSet):
    """荣誉称号: kept once each, so the honour roll's totals cannot drift with spelling."""

    model = HonourTitle
    icon = "pick"
    menu_label = "荣誉称号"
    add_to_admin_menu = True
    menu_order = 250
    list_display = ["name", "level", "roll", "awarding_body", BooleanColumn("show_on_home", label="首页统计")]
    list_filter = ["level", "roll"]
    search_fields = ["name"]
    ordering = ["sort_order", "name"]
