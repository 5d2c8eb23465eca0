"""The learned model's proposals (förslag): made when a text is saved or the model is
trained, never on a page view; never counted until a facilitator confirms one; a rejected
one is kept as a decision and not proposed again; a corpus with too few decisions says so.

Most tests use a model fitted on the development sets alone (fast), with the cues of
Regionaliserare removed, so that the rules never give that role and the model's proposal
of it does not depend on how the rules change."""

from datetime import date
from functools import lru_cache

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from interviews.models import Interview
from interviews.services import save_interview
from submissions.services import save_statement
from synthesis import learning, services
from synthesis.models import LearnedModel, Proposal, Role, Tag, TaxonomyChange
from synthesis.tasks import request_retag, train_task

from .conftest import login

pytestmark = pytest.mark.django_db

LOCAL = "Nationella satsningar är ofta gjorda för storstäder, och vi behöver anpassa dem till ett län som vårt."  # noqa: E501
PLAIN = "Vi träffades i Halmstad i oktober."


@lru_cache(maxsize=1)
def _dev_model_bytes() -> bytes:
    from synthesis.taxonomy_default import DEFAULT_ROLES

    roles = [role["slug"] for role in DEFAULT_ROLES]
    return learning.dumps(learning.fit(learning.dev_examples(), roles))


@pytest.fixture
def model(db):
    Role.objects.filter(slug="regionaliserare").update(cues=[])
    learning._loaded.clear()
    return LearnedModel.objects.create(data=_dev_model_bytes(), report={"ready": True})


def _save_answers(submission, user, answers: str, interview=None) -> Interview:
    data = {
        "organisation": "Kommun 1",
        "actor_type": Interview.ActorType.KOMMUN,
        "interview_date": date(2026, 10, 1),
        "interviewee_function": "Integrationsstrateg",
        "consent": Interview.Consent.ANONYMOUS,
        "answers": answers,
    }
    base = interview.revision if interview else 0
    return save_interview(
        submission=submission,
        user=user,
        data=data,
        quotes=[],
        interview=interview,
        base_revision=base,
    ).interview


def test_saving_an_interview_proposes_the_roles_the_rules_missed(submission, alice, model):
    interview = _save_answers(submission, alice, f"{PLAIN} {LOCAL}")
    proposal = Proposal.objects.get(interview=interview)
    assert proposal.role.slug == "regionaliserare"
    assert proposal.match == LOCAL and interview.answers[proposal.start : proposal.end] == LOCAL
    assert proposal.confidence >= learning.threshold()
    assert {"nationella", "anpassa"} & {term for term, _w in proposal.weights}
    # Never counted: no tag of the role, and the synthesis reads tags only.
    assert not Tag.objects.filter(role__slug="regionaliserare").exists()


def test_saving_a_statement_proposes_too_and_a_new_text_replaces_its_proposals(
    submission, alice, model
):
    save_statement(submission=submission, user=alice, statement=LOCAL, base_revision=0)
    assert Proposal.objects.filter(field="statement", submission=submission).count() == 1
    submission.refresh_from_db()
    save_statement(
        submission=submission,
        user=alice,
        statement=PLAIN,
        base_revision=submission.statement_revision,
    )
    assert not Proposal.objects.filter(submission=submission).exists()


def test_no_proposal_where_the_rules_tagged_the_role(submission, alice, model):
    Role.objects.filter(slug="regionaliserare").update(cues=["nationella satsningar"])
    interview = _save_answers(submission, alice, LOCAL)
    assert Tag.objects.filter(interview=interview, role__slug="regionaliserare").exists()
    assert not Proposal.objects.filter(interview=interview, role__slug="regionaliserare").exists()


def test_without_a_model_nothing_is_proposed(submission, alice, db):
    interview = _save_answers(submission, alice, LOCAL)
    assert not Proposal.objects.filter(interview=interview).exists()


def test_a_page_view_computes_no_proposal(client, fiona, submission, alice, model):
    _save_answers(submission, alice, LOCAL)
    Proposal.objects.all().delete()
    login(client, fiona).get(reverse("synthesis:queue"))
    client.get(reverse("synthesis:submission", args=[submission.pk]))
    assert not Proposal.objects.exists()


def test_a_rejected_proposal_is_kept_as_a_decision_and_not_proposed_again(
    client, fiona, submission, alice, model
):
    interview = _save_answers(submission, alice, LOCAL)
    proposal = Proposal.objects.get(interview=interview)
    login(client, fiona).post(
        reverse("synthesis:proposal_review", args=[proposal.pk]), {"decision": "reject"}
    )
    tag = Tag.objects.get(interview=interview, role__slug="regionaliserare")
    assert (tag.source, tag.review, tag.reviewed_by) == ("model", "rejected", fiona)
    assert not Tag.objects.counted().filter(pk=tag.pk).exists()
    # Saved again: the model still finds the role there, but a facilitator said no.
    _save_answers(submission, alice, LOCAL + " ", interview=interview)
    assert not Proposal.objects.filter(interview=interview).exists()
    # And it is a labelled example for the next training.
    examples, decisions = learning.decision_examples()
    assert decisions == 1 and examples[0].labels == {"regionaliserare": False}


