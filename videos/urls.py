from django.urls import path

from . import views

app_name = "videos"

urlpatterns = [
    path("captions/<int:pk>.vtt", views.caption, name="caption"),
]
