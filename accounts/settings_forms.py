from django import forms

from reglab.text import NFCModelForm

from .models import Preferences

# The choices each kind of user has: a coordinator's region gets its homework returned, the
# synthesis published and reminders; a facilitator gets the hand-ins. Anyone else (no
# membership yet) still gets mails, such as a password reset, in a language.
FIELDS = {
    "coordinator": ["language", "mail_returned", "mail_published", "mail_reminders"],
    "facilitator": ["language", "mail_hand_ins"],
    "none": ["language"],
}


class PreferencesForm(NFCModelForm):
    class Meta:
        model = Preferences
        fields = [
            "language",
            "mail_returned",
            "mail_published",
            "mail_reminders",
            "mail_hand_ins",
        ]
        widgets = {"language": forms.RadioSelect, "mail_hand_ins": forms.RadioSelect}

    def __init__(self, *args, role: str, **kwargs):
        super().__init__(*args, **kwargs)
        # A field left out is left as it is: a facilitator's save keeps the coordinator
        # choices they may have had before.
        for name in list(self.fields):
            if name not in FIELDS[role]:
                del self.fields[name]
