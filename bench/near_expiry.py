#!/usr/bin/env python3
# This file is part of Retail Cloud.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""Near-expiry lots over many lots in several stores: retail_cloud's list
and daily summary against what vanilla Tryton offers for the same answer.

    python bench/near_expiry.py [--uri postgresql://user@host:5432/]
        [--lots 100000] [--stores 4] [--runs 3]

It builds its own database (named --database, dropped first): retail_cloud
activated through trytond's test helpers (cached in --cache, so only the
first run installs the modules), a company in CNY, one warehouse, channel
and store per store, products with a cost price in categories through the
ORM, then the lots and their stock moves inserted with SQL in bulk (the ORM
would take an hour for 100,000 lots and moves; the rows are what the ORM
writes for done moves: supplier -> store storage, some sold to customers,
some moved between stores).

Timed, each in a fresh transaction, best of --runs:
- list: the near-expiry rows of every store as the client reads them
  (search_read of all rows and fields), and the bare list query;
- cron: the per-store and per-horizon summary the daily notification uses,
  and the whole cron method (summary and notifications, rolled back);
- vanilla: stock_lot_sled's products_by_location grouped by product and lot
  over the store warehouses (their storage zones), then reading the lots'
  expiry and the products' cost price in Python and keeping those within the
  longest horizon: what a vanilla integration has to do.
