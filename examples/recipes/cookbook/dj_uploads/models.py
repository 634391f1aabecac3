from django.db import models


# --8<-- [start:model]
class Document(models.Model):
    title = models.CharField(max_length=100)
    # Saved under MEDIA_ROOT/documents/2026/12/; the database keeps only the relative path.
    file = models.FileField(upload_to="documents/%Y/%m/")
# --8<-- [end:model]
