"""A person's recorded consent to appear on the site (PIPL art. 25, Civil Code art. 1019), and
the rule that nothing goes public without it.

Profiles, honoured families and people on a wall all record the same things: who consented,
to what (name, portrait, story), when, the signed form (a private document), and a guardian for
anyone under 14. A page model says what it lacks in its `consent_problems()` (in Chinese, built
with `consent_problems` below); `publishing_problems` is the rule every publish path asks:

- `ExhibitPage.publish`, through `guard_publish`: every way Wagtail publishes ends there (the
  editor, workflow approval, bulk actions, scheduled publishing, code);
- `moderation`'s hooks and final-approval task ask first, so that each path can also *say* so
  where its user is (keep the draft, offer only "request changes", name the blocked pages).
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import models
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel
from wagtail.documents import get_document_model
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.log_actions import log

from core.blocks import PrivateBlock

SCOPE_NAME, SCOPE_PORTRAIT, SCOPE_STORY = "name", "portrait", "story"
SCOPE_CHOICES = [(SCOPE_NAME, "姓名"), (SCOPE_PORTRAIT, "肖像/照片"), (SCOPE_STORY, "事迹")]
SCOPE_LABELS = dict(SCOPE_CHOICES)
ADULT_AGE = 14


class ConsentRequired(PermissionDenied):
    """Raised when something would go public without the consent it needs."""

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__("；".join(self.problems))


@dataclass(frozen=True)
class Consent:
    """What was recorded, whichever form it was recorded in."""

    given_by: str = ""
    date: object = None
    scopes: frozenset = frozenset()
    form_id: int | None = None
    under_14: bool = False
    guardian: str = ""


# The audit-log action of a refused publish (registered in exhibits/wagtail_hooks.py).
PUBLISH_REFUSED = "exhibits.publish_refused"
SCHEDULED_PUBLISH = "wagtail.publish.scheduled"


def publishing_problems(obj):
    """What keeps `obj` (a page, or a revision's version of it) from going public; [] if nothing."""
    check = getattr(obj, "consent_problems", None)
    return check() if callable(check) else []


def log_refusal(page, user, problems):
    log(instance=page, action=PUBLISH_REFUSED, user=user, data={"problems": list(problems)})


def guard_publish(page, revision, user, log_action):
    """Called by `ExhibitPage.publish` before publishing `revision`.

    Returns True when publishing may go ahead. A scheduled publish without consent is dropped from
    the schedule (logged; `publish_scheduled` carries on with the rest); any other is refused with
    `ConsentRequired`.
    """
    version = revision.as_object()
    problems = publishing_problems(version)
    if not problems:
        # Wagtail's publish action builds the same version from the revision again (a dozen
        # queries); hand it this one, which the check only read.
        revision.as_object = lambda: version
        return True
    log_refusal(page, user, problems)
    if log_action == SCHEDULED_PUBLISH:
        type(revision).objects.filter(pk=revision.pk).update(approved_go_live_at=None)
        return False
    raise ConsentRequired(problems)


def consent_problems(consent, needs, who):
    """What keeps `consent` from covering `needs` (a set of scopes) for the person `who`."""
    problems = []
    if not consent.given_by or not consent.date:
        problems.append(f"{who}：未登记同意人和同意日期")
    if not consent.form_id:
        problems.append(f"{who}：未上传签字的知情同意书")
    missing = [label for scope, label in SCOPE_CHOICES if scope in needs and scope not in consent.scopes]
    if missing:
        problems.append(f"{who}：同意范围不含{'、'.join(missing)}")
    if consent.under_14 and not consent.guardian:
        problems.append(f"{who}：未满{ADULT_AGE}周岁，须由监护人签署同意书并登记监护人")
    return problems


class PersonConsentMixin(models.Model):
    """Consent fields for a model that shows one person or family."""

    consent_given_by = models.CharField(
        "同意人", max_length=80, blank=True, help_text="签署同意书的人：本人，或未满14周岁者的监护人"
    )
    consent_date = models.DateField("同意日期", null=True, blank=True)
    consent_scope_name = models.BooleanField("同意公开姓名", default=False)
    consent_scope_portrait = models.BooleanField("同意公开肖像/照片", default=False)
    consent_scope_story = models.BooleanField("同意公开事迹", default=False)
    consent_form = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name="签字的知情同意书",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="扫描件，上传到本社区的“同意书”文件夹（不公开）。",
    )
    subject_under_14 = models.BooleanField("未满14周岁", default=False)
    guardian_name = models.CharField("监护人", max_length=80, blank=True, help_text="例如：王某某（母亲）")

    consent_field_panels = [
        FieldRowPanel([FieldPanel("consent_given_by"), FieldPanel("consent_date")]),
        FieldRowPanel(
            [
                FieldPanel("consent_scope_name"),
                FieldPanel("consent_scope_portrait"),
                FieldPanel("consent_scope_story"),
            ]
        ),
        FieldPanel("consent_form"),
        FieldRowPanel([FieldPanel("subject_under_14"), FieldPanel("guardian_name")]),
    ]
    consent_panels = [
        HelpPanel(
            content="人物的姓名、肖像和事迹须经本人书面同意方可公开；未满14周岁的，须由监护人同意。"
            "未登记同意的内容可以保存草稿，但不能发布。"
        ),
        MultiFieldPanel(consent_field_panels, heading="本人同意"),
    ]

    class Meta:
        abstract = True

    @property
    def consent(self):
        form_id = self.consent_form_id
        # A form already fetched with this version (core.keys) exists; any other is looked up.
        known = type(self).consent_form.is_cached(self)
        if form_id and not known and not get_document_model().objects.filter(pk=form_id).exists():
            form_id = None  # the signed form was deleted: consent withdrawn or lost
        scopes = {
            scope
            for scope, granted in (
                (SCOPE_NAME, self.consent_scope_name),
                (SCOPE_PORTRAIT, self.consent_scope_portrait),
                (SCOPE_STORY, self.consent_scope_story),
            )
            if granted
        }
        return Consent(
            given_by=self.consent_given_by.strip(),
            date=self.consent_date,
            scopes=frozenset(scopes),
            form_id=form_id,
            under_14=self.subject_under_14,
            guardian=self.guardian_name.strip(),
        )


class ConsentBlock(PrivateBlock, blocks.StructBlock):
    """The same record inside a StreamField entry (a person on a wall without a profile); never
    indexed, never served by the API."""

    given_by = blocks.CharBlock(label="同意人", required=False, max_length=80)
    date = blocks.DateBlock(label="同意日期", required=False)
    scopes = blocks.MultipleChoiceBlock(label="同意范围", choices=SCOPE_CHOICES, required=False)
    form = DocumentChooserBlock(label="签字的知情同意书", required=False)
    under_14 = blocks.BooleanBlock(label="未满14周岁", required=False)
    guardian = blocks.CharBlock(label="监护人", required=False, max_length=80)

    class Meta:
        icon = "lock"
        label = "本人同意"
        form_classname = "consent-block"

    @staticmethod
    def as_consent(value):
        if not value:
            return Consent()
        form = value.get("form")
        if isinstance(form, int) and not get_document_model().objects.filter(pk=form).exists():
            form = None
        return Consent(
            given_by=(value.get("given_by") or "").strip(),
            date=value.get("date"),
            scopes=frozenset(value.get("scopes") or ()),
            form_id=getattr(form, "pk", form),
            under_14=bool(value.get("under_14")),
            guardian=(value.get("guardian") or "").strip(),
        )
