# This file is part of Retail Cloud.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""Serving the demo chain loaded from scratch, as `make demo` does, for the
end-to-end tests."""
import base64
import json
import os
import socket
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / 'tests' / 'artifacts'
CHROMIUM = '/usr/bin/chromium'
CHROMIUM_ARGS = [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
    '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync']
DATABASE = 'test_browser_demo'
# The done moves as signed quantities by location: SUM(m.quantity) grouped by
# location and lot is the stock of each lot
DONE_MOVES = """(
    SELECT product, lot, to_location AS location,
        internal_quantity AS quantity
    FROM stock_move WHERE state = 'done'
    UNION ALL
    SELECT product, lot, from_location, -internal_quantity
    FROM stock_move WHERE state = 'done') AS m"""
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


class Client:
    "A JSON-RPC client of the Tryton server, as an integration writes it"

    def __init__(self, url, login, password):
        self.url = url + DATABASE + '/rpc/'
        user_id, token, _ = self.call(
            'common.db.login', login, {'password': password})
        self.session = base64.b64encode(
            ('%s:%s:%s' % (login, user_id, token)).encode()).decode()
        self.context = self.call('model.res.user.get_preferences', True, {})

    def call(self, method, *params):
        "Return the result of method, or raise RPCError with the server's"
        headers = {'Content-Type': 'application/json'}
        if getattr(self, 'session', None):
            headers['Authorization'] = 'Session ' + self.session
        request = urllib.request.Request(self.url, json.dumps({
                    'id': 1, 'method': method, 'params': params,
                    }).encode(), headers)
        with urllib.request.urlopen(request) as response:
            reply = json.loads(response.read())
        if 'error' in reply:
            raise RPCError(reply['error'])
        return reply['result']

    def model(self, model, method, *params):
        return self.call('model.%s.%s' % (model, method), *params,
            self.context)


class RPCError(Exception):
    pass
