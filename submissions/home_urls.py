"""The portal's front page, included at the root by reglab/urls.py (by name, so that the
core imports no feature app): the region's homework, or a facilitator's overview."""

from django.urls import path

from . import views

urlpatterns = [path("", views.home, name="home")]
