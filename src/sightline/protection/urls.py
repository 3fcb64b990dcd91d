"""Pages for protection."""

urlpatterns: list = []
