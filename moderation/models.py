from django.contrib.auth.models import Group
from django.db import models
from wagtail.models import AbstractGroupApprovalTask, Collection, Page

from exhibits.consent import ConsentRequired, publishing_problems


class PlaceRole(models.Model):
    """The group (and its collections) that `sync_roles` keeps for a street or a community.

    Keyed by page, not by name, so renaming a community renames its group instead of making a
    second one.
    """

    class Kind(models.TextChoices):
        EDITORS = "editors", "社区编辑"
        REVIEWERS = "reviewers", "街道审核"

    page = models.ForeignKey(Page, verbose_name="阵地", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField("角色", max_length=20, choices=Kind.choices)
    group = models.OneToOneField(
        Group, verbose_name="用户组", on_delete=models.CASCADE, related_name="place_role"
    )
    image_collection = models.ForeignKey(
        Collection, verbose_name="图库", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    consent_collection = models.ForeignKey(
        Collection,
        verbose_name="同意书文件夹",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "阵地角色"
        verbose_name_plural = "阵地角色"
        constraints = [models.UniqueConstraint(fields=["page", "kind"], name="one_role_per_place_and_kind")]

    def __str__(self):
        return self.group.name


class ConsentCheckedApprovalTask(AbstractGroupApprovalTask):
    """The district office's final approval: it cannot approve what lacks a person's consent.

    Approving would publish, so the approve actions are only offered once every person shown
    has their consent recorded; until then the office can only request changes. The rule itself
    is `exhibits.consent.publishing_problems`; this task only asks it early.
    """

    class Meta:
        verbose_name = "终审（核验本人同意）"
        verbose_name_plural = "终审（核验本人同意）"

    @classmethod
    def get_description(cls):
        return "所选用户组的成员可以批准发布；人物未登记本人同意时不能批准，只能退回修改。"

    @staticmethod
    def problems_for(obj):
        latest = obj.get_latest_revision_as_object() if hasattr(obj, "get_latest_revision_as_object") else obj
        return publishing_problems(latest)

    def get_actions(self, obj, user):
        actions = super().get_actions(obj, user)
        if actions and self.problems_for(obj):
            return [action for action in actions if action[0] != "approve"]
        return actions

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "approve":
            problems = self.problems_for(task_state.workflow_state.content_object)
            if problems:
                raise ConsentRequired(problems)
        return super().on_action(task_state, user, action_name, **kwargs)
