from django.urls import path

from gcmhub.pledges import views

app_name = "pledges"

urlpatterns = [
    path("", views.index, name="index"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("new/", views.create, name="create"),
    path("monitoring/", views.monitoring, name="monitoring"),
    path("report/", views.period_report, name="period_report"),
    path("report/document.docx", views.period_report_docx, name="period_report_docx"),
    path("export.<str:fmt>", views.export, name="export"),
    path("invitation/<str:token>/", views.invitation, name="invitation"),
    path("<str:public_id>/", views.detail, name="detail"),
    path("<str:public_id>/edit/", views.edit, name="edit"),
    path("<str:public_id>/withdraw/", views.withdraw, name="withdraw"),
    path("<str:public_id>/progress/new/", views.file_report, name="file_report"),
    path("<str:public_id>/attachment/", views.attachment, name="attachment"),
    path("<str:public_id>/files/<int:file_id>/", views.report_file, name="report_file"),
    path(
        "<str:public_id>/participants/<int:participant_id>/respond/",
        views.respond,
        name="respond",
    ),
    path(
        "<str:public_id>/participants/<int:participant_id>/resend/",
        views.resend_invitation,
        name="resend_invitation",
    ),
]
