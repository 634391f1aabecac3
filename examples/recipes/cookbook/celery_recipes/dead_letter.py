"""A dead-letter queue on RabbitMQ (docs/howto/celery-operations.md#celery-dead-letter).

The settings region belongs in Django's settings, the task in an app's tasks.py; they share a
module here so tests/test_celery_dead_letter.py can load both into a worker of its own.
"""
from celery import shared_task
from celery.exceptions import Reject
from celery.signals import worker_init
from kombu import Exchange, Queue

# --8<-- [start:settings]
CELERY_TASK_QUEUES = [
    Queue("celery"),  # keep the default queue when you list your own
    Queue(
        "payments",
        Exchange("payments", type="direct"),
        routing_key="payments",
        # RabbitMQ moves a message rejected here (requeue=False) to this exchange...
        queue_arguments={"x-dead-letter-exchange": "dead-letters",
                         "x-dead-letter-routing-key": "payments.failed"},
    ),
    # ...which routes it to a queue that no worker consumes: you read it, then replay or drop.
    Queue("payments.failed", Exchange("dead-letters", type="direct"), routing_key="payments.failed"),
]
CELERY_TASK_ROUTES = {"payments.tasks.charge_card": {"queue": "payments"}}
# --8<-- [end:settings]


# --8<-- [start:declare]
@worker_init.connect
def declare_dead_letter_queue(sender, **kwargs):
    """No worker consumes payments.failed, so no worker declares it: declare it at every start."""
    queue = sender.app.amqp.queues.get("payments.failed")
    if queue is not None:  # only in a project that lists it
        with sender.app.connection_for_write() as conn:
            queue(conn.default_channel).declare()  # the exchange, the queue and their binding
# --8<-- [end:declare]


class CardDeclined(Exception):
    """A permanent failure: trying again can't help."""


def call_gateway(payment_id):
    if payment_id % 2:
        raise CardDeclined(f"payment {payment_id}: card declined")
    return f"payment {payment_id}: charged"


# --8<-- [start:task]
@shared_task(name="payments.tasks.charge_card", acks_late=True)  # ack only after it ran
def charge_card(payment_id):
    try:
        return call_gateway(payment_id)
    except CardDeclined as exc:
        # Not acked yet (acks_late), so the worker can reject it: RabbitMQ dead-letters it.
        raise Reject(str(exc), requeue=False) from exc
# --8<-- [end:task]
