# This file is part of Retail Cloud.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""A store manager signs into the web client on a freshly loaded demo chain,
opens the stores and the sales per store, and sees what the books hold."""
import os
import socket
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import pytest

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


@pytest.fixture(scope='module')
def demo(tmp_path_factory):
    "Serve a demo chain loaded from scratch, as `make demo` does"
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is not installed at %s" % CHROMIUM)
    if not (ROOT / 'var' / 'sao' / 'index.html').exists():
        pytest.fail("sao is not unpacked in var/sao: run `make sao`")
    var = tmp_path_factory.mktemp('var')
    (var / 'sao').symlink_to(ROOT / 'var' / 'sao')
    uri = database_uri()
    if uri.startswith('postgresql'):
        drop_postgresql(uri)
    listen = '127.0.0.1:%d' % free_port()
    env = dict(os.environ, TRYTOND_DATABASE_URI=uri)
    env.pop('DB_NAME', None)
    subprocess.run([
            sys.executable, '-m', 'fixtures.demo', '--var', str(var),
            '--database', DATABASE, '--days', str(DAYS),
            '--uri', uri, '--listen', listen],
        cwd=ROOT, env=env, check=True)
    server = subprocess.Popen([
            str(Path(sys.executable).parent / 'trytond'),
            '-c', str(var / 'trytond.conf'), '-d', DATABASE],
        cwd=ROOT, env=env)
    try:
        wait_for(listen)
        yield {'url': 'http://%s/' % listen, 'var': var, 'uri': uri}
    finally:
        server.terminate()
        server.wait(timeout=30)
        if uri.startswith('postgresql'):
            drop_postgresql(uri)


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


def store_revenues(demo):
    "Revenue without tax of the posted counter sales, per store name"
    rows = query(demo, """
        SELECT s.name, SUM(l.quantity * l.unit_list_price)
        FROM sale_point_sale_line l
        JOIN sale_point_sale p ON l.sale = p.id
        JOIN retail_store s ON p.store = s.id
        WHERE p.state IN ('done', 'posted')
        GROUP BY s.name""")
    return {name: Decimal(str(amount)).quantize(Decimal('0.01'))
        for name, amount in rows}


@pytest.fixture
def page(demo):
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(
            viewport={'width': 1400, 'height': 900}, locale='zh-CN')
        page.set_default_timeout(60_000)
        yield page
        browser.close()


def sign_in(page, demo):
    page.goto(demo['url'] + '#' + DATABASE)
    page.fill('#login', 'admin')
    page.click('button[type=submit]')
    page.fill('input[type=password]', 'admin')
    page.keyboard.press('Enter')
    # The session is open once the password is taken and the menu filled
    page.locator('input[type=password]').wait_for(state='detached')
    page.locator('#menu tr').first.wait_for(state='attached')


def test_stores_and_sales_per_store(demo, page):
    ARTIFACTS.mkdir(exist_ok=True)
    sign_in(page, demo)

    page.goto(demo['url'] + '#%s/model/retail.store' % DATABASE)
    for name in ["小寨店", "钟楼店", "高新店"]:
        page.locator('td:visible').get_by_text(name, exact=True).wait_for()
    page.screenshot(path=str(ARTIFACTS / 'stores.png'))

    revenues = store_revenues(demo)
    assert set(revenues) == {"小寨店", "钟楼店", "高新店"}
    assert all(amount > 0 for amount in revenues.values())
    page.goto(demo['url'] + '#%s/model/sale.reporting.store'
        ';context_model=sale.reporting.context' % DATABASE)
    for name, amount in revenues.items():
        # The store's row of the report shows its revenue from the books
        page.locator('tr:visible').filter(has_text="] " + name).filter(
            has_text='{:,.2f}'.format(amount)).first.wait_for()
    page.screenshot(path=str(ARTIFACTS / 'sales_per_store.png'))
