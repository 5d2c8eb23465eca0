from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    """Log in with the user name or the e-mail address: an invited coordinator's user name
    is the address they were invited with, which they may type in another case."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "Check your e-mail address or user name and your password. The password is "
            "case-sensitive."
        ),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Django sets the user name's max_length here but does not check it; a longer
        # one would reach django-axes, whose record of failed logins holds 255 characters.
        username = self.fields["username"]
        username.validators.append(MaxLengthValidator(username.max_length))
        username.label = _("E-mail or user name")
        username.widget.attrs["autocomplete"] = "username"

    def clean_username(self) -> str:
        """The user name of the account the address belongs to, if it is no user name.

        Authentication, and so django-axes, sees that user name: the failed attempts with
        ALICE@example.org and alice@example.org count against one account."""
        typed = self.cleaned_data["username"]
        users = get_user_model()._default_manager
        if "@" not in typed or users.filter(username=typed).exists():
            return typed
        owners = users.filter(email__iexact=typed, is_active=True)
        found = list(owners.values_list("username", flat=True)[:2])
        # Two accounts with one address: neither is meant, so none is chosen.
        return found[0] if len(found) == 1 else typed
