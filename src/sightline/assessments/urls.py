"""Pages for assessments: starting one on a referral, the record of the work, the manager's
midpoint check, the outcome and the authorisation that completes it. Each view declares its
route with its action (`@page`)."""

from sightline.web.pages import routes

from . import views

urlpatterns = routes(views)
