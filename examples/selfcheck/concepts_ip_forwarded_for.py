"""The client-IP rule of the Job Board's get_client_ip, without Django."""


def client_ip(meta: dict[str, str], behind_trusted_proxy: bool) -> str:
    if behind_trusted_proxy and meta.get("HTTP_X_FORWARDED_FOR"):
        return meta["HTTP_X_FORWARDED_FOR"].split(",")[-1].strip()
    return meta["REMOTE_ADDR"]


# The client sent "X-Forwarded-For: 6.6.6.6"; our proxy (10.0.0.2) appended the
# address it saw the connection come from.
meta = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "6.6.6.6, 198.51.100.7"}
print(client_ip(meta, behind_trusted_proxy=True))
print(meta["HTTP_X_FORWARDED_FOR"].split(",")[0])
print(client_ip(meta, behind_trusted_proxy=False))
