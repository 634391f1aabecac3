"""Queries for big tables (docs/howto/django-orm.md); tests/test_django_orm.py runs each one."""
from django.db.models import Exists, Max, OuterRef, Q, Subquery

from .models import Customer, Order, Product


# --8<-- [start:keyset]
def orders_page(after=None, size=20):
    """One page of orders, newest first. `after` is the (created_at, id) of the last
    order the client already has; None asks for the first page."""
    qs = Order.objects.order_by("-created_at", "-id")     # id breaks ties: a total order
    if after is not None:
        created_at, pk = after
        # Rows after (created_at, pk). The first filter lets the index scan start at the
        # cursor; the second one handles rows that share the cursor's timestamp.
        qs = qs.filter(created_at__lte=created_at).filter(Q(created_at__lt=created_at) | Q(id__lt=pk))
    rows = list(qs[:size + 1])              # one extra row says whether a next page exists
    page = rows[:size]
    cursor = (page[-1].created_at, page[-1].id) if len(rows) > size else None
    return page, cursor


def orders_page_by_offset(number, size=20):
    """The usual way, for comparison: LIMIT 20 OFFSET (number - 1) * 20."""
    start = (number - 1) * size
    return list(Order.objects.order_by("-created_at", "-id")[start:start + size])
# --8<-- [end:keyset]


# --8<-- [start:upsert]
def import_price_list(rows):
    """rows: [{"sku": ..., "name": ..., "price": ...}, ...]. New SKUs are inserted,
    known SKUs get the new name and price: INSERT ... ON CONFLICT (sku) DO UPDATE."""
    return Product.objects.bulk_create(
        [Product(**row) for row in rows],
        update_conflicts=True,
        unique_fields=["sku"],            # the unique column that means "already there"
        update_fields=["name", "price"],  # what a conflict overwrites
        batch_size=1000,                  # one INSERT per 1,000 rows
    )


def add_new_products_only(rows):
    """INSERT ... ON CONFLICT DO NOTHING: known SKUs are skipped and keep their values."""
    return Product.objects.bulk_create([Product(**row) for row in rows], ignore_conflicts=True)
# --8<-- [end:upsert]


# --8<-- [start:latest-per-group]
def customers_with_last_order():
    """Every customer with values from its newest order, in ONE query."""
    newest = Order.objects.filter(customer=OuterRef("pk")).order_by("-created_at", "-id")
    return Customer.objects.annotate(
        last_order_at=Max("orders__created_at"),                # only a max: no Subquery
        last_order_total=Subquery(newest.values("total")[:1]),  # any column of that row
        has_orders=Exists(newest),
    ).order_by("name")


def last_order_per_customer():
    """Whole Order objects, one per customer: a subquery picks the ids."""
    newest = Order.objects.filter(customer=OuterRef("pk")).order_by("-created_at", "-id")
    last_ids = Customer.objects.annotate(last_id=Subquery(newest.values("id")[:1]))
    return (Order.objects.filter(id__in=last_ids.values("last_id"))
            .select_related("customer").order_by("customer__name"))
# --8<-- [end:latest-per-group]
