from django.urls import path

from . import views

app_name = "nominations"

urlpatterns = [
    path("status/", views.status_lookup, name="status"),
    path("pingyi/", views.round_list, name="rounds"),
    path("pingyi/<int:pk>/", views.round_detail, name="round"),
    path("pingyi/<int:pk>/<int:candidate_pk>/endorse/", views.endorse, name="endorse"),
]
