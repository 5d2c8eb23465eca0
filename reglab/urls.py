from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.i18n import set_language

from reglab.forms import LoginForm
from reglab.views import accessibility_statement, healthz

urlpatterns = [
    path("", include("submissions.home_urls")),
    path("healthz", healthz, name="healthz"),
    path("accessibility/", accessibility_statement, name="accessibility"),
    path("login/", auth_views.LoginView.as_view(authentication_form=LoginForm), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("", include("accounts.urls")),
    path("homework/", include("submissions.urls")),
    path("interviews/", include("interviews.urls")),
    path("synthesis/", include("synthesis.urls")),
    path("synthesis/exports/", include("synthesis.export_urls")),
    path("workshop/", include("workshop.urls")),
    path("admin/", admin.site.urls),
]

# The portal's own error pages, in its layout and the user's language (reglab/views.py).
handler403 = "reglab.views.permission_denied"
handler404 = "reglab.views.page_not_found"
handler500 = "reglab.views.server_error"
