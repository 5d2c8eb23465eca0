from django.urls import path

from . import dashboard_views as dash
from . import record_views, views

app_name = "synthesis"

urlpatterns = [
    path("review/", views.queue, name="queue"),
    path("history/", record_views.history, name="history"),
    path("my-region.json", record_views.region_data, name="region_data"),
    path("tags/<int:pk>/review/", views.review, name="review"),
    path("proposals/<int:pk>/review/", views.proposal_review, name="proposal_review"),
    path("homework/<int:pk>/", views.submission_tags, name="submission"),
    path("homework/<int:pk>/add/", views.add_tag, name="add_tag"),
    path("agreement/", views.agreement, name="agreement"),
    path("agreement/train/", views.train, name="train"),
    path("taxonomy/", views.taxonomy, name="taxonomy"),
    path("taxonomy/new/", views.role_edit, name="role_new"),
    path("taxonomy/<int:pk>/", views.role_edit, name="role_edit"),
    path("taxonomy/<int:pk>/retire/", views.retire, name="retire"),
    path("taxonomy/<int:pk>/cue/", views.cue, name="cue"),
    path("taxonomy/merge/", views.merge, name="merge"),
    path("a/<int:assignment_pk>/", dash.overview, name="overview"),
    path("a/<int:assignment_pk>/regions/<slug:region_slug>/", dash.region_profile, name="region"),
    path("a/<int:assignment_pk>/actors/", dash.actors, name="actors"),
    path("a/<int:assignment_pk>/heatmap/", dash.heatmap, name="heatmap"),
    path(
        "a/<int:assignment_pk>/heatmap/<slug:region_slug>/<slug:role_slug>/",
        dash.cell,
        name="cell",
    ),
    path("a/<int:assignment_pk>/quotes/", dash.quote_wall, name="quotes"),
    path("a/<int:assignment_pk>/compare/", dash.compare, name="compare"),
    path("a/<int:assignment_pk>/publish/", dash.publish, name="publish"),
    path("a/<int:assignment_pk>/mine/", dash.mine, name="mine"),
    path("a/<int:assignment_pk>/report/", dash.report, name="report"),
]
