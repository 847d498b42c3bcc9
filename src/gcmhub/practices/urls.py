from django.urls import path

from gcmhub.practices import feeds, views

app_name = "practices"

urlpatterns = [
    path("", views.index, name="index"),
    path("export.csv", views.export_csv, name="export_csv"),
    path("export.json", views.export_json, name="export_json"),
    path("feed/", feeds.NewPracticesFeed(), name="feed"),
    path("feed/atom/", feeds.NewPracticesAtomFeed(), name="feed_atom"),
    path("new/", views.edit, name="new"),
    path("mine/", views.mine, name="mine"),
    path("manage/", views.queue, name="queue"),
    path("reviews/", views.my_reviews, name="my_reviews"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path(
        "<int:pk>/files/<int:attachment_id>/",
        views.download_attachment,
        name="attachment",
    ),
    path(
        "<int:pk>/attachments/<int:attachment_id>/remove/",
        views.remove_attachment,
        name="remove_attachment",
    ),
    path("<int:pk>/manage/", views.manage, name="manage"),
    path("<int:pk>/review/", views.review_practice, name="review"),
    path("experts/", views.experts, name="experts"),
    path("experts/apply/", views.expert_form, name="expert_apply"),
    path("experts/add/", views.expert_form, {"add": True}, name="expert_add"),
    path("experts/<int:pk>/", views.expert_detail, name="expert"),
    path("experts/<int:pk>/edit/", views.expert_form, name="expert_edit"),
    path("calls/", views.calls, name="calls"),
    path("calls/new/", views.call_new, name="call_new"),
    path("calls/<int:pk>/", views.call_detail, name="call"),
]
