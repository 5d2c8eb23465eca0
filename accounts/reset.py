# STUB: replaced by the password-reset work.
from django.http import HttpResponse


def _todo(request, *args, **kwargs):
    return HttpResponse("todo", status=501)


request_reset = reset_sent = confirm = complete = _todo
