"""A small shop: customers place orders; products are imported from a price list."""
from django.db import models


class Customer(models.Model):
    name = models.CharField(max_length=100)

    def __str__(self):
        return self.name


# --8<-- [start:order]
class Order(models.Model):
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="orders")
    total = models.DecimalField(max_digits=10, decimal_places=2)
    created_at = models.DateTimeField()

    class Meta:
        # Serves ORDER BY created_at DESC, id DESC and the keyset WHERE in one index scan.
        indexes = [models.Index(fields=["created_at", "id"], name="order_created_id_idx")]
# --8<-- [end:order]


# --8<-- [start:product]
class Product(models.Model):
    sku = models.CharField(max_length=20, unique=True)  # the key an import matches on
    name = models.CharField(max_length=100)
    price = models.DecimalField(max_digits=10, decimal_places=2)
# --8<-- [end:product]
