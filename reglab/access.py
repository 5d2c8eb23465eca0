"""Who may see what: the one place views ask it (healthchecks' `_get_check_for_user`).

A coordinator sees their own region's data and nothing else: another region's object is a
404, as if it did not exist. A facilitator reads every region's data but writes none of it
(403). Everyone else gets a 404.
"""

import functools

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from .models import is_facilitator, region_of


def facilitator_required(view):
    """The view is for REGLAB facilitators: log in first, 403 for anyone else."""

    @functools.wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if not is_facilitator(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def get_for_user(request, queryset, *, region: str = "region", write: bool = False, **lookup):
    """The object of `queryset` found by `lookup`, if the user may see it (write: change it).

    `region` is the lookup path from the object to its region, e.g. "submission__region"
    for an interview."""
    own = region_of(request.user)
    if own is not None:
        return get_object_or_404(queryset.filter(**{region: own}), **lookup)
    found = get_object_or_404(queryset, **lookup)
    if is_facilitator(request.user):
        if write:
            raise PermissionDenied
        return found
    raise Http404
