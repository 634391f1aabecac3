"""Two overlapping requests increment a counter: read-add-save versus one atomic step."""

import threading

row = {"views": 0}
both_have_read = threading.Barrier(2)  # forces the overlap a busy server produces by chance
lock = threading.Lock()


def read_add_save() -> None:
    value = row["views"]  # like job = Job.objects.get(pk=pk)
    both_have_read.wait()
    row["views"] = value + 1  # like job.views += 1; job.save()


def atomic_increment() -> None:
    with lock:  # like filter(pk=pk).update(views=F("views") + 1): one step in the database
        row["views"] += 1


for work in (read_add_save, atomic_increment):
    row["views"] = 0
    threads = [threading.Thread(target=work) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print(work.__name__, row["views"])
