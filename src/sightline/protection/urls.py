"""Pages for child protection, under /child-protection/. Each view declares its route with its
action (`@page`)."""

from sightline.web.pages import routes

from . import views

urlpatterns = routes(views)
