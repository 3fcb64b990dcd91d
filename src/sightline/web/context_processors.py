"""Template context shared by every page."""

from django.conf import settings


def service(request):
    """The council and service names shown in the header, footer and page titles."""
    return {
        "council_name": getattr(settings, "COUNCIL_NAME", "Sightline County Council"),
        "service_name": getattr(settings, "SERVICE_NAME", "Sightline"),
    }
