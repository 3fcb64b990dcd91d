"""Small pieces every form page shares."""

from django.http import HttpRequest, QueryDict


def posted(request: HttpRequest) -> QueryDict | None:
    """The data to bind a form to: the POST, even an empty one (a submission, so its missing
    fields are reported), or None for a GET (an unbound form, no errors shown)."""
    return request.POST if request.method == "POST" else None
