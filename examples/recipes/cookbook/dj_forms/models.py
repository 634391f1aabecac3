from django.db import models


class Subscriber(models.Model):
    name = models.CharField(max_length=80)
    email = models.EmailField(unique=True)
    weekly = models.BooleanField(default=True)
