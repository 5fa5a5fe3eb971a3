from beatbook.core.admin import register_app_models

register_app_models("community")
