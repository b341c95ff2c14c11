"""The page editor form every page type of this site uses.

Wagtail's choosers only *show* the images, documents and media a user may choose; the editor form
itself accepts any id posted to it. This form checks every image, document and media file a page
refers to (in its fields, its inline panels and its StreamFields) against what the user may choose,
so an editor cannot attach another community's photos or private consent forms by posting their
ids. What the page already referred to before the edit may stay.

It also gives pages made in the editor their slug (`core.slugs`): left empty, the slug comes from
the title's pinyin, unique among the page's siblings; typed, it is kept; a page that has been
published keeps its URL when its title changes.
"""

import re

from django.core.exceptions import FieldDoesNotExist, ValidationError
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.widgets.slug import SlugInput
from wagtail.documents import get_document_model
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.permissions import policy_registry
from wagtailmedia import get_media_model

from core.slugs import (
    MAX_LENGTH,
    no_slug_message,
    normalise_slug,
    sibling_slugs,
    slug_from_title,
    unique_slug,
)

# The actions that let a user pick an item; media has no separate "choose" permission.
CHOOSE_ACTIONS = {"image": ["choose"], "document": ["choose"], "media": ["add", "change", "delete"]}
KIND_LABELS = {"image": "图片", "document": "文件", "media": "音视频"}


def guarded_models():
    return {get_image_model(): "image", get_document_model(): "document", get_media_model(): "media"}


def field_references(model_field, value):
    """(model, pk) pairs that one field's value refers to."""
    models = guarded_models()
    if model_field.is_relation and model_field.many_to_one and model_field.related_model in models:
        pk = getattr(value, "pk", value)
        return {(model_field.related_model, int(pk))} if pk not in (None, "") else set()
    if isinstance(model_field, (StreamField, RichTextField)) and value:
        return {
            (model, int(pk))
            for model, pk, _path, _content_path in model_field.extract_references(value)
            if model in models and pk not in (None, "")
        }
    return set()


def stored_references(instance):
    """What a page (and its inline children) refers to as it stands, before the edit."""
    found = set()
    for field in instance._meta.concrete_fields:
        found |= field_references(
            field, getattr(instance, field.attname if field.is_relation else field.name)
        )
    for relation in getattr(instance._meta, "child_relations", []):
        for child in getattr(instance, relation.get_accessor_name()).all():
            for field in child._meta.concrete_fields:
                found |= field_references(
                    field, getattr(child, field.attname if field.is_relation else field.name)
                )
    return found


def submitted_references(form):
    """What the submitted form (and its inline formsets) would make the page refer to."""
    found = set()
    forms = [form] + [child for formset in form.formsets.values() for child in formset.forms]
    for each in forms:
        data = getattr(each, "cleaned_data", None) or {}
        if data.get("DELETE"):
            continue
        for name, value in data.items():
            try:
                model_field = each._meta.model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            found |= field_references(model_field, value)
    return found


SLUG_HELP = (
    "页面网址中的名称，只用英文字母、数字和连字符。留空则在保存时按标题的拼音生成，"
    "例如“浔美社区爱心厨房”→ xunmei-shequ-aixin-chufang。页面发布后修改标题，网址不变。"
)
# Wagtail's title-to-slug sync (w-sync → w-slug#urlify) transliterates Latin-like letters only: a
# Chinese title gives an empty slug and a mixed one a stray fragment ("2024"). The slug field
# ignores the title here (`identity` keeps its value) and the form fills it from the pinyin on
# save. Chinese typed into the field itself is kept by the browser and turned into pinyin too.
SLUG_ACTIONS = "blur->w-slug#slugify w-sync:check->w-slug#compare w-sync:apply->w-slug#identity:prevent"


class SitePageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._references_before = stored_references(self.instance) if self.instance.pk else set()
        if slug := self.fields.get("slug"):
            slug.required = False
            slug.validators = []  # anything typed is normalised in `fill_slug`
            slug.help_text = SLUG_HELP
            slug.widget = SlugInput(
                attrs={
                    "data-action": SLUG_ACTIONS,
                    "data-w-slug-allow-unicode-value": "true",
                    "placeholder": "留空则按标题拼音自动生成",
                }
            )

    def has_been_published(self):
        page = self.instance
        return bool(page.pk and (page.live or page.first_published_at or page.live_revision_id))

    def fill_slug(self):
        """The slug to save: typed, kept, or made from the title (see the module docstring)."""
        if "slug" not in self.fields or "title" not in self.cleaned_data:
            return
        page, title = self.instance, self.cleaned_data["title"]
        typed = normalise_slug(self.cleaned_data.get("slug"), max_length=255)
        if typed and not (self.follows_title(typed) and title != page.title):
            self.cleaned_data["slug"] = typed
            return
        if page.pk and page.slug and self.has_been_published():
            self.cleaned_data["slug"] = page.slug  # a published URL never changes by itself
            return
        base = slug_from_title(title)
        if not base:
            self.add_error("title", no_slug_message(title))
            self.cleaned_data["slug"] = page.slug or ""
            return
        taken = sibling_slugs(self.parent_page, page) if self.parent_page else set()
        self.cleaned_data["slug"] = unique_slug(base, taken, MAX_LENGTH)

    def follows_title(self, slug):
        """Whether an unpublished draft's slug is still the one its previous title gave it."""
        page = self.instance
        if not page.pk or self.has_been_published() or slug != page.slug:
            return False
        base = slug_from_title(page.title)
        return bool(base) and re.fullmatch(re.escape(base) + r"(-\d+)?", slug) is not None

    def clean(self):
        self.fill_slug()
        cleaned_data = super().clean()
        user = self.for_user
        if user is None or user.is_superuser:
            return cleaned_data
        models = guarded_models()
        refused = []
        new = submitted_references(self) - self._references_before
        for model, pk in sorted(new, key=lambda item: (models[item[0]], item[1])):
            kind = models[model]
            choosable = policy_registry.get_by_type(model).instances_user_has_any_permission_for(
                user, CHOOSE_ACTIONS[kind]
            )
            if not choosable.filter(pk=pk).exists():
                refused.append(f"{KIND_LABELS[kind]}（编号 {pk}）")
        if refused:
            raise ValidationError(
                "您没有权限使用以下内容（属于其他社区或不公开的文件夹）：%(items)s。请从本社区的图库中选择。",
                params={"items": "、".join(refused)},
                code="choose_not_allowed",
            )
        return cleaned_data
