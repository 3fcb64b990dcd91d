"""Pages for children in need: child in need plans, their reviews and visits, and disabled
children's packages of care. Each view declares its route with its action (`@page`)."""

from sightline.web.pages import routes

from . import views

urlpatterns = routes(views)
