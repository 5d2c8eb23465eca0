"""A page's query parameters, read through a form before anything queries with them.

A value of the wrong shape — a NUL byte (PostgreSQL refuses it in a query), ten thousand
characters, digits that int() cannot read — is dropped, and the view falls back to the
field's initial value, as it does for an unknown region: a filter in a hand-edited or
truncated link shows everything rather than an error page.
"""

from django import forms
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme

# The largest primary key (a 64-bit integer); beyond it an id cannot exist.
MAX_ID = 2**63 - 1


class IdField(forms.IntegerField):
    def __init__(self, **kwargs):
        super().__init__(**{"required": False, "min_value": 1, "max_value": MAX_ID} | kwargs)


class SlugFilterField(forms.SlugField):
    """A region's or a role's slug (SlugField's default length)."""

    def __init__(self, **kwargs):
        super().__init__(**{"required": False, "max_length": 50, "initial": ""} | kwargs)


class PageField(forms.IntegerField):
    def __init__(self, **kwargs):
        options = {"required": False, "min_value": 1, "max_value": 100_000, "initial": 1}
        super().__init__(**options | kwargs)


class QueryForm(forms.Form):
    """The query parameters one view reads; each subclass names them as fields."""

    @classmethod
    def read(cls, query) -> dict:
        """Each field's clean value, or its initial value when missing or malformed."""
        form = cls(query)
        form.is_valid()
        values = {}
        for name, field in form.fields.items():
            value = form.cleaned_data.get(name)
            values[name] = field.initial if value in field.empty_values else value
        return values


class NextForm(QueryForm):
    next = forms.CharField(required=False, max_length=2000)


def redirect_back(request, fallback, *args):
    """To the page named by `next` (POST or query string) when it is a path on this site,
    else to `fallback`. A bare word is not taken for a URL name, and nothing off-site."""
    target = NextForm.read(request.POST)["next"] or NextForm.read(request.GET)["next"]
    if (
        target
        and target.startswith("/")
        and url_has_allowed_host_and_scheme(target, {request.get_host()})
    ):
        return HttpResponseRedirect(target)
    return redirect(fallback, *args)


def query_forms() -> list[type[QueryForm]]:
    """Every QueryForm of the project (tests/test_bad_parameters.py tries each field)."""
    found, todo = [], [QueryForm]
    while todo:
        for form in todo.pop().__subclasses__():
            found.append(form)
            todo.append(form)
    return found
