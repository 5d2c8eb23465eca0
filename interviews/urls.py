from django.urls import path

from . import views

app_name = "interviews"

urlpatterns = [
    path("new/<int:submission_pk>/", views.create, name="create"),
    path("<int:pk>/", views.edit, name="edit"),
    path("<int:pk>/autosave/", views.autosave, name="autosave"),
    path("<int:pk>/delete/", views.delete, name="delete"),
    path("<int:pk>/erase/", views.erase, name="erase"),
]
