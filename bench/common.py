# This file is part of Retail Cloud.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""Shared pieces of the benchmarks: a database of their own with
retail_cloud activated, a company with its warehouse, products and lots,
bulk stock history through SQL, timing and memory figures.

Import it before trytond: open_database() configures trytond from --uri.
"""
import argparse
import contextlib
import datetime as dt
import os
import resource
import shutil
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The worktree's modules, not an installed copy
sys.path.insert(0, str(ROOT))

MODULES = ['retail_cloud']
BATCH = 1000


def run_as_server():
    """Run the benchmark again under `python -O` unless it is: the server
    runs so (see the README), without trytond's asserts, which check on
    every record made that its prefetch list holds only integers.  The
    benchmark's own checks raise instead of asserting."""
    if not sys.flags.optimize:
        os.execv(sys.executable, [sys.executable, '-O'] + sys.argv)
    print("python -O: asserts off, as the server runs", flush=True)


def parser(description):
    "The options every benchmark takes"
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument(
        '--uri', default='sqlite://',
        help="database server, e.g. postgresql://postgres@127.0.0.1:5432/ "
        "(default: SQLite in a temporary directory)")
    parser.add_argument(
        '--scale', type=float, default=1.0,
        help="fraction of the full data set, e.g. 0.01 for a quick run")
    return parser


def scaled(number, scale, minimum=1):
    return max(minimum, int(number * scale))


@contextlib.contextmanager
def open_database(uri, name):
    """Create a database with retail_cloud activated, yield its name and
    drop it afterwards.  DB_CACHE in the environment keeps the activated
    database between runs, as for the tests."""
    tmp = tempfile.mkdtemp(prefix='bench-')
    os.environ['TRYTOND_DATABASE_URI'] = uri
    os.environ['TRYTOND_DATABASE__PATH'] = tmp
    db_name = os.environ['DB_NAME'] = '%s_%s' % (name, os.getpid())
    started = time.perf_counter()
    from trytond.tests.test_tryton import activate_module, drop_db
    try:
        activate_module(MODULES)
        server_mode()
        print("database %s ready in %.0f s" % (
                db_name, time.perf_counter() - started), flush=True)
        yield db_name
    finally:
        drop_db(db_name)
        shutil.rmtree(tmp, ignore_errors=True)


def server_mode():
    """Leave the test mode importing trytond's test helpers set: it also
    validates Function fields on every save, which a server never does"""
    from trytond.pool import Pool
    Pool.test = False


@contextlib.contextmanager
def transaction(db_name, commit=False, lock_tables=()):
    "A transaction as the admin user in the company"
    from trytond.pool import Pool
    from trytond.transaction import Transaction
    with Transaction().start(db_name, 0,
            _lock_tables=list(lock_tables)) as transaction:
        pool = Pool()
        User = pool.get('res.user')
        admin, = User.search([('login', '=', 'admin')])
        with Transaction().set_user(admin.id):
            context = User.get_preferences(context_only=True)
            with Transaction().set_context(context, _skip_warnings=True):
                yield pool
        if commit:
            transaction.commit()
        else:
            transaction.rollback()


def setup_company(db_name):
    "The company, its fiscal year and the admin working in it"
    from trytond.modules.company.tests.test_module import create_company
    from trytond.pool import Pool
    from trytond.transaction import Transaction
    with Transaction().start(db_name, 0) as transaction:
        pool = Pool()
        User = pool.get('res.user')
        company = create_company()
        admin, = User.search([('login', '=', 'admin')])
        User.write([admin], {
                'companies': [('add', [company.id])],
                'company': company.id,
                })
        transaction.commit()


