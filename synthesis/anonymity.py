"""One labelling rule for every view that hides who is who: the deck, a region's view of
the published synthesis, the report without names.

A region's stand-in ("Region K") is its place in an order of all the network's regions
that only the server can compute: an HMAC of the assignment and the region under the
SECRET_KEY. So a label
- is the same in every chart and page of an assignment, and stays the same as late
  homework arrives (the order is of every region, not of those that handed in);
- cannot be worked out from any order a user sees (the alphabet, who handed in, the
  scores) or from the slugs and ids, which never reach an anonymised page;
- differs from one round to the next, so that two rounds cannot be laid side by side.
"""

from collections.abc import Iterable

from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from reglab.models import Region

SALT = "reglab.synthesis.anonymity"


def letters(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    text = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        text = chr(ord("A") + rest) + text
    return text


def label_order(label: str) -> tuple[int, str]:
    """Stand-ins in the order A, B … Z, AA (not A, AA, B), as a page lists them."""
    return (len(label), label)


def _secret_order(assignment_pk: int, slugs: Iterable[str]) -> list[str]:
    def key(slug: str) -> str:
        return salted_hmac(SALT, f"{assignment_pk}:{slug}", algorithm="sha256").hexdigest()

    return sorted(slugs, key=key)


def region_labels(
    assignment, regions: dict[str, str], *, show_names: bool, own: str | None = None
) -> dict[str, str]:
    """Region slug → what a page calls it, for the regions in `regions` (slug → name).
    With `show_names` every region is called by its name; otherwise only `own` (the
    viewer's region) is, and the others by their stand-in."""
    if show_names:
        return dict(regions)
    place = {
        slug: i
        for i, slug in enumerate(
            _secret_order(assignment.pk, Region.objects.values_list("slug", flat=True))
        )
    }
    prefix = _("Region")
    return {
        slug: name if slug == own else f"{prefix} {letters(place.get(slug, len(place)))}"
        for slug, name in regions.items()
    }