Both answers are checked equal (store, lot, quantity, cost value) before any
figure is printed. Peak Python memory is measured by a separate tracemalloc
run of each.
"""
import argparse
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections import defaultdict
from decimal import Decimal

import common

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def parse_args():
    parser = argparse.ArgumentParser(
        description=__doc__.split('\n\n')[0],
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--uri', default='sqlite://',
        help="database URI (default: %(default)s; "
        "e.g. postgresql://postgres@127.0.0.1:5432/)")
    parser.add_argument('--database', default='bench_near_expiry',
        help="database name, dropped and created (default: %(default)s)")
    parser.add_argument('--cache',
        default=os.path.join(tempfile.gettempdir(), 'retail-cloud-bench'),
        help="where the activated-modules database is cached "
        "(default: %(default)s)")
    parser.add_argument('--lots', type=int, default=100_000)
    parser.add_argument('--stores', type=int, default=4)
    parser.add_argument('--products', type=int, default=400)
    parser.add_argument('--runs', type=int, default=3)
    parser.add_argument('--seed', type=int, default=1)
    parser.add_argument('--keep', action='store_true',
        help="keep the database afterwards")
    return parser.parse_args()


def setup_environment(args):
    "Point trytond at the database before it is imported"
    os.environ['TRYTOND_DATABASE_URI'] = args.uri
    os.environ['DB_NAME'] = args.database
    os.environ['DB_CACHE'] = args.cache
    if args.uri.startswith('sqlite'):
        path = os.path.join(args.cache, 'db')
        os.makedirs(path, exist_ok=True)
        os.environ['TRYTOND_DATABASE__PATH'] = path
    sys.path.insert(0, ROOT)


def create_database(args):
    from trytond.tests.test_tryton import activate_module, drop_db
    drop_db()
    activate_module(['retail_cloud'])
    common.server_mode()


def create_master_data(args, rng):
    "Company, stores and products through the ORM; return their ids"
    from trytond.pool import Pool
    from trytond.transaction import Transaction
    pool = Pool()
    Party = pool.get('party.party')
    Currency = pool.get('currency.currency')
    Company = pool.get('company.company')
    Employee = pool.get('company.employee')
    User = pool.get('res.user')
    Location = pool.get('stock.location')
    Channel = pool.get('retail.channel')
    Store = pool.get('retail.store')
    Category = pool.get('product.category')
    Template = pool.get('product.template')
    Uom = pool.get('product.uom')

    cny, = Currency.create([{
                'name': "人民币", 'code': 'CNY', 'symbol': '¥',
                'rounding': Decimal('0.01'), 'digits': 2}])
    party, = Party.create([{'name': "西安美妆连锁有限公司"}])
    company, = Company.create([{'party': party.id, 'currency': cny.id}])
    User.write([User(1)], {
            'companies': [('add', [company.id])], 'company': company.id})

    with Transaction().set_context(company=company.id):
        warehouses = []
        for i in range(args.stores):
            zones = Location.create([{
                        'name': "S%02d %s" % (i + 1, zone), 'type': 'storage',
                        } for zone in ['input', 'output', 'storage']])
            warehouse, = Location.create([{
                        'name': "S%02d" % (i + 1), 'type': 'warehouse',
                        'code': 'S%02d' % (i + 1),
                        'input_location': zones[0].id,
                        'output_location': zones[1].id,
                        'storage_location': zones[2].id,
                        }])
            shelves = Location.create([{
                        'name': "S%02d shelf %s" % (i + 1, n),
                        'type': 'storage', 'parent': zones[2].id,
                        } for n in range(3)])
            warehouses.append((warehouse, [zones[2]] + shelves))
        channels = Channel.create([{
                    'code': 'S%02d-POS' % (i + 1), 'name': "S%02d" % (i + 1),
                    'type': 'store', 'company': company.id,
                    } for i in range(args.stores)])
        managers = Employee.create([{
                    'company': company.id, 'party': p.id,
                    } for p in Party.create([{'name': "店长 %02d" % (i + 1)}
                        for i in range(args.stores)])])
        User.create([{
                    'login': 's%02d.manager' % (i + 1), 'name': e.party.name,
                    'companies': [('add', [company.id])],
                    'company': company.id,
                    'employees': [('add', [e.id])], 'employee': e.id,
                    } for i, e in enumerate(managers)])
        stores = Store.create([{
                    'code': 'S%02d' % (i + 1), 'name': "门店 %02d" % (i + 1),
                    'company': company.id, 'warehouse': w.id,
                    'channel': c.id, 'manager': m.id,
                    } for i, ((w, _), c, m) in enumerate(
                    zip(warehouses, channels, managers))])

        categories = Category.create([{'name': "类别 %s" % i}
                for i in range(10)])
        unit, = Uom.search([('name', '=', "Unit")])
        templates = Template.create([{
                    'name': "产品 %s" % i, 'type': 'goods',
                    'default_uom': unit.id, 'list_price': Decimal('100'),
                    'shelf_life_state': 'optional', 'shelf_life_time': 1095,
                    'categories': [('add', [rng.choice(categories).id])],
                    'products': [('create', [{
                                    'cost_price': Decimal(rng.randint(
                                            500, 20000)) / 100,
                                    }])],
                    } for i in range(args.products)])
    products = [p.id for t in templates for p in t.products]
    return company, cny, unit, stores, warehouses, products


def insert_lots_and_moves(args, rng, company, currency, unit, warehouses,
        products):
    """Insert the lots and their done moves with SQL in bulk: each lot is
    received in one store; 40% are partly sold, 5% partly moved to
    another store. Expiry dates spread from 60 days ago to 3 years on."""
    from sql import Table
    from trytond.pool import Pool
    from trytond.transaction import Transaction
    pool = Pool()
    Location = pool.get('stock.location')
    cursor = Transaction().connection.cursor()
    lot_table = Table('stock_lot')
    move_table = Table('stock_move')
    supplier, = Location.search([('code', '=', 'SUP')])
    customer, = Location.search([('code', '=', 'CUS')])
    today = dt.date.today()
    now = dt.datetime.now()

    lots = []
    for i in range(args.lots):
        lots.append((
                'L%07d' % i, rng.choice(products),
                today + dt.timedelta(days=rng.randint(-60, 1095)),
                1, now))
    for chunk in chunks(lots, 1000):
        cursor.execute(*lot_table.insert(
                [lot_table.number, lot_table.product,
                    lot_table.shelf_life_expiration_date,
                    lot_table.create_uid, lot_table.create_date],
                chunk))
    cursor.execute(*lot_table.select(
            lot_table.id, lot_table.product, order_by=[lot_table.id]))
    lot_rows = cursor.fetchall()

    moves = []

    def move(lot, product, from_, to, quantity, date):
        moves.append((
                product, lot, unit.id, quantity, quantity,
                from_, to, date, date, 'done', company.id,
                Decimal('10'), currency.id, 1, now))

    for lot, product in lot_rows:
        w = rng.randrange(len(warehouses))
        shelves = warehouses[w][1]
        shelf = rng.choice(shelves).id
        quantity = rng.randint(1, 24)
        received = today - dt.timedelta(days=rng.randint(30, 200))
        move(lot, product, supplier.id, shelf, quantity, received)
        if rng.random() < 0.4:
            sold = rng.randint(1, quantity)
            move(lot, product, shelf, customer.id, sold,
                received + dt.timedelta(days=rng.randint(1, 25)))
            quantity -= sold
        if quantity and rng.random() < 0.05:
            other = rng.choice(warehouses[(w + 1) % len(warehouses)][1]).id
            move(lot, product, shelf, other, rng.randint(1, quantity),
                received + dt.timedelta(days=26))
    columns = [move_table.product, move_table.lot, move_table.unit,
        move_table.quantity, move_table.internal_quantity,
        move_table.from_location, move_table.to_location,
        move_table.effective_date, move_table.planned_date,
        move_table.state, move_table.company, move_table.unit_price,
        move_table.currency, move_table.create_uid, move_table.create_date]
    for chunk in chunks(moves, 1000):
        cursor.execute(*move_table.insert(columns, chunk))
    return len(moves)


def progress(message, started):
    print("  %s (%.0f s)" % (message, time.perf_counter() - started),
        file=sys.stderr, flush=True)


def chunks(rows, size):
    for i in range(0, len(rows), size):
        yield rows[i:i + size]


def list_rows():
    "The near-expiry rows as the client reads them"
    from trytond.pool import Pool
    NearExpiry = Pool().get('stock.lot.near_expiry')
    return NearExpiry.search_read([], fields_names=[
            'store', 'warehouse', 'product', 'category', 'lot',
            'expiration_date', 'days_left', 'horizon', 'quantity', 'unit',
            'unit_cost', 'cost_value', 'currency'])


def list_query():
    "The bare list query, all rows fetched"
    from trytond.pool import Pool
    from trytond.transaction import Transaction
    NearExpiry = Pool().get('stock.lot.near_expiry')
    cursor = Transaction().connection.cursor()
    cursor.execute(*NearExpiry.table_query())
    return cursor.fetchall()


def cron_summary():
    from trytond.pool import Pool
    return Pool().get('stock.lot.near_expiry').summary()


def cron_method():
    from trytond.pool import Pool
    return Pool().get('stock.lot.near_expiry').notify_managers()


def vanilla_rows(warehouse_stores, horizons):
    """The same rows from stock_lot_sled's products_by_location, the lots'
    expiry and the products' cost price read through the ORM"""
    from trytond.pool import Pool
    from trytond.transaction import Transaction
    pool = Pool()
    Date = pool.get('ir.date')
    Lot = pool.get('stock.lot')
    Product = pool.get('product.product')
    today = Date.today()
    limit = today + dt.timedelta(days=horizons[-1])
    with Transaction().set_context(
            stock_skip_warehouse=True, stock_date_end=today):
        quantities = Product.products_by_location(
            list(warehouse_stores), with_childs=True,
            grouping=('product', 'lot'))
    in_stock = {(location, lot): quantity
        for (location, _, lot), quantity in quantities.items()
        if lot and quantity > 0}
    # read, not browse: browsing 100,000 records is quadratic in the ORM
    lots = {lot['id']: lot for lot in Lot.read(
            list({lot for _, lot in in_stock}),
            ['product', 'shelf_life_expiration_date'])}
    rows = []
    for (location, lot_id), quantity in in_stock.items():
        lot = lots[lot_id]
        expiry = lot['shelf_life_expiration_date']
        if expiry and expiry <= limit:
            rows.append((location, lot, expiry, quantity))
    costs = {p['id']: p['cost_price'] for p in Product.read(
            list({lot['product'] for _, lot, _, _ in rows}), ['cost_price'])}
    result = []
    for location, lot, expiry, quantity in rows:
        cost = costs[lot['product']]
        result.append({
                'store': warehouse_stores[location],
                'lot': lot['id'], 'expiration_date': expiry,
                'quantity': quantity, 'unit_cost': cost,
                'cost_value': (Decimal(str(quantity)) * cost).quantize(
                    Decimal('0.01'))})
    return result


