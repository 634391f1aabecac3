"""Sign a JWT-shaped token with HS256, then read it back without the key."""

import base64
import hashlib
import hmac
import json


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


SECRET = b"only-the-server-knows-this"
header = b64url(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
payload = b64url(json.dumps({"user_id": 7, "role": "recruiter"}).encode())
signature = b64url(hmac.new(SECRET, f"{header}.{payload}".encode(), hashlib.sha256).digest())
token = f"{header}.{payload}.{signature}"

# Someone who has the token but not SECRET:
middle = token.split(".")[1]
print(json.loads(base64.urlsafe_b64decode(middle + "=" * (-len(middle) % 4))))
