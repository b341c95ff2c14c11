"""Creating drafts in code and submitting them to their place's workflow (moderation.drafts).

The bulk path must leave exactly what Wagtail's own add_child + save_revision + Workflow.start
leave: compared here field by field, then reviewed as any submitted page is.
"""

from django.core import mail
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from wagtail.admin.mail import (
    GroupApprovalTaskStateSubmissionEmailNotifier,
    WorkflowStateSubmissionEmailNotifier,
)
from wagtail.models import Page, PageLogEntry, TaskState, WorkflowState
from wagtail.signals import task_submitted, workflow_submitted

from exhibits.models import ProfileHonour, ProfilePage, StoryPage
from moderation.drafts import create_draft, create_drafts, start_workflows

from . import factories as f
from .moderation import build_world


def profile(title, slug):
    page = ProfilePage(title=title, slug=slug, intro="导语", summary="简介", live=False)
    page.honours.add(
        ProfileHonour(title=f.HonourTitleFactory(name="中国好人榜"), category="helping", year=2019)
    )
    return page


def wagtail_way(parent, page, user):
    """What the admin's create view does when an editor submits a new page for moderation."""
    page.owner = user
    parent.add_child(instance=page)
    page.save_revision(user=user, log_action=True)
    page.get_workflow().start(page, user)
    return page


class DraftSubmissionTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.world = build_world()
        cls.office = cls.world.users["office"]

    def test_the_same_rows_as_wagtails_own_path(self):
        community = self.world.community_a
        theirs = wagtail_way(community, profile("王秀英", "theirs"), self.office)
        ours = create_draft(Page.objects.get(pk=community.pk), profile("林志强", "ours"), self.office)
        self.assertEqual(Page.find_problems(), ([], [], [], [], []))
        self.assertEqual(Page.objects.get(pk=community.pk).numchild, 2)
        ours, theirs = ProfilePage.objects.get(pk=ours.pk), ProfilePage.objects.get(pk=theirs.pk)
        for name in (
            "live",
            "has_unpublished_changes",
            "owner_id",
            "depth",
            "locale_id",
            "content_type_id",
            "first_published_at",
            "live_revision_id",
        ):
            self.assertEqual(getattr(ours, name), getattr(theirs, name), name)
        self.assertEqual(ours.url_path, f"{community.url_path}ours/")
        self.assertEqual(ours.draft_title, "林志强")
        self.assertEqual([h.title.name for h in ours.honours.all()], ["中国好人榜"])

        revision, their_revision = ours.latest_revision, theirs.latest_revision
        self.assertEqual(revision.object_id, str(ours.pk))
        for name in ("content_type_id", "base_content_type_id", "user_id", "approved_go_live_at"):
            self.assertEqual(getattr(revision, name), getattr(their_revision, name), name)
        self.assertEqual(revision.object_str, "林志强")
        self.assertEqual(revision.as_object().honours.get().year, 2019)
        self.assertEqual(set(revision.content), set(their_revision.content))
        self.assertEqual(ours.latest_revision_created_at, revision.created_at)

        def logs(page):
            return list(
                PageLogEntry.objects.filter(page=page)
                .order_by("pk")
                .values_list("action", "user_id", "content_type_id", "content_changed", "label")
            )

        self.assertEqual(
            [entry[0] for entry in logs(ours)], ["wagtail.create", "wagtail.edit", "wagtail.workflow.start"]
        )
        self.assertEqual([entry[:4] for entry in logs(ours)], [entry[:4] for entry in logs(theirs)])
        start = PageLogEntry.objects.get(page=ours, action="wagtail.workflow.start")
        their_start = PageLogEntry.objects.get(page=theirs, action="wagtail.workflow.start")
        self.assertEqual(start.revision_id, revision.pk)
        self.assertEqual(start.data["workflow"]["title"], their_start.data["workflow"]["title"])
        self.assertEqual(start.data["workflow"]["next"], their_start.data["workflow"]["next"])
        self.assertEqual(set(start.data["workflow"]), set(their_start.data["workflow"]))

        state, their_state = ours.current_workflow_state, theirs.current_workflow_state
        for name in ("workflow_id", "status", "requested_by_id", "content_type_id", "base_content_type_id"):
            self.assertEqual(getattr(state, name), getattr(their_state, name), name)
        task_state, their_task_state = state.current_task_state, their_state.current_task_state
        for name in ("task_id", "status", "content_type_id"):
            self.assertEqual(getattr(task_state, name), getattr(their_task_state, name), name)
        self.assertEqual(task_state.revision_id, revision.pk)
        self.assertEqual(task_state.workflow_state_id, state.pk)

    def test_the_draft_is_reviewed_like_any_submitted_page(self):
        page = create_draft(self.world.community_a, profile("王秀英", "wang"), self.office)
        reviewer = self.world.users["reviewer_a"]
        state = page.current_workflow_state
        self.assertEqual(state.current_task_state.task.name, "城东街道初审")
        task = state.current_task_state.task.specific
        self.assertIn("approve", [action[0] for action in task.get_actions(page, reviewer)])
        # A reviewer of another street may not act on it.
        self.assertEqual(task.get_actions(page, self.world.users["reviewer_b"]), [])
        task.on_action(state.current_task_state, reviewer, "approve")
        state.refresh_from_db()
        self.assertEqual(state.current_task_state.task.name, "区委文明办终审")
        # No consent recorded: the office may only ask for changes.
        office_task = state.current_task_state.task.specific
        self.assertNotIn("approve", [action[0] for action in office_task.get_actions(page, self.office)])
        self.assertFalse(ProfilePage.objects.get(pk=page.pk).live)

    def test_several_parents_in_one_call(self):
        pages = create_drafts(
            [
                (self.world.community_a, profile("甲", "a")),
                (self.world.community_b, profile("乙", "b")),
                (self.world.community_a, profile("丙", "c")),
            ],
            self.office,
        )
        self.assertEqual(
            [page.get_parent().pk for page in pages],
            [self.world.community_a.pk, self.world.community_b.pk, self.world.community_a.pk],
        )
        self.assertEqual(
            [page.current_workflow_state.current_task_state.task.name for page in pages],
            ["城东街道初审", "华大街道初审", "城东街道初审"],
        )
        self.assertEqual(Page.find_problems(), ([], [], [], [], []))

    def test_a_page_without_child_objects(self):
        story = StoryPage(title="好人好事", slug="story", intro="导语", category="helping", live=False)
        page = create_draft(self.world.community_a, story, self.office)
        self.assertEqual(page.latest_revision.as_object().title, "好人好事")
        self.assertEqual(page.current_workflow_state.status, WorkflowState.STATUS_IN_PROGRESS)

    def test_pages_in_a_workflow_already_are_left_alone(self):
        page = create_draft(self.world.community_a, profile("王秀英", "wang"), self.office)
        self.assertEqual(start_workflows([page], self.office), [])
        self.assertEqual(WorkflowState.objects.filter(object_id=str(page.pk)).count(), 1)

    def test_each_page_notified_as_wagtail_does_or_one_summary(self):
        mail.outbox.clear()
        create_drafts([(self.world.community_a, profile(f"人{n}", f"p{n}")) for n in range(3)], self.office)
        to_reviewer = [message for message in mail.outbox if "reviewer_a@example.com" in message.to]
        self.assertEqual(len(to_reviewer), 3)

        mail.outbox.clear()
        with self.captureOnCommitCallbacks(execute=True):
            create_drafts(
                [(self.world.community_a, profile(f"丁{n}", f"q{n}")) for n in range(3)],
                self.office,
                notify="summary",
            )
        self.assertEqual(len(mail.outbox), 1)
        self.assertEqual(mail.outbox[0].to, ["reviewer_a@example.com"])
        self.assertIn("3份草稿", mail.outbox[0].subject)

    def test_only_wagtails_notifiers_listen_to_submissions(self):
        # The summary mode skips these signals; a new receiver must be handled in create_drafts.
        receivers = {type(receiver) for receiver in task_submitted._live_receivers(TaskState)[0]} | {
            type(receiver) for receiver in workflow_submitted._live_receivers(WorkflowState)[0]
        }
        self.assertEqual(
            receivers, {GroupApprovalTaskStateSubmissionEmailNotifier, WorkflowStateSubmissionEmailNotifier}
        )

    def test_the_query_count_grows_slowly_with_the_number_of_pages(self):
        def count(n, prefix):
            with CaptureQueriesContext(connection) as queries:
                create_drafts(
                    [(self.world.community_a, profile(f"{prefix}{i}", f"{prefix}-{i}")) for i in range(n)],
                    self.office,
                    notify="summary",
                )
            return len(queries)

        few, many = count(5, "a"), count(25, "b")
        self.assertLessEqual((many - few) / 20, 8)

    def test_new_drafts_are_indexed_once_committed(self):
        with self.captureOnCommitCallbacks(execute=True):
            create_draft(self.world.community_a, profile("柯天佑", "ke"), self.office)
        self.assertEqual([page.title for page in ProfilePage.objects.search("柯天佑")], ["柯天佑"])
