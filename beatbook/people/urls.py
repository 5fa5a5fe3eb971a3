from django.urls import path

from beatbook.core.urlpatterns import model_urls

from . import views

app_name = "people"
urlpatterns = [
    *model_urls("courses/", "course", views, "Course"),
    *model_urls("sessions/", "trainingsession", views, "TrainingSession"),
    *model_urls("attendance/", "trainingattendance", views, "TrainingAttendance"),
    *model_urls("exercises/", "exerciseparticipation", views, "ExerciseParticipation"),
    *model_urls("qualifications/", "qualification", views, "Qualification"),
    *model_urls("surveys/", "pulsesurvey", views, "PulseSurvey"),
    *model_urls("questions/", "pulsequestion", views, "PulseQuestion"),
    path("surveys/<int:pk>/answer/", views.answer, name="answer"),
    path("units/<slug:code>/", views.unit_training, name="unit_training"),
]
