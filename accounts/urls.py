"""People: the facilitators' page of regions and coordinators, invitations, password
reset and each user's settings. Included at the root by reglab/urls.py."""

from django.urls import path

from . import reset, settings_views, views

app_name = "accounts"

urlpatterns = [
    path("people/", views.coordinators, name="coordinators"),
    path("people/invite/", views.invite, name="invite"),
    path("people/import/", views.import_csv, name="import"),
    path("people/<int:user_pk>/resend/", views.resend, name="resend"),
    path("people/<int:user_pk>/remove/", views.remove, name="remove"),
    path("invitation/<uidb64>/<token>/", views.accept, name="accept"),
    path("settings/", settings_views.settings_page, name="settings"),
    path("password-reset/", reset.request_reset, name="password_reset"),
    path("password-reset/sent/", reset.reset_sent, name="password_reset_done"),
    path("password-reset/<uidb64>/<token>/", reset.confirm, name="password_reset_confirm"),
    path("password-reset/done/", reset.complete, name="password_reset_complete"),
]
