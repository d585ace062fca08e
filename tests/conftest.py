# This file is part of Retail Cloud.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
import os
import subprocess
import sys
from pathlib import Path

import pytest

from demo_server import (
    CHROMIUM, CHROMIUM_ARGS, DATABASE, DAYS, ROOT, database_uri,
    drop_postgresql, free_port, wait_for)


@pytest.fixture(scope='session')
def demo(tmp_path_factory):
    "Serve a demo chain loaded from scratch, as `make demo` does"
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


@pytest.fixture
def page(demo):
    "A page of Debian's chromium, in Chinese"
    from playwright.sync_api import sync_playwright
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is not installed at %s" % CHROMIUM)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(
            viewport={'width': 1400, 'height': 900}, locale='zh-CN')
        page.set_default_timeout(60_000)
        yield page
        browser.close()
