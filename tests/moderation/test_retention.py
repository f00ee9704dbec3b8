"""`flask submissions prune --days N`: uploads of rejected or abandoned submissions, files nothing
refers to, and spam caught by the trap are deleted once older than the retention period; nothing a
published record cites or a reviewer still has to decide is ever touched."""

from __future__ import annotations

import os
import time
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from registry.database import db, utcnow
from registry.documents import storage
from registry.documents.storage import CheckedDocument
from registry.models import Source, Submission
from tests.moderation.conftest import stored_files
from tests.moderation.helpers import PDF


def pdf(label: str) -> CheckedDocument:
    return CheckedDocument(PDF + f"% {label}\n".encode(), f"{label}.pdf")


def age(submission: Submission, days: int, status: str | None = None) -> None:
    """Move a submission's dates `days` into the past (and set its status)."""
    when = utcnow() - timedelta(days=days)
    values = {"created_at": when, "updated_at": when}
    if status:
        values["status"] = status
        if status in ("rejected", "published", "needs_info"):
            values["decided_at"] = when
    db.session.execute(update(Submission).where(Submission.id == submission.id).values(**values))
    db.session.commit()


def orphan_file(label: str, days: int) -> str:
    document = pdf(label)
    storage.store(document)
    path = storage.path_for(document.sha256)
    then = time.time() - days * 86400
    os.utime(path, (then, then))
    return document.sha256


@pytest.fixture
def aged(app, make_submission, make_body):
    """One submission (or file) of each kind, old or recent."""
    made = {}
    for label, status, days in [("rejected-old", "rejected", 100), ("rejected-new", "rejected", 10),
                                ("abandoned", "needs_info", 100), ("waiting", "pending", 100),
                                ("published", "published", 100)]:
        submission, _ = make_submission(document=pdf(label), title=label)
        age(submission, days, status)
        made[label] = submission
    cited = made["published"].document_sha256
    db.session.add(Source(document_sha256=cited, document_name="published.pdf",
                          body_id=make_body().id))
    db.session.commit()
    spam, _ = make_submission(title="spam-old")
    age(spam, 100, "spam")
    recent_spam, _ = make_submission(title="spam-new")
    age(recent_spam, 1, "spam")
    made["spam-old"], made["spam-new"] = spam, recent_spam
    made["orphan-old"] = orphan_file("orphan-old", 100)
    made["orphan-new"] = orphan_file("orphan-new", 1)
    return made


def present(sha256: str) -> bool:
    return storage.exists(sha256)


def test_prune_deletes_what_is_past_retention_and_nothing_else(runner, aged):
    hashes = {label: s.document_sha256 for label, s in aged.items() if isinstance(s, Submission)
              and s.document_sha256}
    result = runner.invoke(args=["submissions", "prune", "--days", "90"])
    assert result.exit_code == 0, result.output
    assert not present(hashes["rejected-old"]) and not present(hashes["abandoned"])
    assert not present(aged["orphan-old"])
    for kept in ("rejected-new", "waiting", "published"):
        assert present(hashes[kept]), kept
    assert present(aged["orphan-new"])
    db.session.expire_all()
    rejected = db.session.get(Submission, aged["rejected-old"].id)
    assert rejected.document_sha256 is None and "document" not in rejected.payload
    assert "rejected-old.pdf deleted" in rejected.internal_note
    statuses = set(db.session.scalars(select(Submission.payload["title"].as_string())))
    assert "spam-old" not in statuses and "spam-new" in statuses
    assert "3 uploads deleted" in result.output and "1 spam submission deleted" in result.output


def test_a_dry_run_deletes_nothing(runner, aged, upload_folder):
    before = sorted(stored_files(upload_folder))
    result = runner.invoke(args=["submissions", "prune", "--days", "90", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "would delete" in result.output and "rejected-old.pdf" in result.output
    assert sorted(stored_files(upload_folder)) == before
    assert db.session.scalar(select(Submission).where(Submission.status == "spam")
                             .where(Submission.payload["title"].as_string() == "spam-old"))


def test_a_needs_info_submission_published_after_pruning_cites_no_missing_file(
        runner, reviewer_client, aged):
    from tests.moderation.helpers import decide

    pruned = aged["abandoned"].document_sha256
    runner.invoke(args=["submissions", "prune", "--days", "90"])
    response = decide(reviewer_client, aged["abandoned"].id, decision="publish_new")
    assert response.status_code == 302
    assert db.session.scalar(select(Source).where(Source.document_sha256 == pruned)) is None
