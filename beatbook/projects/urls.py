from beatbook.core.urlpatterns import model_urls

from . import views

app_name = "projects"
urlpatterns = [
    *model_urls("", "project", views, "Project"),
    *model_urls("milestones/", "milestone", views, "Milestone"),
    *model_urls("risks/", "risk", views, "Risk"),
    *model_urls("engagements/", "engagement", views, "Engagement"),
]
