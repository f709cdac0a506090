#!/usr/bin/env python3
"""WAL frames per commit of the outbox's request-path load, for each index layout (bench/README.md, eleventh landing).

    python3 bench/outbox_frames.py [DIR]      # DIR for the scratch database (default /tmp)

A model, not FormGate itself: Python's sqlite3 with the outbox's table, pragmas and statements
(delivery/OutboxSchema, delivery/OutboxWrites), 20 000 delivered rows first, then 3 000 commits that each insert 7
submissions (a ~400-byte contact form, time-ordered ids) and mark the previous commit's 7 delivered, as the group
committer does under wrk's load. Checkpoints are off, so the WAL's size counts every frame written.
"""
import os
import random
import sqlite3
import sys
import time
import uuid

PAYLOAD = '{"name":"Jane Doe","email":"jane.doe@example.com","message":"' + "x" * 316 + '"}'
TABLE = """CREATE TABLE submissions (id TEXT PRIMARY KEY, form TEXT NOT NULL, content_type TEXT NOT NULL,
  payload TEXT NOT NULL, created_at TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('held','queued','delivered','dead')), attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL, last_error TEXT, updated_at TEXT NOT NULL, delivered_at TEXT)"""
INSERT = ("INSERT INTO submissions (id, form, content_type, payload, created_at, state, attempts, next_attempt_at,"
          " last_error, updated_at) VALUES (?, 'contact-form', 'contact_form', ?, ?, ?, 0, ?, NULL, ?)"
          " ON CONFLICT (id) DO NOTHING")
DELIVERED = ("UPDATE submissions SET state = 'delivered', delivered_at = ?, updated_at = ?"
             " WHERE id = ? AND state <> 'delivered'")
LAYOUTS = {
    "version 1: state index over all rows, created_at index": [
        "CREATE INDEX s ON submissions(state, next_attempt_at)", "CREATE INDEX c ON submissions(created_at)"],
    "version 1 without the created_at index": ["CREATE INDEX s ON submissions(state, next_attempt_at)"],
    "version 2: pending rows only": [
        "CREATE INDEX p ON submissions(state, next_attempt_at) WHERE state <> 'delivered'"],
    "no index but the primary key's": [],
}


def stamp(t):
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(t)) + ".%09dZ" % int((t % 1) * 1e9)


def uuid7(millis, counter):
    return str(uuid.UUID(int=(millis << 80) | (0x7 << 76) | (counter << 64) | random.getrandbits(62) | (1 << 63)))


def frames_per_commit(path, indexes, per_commit=7, commits=3000, preload=20000):
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)
    db = sqlite3.connect(path, isolation_level=None)
    for pragma in ("journal_mode = WAL", "synchronous = FULL", "wal_autocheckpoint = 0", "cache_size = -1024"):
        db.execute("PRAGMA " + pragma)
    db.execute(TABLE)
    for ddl in indexes:
        db.execute(ddl)
    t, n = 1.8e9, 0

    def insert(state):
        nonlocal t, n
        t += 0.00005
        n += 1
        sid = uuid7(int(t * 1000), n % 4096)
        db.execute(INSERT, (sid, PAYLOAD, stamp(t), state, stamp(t + 30), stamp(t)))
        return sid

    db.execute("BEGIN")
    for sid in [insert("queued") for _ in range(preload)]:
        db.execute(DELIVERED, (stamp(t), stamp(t), sid))
    db.execute("COMMIT")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    previous = []
    for _ in range(commits):
        db.execute("BEGIN IMMEDIATE")
        for sid in previous:
            db.execute(DELIVERED, (stamp(t), stamp(t), sid))
        previous = [insert("queued") for _ in range(per_commit)]
        db.execute("COMMIT")
    frames = (os.path.getsize(path + "-wal") - 32) / (4096 + 24)
    db.close()
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)
    return frames / commits


if __name__ == "__main__":
    random.seed(7)
    scratch = os.path.join(sys.argv[1] if len(sys.argv) > 1 else "/tmp", "outbox-frames.db")
    print(f"SQLite {sqlite3.sqlite_version}")
    for name, indexes in LAYOUTS.items():
        print(f"{frames_per_commit(scratch, indexes):6.2f} WAL frames per commit  {name}")
