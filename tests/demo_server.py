# This file is part of Retail Cloud.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""Serving the demo chain loaded from scratch, as `make demo` does, for the
end-to-end tests."""
import os
import socket
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / 'tests' / 'artifacts'
CHROMIUM = '/usr/bin/chromium'
CHROMIUM_ARGS = [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
    '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync']
DATABASE = 'test_browser_demo'
DAYS = 7


def free_port():
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


def database_uri():
    uri = os.environ.get('TRYTOND_DATABASE_URI', 'sqlite://')
    return uri if uri.startswith('postgresql') else 'sqlite://'


def drop_postgresql(uri):
    import psycopg
    with psycopg.connect(
            uri.rstrip('/') + '/postgres', autocommit=True) as connection:
        connection.execute('DROP DATABASE IF EXISTS "%s"' % DATABASE)


def wait_for(listen, timeout=120):
    host, port = listen.split(':')
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection((host, int(port)), timeout=1).close()
            return
        except OSError:
            time.sleep(0.5)
    raise TimeoutError("trytond did not answer on %s" % listen)


def query(demo, sql):
    "Run sql on the demo database and return its rows"
    if demo['uri'].startswith('postgresql'):
        import psycopg
        with psycopg.connect(
                demo['uri'].rstrip('/') + '/' + DATABASE) as connection:
            return connection.execute(sql).fetchall()
    import sqlite3
    connection = sqlite3.connect(
        str(demo['var'] / 'db' / (DATABASE + '.sqlite')))
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()
