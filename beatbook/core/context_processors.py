from django.conf import settings


def beatbook(request):
    from .navigation import menu_for

    return {
        "menu": menu_for(getattr(request, "user", None)),
        "BEATBOOK_TILE_URL": settings.BEATBOOK_TILE_URL,
        "BEATBOOK_TILE_ATTRIBUTION": settings.BEATBOOK_TILE_ATTRIBUTION,
        "LANGUAGES": settings.LANGUAGES,
    }
