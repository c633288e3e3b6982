"""Who is asking: the client's address, the same for login locks and rate limits.

Behind a TLS proxy every request arrives from the proxy's address, so a limit keyed on
REMOTE_ADDR would lock out everyone at once. The proxy writes the address it saw at the end
of X-Forwarded-For; with TRUSTED_PROXY_COUNT proxies in front of the site, the client's
address is the entry that many places from the right. Entries further left were written by
the client itself and are never trusted. With TRUSTED_PROXY_COUNT = 0 (the default: gunicorn
faces the readers) the header is ignored, since anyone can send it.
"""

import ipaddress

from django.conf import settings


def client_address(request):
    """The client's address as text: "203.0.113.7", or "" when there is none.

    >>> from django.test import RequestFactory
    >>> request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2",
    ...                                HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7")
    >>> client_address(request)  # no trusted proxy: the header is the client's word
    '10.0.0.2'
    """
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < count:
        # Fewer entries than proxies: the request did not come through all of them.
        return remote
    candidate = forwarded[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


def client_key(request):
    """The address rate limits count under: an IPv6 client's whole /64 network counts as one,
    since one subscriber holds 2**64 addresses.

    >>> from django.test import RequestFactory
    >>> client_key(RequestFactory().get("/", REMOTE_ADDR="2001:db8:1:2:3:4:5:6"))
    '2001:db8:1:2::/64'
    """
    address = client_address(request)
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address or "unknown"
    if parsed.version == 6:
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return str(parsed)
