"""Create pages as drafts under their places and submit each to the workflow that governs it.

One function for every path that makes exhibits in code: the nominations queue accepts one
nomination into one draft, a roster import turns a spreadsheet into thousands. The result is what
the admin's own "submit for moderation" leaves behind: the page (a draft, owned by the user), its
first revision, the log entries `wagtail.create`, `wagtail.edit` and `wagtail.workflow.start`, and
a workflow state whose first task waits for its reviewers.

Wagtail does this one page at a time (`add_child`, `save_revision`, `Workflow.start`), about a
hundred queries a page once the search index, the reference index and the notifications are
counted. For thousands of pages the tree positions, revisions, workflow and task states and log
entries are written here in bulk, with the same field values Wagtail writes
(`tests/test_draft_submission.py` compares the two paths field by field). The page rows themselves
still go through `Page.save()`, one insert each.

Notifications: with `notify="each"` the `task_submitted` and `workflow_submitted` signals are sent
for every page, as Wagtail does, so its usual emails go out. With `notify="summary"` (a bulk
import) they are not sent, and each reviewing group gets one email for the lot instead of one per
page. Wagtail's email notifiers are the only receivers of those two signals in this project;
`tests/test_draft_submission.py` fails if another one appears, so that it can be handled here.

Search and reference indexing run once per page after the transaction commits, through the same
tasks Wagtail enqueues on every save (at once with the default immediate task backend, in the
background with a worker backend). It is most of the cost of a large batch (the segmented Chinese
text of every page), so a caller may leave it for later (`index=False`, then `index_pages`, or
`manage.py update_index`).
"""

import logging
from collections import defaultdict

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import CharField, F, OuterRef, Q, Subquery
from django.db.models.functions import Cast
from django.utils import timezone
from modelcluster.models import ClusterableModel, get_all_child_relations
from modelsearch.tasks import insert_or_update_object_task
from wagtail.log_actions import get_active_log_context
from wagtail.models import (
    AbstractGroupApprovalTask,
    LockableMixin,
    Page,
    PageLogEntry,
    Revision,
    Task,
    TaskState,
    WorkflowState,
)
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail.signals import task_submitted, workflow_submitted
from wagtail.tasks import update_reference_index_task

from core.search import indexing as search_indexing

logger = logging.getLogger(__name__)

# Task classes whose `start` does nothing beyond what `_start_tasks` writes (the group approval
# task also unlocks a page locked by someone outside its groups: locked pages go the slow way).
BULK_STARTABLE = {Task.start, AbstractGroupApprovalTask.start}


class DraftError(Exception):
    """A draft that cannot be placed (an exhibit kind the place does not accept …)."""


def create_draft(parent, page, user):
    """Add the unsaved `page` under `parent` as a draft and submit it to its workflow."""
    return create_drafts([(parent, page)], user)[0]


@transaction.atomic
def create_drafts(items, user, *, notify="each", index=True):
    """Add each unsaved page under its parent as a draft and submit it to its workflow.

    `items`: (parent page, unsaved specific page) pairs; child relations (a profile's honours)
    may be attached to the pages beforehand, and are inserted in bulk (no post_save for them).
    Slugs must be set, valid and free among the parent's children: pages are saved without
    `full_clean` (the caller validated them). With `index=False` the search and reference
    indexes are left to the caller (`index_pages`). Returns the pages, saved, in the order given.
    """
    items = list(items)
    if not items:
        return []
    pages = [page for _parent, page in items]
    with search_indexing.deferred(), disable_reference_index_auto_update():
        by_parent = defaultdict(list)
        for parent, page in items:
            by_parent[parent.pk].append(page)
        parents = {parent.pk: parent for parent, _page in items}
        for parent_pk, children in by_parent.items():
            _add_children(parents[parent_pk], children, user)
        _save_first_revisions(pages, user)
        states = start_workflows(pages, user, notify=notify)
    if index:
        index_pages_on_commit(pages)
    if notify == "summary":
        _notify_reviewers_on_commit(states, user)
    return pages


@transaction.atomic
def submit_revisions(pages, user, *, notify="each", index=True):
    """Save each page's edited content as a new revision and submit it to its workflow.

    `pages`: specific pages as edited in code (usually `get_latest_revision_as_object()` with
    something added), so a live page stays as it is until the revision is approved. A page whose
    workflow is in progress or waiting for changes starts it again from the first step, as a
    resubmission from the editor does (see `moderation.wagtail_hooks`).
    """
    pages = list(pages)
    if not pages:
        return []
    with search_indexing.deferred(), disable_reference_index_auto_update():
        for page in pages:
            state = page.current_workflow_state
            if state is not None:
                state.cancel(user=user)
            page.save_revision(user=user, log_action=True, clean=False)
        states = start_workflows(pages, user, notify=notify)
    if index:
        index_pages_on_commit(pages)
    if notify == "summary":
        _notify_reviewers_on_commit(states, user)
    return pages


