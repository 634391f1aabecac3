from django.conf import settings
from django.db import models


# --8<-- [start:report-model]
class Report(models.Model):
    title = models.CharField(max_length=100)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reports")
    published = models.BooleanField(default=False)

    class Meta:
        # Besides add/change/delete/view_report, migrate creates this permission:
        # "authroles.publish_report" (app label, a dot, the codename).
        permissions = [("publish_report", "Can publish reports")]
# --8<-- [end:report-model]
