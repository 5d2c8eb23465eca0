"""Walk every URL pattern of the project with every kind of user.

A new view must be added to EXPECTED, or this test fails: so no view can be
added without deciding who may see it, and none can leak another region's data.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from submissions.models import ConflictCopy, SubmissionVersion
from submissions.services import snapshot
from synthesis import export_files
from synthesis.models import ExportFile, LearnedModel, Proposal, Role, Tag
from synthesis.services import retag_corpus

from .conftest import add_interview, login

LOGIN = 302  # anonymous users are sent to the login page

# url name -> (kwargs builder, method, expected status per user)
# Users: anon, owner (alice, Halland), outsider (charlie, Skåne), facilitator (fiona).
EXPECTED = {
    "home": ("none", "get", {"anon": LOGIN, "owner": 200, "outsider": 200, "facilitator": 200}),
    "login": ("none", "get", {"anon": 200, "owner": 200, "outsider": 200, "facilitator": 200}),
    "logout": ("none", "post", {"anon": 302, "owner": 302, "outsider": 302, "facilitator": 302}),
    "set_language": (
        "none",
        "post",
        {"anon": 302, "owner": 302, "outsider": 302, "facilitator": 302},
    ),
    "submissions:start": (
        "assignment",
        "get",
        {"anon": LOGIN, "owner": 302, "outsider": 302, "facilitator": 404},
    ),
    "submissions:detail": (
        "submission",
        "get",
        {"anon": LOGIN, "owner": 200, "outsider": 404, "facilitator": 200},
    ),
    "submissions:statement": (
        "submission",
        "get",
        {"anon": LOGIN, "owner": 200, "outsider": 404, "facilitator": 403},
    ),
    "submissions:autosave": (
        "submission",
        "post",
        {"anon": LOGIN, "owner": 400, "outsider": 404, "facilitator": 403},
    ),
    "submissions:submit": (
        "submission",
        "post",
        {"anon": LOGIN, "owner": 302, "outsider": 404, "facilitator": 403},
    ),
    "submissions:return": (
        "submission",
        "post",
        {"anon": LOGIN, "owner": 403, "outsider": 403, "facilitator": 302},
    ),
    "submissions:versions": (
        "submission",
        "get",
        {"anon": LOGIN, "owner": 200, "outsider": 404, "facilitator": 200},
    ),
    "submissions:version": (
        "version",
        "get",
        {"anon": LOGIN, "owner": 200, "outsider": 404, "facilitator": 200},
    ),
    "submissions:resolve_conflict": (
        "conflict",
        "post",
        {"anon": LOGIN, "owner": 302, "outsider": 404, "facilitator": 403},
    ),
    "submissions:received": (
        "none",
        "get",
        {"anon": LOGIN, "owner": 403, "outsider": 403, "facilitator": 200},
    ),
    "submissions:received_csv": (
        "none",
        "get",
        {"anon": LOGIN, "owner": 403, "outsider": 403, "facilitator": 200},
    ),
    "submissions:assignments": (
        "none",
        "get",
        {"anon": LOGIN, "owner": 403, "outsider": 403, "facilitator": 200},
    ),
    "submissions:assignment_new": (
        "none",
        "get",
        {"anon": LOGIN, "owner": 403, "outsider": 403, "facilitator": 200},
    ),
    "submissions:assignment_edit": (
        "assignment_pk",
        "get",
        {"anon": LOGIN, "owner": 403, "outsider": 403, "facilitator": 200},
    ),
    "interviews:create": (
        "submission_pk",
        "get",
        {"anon": LOGIN, "owner": 200, "outsider": 404, "facilitator": 403},
    ),
    "interviews:edit": (
        "interview",
        "get",
        {"anon": LOGIN, "owner": 200, "outsider": 404, "facilitator": 403},
    ),
    "interviews:autosave": (
        "interview",
        "post",
        {"anon": LOGIN, "owner": 400, "outsider": 404, "facilitator": 403},
    ),
    "interviews:delete": (
        "interview",
        "get",
        {"anon": LOGIN, "owner": 200, "outsider": 404, "facilitator": 403},
    ),
    "synthesis:queue": (
        "none",
        "get",
        {"anon": LOGIN, "owner": 403, "outsider": 403, "facilitator": 200},
    ),
    "synthesis:review": (
        "tag",
        "post",
        {"anon": LOGIN, "owner": 403, "outsider": 403, "facilitator": 302},
    ),
    "synthesis:proposal_review": (
        "proposal",
        "post",
        {"anon": LOGIN, "owner": 403, "outsider": 403, "facilitator": 302},
    ),
    "synthesis:train": (
        "none",
        "post",
        {"anon": LOGIN, "owner": 403, "outsider": 403, "facilitator": 302},
    ),
    "synthesis:cue": (
        "role",
        "post",
        {"anon": LOGIN, "owner": 403, "outsider": 403, "facilitator": 302},
    ),
    "synthesis:submission": (
        "submission",
        "get",
        {"anon": LOGIN, "owner": 404, "outsider": 404, "facilitator": 200},
    ),
    "synthesis:add_tag": (
        "submission",
        "post",
        {"anon": LOGIN, "owner": 403, "outsider": 403, "facilitator": 302},
    ),
    "synthesis:agreement": (
        "none",
        "get",
        {"anon": LOGIN, "owner": 403, "outsider": 403, "facilitator": 200},
    ),
    "synthesis:taxonomy": (
        "none",
        "get",
        {"anon": LOGIN, "owner": 403, "outsider": 403, "facilitator": 200},
    ),
    "synthesis:role_new": (
        "none",
        "get",
        {"anon": LOGIN, "owner": 403, "outsider": 403, "facilitator": 200},
    ),
    "synthesis:role_edit": (
        "role",
        "get",
        {"anon": LOGIN, "owner": 403, "outsider": 403, "facilitator": 200},
    ),
    "synthesis:retire": (
        "role",
        "post",
        {"anon": LOGIN, "owner": 403, "outsider": 403, "facilitator": 302},
    ),
    "synthesis:merge": (
        "none",
        "post",
        {"anon": LOGIN, "owner": 403, "outsider": 403, "facilitator": 302},
    ),
    "synthesis:overview": (
        "assignment_pk2",
        "get",
        {"anon": LOGIN, "owner": 403, "outsider": 403, "facilitator": 200},
    ),
    "synthesis:region": (
        "region",
        "get",
        {"anon": LOGIN, "owner": 403, "outsider": 403, "facilitator": 200},
    ),
    "synthesis:actors": (
        "assignment_pk2",
        "get",
        {"anon": LOGIN, "owner": 403, "outsider": 403, "facilitator": 200},
    ),
    "synthesis:heatmap": (
        "assignment_pk2",
        "get",
        {"anon": LOGIN, "owner": 403, "outsider": 403, "facilitator": 200},
    ),
    "synthesis:cell": (
        "cell",
        "get",
        {"anon": LOGIN, "owner": 403, "outsider": 403, "facilitator": 200},
    ),
    "synthesis:quotes": (
        "assignment_pk2",
        "get",
        {"anon": LOGIN, "owner": 403, "outsider": 403, "facilitator": 200},
    ),
    "synthesis:compare": (
        "assignment_pk2",
        "get",
        {"anon": LOGIN, "owner": 403, "outsider": 403, "facilitator": 200},
    ),
    "synthesis:report": (
        "assignment_pk2",
        "get",
        {"anon": LOGIN, "owner": 403, "outsider": 403, "facilitator": 200},
    ),
    "synthesis:publish": (
        "assignment_pk2",
        "post",
        {"anon": LOGIN, "owner": 403, "outsider": 403, "facilitator": 302},
    ),
    # Unpublished: nobody but facilitators (who have no region profile) gets it.
    "synthesis:mine": (
        "assignment_pk2",
        "get",
        {"anon": LOGIN, "owner": 404, "outsider": 404, "facilitator": 404},
    ),
    "workshop:deck": (
        "assignment_pk2",
        "get",
        {"anon": LOGIN, "owner": 403, "outsider": 403, "facilitator": 200},
    ),
    "workshop:version": (
        "assignment_pk2",
        "get",
        {"anon": LOGIN, "owner": 403, "outsider": 403, "facilitator": 200},
    ),
    "exports:tags_csv": (
        "assignment_pk2",
        "get",
        {"anon": LOGIN, "owner": 403, "outsider": 403, "facilitator": 200},
    ),
    "exports:tags_xlsx": (
        "assignment_pk2",
        "get",
        {"anon": LOGIN, "owner": 403, "outsider": 403, "facilitator": 200},
    ),
    "exports:codebook_qdc": (
        "assignment_pk2",
        "get",
        {"anon": LOGIN, "owner": 403, "outsider": 403, "facilitator": 200},
    ),
    "exports:project_qdpx": (
        "assignment_pk2",
        "get",
        {"anon": LOGIN, "owner": 403, "outsider": 403, "facilitator": 200},
    ),
    "exports:codebook_taguette": (
        "assignment_pk2",
        "get",
        {"anon": LOGIN, "owner": 403, "outsider": 403, "facilitator": 200},
    ),
    "exports:report_docx": (
        "assignment_pk2",
        "get",
        {"anon": LOGIN, "owner": 403, "outsider": 403, "facilitator": 200},
    ),
    # An export too large for a request, prepared by the worker: facilitators only.
    "exports:prepared": (
        "export_file",
        "get",
        {"anon": LOGIN, "owner": 403, "outsider": 403, "facilitator": 200},
    ),
    "exports:prepared_status": (
        "export_file",
        "get",
        {"anon": LOGIN, "owner": 403, "outsider": 403, "facilitator": 200},
    ),
    "exports:prepared_download": (
        "export_file",
        "get",
        {"anon": LOGIN, "owner": 403, "outsider": 403, "facilitator": 200},
    ),
    "healthz": ("none", "get", {"anon": 200, "owner": 200, "outsider": 200, "facilitator": 200}),
    # People: only facilitators manage coordinators; no coordinator sees or invites anyone,
    # for their own region or another.
    "accounts:coordinators": (
        "none",
        "get",
        {"anon": LOGIN, "owner": 403, "outsider": 403, "facilitator": 200},
    ),
    "accounts:invite": (
        "none",
        "get",
        {"anon": LOGIN, "owner": 403, "outsider": 403, "facilitator": 200},
    ),
    "accounts:import": (
        "none",
        "get",
        {"anon": LOGIN, "owner": 403, "outsider": 403, "facilitator": 200},
    ),
    "accounts:resend": (
        "user",
        "post",
        {"anon": LOGIN, "owner": 403, "outsider": 403, "facilitator": 302},
    ),
    "accounts:remove": (
        "user",
        "get",
        {"anon": LOGIN, "owner": 403, "outsider": 403, "facilitator": 200},
    ),
    # A link that is not valid is a clear 404 page, for anyone.
    "accounts:accept": (
        "invitation",
        "get",
        {"anon": 404, "owner": 404, "outsider": 404, "facilitator": 404},
    ),
    "accounts:settings": (
        "none",
        "get",
        {"anon": LOGIN, "owner": 200, "outsider": 200, "facilitator": 200},
    ),
    "accounts:password_reset": (
        "none",
        "get",
        {"anon": 200, "owner": 200, "outsider": 200, "facilitator": 200},
    ),
    "accounts:password_reset_done": (
        "none",
        "get",
        {"anon": 200, "owner": 200, "outsider": 200, "facilitator": 200},
    ),
    "accounts:password_reset_confirm": (
        "invitation",
        "get",
        {"anon": 200, "owner": 200, "outsider": 200, "facilitator": 200},
    ),
    "accounts:password_reset_complete": (
        "none",
        "get",
        {"anon": 200, "owner": 200, "outsider": 200, "facilitator": 200},
    ),
    "accessibility": (
        "none",
        "get",
        {"anon": 200, "owner": 200, "outsider": 200, "facilitator": 200},
    ),
    "synthesis:history": (
        "none",
        "get",
        {"anon": LOGIN, "owner": 403, "outsider": 403, "facilitator": 200},
    ),
    # Each coordinator downloads their own region's data; the URL names no region.
    "synthesis:region_data": (
        "none",
        "get",
        {"anon": LOGIN, "owner": 200, "outsider": 200, "facilitator": 404},
    ),
    "interviews:erase": (
        "interview",
        "post",
        {"anon": LOGIN, "owner": 403, "outsider": 403, "facilitator": 302},
    ),
    # Issue 15, homework from Word. The template and the upload answer every logged-in
    # person: the owner's draft takes a file; the outsider's homework is handed in (the page
    # says so, with no form); a facilitator chooses the region.
    "interviews:import_template": (
        "assignment",
        "get",
        {"anon": LOGIN, "owner": 200, "outsider": 200, "facilitator": 200},
    ),
    "interviews:import_upload": (
        "assignment",
        "get",
        {"anon": LOGIN, "owner": 200, "outsider": 200, "facilitator": 200},
    ),
    # Skåne's preview: another region's is a 404; with no file waiting, the upload (302).
    "interviews:import_preview": (
        "region",
        "get",
        {"anon": LOGIN, "owner": 404, "outsider": 302, "facilitator": 302},
    ),
    "interviews:import_round": (
        "none",
        "get",
        {"anon": LOGIN, "owner": 403, "outsider": 403, "facilitator": 200},
    ),
    "interviews:import_round_preview": (
        "none",
        "get",
        {"anon": LOGIN, "owner": 403, "outsider": 403, "facilitator": 302},
    ),
}


def project_url_names(resolver=None, namespace=""):
    """Every named URL pattern of the project, except Django admin's own."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.app_name == "admin":
                continue
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from project_url_names(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield namespace + pattern.name


def test_every_url_pattern_has_an_access_rule():
    missing = sorted(set(project_url_names()) - set(EXPECTED))
    assert not missing, f"add these views to EXPECTED: {missing}"


@pytest.fixture
def objects(alice, charlie, fiona, complete_submission, other_submission):

    version = SubmissionVersion.objects.create(
        submission=complete_submission,
        number=1,
        event="submitted",
        snapshot=snapshot(complete_submission),
    )
    conflict = ConflictCopy.objects.create(
        submission=complete_submission, field="statement", text="Annan text", created_by=alice
    )
    # The outsider has a homework of their own, so their 404s are not for lack of one.
    add_interview(other_submission)
    # Skåne has handed in, so the synthesis has a region profile to show.
    other_submission.state = "submitted"
    other_submission.save()
    retag_corpus()
    return {
        "users": {"anon": None, "owner": alice, "outsider": charlie, "facilitator": fiona},
        "submission": complete_submission,
        "version": version,
        "conflict": conflict,
    }


def _proposal(submission):
    """A proposal of the learned model, made once (only this kind creates its object)."""
    model = LearnedModel.objects.first() or LearnedModel.objects.create(data=b"")
    proposal, _created = Proposal.objects.get_or_create(
        model=model,
        role=Role.objects.get(slug="natverksledare"),
        submission=submission,
        field=Tag.Field.STATEMENT,
        defaults={"start": 0, "end": 10, "match": submission.statement[:10], "confidence": 0.8},
    )
    return proposal


def _export_file(submission):
    """An export the worker prepared (its tags.csv), made once."""
    file = ExportFile.objects.filter(assignment_id=submission.assignment_id).first()
    if file is None:
        file = export_files.request_file("tags_csv", submission.assignment, {}, None)
        export_files.build(file.pk)
    return file


def build_kwargs(kind, objects):
    submission = objects["submission"]
    if kind == "proposal":
        return {"pk": _proposal(submission).pk}
    if kind == "export_file":
        return {"assignment_pk": submission.assignment_id, "pk": _export_file(submission).pk}
    return {
        "none": {},
        "assignment": {"assignment_pk": submission.assignment_id},
        "assignment_pk": {"pk": submission.assignment_id},
        "submission": {"pk": submission.pk},
        "submission_pk": {"submission_pk": submission.pk},
        "version": {"pk": submission.pk, "number": objects["version"].number},
        "conflict": {"pk": submission.pk, "conflict_pk": objects["conflict"].pk},
        "interview": {"pk": submission.interviews.first().pk},
        "assignment_pk2": {"assignment_pk": submission.assignment_id},
        "region": {"assignment_pk": submission.assignment_id, "region_slug": "skane"},
        "cell": {
            "assignment_pk": submission.assignment_id,
            "region_slug": "skane",
            "role_slug": "samordnare",
        },
        "tag": {"pk": Tag.objects.filter(submission=submission).first().pk},
        "role": {"pk": Role.objects.get(slug="samordnare").pk},
        "user": {"user_pk": objects["users"]["owner"].pk},
        "invitation": {"uidb64": "MQ", "token": "bad-token"},
    }[kind]


@pytest.mark.parametrize("name", sorted(EXPECTED))
@pytest.mark.parametrize("who", ["anon", "owner", "outsider", "facilitator"])
def test_url_answers_each_kind_of_user_as_expected(client, objects, name, who):
    from django.urls import reverse

    kind, method, expected = EXPECTED[name]
    url = reverse(name, kwargs=build_kwargs(kind, objects))
    user = objects["users"][who]
    if user is not None:
        login(client, user)
    response = getattr(client, method)(url)
    assert response.status_code == expected[who], f"{who} {method.upper()} {url}"
    if who == "anon" and expected[who] == LOGIN and name not in ("logout", "set_language"):
        assert response.url.startswith("/login/")
