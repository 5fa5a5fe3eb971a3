"""URL map: pages under /<app>/, the API under /api/v1/<app>/, OpenAPI at /api/schema/.

Every Beatbook app with a ``urls.py`` (pages) or ``api/urls.py`` (API) is included automatically.
"""

import importlib.util

from django.apps import apps
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from beatbook.core import views as core_views

urlpatterns = [
    path("", core_views.home, name="home-root"),
    path("healthz", core_views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
]

for config in apps.get_app_configs():
    if not config.name.startswith("beatbook."):
        continue
    label = config.label
    if importlib.util.find_spec(f"{config.name}.urls"):
        urlpatterns.append(path(f"{label}/" if label != "core" else "", include(f"{config.name}.urls")))
    if importlib.util.find_spec(f"{config.name}.api") and importlib.util.find_spec(f"{config.name}.api.urls"):
        urlpatterns.append(path(f"api/v1/{label}/", include((f"{config.name}.api.urls", f"{label}-api"))))
