"""The audit trail's pages, under /audit/ (the workforce's are in workforce_urls.py). Each view
declares its route with its action (`@page`)."""

from sightline.web.pages import routes

from . import views

urlpatterns = routes(views)
