"""Pages for assessments."""

urlpatterns: list = []
