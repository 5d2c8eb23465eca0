"""Text as typed, in one Unicode form.

Swedish å, ä, ö arrive decomposed from some keyboards and copy-pastes (a + ring);
everything is stored NFC so that search, tagging and comparison see one spelling.
"""

import unicodedata

from django import forms


def nfc(value):
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list | tuple):
        return type(value)(nfc(item) for item in value)
    return value


class NFCFormMixin:
    """Normalise every submitted string to NFC before the fields validate it."""

    def _clean_fields(self):
        if self.is_bound:
            data = self.data.copy()
            for key in list(data.keys()):
                if hasattr(data, "getlist"):
                    data.setlist(key, [nfc(v) for v in data.getlist(key)])
                else:
                    data[key] = nfc(data[key])
            self.data = data
        return super()._clean_fields()


class NFCModelForm(NFCFormMixin, forms.ModelForm):
    pass


class NFCForm(NFCFormMixin, forms.Form):
    pass
