from django.urls import reverse
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from synthesis.models import Role, Tag, TaxonomyChange
from synthesis.services import retag_corpus

from .conftest import login


def role_data(role, **overrides):
    return {
        "name_sv": role.name_sv,
        "name_en": role.name_en,
        "definition_sv": role.definition_sv,
        "definition_en": role.definition_en,
        "cues_text": "\n".join(role.cues),
    } | overrides


def test_a_new_cue_retags_the_corpus_and_keeps_reviewed_tags(client, fiona, complete_submission):
    complete_submission.statement = "Vi samordnar arbetet. Regionen är en brygga mellan aktörer."
    complete_submission.save()
    retag_corpus()
    confirmed = Tag.objects.get(role__slug="samordnare", field="statement")
    confirmed.review = "confirmed"
    confirmed.save()
    assert not Tag.objects.filter(role__slug="dorroppnare", field="statement").exists()
    role = Role.objects.get(slug="dorroppnare")
    response = login(client, fiona).post(
        reverse("synthesis:role_edit", args=[role.pk]),
        role_data(role, cues_text="\n".join([*role.cues, "brygga"])),
    )
    assert response.status_code == 302
    assert Tag.objects.filter(role__slug="dorroppnare", field="statement").exists()
    assert Tag.objects.filter(pk=confirmed.pk, review="confirmed").exists()
    assert TaxonomyChange.objects.get().retagged_at is not None


def test_a_manual_tag_survives_a_retag(db, fiona, complete_submission):
    Tag.objects.create(
        role=Role.objects.get(slug="visionar"),
        submission=complete_submission,
        field="statement",
        start=0,
        end=6,
        match=complete_submission.statement[:6],
        source="facilitator",
        review="confirmed",
    )
    retag_corpus()
    retag_corpus()
    assert Tag.objects.filter(source="facilitator").count() == 1


def test_a_facilitator_adds_a_role(client, fiona, complete_submission):
    response = login(client, fiona).post(
        reverse("synthesis:role_new"),
        {
            "name_sv": "Brobyggare",
            "name_en": "Bridge builder",
            "definition_sv": "Bygger broar.",
            "definition_en": "Builds bridges.",
            "cues_text": "integrationsarbete",
        },
    )
    assert response.status_code == 302
    role = Role.objects.get(slug="brobyggare")
    assert role.cues == ["integrationsarbete"]
    assert Tag.objects.filter(role=role).exists()


def test_a_role_name_taken_already_is_a_form_error(client, fiona):
    response = login(client, fiona).post(
        reverse("synthesis:role_new"), {"name_sv": "Samordnare", "name_en": "X"}
    )
    assert response.status_code == 200
    assert "slug" in response.context["form"].errors


def test_merging_moves_tags_cues_and_picks(client, fiona, complete_submission):
    source = Role.objects.get(slug="stodjande")
    target = Role.objects.get(slug="samordnare")
    complete_submission.self_roles.add(source)
    retag_corpus()
    source_tags = Tag.objects.filter(role=source).count()
    assert source_tags
    login(client, fiona).post(
        reverse("synthesis:merge"), {"source": source.slug, "target": target.slug}
    )
    source.refresh_from_db()
    target.refresh_from_db()
    assert not source.is_active
    assert set(source.cues) <= set(target.cues)
    assert not Tag.objects.filter(role=source, review="unreviewed", source="auto").exists()
    assert list(complete_submission.self_roles.all()) == [target]


def test_merging_a_role_into_itself_is_refused(client, fiona):
    response = login(client, fiona).post(
        reverse("synthesis:merge"), {"source": "samordnare", "target": "samordnare"}, follow=True
    )
    assert response.status_code == 200
    assert Role.objects.get(slug="samordnare").is_active


def test_a_retired_role_gets_no_new_tags_but_keeps_confirmed_ones(
    client, fiona, complete_submission
):
    retag_corpus()
    role = Role.objects.get(slug="samordnare")
    kept = Tag.objects.filter(role=role).first()
    kept.review = "confirmed"
    kept.save()
    login(client, fiona).post(reverse("synthesis:retire", args=[role.pk]))
    assert list(Tag.objects.filter(role=role)) == [kept]


def test_a_large_corpus_is_retagged_in_the_background(
    client, fiona, complete_submission, settings
):
    settings.RETAG_INLINE_LIMIT = 0
    role = Role.objects.get(slug="dorroppnare")
    login(client, fiona).post(
        reverse("synthesis:role_edit", args=[role.pk]),
        role_data(role, cues_text="\n".join([*role.cues, "samordna"])),
    )
    change = TaxonomyChange.objects.get()
    assert change.retagged_at is None
    # What `manage.py db_worker` does with each queued task (its polling loop, which
    # closes connections between tasks, cannot run inside a test transaction).
    queued = DBTaskResult.objects.get(status="READY")
    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=1,
        worker_id="test",
        excluded_queue_names=[],
    )
    worker.run_task(queued)
    change.refresh_from_db()
    assert change.retagged_at is not None
    assert Tag.objects.filter(role=role, field="statement").exists()


def test_a_parallel_retag_gives_the_same_tags_and_keeps_reviewed_ones(db, complete_submission):
    """The background task re-tags in worker processes; the result is the same tags."""
    # Backslashes, tabs and quotes survive the workers' COPY format.
    complete_submission.statement = (
        'Vi samordnar\tarbetet i C:\\mapp. Regionen öppnar "dörrar". ' * 40
    )
    complete_submission.save()
    retag_corpus()
    confirmed = Tag.objects.filter(role__slug="samordnare", field="statement").first()
    confirmed.review = "confirmed"
    confirmed.save()

    def tags():
        return sorted(
            Tag.objects.values_list(
                "role__slug",
                "field",
                "interview_id",
                "quote_id",
                "start",
                "end",
                "review",
                "match",
            )
        )

    one_process = tags()
    assert retag_corpus(processes=1) == retag_corpus(processes=1)
    created = retag_corpus(processes=2)
    assert created == len(one_process) - 1  # all but the confirmed one were made again
    assert tags() == one_process
    assert Tag.objects.filter(pk=confirmed.pk, review="confirmed").exists()
    assert any("\t" in match and "C:\\mapp" in match for *_rest, match in tags())
    evidence = (
        Tag.objects.filter(role__slug="samordnare").exclude(pk=confirmed.pk).first().evidence
    )
    assert evidence and evidence[0][2] == "samordnar"
