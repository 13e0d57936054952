"""Test helper: a process that holds a database open like the app does, until its stdin closes.

    python hold_database.py DB [--serve] [--write]
--serve drains the command queue as the app does; --write commits, as fast as it can, transactions that
each add one `export` audit entry and set settings.writes to the number of entries (a consistent copy agrees).
"""

import argparse
import sys
import threading
import time

from fraudfree import app_queue, auth, db

options = argparse.ArgumentParser()
options.add_argument("db")
options.add_argument("--serve", action="store_true")
options.add_argument("--write", action="store_true")
args = options.parse_args()

con = db.connection(args.db)
stop = threading.Event()


def write() -> None:
    n = con.cursor().execute("select count(*) from audit_log where action = 'export'").fetchone()[0]
    while not stop.is_set():
        n += 1
        with db.transaction(con) as cur:
            auth.audit(cur, "load", "export", {"n": n})
            time.sleep(0.002)  # a gap inside the transaction, where a torn copy would show
            db.put_settings(cur, {"writes": n})


if args.write:
    threading.Thread(target=write, daemon=True).start()
if args.serve:
    app_queue.serve(args.db)
    while app_queue.app_pid(args.db) is None:
        time.sleep(0.05)
print("ready", flush=True)
sys.stdin.read()
stop.set()
