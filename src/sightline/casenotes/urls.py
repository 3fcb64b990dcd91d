"""Pages on a child's record, under /children/. Each view declares its route with its action
(`@page`)."""

from sightline.web.pages import routes

from . import views

urlpatterns = routes(views)