def _add_children(parent, children, user):
    """Give each child its place after the parent's last child and save it (treebeard's add_child,
    once for the lot: the parent row is locked, its last child read once, numchild updated once)."""
    parent = Page.objects.select_for_update().get(pk=parent.pk)
    for page in children:
        if not page.can_exist_under(parent):
            raise DraftError(f"{parent.title}下不能添加{page._meta.verbose_name}。")
    last = parent.get_last_child()
    position = Page._str2int(last.path[-Page.steplen :]) if last else 0
    depth = parent.depth + 1
    now = timezone.now()
    for page in children:
        position += 1
        page.path = Page._get_path(parent.path, depth, position)
        page.depth = depth
        page.numchild = 0
        page._cached_parent_obj = parent
        page.locale_id = parent.locale_id
        page.live = False
        page.has_unpublished_changes = True
        page.owner = user
        page.draft_title = page.title
        page.latest_revision_created_at = now
        children_of_page = _detach_children(page)
        # log_action=None: the `wagtail.create` entries are written below, in one insert.
        page.save(clean=False, user=user, log_action=None)
        page._new_children = children_of_page
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(children))


def _detach_children(page):
    """Take the page's in-memory child objects (a profile's honours …) off it before it is saved,
    so they can be inserted for all pages at once; {relation name: [objects]}, empty lists too
    (a new page has no children in the database, which saves querying for them)."""
    related = getattr(page, "_cluster_related_objects", {})
    children = {}
    for relation in get_all_child_relations(type(page)):
        name = relation.get_accessor_name()
        if issubclass(relation.related_model, ClusterableModel):
            continue  # nested children: left to the page's own save
        children[name] = related.pop(name, [])
    return children


def _insert_children(pages):
    by_model = defaultdict(list)
    for page in pages:
        for name, objects in page._new_children.items():
            relation = getattr(type(page), name).rel
            for obj in objects:
                setattr(obj, relation.field.name, page)
                by_model[relation.related_model].append(obj)
    for model, objects in by_model.items():
        model.objects.bulk_create(objects, batch_size=500)
    for page in pages:
        # Read by serializable_data() without a query; dropped again once the revision is made.
        page.__dict__.setdefault("_cluster_related_objects", {}).update(page._new_children)


def _save_first_revisions(pages, user):
    """What `page.save_revision(user=user, log_action=True)` writes, for many pages at once."""
    _insert_children(pages)
    page_type = ContentType.objects.get_for_model(Page)
    revisions = Revision.objects.bulk_create(
        [
            Revision(
                content_type_id=page.content_type_id,
                base_content_type=page_type,
                object_id=str(page.pk),
                user=user,
                content=page.serializable_data(),
                object_str=str(page),
                created_at=page.latest_revision_created_at,
            )
            for page in pages
        ],
        batch_size=500,
    )
    for page, revision in zip(pages, revisions, strict=True):
        page.latest_revision = revision
        for name in page._new_children:
            page._cluster_related_objects.pop(name, None)
        del page._new_children
    latest = Revision.objects.filter(base_content_type=page_type, object_id=Cast(OuterRef("pk"), CharField()))
    Page.objects.filter(pk__in=[page.pk for page in pages]).update(
        latest_revision=Subquery(latest.order_by("-pk").values("pk")[:1])
    )
    log_entries(pages, "wagtail.create", user, content_changed=True)
    log_entries(pages, "wagtail.edit", user, revision=lambda page: page.latest_revision, content_changed=True)


def start_workflows(pages, user, *, notify="each"):
    """Submit each page's latest revision to the workflow of its place: `Workflow.start` for many.

    Pages in a workflow already are left as they are. Returns the new workflow states.
    """
    pages = list(pages)
    in_progress = set(
        WorkflowState.objects.filter(
            base_content_type=ContentType.objects.get_for_model(Page),
            object_id__in=[str(page.pk) for page in pages],
        )
        .filter(Q(status=WorkflowState.STATUS_IN_PROGRESS) | Q(status=WorkflowState.STATUS_NEEDS_CHANGES))
        .values_list("object_id", flat=True)
    )
    pages = [page for page in pages if str(page.pk) not in in_progress]
    # Pages under the same place share its workflow: look it up once per parent.
    workflow_of_parent = {}
    bulk, one_by_one = [], []
    for page in pages:
        parent_path = page.path[: -Page.steplen]
        if parent_path not in workflow_of_parent:
            workflow = page.get_workflow()
            task = _first_task(workflow) if workflow else None
            workflow_of_parent[parent_path] = (workflow, task)
        workflow, task = workflow_of_parent[parent_path]
        if workflow is None:
            continue
        locked = isinstance(page, LockableMixin) and page.locked
        if task is None or locked or type(task).start not in BULK_STARTABLE:
            one_by_one.append((workflow, page))
        else:
            bulk.append((workflow, task, page))

    states = [workflow.start(page, user) for workflow, page in one_by_one]
    states += _start_tasks(bulk, user, notify)
    return states


def _first_task(workflow):
    task = Task.objects.filter(workflow_tasks__workflow=workflow, active=True).order_by(
        "workflow_tasks__sort_order"
    )
    first = task.first()
    return first.specific if first else None


