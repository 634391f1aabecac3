#!/bin/sh
# Running manage.py inside the Compose project (docs/howto/docker.md).
# --8<-- [start:commands]
# In the running web container (the stack is up):
docker compose exec web python manage.py migrate
docker compose exec web python manage.py createsuperuser
docker compose exec web python manage.py shell

# In a fresh, throw-away container of the same service (the stack may be down):
docker compose run --rm web python manage.py migrate

# Without prompts, for scripts and CI (the password comes from the environment):
docker compose exec -e DJANGO_SUPERUSER_PASSWORD web python manage.py createsuperuser --noinput --username admin --email admin@example.com
# --8<-- [end:commands]
