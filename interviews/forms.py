import re

from django import forms
from django.utils.translation import gettext_lazy as _

from reglab.text import NFCModelForm
from submissions.models import MAX_TEXT

from .models import MAX_QUOTE_LENGTH, MAX_QUOTES, Interview

QUOTE_MARKS = "\"”“„«»'’‘"


def _comparable(text: str) -> str:
    """Lower case, typographic quote marks dropped and white space folded."""
    text = text.translate({ord(c): None for c in QUOTE_MARKS})
    return re.sub(r"\s+", " ", text).strip().casefold()


def split_quotes(text: str) -> list[str]:
    return [line.strip().strip(QUOTE_MARKS).strip() for line in text.splitlines() if line.strip()]


class InterviewForm(NFCModelForm):
    quotes_text = forms.CharField(
        label=_("Quotes"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 4, "data-quotes-field": "1"}),
        help_text=_(
            "One quote per line, picked from the answers. Select text in the answers "
            "and press “Add selection as quote”."
        ),
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0, initial=0)

    class Meta:
        model = Interview
        fields = [
            "organisation",
            "actor_type",
            "interview_date",
            "interviewee_function",
            "consent",
            "answers",
        ]
        widgets = {
            "interview_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "answers": forms.Textarea(attrs={"rows": 12, "data-answers-field": "1"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["quotes_text"] = "\n".join(q.text for q in self.instance.quotes.all())
            self.initial["revision"] = self.instance.revision

    def clean(self):
        cleaned = super().clean()
        answers = cleaned.get("answers") or ""
        quotes = split_quotes(cleaned.get("quotes_text") or "")
        if len(quotes) > MAX_QUOTES:
            # Refused before any check per quote: their count is what costs.
            self.add_error(
                "quotes_text",
                _("An interview may have at most %(limit)d quotes; this one has %(count)d.")
                % {"limit": MAX_QUOTES, "count": len(quotes)},
            )
            quotes = []
        too_long = [q for q in quotes if len(q) > MAX_QUOTE_LENGTH]
        if too_long:
            self.add_error(
                "quotes_text",
                _("A quote may be at most %(limit)d characters long; shorten: %(quotes)s")
                % {
                    "limit": MAX_QUOTE_LENGTH,
                    "quotes": " · ".join(q[:60] + "…" for q in too_long),
                },
            )
        if answers and quotes:
            haystack = _comparable(answers)
            outside = [q for q in quotes if _comparable(q) not in haystack]
            if outside:
                self.add_error(
                    "quotes_text",
                    _("These quotes are not in the answers: %(quotes)s")
                    % {"quotes": " · ".join(outside)},
                )
        if quotes and cleaned.get("consent") == Interview.Consent.NO_QUOTE:
            self.add_error(
                "quotes_text",
                _("The interviewee must not be quoted; remove the quotes or change the consent."),
            )
        cleaned["quotes"] = quotes
        return cleaned