def vanilla_summary(warehouse_stores, horizons):
    "Per store and horizon, from the vanilla rows"
    from trytond.pool import Pool
    today = Pool().get('ir.date').today()
    summary = defaultdict(lambda: defaultdict(lambda: [0, Decimal(0)]))
    for row in vanilla_rows(warehouse_stores, horizons):
        days_left = (row['expiration_date'] - today).days
        horizon = 'expired' if days_left < 0 else str(
            next(h for h in horizons if days_left <= h))
        summary[row['store']][horizon][0] += 1
        summary[row['store']][horizon][1] += row['cost_value']
    return summary


def timed(name, function, runs, context, *args):
    "Run function in fresh transactions: best and median time, peak memory"
    from trytond.tests.test_tryton import DB_NAME
    from trytond.transaction import Transaction
    times = []
    result = None
    for _ in range(runs):
        with Transaction().start(DB_NAME, 0, context=context) as transaction:
            start = time.perf_counter()
            result = function(*args)
            times.append(time.perf_counter() - start)
            transaction.rollback()
    with Transaction().start(DB_NAME, 0, context=context) as transaction:
        tracemalloc.start()
        function(*args)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        transaction.rollback()
    return {'name': name, 'best': min(times),
        'median': statistics.median(times), 'peak': peak, 'result': result}


