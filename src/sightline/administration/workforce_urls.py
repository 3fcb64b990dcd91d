"""The workforce pages, under /workforce/, and everyone's /change-password/. Each view declares
its route with its action (`@page`)."""

from sightline.web.pages import routes

from . import workforce_views

urlpatterns = routes(workforce_views)
