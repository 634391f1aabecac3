"""Which client address django-ratelimit counts (docs/troubleshooting/auth.md#auth-remote-addr-empty)."""


# --8<-- [start:client-ip]
def client_ip(request) -> str:
    """RATELIMIT_IP_META_KEY = "yourproject.client_ip.client_ip"

    Behind nginx (proxy_set_header X-Real-IP $remote_addr;) the proxy writes the address it saw;
    a client cannot choose it, unlike the first entry of X-Forwarded-For. Fall back to the
    socket's address when the app is reached directly (runserver, tests).
    """
    return request.META.get("HTTP_X_REAL_IP") or request.META["REMOTE_ADDR"]
# --8<-- [end:client-ip]
