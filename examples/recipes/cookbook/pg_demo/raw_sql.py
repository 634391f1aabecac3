"""Raw SQL the safe way (docs/howto/postgresql.md#postgresql-raw-sql); tests/test_postgresql.py
runs each function on SQLite and, in the services tier, on PostgreSQL."""
# --8<-- [start:raw-sql]
from django.db import connection, transaction

from cookbook.dj_orm.models import Opening

OPENING_TABLE = Opening._meta.db_table  # "cookbook_dj_orm_opening": app label + model name


def openings_in_city_raw(city):
    """Manager.raw(): you write the SELECT, Django builds Opening objects from the rows.
    %s is a placeholder, never quoted; the value travels separately, in the list."""
    return Opening.objects.raw(
        f"SELECT id, title, city FROM {OPENING_TABLE} WHERE city = %s ORDER BY title",
        [city],
    )


def open_counts_by_city():
    """connection.cursor(): any SQL; rows come back as tuples, zipped here with the column names."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT city, COUNT(*) AS n FROM {OPENING_TABLE} "
            "WHERE status = %s GROUP BY city ORDER BY city",
            [Opening.Status.OPEN],
        )
        columns = [column[0] for column in cursor.description]
        return [dict(zip(columns, row)) for row in cursor.fetchall()]


def close_openings_raw(company_id):
    """An UPDATE through the cursor: autocommit saves it; atomic() groups it with other writes."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {OPENING_TABLE} SET status = %s WHERE company_id = %s",
            [Opening.Status.CLOSED, company_id],
        )
        return cursor.rowcount
# --8<-- [end:raw-sql]
