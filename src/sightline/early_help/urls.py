"""Pages for early_help."""

urlpatterns: list = []
