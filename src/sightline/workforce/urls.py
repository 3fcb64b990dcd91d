"""Pages for workforce."""

urlpatterns: list = []
