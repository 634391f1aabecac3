"""Tasks of the Celery recipes. Each region is shown on a recipe page; tests/test_celery.py runs them."""
import time

from celery import shared_task

# What the tests observe: calls per task id, side effects, and when each slow task ran.
CALLS: dict[str, int] = {}
RAN: list[str] = []
SPANS: dict[str, tuple[float, float]] = {}
TIMES: dict[str, float] = {}


# --8<-- [start:first-task]
@shared_task
def add(x, y):
    return x + y
# --8<-- [end:first-task]


@shared_task
def total(numbers):
    """The chord's callback: it receives the list of the group's results."""
    return sum(numbers)


class RatesUnavailable(ConnectionError):
    """Stands in for a network error from an HTTP client."""


# --8<-- [start:autoretry]
@shared_task(
    bind=True,
    autoretry_for=(ConnectionError, TimeoutError),  # retry only what may pass
    retry_backoff=True,       # wait about 1 s, 2 s, 4 s ... between tries
    retry_backoff_max=600,    # never wait longer than 10 minutes
    retry_jitter=True,        # a random wait up to that, so retries spread out
    max_retries=5,            # then fail for good
)
def fetch_exchange_rates(self, currency):
    return get_rates_from_api(currency)  # raises ConnectionError when the API is down
# --8<-- [end:autoretry]


def get_rates_from_api(currency):
    """A fake API that fails twice per currency, then answers."""
    CALLS[currency] = CALLS.get(currency, 0) + 1
    if CALLS[currency] <= 2:
        raise RatesUnavailable(f"rates API down (try {CALLS[currency]})")
    return {"currency": currency, "rate": 1.0}


class PaymentGatewayBusy(Exception):
    pass


# --8<-- [start:manual-retry]
@shared_task(bind=True, max_retries=3)
def confirm_payment(self, payment_id):
    try:
        return check_gateway(payment_id)
    except PaymentGatewayBusy as exc:
        # Schedule this same task again, with the same id, 1 s, 2 s, 4 s later.
        raise self.retry(exc=exc, countdown=2 ** self.request.retries)
# --8<-- [end:manual-retry]


def check_gateway(payment_id):
    key = f"payment-{payment_id}"
    CALLS[key] = CALLS.get(key, 0) + 1
    if CALLS[key] == 1:
        raise PaymentGatewayBusy("try again later")
    return "paid"


@shared_task
def slow(seconds, label="slow"):
    started = time.monotonic()
    time.sleep(seconds)
    SPANS[label] = (started, time.monotonic())
    RAN.append(label)
    return label


@shared_task
def build_report(report_id):
    RAN.append(f"report-{report_id}")
    return f"report {report_id} ready"


@shared_task
def send_welcome_email(user_id):
    RAN.append(f"email-{user_id}")
    return user_id


@shared_task
def record(label):
    TIMES[label] = time.monotonic()
    RAN.append(label)
    return label


@shared_task
def greet_new_user(user_id):
    """Reads the row the caller has just saved: it must be committed before this runs."""
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(pk=user_id)  # DoesNotExist if it ran too early
    RAN.append(f"greeted-{user.username}")
    return user.username


@shared_task
def add_then_double(x, y):
    """The anti-pattern of docs/howto/celery.md#celery-canvas: waiting inside a task."""
    return add.delay(x, y).get(timeout=10) * 2  # RuntimeError: Never call result.get() within a task!


# --8<-- [start:rate-limit]
@shared_task(rate_limit="5/s")   # at most 5 starts a second, on EACH worker
def call_partner_api(order_id):
    TIMES[f"api-{order_id}"] = time.monotonic()   # stands in for one HTTP call to the partner
    RAN.append(f"api-{order_id}")
    return order_id
# --8<-- [end:rate-limit]


@shared_task
def fail(reason):
    raise ValueError(reason)


# --8<-- [start:chord-errback]
@shared_task
def report_failure(request, exc, traceback):
    """An errback: Celery calls it with the failed task's request, exception and traceback."""
    RAN.append(f"failed: {exc!r}")
# --8<-- [end:chord-errback]