def test_undoing_a_confirmed_proposal_makes_it_a_proposal_again(
    client, fiona, submission, alice, model
):
    interview = _save_answers(submission, alice, LOCAL)
    proposal = Proposal.objects.get(interview=interview)
    fetch = {"X-Requested-With": "fetch"}
    login(client, fiona)
    answer = client.post(
        reverse("synthesis:proposal_review", args=[proposal.pk]),
        {"decision": "confirm"},
        headers=fetch,
    ).json()
    tag = Tag.objects.get(source="model")
    assert answer["action"] == reverse("synthesis:review", args=[tag.pk])
    assert Tag.objects.counted().filter(pk=tag.pk).exists()
    # Its evidence is the words that weighed most, so the homework page marks them.
    assert all(interview.answers[s:e] == words for s, e, words in tag.evidence)

    answer = client.post(answer["action"], {"decision": "reset"}, headers=fetch).json()
    assert not Tag.objects.filter(pk=tag.pk).exists()
    again = Proposal.objects.get(interview=interview)
    assert answer["action"] == reverse("synthesis:proposal_review", args=[again.pk])
    assert (again.role_id, again.start, again.match) == (proposal.role_id, proposal.start, LOCAL)


def test_an_unknown_decision_on_a_proposal_changes_nothing(client, fiona, submission, model):
    proposal = Proposal.objects.create(
        model=model,
        role=Role.objects.get(slug="regionaliserare"),
        submission=submission,
        field="statement",
        start=0,
        end=5,
        match="Något",
        confidence=0.7,
    )
    response = login(client, fiona).post(
        reverse("synthesis:proposal_review", args=[proposal.pk]),
        {"decision": "reset"},
        headers={"X-Requested-With": "fetch"},
    )
    assert response.status_code == 400
    assert Proposal.objects.filter(pk=proposal.pk).exists() and not Tag.objects.exists()


def test_a_retag_drops_the_proposals_the_rules_now_make(submission, alice, fiona, model):
    interview = _save_answers(submission, alice, LOCAL)
    assert Proposal.objects.filter(interview=interview).exists()
    role = Role.objects.get(slug="regionaliserare")
    role.cues = ["nationella satsningar"]
    role.save()
    request_retag(TaxonomyChange.objects.create(description="edit regionaliserare"))
    assert Tag.objects.filter(interview=interview, role=role, source="auto").exists()
    assert not Proposal.objects.filter(interview=interview).exists()


def test_too_few_decisions_say_so_instead_of_proposing(client, fiona, complete_submission):
    services.retag_corpus()
    tag = Tag.objects.filter(source="auto").first()
    services.review_tag(tag=tag, user=fiona, decision="confirm")
    row = LearnedModel.objects.get(pk=train_task.call())
    assert row.report == {"ready": False, "needed": 29, "threshold": learning.threshold()}
    assert not row.data and not Proposal.objects.exists()
    page = login(client, fiona).get(reverse("synthesis:agreement"))
    assert page.context["learned"].needed == 29
    assert 'data-testid="model-too-few"' in page.content.decode()
    assert "29" in page.content.decode().split('data-testid="model-too-few"')[1][:200]
    assert 'data-testid="proposals"' not in client.get(reverse("synthesis:queue")).content.decode()


def test_the_agreement_page_says_so_before_any_training(client, fiona):
    page = login(client, fiona).get(reverse("synthesis:agreement"))
    assert page.context["learned"].needed == learning.min_decisions()
    assert 'data-testid="model-too-few"' in page.content.decode()


def _queued_trainings() -> int:
    return DBTaskResult.objects.filter(task_path="synthesis.tasks.train_task").count()


def test_training_is_queued_after_every_n_decisions(client, fiona, complete_submission, settings):
    settings.LEARNING_RETRAIN_EVERY = 3
    services.retag_corpus()
    tags = list(Tag.objects.filter(source="auto")[:4])
    assert len(tags) == 4
    login(client, fiona)
    for n, tag in enumerate(tags[:3], 1):
        client.post(reverse("synthesis:review", args=[tag.pk]), {"decision": "confirm"})
        assert _queued_trainings() == (1 if n == 3 else 0)
    # Queued once, not once per decision while it waits for the worker.
    client.post(reverse("synthesis:review", args=[tags[3].pk]), {"decision": "reject"})
    assert _queued_trainings() == 1


def test_train_now_queues_a_training_or_trains_at_once(client, fiona, settings):
    login(client, fiona)
    settings.LEARNING_TRAIN_INLINE = False  # production: the worker trains
    response = client.post(reverse("synthesis:train"))
    assert response.status_code == 302 and _queued_trainings() == 1
    settings.LEARNING_TRAIN_INLINE = True
    client.post(reverse("synthesis:train"))
    assert LearnedModel.objects.count() == 1


def test_only_facilitators_train_or_decide_on_proposals(client, alice, submission, model):
    proposal = Proposal.objects.create(
        model=model,
        role=Role.objects.get(slug="regionaliserare"),
        submission=submission,
        field="statement",
        start=0,
        end=5,
        match="Något",
        confidence=0.7,
    )
    login(client, alice)
    assert client.post(reverse("synthesis:train")).status_code == 403
    url = reverse("synthesis:proposal_review", args=[proposal.pk])
    assert client.post(url, {"decision": "confirm"}).status_code == 403
    assert Proposal.objects.filter(pk=proposal.pk).exists()
