"""Text as typed, in one Unicode form and with one kind of line break.

Swedish å, ä, ö arrive decomposed from some keyboards and copy-pastes (a + ring);
everything is stored NFC so that search, tagging and comparison see one spelling.
Browsers send a textarea's line breaks as CRLF; they are stored as LF, so that a
character offset (a tag, a REFI-QDA selection) means the same in every tool: QualCoder
reads CRLF as a newline and a space, and its copy would shift by one per line break.
"""

import unicodedata

from django import forms


def nfc(value):
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list | tuple):
        return type(value)(nfc(item) for item in value)
    return value


def lf(value):
    """CRLF and lone CR as LF."""
    if isinstance(value, str):
        return value.replace("\r\n", "\n").replace("\r", "\n") if "\r" in value else value
    if isinstance(value, list | tuple):
        return type(value)(lf(item) for item in value)
    return value


def normalise(value):
    return lf(nfc(value))


class NFCFormMixin:
    """Normalise every submitted string (NFC, LF line breaks) before the fields validate it."""

    def _clean_fields(self):
        if self.is_bound:
            data = self.data.copy()
            for key in list(data.keys()):
                if hasattr(data, "getlist"):
                    data.setlist(key, [normalise(v) for v in data.getlist(key)])
                else:
                    data[key] = normalise(data[key])
            self.data = data
        return super()._clean_fields()


class NFCModelForm(NFCFormMixin, forms.ModelForm):
    pass


class NFCForm(NFCFormMixin, forms.Form):
    pass
