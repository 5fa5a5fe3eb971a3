from beatbook.core.urlpatterns import model_urls

from . import views

app_name = "operations"
urlpatterns = [
    *model_urls("", "operation", views, "Operation"),
    *model_urls("arrests/", "arrestcount", views, "ArrestCount"),
    *model_urls("seizures/", "drugseizure", views, "DrugSeizure"),
]
