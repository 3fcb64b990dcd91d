"""Pages for cin."""

urlpatterns: list = []
