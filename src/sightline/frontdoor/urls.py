"""Pages for frontdoor."""

urlpatterns: list = []
