"""The client's address, for django-axes' login throttling (AXES_CLIENT_IP_CALLABLE).

Behind a load balancer every request comes from the balancer's address (REMOTE_ADDR), so
a lock-out keyed to it would lock a user name for everyone. Each proxy appends the address
it was reached from to X-Forwarded-For; with TRUSTED_PROXY_COUNT proxies in front of the
app, the client is the entry that many places from the right. Entries further left are
whatever the client sent, and are never read, so a client cannot choose its address.
"""

import ipaddress

from django.conf import settings


def client_ip(request) -> str | None:
    remote = request.META.get("REMOTE_ADDR")
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    if len(forwarded) < count:  # not through all the proxies: the address that reached us
        return remote
    candidate = forwarded[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:  # not an address (a proxy misconfigured): the one that reached us
        return remote