def create_books(pool, codes, invoice_sequences=False):
    """The 小企业 chart and this year on the continental method for the
    company; return it, today and its accounts of codes"""
    from trytond.modules.account.tests.test_module import (
        create_chart, get_fiscalyear)
    from trytond.modules.account_invoice.tests.test_module import (
        set_invoice_sequences)
    Company = pool.get('company.company')
    FiscalYear = pool.get('account.fiscalyear')
    Account = pool.get('account.account')
    Date = pool.get('ir.date')
    company, = Company.search([])
    today = Date.today()
    create_chart(company, chart='account_cn.root_small')
    fiscalyear = get_fiscalyear(company, today=today)
    if invoice_sequences:
        fiscalyear = set_invoice_sequences(fiscalyear)
    fiscalyear.account_stock_method = 'continental'
    fiscalyear.save()
    FiscalYear.create_period([fiscalyear])
    accounts = {a.code: a for a in Account.search([
                ('company', '=', company.id),
                ('code', 'in', codes),
                ])}
    return company, today, accounts


def warehouse_locations(pool):
    "The default warehouse, its storage, the supplier and customer"
    Location = pool.get('stock.location')
    warehouse, = Location.search([('code', '=', 'WH')])
    supplier, = Location.search([('code', '=', 'SUP')])
    customer, = Location.search([('code', '=', 'CUS')])
    return warehouse, warehouse.storage_location, supplier, customer


def create_products(pool, number, shelf_life=None, prefix="Cream"):
    "Goods products, with a shelf life in days if given"
    Template = pool.get('product.template')
    Uom = pool.get('product.uom')
    unit, = Uom.search([('name', '=', "Unit")])
    values = [{
            'name': '%s %d' % (prefix, i),
            'type': 'goods',
            'default_uom': unit.id,
            'salable': True,
            'sale_uom': unit.id,
            'list_price': 100,
            'shelf_life_state': 'optional' if shelf_life else 'none',
            'shelf_life_time': shelf_life,
            'products': [('create', [{}])],
            } for i in range(number)]
    templates = []
    for i in range(0, len(values), BATCH):
        templates += Template.create(values[i:i + BATCH])
    return [t.products[0] for t in templates]


def insert_rows(pool, model, columns, rows):
    "Insert rows in model's table through SQL, by batches"
    from trytond.transaction import Transaction
    Model = pool.get(model)
    table = Model.__table__()
    cursor = Transaction().connection.cursor()
    columns = list(columns) + ['create_uid', 'create_date']
    stamp = (0, dt.datetime.now())
    for i in range(0, len(rows), BATCH):
        values = [tuple(r) + stamp for r in rows[i:i + BATCH]]
        cursor.execute(*table.insert(
                [getattr(table, c) for c in columns], values))


def insert_lots(pool, lots):
    "lots: (number, product id, expiry date); return their ids by number"
    from trytond.transaction import Transaction
    insert_rows(pool, 'stock.lot',
        ['number', 'product', 'shelf_life_expiration_date', 'active'],
        [(n, p, e, True) for n, p, e in lots])
    lot = pool.get('stock.lot').__table__()
    cursor = Transaction().connection.cursor()
    cursor.execute(*lot.select(lot.number, lot.id))
    return dict(cursor)


def insert_done_moves(pool, company, moves):
    """moves: (product, lot, from location, to location, quantity, date),
    done moves in the product's unit"""
    Product = pool.get('product.product')
    units = {p.id: p.default_uom.id for p in Product.browse(
            {m[0] for m in moves})}
    insert_rows(pool, 'stock.move',
        ['product', 'lot', 'from_location', 'to_location', 'quantity',
            'internal_quantity', 'unit', 'planned_date', 'effective_date',
            'state', 'company', 'unit_price', 'currency'],
        [(p, lot, f, t, q, q, units[p], d, d, 'done', company.id, 1,
                company.currency.id)
            for p, lot, f, t, q, d in moves])


def measure(function, repeat=5):
    """Median milliseconds over repeat calls after one warm-up, peak Python
    memory of one call in MiB, and the last result"""
    result = function()
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        timings.append((time.perf_counter() - started) * 1000)
    tracemalloc.start()
    function()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return statistics.median(timings), peak / 2 ** 20, result


def max_rss():
    "Peak resident memory of the process so far, in MiB"
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def backend_name():
    from trytond import backend
    return backend.name
