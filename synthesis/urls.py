from django.urls import path

from . import views

app_name = "synthesis"

urlpatterns = [
    path("review/", views.queue, name="queue"),
    path("tags/<int:pk>/review/", views.review, name="review"),
    path("homework/<int:pk>/", views.submission_tags, name="submission"),
    path("homework/<int:pk>/add/", views.add_tag, name="add_tag"),
    path("agreement/", views.agreement, name="agreement"),
    path("taxonomy/", views.taxonomy, name="taxonomy"),
    path("taxonomy/new/", views.role_edit, name="role_new"),
    path("taxonomy/<int:pk>/", views.role_edit, name="role_edit"),
    path("taxonomy/<int:pk>/retire/", views.retire, name="retire"),
    path("taxonomy/merge/", views.merge, name="merge"),
]
