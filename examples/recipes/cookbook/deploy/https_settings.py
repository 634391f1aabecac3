"""Django settings for a site behind a proxy that terminates TLS (docs/howto/deployment.md).

Put these in production settings only: locally, runserver speaks plain HTTP."""
# --8<-- [start:https]
# nginx sets X-Forwarded-Proto to "https" for requests that came in over HTTPS. Trust it only
# because nginx overwrites the header on every request (a client cannot smuggle its own).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = True        # plain HTTP requests get a 301 to https://
SESSION_COOKIE_SECURE = True      # cookies travel only over HTTPS
CSRF_COOKIE_SECURE = True
CSRF_TRUSTED_ORIGINS = ["https://jobs.example.com"]
# HSTS: browsers use HTTPS only, for this long. Start small; raise it to a year
# (31536000) once every page works over HTTPS.
SECURE_HSTS_SECONDS = 3600
# --8<-- [end:https]
