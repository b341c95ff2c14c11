"""Review feedback that reaches people: the comment on the edit page and the dashboard until the
page is resubmitted, 退回修改 (never 拒绝) in emails and messages, plainly labelled resubmit
choices, confirmations for the reviewer, and headed dashboard columns."""

from bs4 import BeautifulSoup
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse

from .test_workflows import WorkflowTestCase

COMMENT = "请补充受表彰的年份和评选单位"


class ReviewFeedbackTests(WorkflowTestCase):
    def request_changes(self):
        page = self.create_and_submit()
        mail.outbox.clear()
        response = self.act("reviewer_a", page, "reject", comment=COMMENT)
        self.assertEqual(response.status_code, 302)
        return page

    def messages_after(self, response):
        return [str(message) for message in get_messages(response.wsgi_request)]

    def test_the_comment_is_a_banner_on_the_edit_page_until_resubmitted(self):
        page = self.request_changes()
        self.as_user("editor_a")
        edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
        soup = BeautifulSoup(self.client.get(edit_url).content, "html.parser")
        banner = " ".join(item.get_text(" ", strip=True) for item in soup.select(".messages li"))
        self.assertIn(f"reviewer_a在“城东街道初审”退回修改，意见：“{COMMENT}”", banner)
        self.assertIn("重新提交审核（从第一步开始）", banner)

        self.client.post(edit_url, {**self.profile_form(intro="补充了年份"), "action-submit": "submit"})
        soup = BeautifulSoup(self.client.get(edit_url).content, "html.parser")
        self.assertNotIn(COMMENT, " ".join(item.get_text() for item in soup.select(".messages li")))

    def test_the_comment_is_on_the_submitters_dashboard_rows_until_resubmitted(self):
        page = self.request_changes()
        self.as_user("editor_a")
        soup = BeautifulSoup(self.client.get(reverse("wagtailadmin_home")).content, "html.parser")
        for panel_id in ("community-pages", "objects-in-workflow"):
            panel = soup.select_one(f"#{panel_id}-content") or soup.select_one(f"#{panel_id}")
            self.assertIsNotNone(panel, panel_id)
            row = next(tr for tr in panel.select("tbody tr") if page.title in tr.get_text())
            self.assertIn(COMMENT, row.get_text(), panel_id)
            self.assertIn("退回修改", row.get_text(), panel_id)

        edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
        self.client.post(edit_url, {**self.profile_form(intro="补充了年份"), "action-submit": "submit"})
        html = self.client.get(reverse("wagtailadmin_home")).content.decode()
        self.assertNotIn(COMMENT, html)

    def test_emails_and_messages_say_tuihui_xiugai_not_jujue(self):
        page = self.request_changes()
        self.assertEqual([m.to for m in mail.outbox], [["editor_a@example.com"]])
        email = mail.outbox[0]
        for text in (email.subject, email.body):
            self.assertIn("退回修改", text)
            self.assertNotIn("拒绝", text)
        self.assertIn(COMMENT, email.body)
        self.assertIn(f"http://testserver/admin/pages/{page.pk}/edit/", email.body)

        self.as_user("editor_a")
        history = self.client.get(reverse("wagtailadmin_pages:history", args=[page.pk])).content.decode()
        self.assertIn("退回修改", history)
        self.assertNotIn("拒绝", history)

    def test_requesting_changes_and_approving_from_the_dashboard_are_confirmed(self):
        page = self.create_and_submit()
        response = self.act("reviewer_a", page, "reject", comment=COMMENT)
        self.assertEqual(
            self.messages_after(response),
            [
                f"已将「{page.title}」退回修改（城东街道初审）。提交人会在编辑页面和首页看到您的意见，并收到邮件。"
            ],
        )
        self.as_user("editor_a")
        edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
        self.client.post(edit_url, {**self.profile_form(), "action-submit": "submit"})
        response = self.act("reviewer_a", page, "approve")
        self.assertEqual(
            self.messages_after(response),
            [f"已批准「{page.title}」（城东街道初审），现转交“区委文明办终审”。"],
        )
        response = self.act("office", page, "approve")
        self.assertEqual(
            self.messages_after(response),
            [f"已批准「{page.title}」（区委文明办终审）。审核流程已全部完成，页面已发布。"],
        )

    def test_approving_in_the_editor_is_confirmed(self):
        page = self.create_and_submit()
        self.as_user("reviewer_a")
        edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
        response = self.client.post(
            edit_url,
            {**self.profile_form(), "action-workflow-action": "true", "workflow-action-name": "approve"},
        )
        self.assertEqual(response.status_code, 302)
        self.assertIn(
            f"已批准「{page.title}」（城东街道初审），现转交“区委文明办终审”。", self.messages_after(response)
        )

    def test_resubmit_choices_are_few_and_say_what_they_do(self):
        page = self.request_changes()
        self.as_user("editor_a")
        html = self.client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
        soup = BeautifulSoup(html, "html.parser")
        footer = soup.select_one("footer").get_text(" ", strip=True)
        self.assertIn("重新提交审核（从第一步开始）", footer)
        self.assertIn("撤回审核（不再审核，页面留作草稿）", footer)
        self.assertIsNone(soup.select_one('[name="action-restart-workflow"]'))

    def test_dashboard_task_tables_have_headed_columns(self):
        page = self.create_and_submit()
        self.as_user("reviewer_a")
        soup = BeautifulSoup(self.client.get(reverse("wagtailadmin_home")).content, "html.parser")
        table = soup.select_one("#awaiting-review-content table") or soup.select_one("#awaiting-review table")
        self.assertIsNotNone(table)
        head = table.select_one("thead")
        self.assertNotIn("w-sr-only", head.get("class") or [])
        headers = [th.get_text(strip=True) for th in head.select("th")]
        self.assertEqual(len(headers), len(table.select_one("tbody tr").find_all("td", recursive=False)))
        self.assertTrue(all(headers), headers)
        self.assertIn(page.title, table.get_text())

        self.act("reviewer_a", page, "reject", comment=COMMENT)
        self.as_user("editor_a")
        soup = BeautifulSoup(self.client.get(reverse("wagtailadmin_home")).content, "html.parser")
        for panel_id in ("community-pages", "objects-in-workflow"):
            head = soup.select_one(f"#{panel_id}-content thead")
            self.assertNotIn("w-sr-only", head.get("class") or [])
            self.assertTrue(all(th.get_text(strip=True) for th in head.select("th")))
