from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator


class LoginForm(AuthenticationForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Django sets the user name's max_length here but does not check it; a longer
        # one would reach django-axes, whose record of failed logins holds 255 characters.
        username = self.fields["username"]
        username.validators.append(MaxLengthValidator(username.max_length))
