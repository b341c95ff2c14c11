"""POST data for Wagtail's page editor, built the way the browser would send it."""

from modelcluster.models import get_all_child_relations
from wagtail.fields import StreamField
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield


def page_form(model, data, raw=None):
    """The admin form data for `data`, with every StreamField and inline panel the form expects."""
    for field in model._meta.get_fields():
        if isinstance(field, StreamField) and field.name not in data:
            data[field.name] = streamfield([])
    for relation in get_all_child_relations(model):
        name = relation.get_accessor_name()
        if name not in data and name != "tagged_items":
            data[name] = inline_formset([])
    return {**nested_form_data(data), **(raw or {})}
