"""`manage.py generate_data` makes a coherent, tagged data set (no timing here)."""

from django.contrib.auth import get_user_model
from django.core.management import call_command

from interviews.models import Interview, Quote
from reglab.models import Membership, Region
from submissions.models import Assignment, Submission
from synthesis.models import Tag


def test_generate_data_adds_regions_homework_logins_and_tags(db):
    regions_before = Region.objects.count()
    call_command("generate_data", regions=3, interviews=2, sentences=4, verbosity=0)

    assignment = Assignment.objects.get(title_sv="Generated load")
    generated = Region.objects.filter(slug__startswith="gen-")
    assert generated.count() == 3
    assert Region.objects.count() == regions_before + 3
    submissions = Submission.objects.filter(assignment=assignment)
    assert submissions.count() == 3
    assert set(submissions.values_list("state", flat=True)) == {"submitted"}
    assert all(s.statement.strip() for s in submissions)
    interviews = Interview.objects.filter(submission__assignment=assignment)
    assert interviews.count() == 6
    assert Quote.objects.filter(interview__in=interviews).count() == 6
    assert all(len(i.answers.split(". ")) >= 2 for i in interviews)

    coordinators = Membership.objects.filter(region__in=generated, kind="coordinator")
    assert coordinators.count() == 3
    user = get_user_model().objects.get(username=generated.first().slug)
    assert user.check_password("demo")

    tags = Tag.objects.filter(submission__assignment=assignment)
    assert tags.filter(source="auto", field="statement").exists()
    assert tags.filter(source="auto", field="answers").exists()
    assert tags.filter(source="auto", field="quote").exists()
    # The regions' own picks are the homework's, not tags.
    assert Submission.self_roles.through.objects.filter(submission__in=submissions).exists()
    assert tags.values("role").distinct().count() >= 3


def test_generate_data_twice_reuses_the_assignment_and_numbers_on(db):
    call_command("generate_data", regions=2, interviews=1, verbosity=0)
    call_command("generate_data", regions=1, interviews=1, no_tags=True, verbosity=0)
    assert Assignment.objects.filter(title_sv="Generated load").count() == 1
    assert sorted(
        Region.objects.filter(slug__startswith="gen-").values_list("slug", flat=True)
    ) == [
        "gen-00001",
        "gen-00002",
        "gen-00003",
    ]
    last = Submission.objects.get(region__slug="gen-00003")
    assert not last.tags.filter(source="auto").exists()
