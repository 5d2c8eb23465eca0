from django.urls import path

from . import views

app_name = "workshop"

urlpatterns = [
    path("<int:assignment_pk>/", views.deck, name="deck"),
    path("<int:assignment_pk>/version/", views.version, name="version"),
]
