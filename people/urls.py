from django.urls import path

from people import views

app_name = "people"
urlpatterns = [
    path("directors/", views.director_list, name="directors"),
    path("people/<slug:slug>/", views.person_detail, name="detail"),
]
