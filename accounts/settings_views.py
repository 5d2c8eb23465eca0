# STUB: replaced by the settings-page work.
from django.http import HttpResponse


def settings_page(request):
    return HttpResponse("todo", status=501)
