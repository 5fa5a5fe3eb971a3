import pytest


@pytest.fixture(autouse=True)
def _fresh_state(settings, tmp_path_factory):
    """Throttle history and in-memory indexes must not leak between tests; models go to a temp dir."""
    from django.core.cache import cache

    from beatbook.scams import services

    # The lazily trained classifier is saved under DATA_DIR: never into the developer's data folder.
    settings.DATA_DIR = tmp_path_factory.getbasetemp() / "scams-data"
    cache.clear()
    services.NAME_INDEX.invalidate()
    services.DIGESTS.clear()
    services.LOOKUPS.pending.clear()
    services.LOOKUPS.background = False
    yield
    cache.clear()