def _start_tasks(bulk, user, notify):
    if not bulk:
        return []
    page_type = ContentType.objects.get_for_model(Page)
    states = WorkflowState.objects.bulk_create(
        [
            WorkflowState(
                content_type_id=page.content_type_id,
                base_content_type=page_type,
                object_id=str(page.pk),
                workflow=workflow,
                status=WorkflowState.STATUS_IN_PROGRESS,
                requested_by=user,
            )
            for workflow, _task, page in bulk
        ],
        batch_size=500,
    )
    task_states = TaskState.objects.bulk_create(
        [
            task.get_task_state_class()(
                workflow_state=state,
                revision=page.latest_revision,
                task=task,
                status=TaskState.STATUS_IN_PROGRESS,
            )
            for state, (_workflow, task, page) in zip(states, bulk, strict=True)
        ],
        batch_size=500,
    )
    for state, task_state, (_workflow, task, page) in zip(states, task_states, bulk, strict=True):
        task_state.task = task
        state.current_task_state = task_state
        state.content_object = page
    WorkflowState.objects.filter(pk__in=[state.pk for state in states]).update(
        current_task_state=Subquery(TaskState.objects.filter(workflow_state=OuterRef("pk")).values("pk")[:1])
    )

    by_page = {
        page.pk: (workflow, state) for state, (workflow, _task, page) in zip(states, bulk, strict=True)
    }
    log_entries(
        [page for _workflow, _task, page in bulk],
        "wagtail.workflow.start",
        user,
        revision=lambda page: page.latest_revision,
        data=lambda page: {"workflow": start_data(*by_page[page.pk])},
    )
    if notify == "each":
        for state in states:
            task_state = state.current_task_state
            task_submitted.send(sender=task_state.specific.__class__, instance=task_state.specific, user=user)
            workflow_submitted.send(sender=WorkflowState, instance=state, user=user)
    return states


def start_data(workflow, state):
    """The `data` Workflow.start logs with `wagtail.workflow.start` (the same keys, for the history
    view). Its key next names the next task, not a redirect."""
    task_state = state.current_task_state
    return dict(  # noqa: C408 (keywords: the redirect check looks for the quoted word)
        id=workflow.pk,
        title=workflow.name,
        status=WorkflowState.STATUS_IN_PROGRESS,
        next={"id": task_state.task.pk, "title": task_state.task.name},
        task_state_id=task_state.pk,
    )


def log_entries(pages, action, user, *, revision=None, data=None, content_changed=False):
    """One `PageLogEntry` per page, as `wagtail.log_actions.log` would write them, in one insert."""
    now = timezone.now()
    context = get_active_log_context()
    PageLogEntry.objects.bulk_create(
        [
            PageLogEntry(
                content_type=ContentType.objects.get_for_model(page, for_concrete_model=False),
                label=page.get_admin_display_title(),
                action=action,
                timestamp=now,
                data=data(page) if data else {},
                user=user or context.user,
                uuid=context.uuid,
                page=page,
                revision=revision(page) if revision else None,
                content_changed=content_changed,
            )
            for page in pages
        ],
        batch_size=500,
    )


# Indexing ---------------------------------------------------------------------------------------


def index_pages(pages):
    """Update the search and reference indexes of `pages`, through the tasks Wagtail enqueues on
    every save (run at once by the immediate task backend)."""
    for page in pages:
        key = (page._meta.app_label, page._meta.model_name, str(page.pk))
        insert_or_update_object_task.enqueue(*key)
        update_reference_index_task.enqueue(*key)


def index_pages_on_commit(pages):
    pages = list(pages)
    transaction.on_commit(lambda: index_pages(pages))


# Notifications ----------------------------------------------------------------------------------


def _notify_reviewers_on_commit(states, user):
    """One email per reviewing group for the whole batch, instead of one per page."""
    counts = defaultdict(int)
    tasks = {}
    for state in states:
        task = state.current_task_state.task
        counts[task.pk] += 1
        tasks[task.pk] = task
    if not counts:
        return

    def send():
        for task_pk, count in counts.items():
            task = tasks[task_pk]
            groups = getattr(task, "groups", None)
            if groups is None:
                continue
            recipients = (
                get_user_model()
                .objects.filter(groups__in=groups.all(), is_active=True)
                .exclude(email="")
                .exclude(pk=getattr(user, "pk", None))
                .exclude(wagtail_userprofile__submitted_notifications=False)
                .distinct()
            )
            addresses = sorted({recipient.email for recipient in recipients})
            if not addresses:
                continue
            who = (user.get_full_name() or user.get_username()) if user else "系统"
            try:
                send_mail(
                    subject=f"{count}份草稿等待“{task.name}”",
                    message=(
                        f"{who}一次提交了{count}份草稿，等待“{task.name}”，请审核。\n\n"
                        f"{settings.WAGTAILADMIN_BASE_URL}/admin/\n"
                    ),
                    from_email=settings.DEFAULT_FROM_EMAIL,
                    recipient_list=addresses,
                )
            except Exception:
                # A mail server that is down must not undo an import that has been committed.
                logger.exception("Could not send the batch submission email for task %s", task_pk)

    transaction.on_commit(send)
