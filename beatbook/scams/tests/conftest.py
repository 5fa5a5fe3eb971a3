import pytest


@pytest.fixture(autouse=True)
def _fresh_state():
    """Throttle history and in-memory indexes must not leak between tests."""
    from django.core.cache import cache

    from beatbook.scams import services

    cache.clear()
    services.NAME_INDEX.invalidate()
    services.DIGESTS.clear()
    services.LOOKUPS.pending.clear()
    yield
    cache.clear()