def compare(rows, vanilla):
    "Both answers hold the same store, lot, quantity and value"
    def key(row):
        store = row['store'][0] if isinstance(
            row['store'], (list, tuple)) else row['store']
        lot = row['lot'][0] if isinstance(
            row['lot'], (list, tuple)) else row['lot']
        return (store, lot, round(row['quantity'], 6),
            Decimal(str(row['cost_value'])).quantize(Decimal('0.01')))
    ours = sorted(key(r) for r in rows)
    theirs = sorted(key(r) for r in vanilla)
    assert ours == theirs, "The answers differ: %s rows against %s" % (
        len(ours), len(theirs))


def main():
    args = parse_args()
    setup_environment(args)
    rng = random.Random(args.seed)

    started = time.perf_counter()
    create_database(args)
    progress("modules activated", started)
    from trytond import backend
    from trytond.pool import Pool
    from trytond.tests.test_tryton import DB_NAME, drop_db
    from trytond.transaction import Transaction
    with Transaction().start(DB_NAME, 0) as transaction:
        company, currency, unit, stores, warehouses, products = (
            create_master_data(args, rng))
        progress("master data created", started)
        n_moves = insert_lots_and_moves(
            args, rng, company, currency, unit, warehouses, products)
        transaction.commit()
        if backend.name == 'postgresql':
            # Statistics, as autovacuum gathers them after such a load
            transaction.connection.cursor().execute('ANALYZE')
            transaction.commit()
        horizons = Pool().get(
            'stock.configuration').get_near_expiry_horizons()
        warehouse_stores = {s.warehouse.id: s.id for s in stores}
    print("%s: %s lots, %s moves, %s stores, %s products; built in %.0f s" % (
            backend.name, args.lots, n_moves, args.stores, args.products,
            time.perf_counter() - started))

    context = {'company': company.id}
    results = [
        timed("list: search_read of all rows", list_rows, args.runs, context),
        timed("list: the one query", list_query, args.runs, context),
        timed("cron: summary per store and horizon", cron_summary,
            args.runs, context),
        timed("cron: whole method (summary + notifications)", cron_method,
            args.runs, context),
        timed("vanilla: products_by_location + lots + costs", vanilla_rows,
            args.runs, context, warehouse_stores, horizons),
        timed("vanilla: same, summed per store and horizon",
            vanilla_summary, args.runs, context, warehouse_stores, horizons),
        ]
    rows, vanilla = results[0]['result'], results[4]['result']
    compare(rows, vanilla)
    summary = results[2]['result']
    vanilla_sum = results[5]['result']
    assert {s: {h: c for h, (c, _) in v.items()}
        for s, v in summary.items()} == {
        s: {h: c for h, (c, _) in v.items()}
        for s, v in vanilla_sum.items()}, "The summaries differ"
    print("near-expiry rows (<= %s days or expired): %s, same as vanilla" % (
            horizons[-1], len(rows)))
    print()
    print("%-48s %8s %8s %10s" % ("", "best s", "median s", "peak MiB"))
    for result in results:
        print("%-48s %8.3f %8.3f %10.1f" % (
                result['name'], result['best'], result['median'],
                result['peak'] / 2 ** 20))
    print()
    for ours, theirs in [(0, 4), (1, 4), (2, 5), (3, 5)]:
        print("vanilla / %s: %.1fx" % (
                results[ours]['name'],
                results[theirs]['best'] / results[ours]['best']))
    if not args.keep:
        drop_db()


if __name__ == '__main__':
    main()
