# STUB: replaced by the coordinators/invitations work.
from django.http import HttpResponse


def _todo(request, *args, **kwargs):
    return HttpResponse("todo", status=501)


coordinators = invite = import_csv = resend = remove = accept = _todo
