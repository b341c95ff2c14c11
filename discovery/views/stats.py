from django.shortcuts import render
from django.views.decorators.http import require_safe

from ..charts import bar_chart
from ..stats import get_stats

CHARTS = [
    ("by_level", "按荣誉级别", "荣誉人次"),
    ("by_category", "按事迹类别", "荣誉人次"),
    ("by_street", "按街道", "荣誉人次"),
    ("by_year", "按获评年份", "荣誉人次"),
]


@require_safe
def stats(request):
    data = get_stats()
    charts = [
        {"key": key, "title": title, "unit": unit, "rows": data[key], "chart": bar_chart(data[key])}
        for key, title, unit in CHARTS
    ]
    exhibits_chart = bar_chart(data["exhibits_by_street"])
    return render(
        request,
        "discovery/stats.html",
        {"stats": data, "charts": charts, "exhibits_chart": exhibits_chart},
    )
