# This file is part of Retail Cloud.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""Counter checkout: 1,000 five-line cash sales, one per transaction.

One cashier: vanilla sale_point as a back-office user works it (create the
sale and its lines, create the payment, process, post: stock moves and
voucher), on products without shelf life since vanilla lines have no lot;
then Retail Cloud's checkout (record, pay, deliver first-expiry lots in one
call) on products with shelf life and lots, its vouchers posted afterwards
by post_delivered() as the scheduled job does.  Four cashiers at once on
PostgreSQL: four processes (as a server's workers), each its own till of
one store, selling from the same lots, retrying on concurrency errors; then
the stock and the sales are checked.
"""
import contextlib
import datetime as dt
import multiprocessing
import os
import random
import re
import statistics
import threading
import time
from decimal import Decimal

import common

NB_PRODUCTS = 20
LINES = 5
LOT_SIZE = 40  # small lots: many sales take from two lots
CASHIERS = 4
MAX_RETRIES = 20


class SQLCounter:
    """Count the statements sent to the database: every execute and
    executemany of the cursors trytond's backends give (psycopg's
    LoggingCursor, SQLiteCursor), whichever code opens them"""

    def __init__(self):
        self.count = 0
        self.lock = threading.Lock()
        # Statements by their verb and table, while profiling
        self.log = None
        self.examples = {}

    def install(self):
        from trytond import backend
        if backend.name == 'postgresql':
            from trytond.backend.postgresql.database import (
                LoggingCursor as Cursor)
        else:
            from trytond.backend.sqlite.database import (
                SQLiteCursor as Cursor)
        counter = self
        for name in ['execute', 'executemany']:
            original = getattr(Cursor, name)

            def counted(self, *args, _original=original, **kwargs):
                with counter.lock:
                    counter.count += 1
                    if counter.log is not None:
                        kind = statement_kind(args[0])
                        counter.log[kind] += 1
                        counter.examples.setdefault(kind, str(args[0]))
                return _original(self, *args, **kwargs)
            setattr(Cursor, name, counted)


SQL = SQLCounter()


def statement_kind(query):
    "The verb and the first table of the statement"
    query = str(query)
    table = re.search(r'(?:FROM|INTO|UPDATE) "([\w-]+)"', query)
    # The pool checks its connections with an empty statement
    verb = query.split(None, 1)[0] if query.strip() else ''
    return '%s %s' % (verb, table.group(1) if table else '')


def main():
    parser = common.parser(__doc__.splitlines()[0])
    parser.add_argument('--sales', type=int, default=1000,
        help="sales of the one cashier, and of the four together "
        "(default 1000, times --scale)")
    parser.add_argument('--ours-only', action='store_true',
        help="skip vanilla (to profile ours quickly)")
    parser.add_argument('--profile', action='store_true',
        help="profile ours with one cashier: the functions taking the most "
        "time and the statements sent the most")
    args = parser.parse_args()
    common.run_as_server()
    nb_sales = common.scaled(args.sales, args.scale, 8)
    with common.open_database(args.uri, 'bench_pos') as db_name:
        SQL.install()
        common.setup_company(db_name)
        started = time.perf_counter()
        data = load(db_name, nb_sales)
        print("data loaded in %.0f s" % (time.perf_counter() - started),
            flush=True)
        run(db_name, data, nb_sales, args)


def load(db_name, nb_sales):
    "Retry _load with the tables it asks to lock, as trytond's tests do"
    from trytond.transaction import _TransactionLockError
    tables = []
    while True:
        try:
            return _load(db_name, nb_sales, tables)
        except _TransactionLockError as error:
            tables.append(error._table)


def _load(db_name, nb_sales, lock_tables):
    """Chart, fiscal year, a store with 1 + CASHIERS tills, products with
    lots and without; return their ids"""
    with common.transaction(
            db_name, commit=True, lock_tables=lock_tables) as pool:
        company, today, accounts = common.create_books(
            pool, ['1001', '1405', '5001', '5401'])
        category = create_category(pool, company, accounts)
        warehouse, storage, supplier, _ = common.warehouse_locations(pool)
        lotted = create_products(pool, category, 'Toner', shelf_life=730)
        plain = create_products(pool, category, 'Brush')
        # Both phases of ours sell from these lots: about 1.5 units a line
        needed = 2 * nb_sales * LINES * 1.5 / NB_PRODUCTS
        nb_lots = int(needed * 1.5 / LOT_SIZE) + 2
        lots = [('L%d-%03d' % (p, i), p, today + dt.timedelta(days=60 + i))
            for p in lotted for i in range(nb_lots)]
        lot_ids = common.insert_lots(pool, lots)
        received = today - dt.timedelta(days=30)
        moves = [(p, lot_ids[n], supplier.id, storage.id, LOT_SIZE, received)
            for n, p, _ in lots]
        moves += [(p, None, supplier.id, storage.id, needed * 2, received)
            for p in plain]
        common.insert_done_moves(pool, company, moves)
        store, points, cash = create_store(
            pool, company, warehouse, accounts['1001'])
        return {
            'lotted': lotted, 'plain': plain, 'store': store,
            'points': points, 'cash': cash, 'storage': storage.id,
            }


def create_category(pool, company, accounts):
    Category = pool.get('product.category')
    Tax = pool.get('account.tax')
    vat, = Tax.search([
            ('company', '=', company.id),
            ('rate', '=', Decimal('0.13')),
            ('group.kind', '=', 'sale'),
            ('parent', '=', None),
            ])
    category, = Category.create([{
                'name': "Skin care",
                'accounting': True,
                'account_revenue': accounts['5001'].id,
                'account_expense': accounts['5401'].id,
                'account_stock': accounts['1405'].id,
                'account_stock_in': accounts['5401'].id,
                'account_stock_out': accounts['5401'].id,
                'customer_taxes': [('add', [vat.id])],
                }])
    return category


def create_products(pool, category, prefix, shelf_life=None):
    "Goods at 113 tax included costing 40; return their ids"
    Template = pool.get('product.template')
    Uom = pool.get('product.uom')
    unit, = Uom.search([('name', '=', "Unit")])
    templates = Template.create([{
                'name': '%s %d' % (prefix, i),
                'type': 'goods',
                'default_uom': unit.id,
                'salable': True,
                'sale_uom': unit.id,
                'list_price': Decimal(100),
                'gross_price': Decimal(113),
                'account_category': category.id,
                'cost_price_method': 'fixed',
                'shelf_life_state': 'optional' if shelf_life else 'none',
                'shelf_life_time': shelf_life,
                'products': [('create', [{'cost_price': Decimal(40)}])],
                } for i in range(NB_PRODUCTS)])
    return [t.products[0].id for t in templates]


def create_store(pool, company, warehouse, cash_account):
    "An open store, its tills and the cash method; return their ids"
    Channel = pool.get('retail.channel')
    Store = pool.get('retail.store')
    Point = pool.get('sale.point')
    Journal = pool.get('account.journal')
    Location = pool.get('stock.location')
    Method = pool.get('sale.point.payment.method')
    Sequence = pool.get('ir.sequence.strict')
    SequenceType = pool.get('ir.sequence.type')
    channel, = Channel.create([{
                'code': 'XA01-POS', 'name': "Xiaozhai", 'type': 'store'}])
    store, = Store.create([{
                'code': 'XA01', 'name': "Xiaozhai", 'warehouse': warehouse.id,
                'channel': channel.id, 'cash_account': cash_account.id,
                }])
    journal, = Journal.search([('type', '=', 'revenue')], limit=1)
    customer, = Location.search([('code', '=', 'CUS')])
    sequence_type, = SequenceType.search([('name', '=', "POS")], limit=1)
    points = Point.create([{
                'name': "Till %d" % i,
                'store': store.id,
                'tax_included': True,
                'journal': journal.id,
                'sequence': Sequence.create([{
                            'name': "Till %d" % i,
                            'company': company.id,
                            'sequence_type': sequence_type.id,
                            }])[0].id,
                'storage_location': warehouse.storage_location.id,
                'customer_location': customer.id,
                } for i in range(1 + CASHIERS)])
    cash, = Method.create([{
                'name': "Cash", 'cash': True, 'account': cash_account.id}])
    return store.id, [p.id for p in points], cash.id


def orders(products, number, prefix):
    "number orders of LINES distinct products, 1 or 2 units each"
    rng = random.Random(prefix)
    return [{
            'key': '%s-%05d' % (prefix, i),
            'lines': [{'product': p, 'quantity': rng.choice([1, 1, 2])}
                for p in rng.sample(products, LINES)],
            } for i in range(number)]


def vanilla_sale(pool, point_id, order, cash_id):
    """What a back-office user does with sale_point: the sale and its
    lines priced by on_change_product, the payment, process and post"""
    Sale = pool.get('sale.point.sale')
    Line = pool.get('sale.point.sale.line')
    Payment = pool.get('sale.point.payment')
    sale = Sale(point=point_id, date=Sale.default_date())
    sale.on_change_point()
    lines = []
    for values in order['lines']:
        line = Line(sale=sale, product=values['product'])
        line.on_change_product()
        line.quantity = values['quantity']
        line.amount = line.on_change_with_amount()
        lines.append(line)
    sale.lines = lines
    sale.save()
    Payment.create([{
                'sale': sale.id, 'method': cash_id,
                'amount': sale.amount_to_pay}])
    Sale.process([sale])
    Sale.post([sale])
    if sale.state != 'posted':
        raise RuntimeError("vanilla sale %s left %s" % (sale.id, sale.state))


def our_sale(pool, point_id, order, cash_id):
    "The checkout, paid in cash above the most a sale costs (1,130)"
    Sale = pool.get('sale.point.sale')
    paying = dict(order, payments=[{
                'method': cash_id, 'amount': Decimal(2000)}])
    receipt = Sale.checkout(point_id, paying)
    if receipt['state'] != 'done':
        raise RuntimeError("checkout left %s" % receipt)


@contextlib.contextmanager
def request(db_name, user, context, extras):
    """A committed transaction as the server runs a request: as the user,
    in their context, with the locks a previous attempt asked for"""
    from trytond.pool import Pool
    from trytond.transaction import Transaction
    with Transaction().start(db_name, user, context=context,
            **extras) as transaction:
        yield Pool()
        transaction.commit()


def sell(db_name, sell_one, point_id, cash_id, orders, timings, stats):
    """Each order in its own request, retried as the server does for the
    locks a transaction asks for, and as a client would on a concurrency
    error; record the seconds of each"""
    from trytond import backend
    from trytond.exceptions import ConcurrencyException
    from trytond.transaction import TransactionError
    retryable = (backend.DatabaseOperationalError, ConcurrencyException)
    with common.transaction(db_name) as pool:
        User = pool.get('res.user')
        user, = User.search([('login', '=', 'admin')])
        context = dict(User.get_preferences(context_only=True),
            _skip_warnings=True)
    for order in orders:
        extras = {}
        # The time of every attempt: the server's and the client's retries
        started = time.perf_counter()
        for attempt in range(MAX_RETRIES + 1):
            try:
                with request(db_name, user.id, context, extras) as pool:
                    sell_one(pool, point_id, order, cash_id)
            except TransactionError as error:
                error.fix(extras)
                stats['locks'] += 1
                stats.setdefault('locked', set()).add(error._table)
                continue
            except retryable as error:
                stats['retries'] += 1
                stats.setdefault('retried', set()).add(
                    str(error).splitlines()[0][:120])
                time.sleep(random.uniform(0, 0.05 * (attempt + 1)))
                continue
            except Exception as exception:
                stats['errors'] += 1
                stats.setdefault('messages', set()).add('%s: %s' % (
                        type(exception).__name__,
                        getattr(exception, 'message', exception)))
                break
            timings.append(time.perf_counter() - started)
            break
        else:
            stats['errors'] += 1
            stats.setdefault('messages', set()).add(
                "gave up after %d retries" % MAX_RETRIES)


def one_cashier(db_name, name, sell_one, point_id, cash_id, orders):
    timings, stats = [], {'retries': 0, 'errors': 0, 'locks': 0}
    statements = SQL.count
    rss = common.max_rss()
    started, cpu = time.perf_counter(), time.process_time()
    sell(db_name, sell_one, point_id, cash_id, orders, timings, stats)
    seconds = time.perf_counter() - started
    cpu = time.process_time() - cpu
    for message in stats.get('messages', ()):
        print("    error:", message)
    if stats.get('locked'):
        print("    retried to lock: %s" % ', '.join(sorted(stats['locked'])))
    if not timings:
        raise SystemExit("%s: no sale recorded" % name)
    timings.sort()
    result = {
        'name': name,
        'p50': statistics.median(timings) * 1000,
        'p95': timings[int(0.95 * (len(timings) - 1))] * 1000,
        'mean': statistics.mean(timings) * 1000,
        'rate': len(timings) / seconds,
        'sql': (SQL.count - statements) / len(orders),
        # The server's Python alone, the database's apart: steadier than
        # the wall time on a shared machine
        'cpu': cpu * 1000 / len(orders),
        'rss': common.max_rss(),
        'rss_growth': common.max_rss() - rss,
        **stats,
        }
    print("%(name)-8s p50 %(p50)6.0f ms  p95 %(p95)6.0f ms  "
        "mean %(mean)6.0f ms  %(rate)5.1f sales/s  %(sql)5.0f SQL/sale  "
        "CPU %(cpu)4.0f ms/sale  errors %(errors)d  lock retries %(locks)d  "
        "peak RSS %(rss).0f MiB"
        % result, flush=True)
    return result


def post_vouchers(db_name, nb_sales):
    "Run post_delivered as the cron does; print its time"
    from trytond.transaction import TransactionError
    started = time.perf_counter()
    statements = SQL.count
    extras = {}
    while True:
        try:
            with request(db_name, 0, {}, extras) as pool:
                Sale = pool.get('sale.point.sale')
                Sale.post_delivered()
            break
        except TransactionError as error:
            error.fix(extras)
    seconds = time.perf_counter() - started
    with common.transaction(db_name) as pool:
        Sale = pool.get('sale.point.sale')
        left = Sale.search_count([('state', '=', 'done')])
    print("vouchers posted in %.1f s for %d sales (%.0f SQL statements "
        "a sale, %d sales left unposted)" % (
            seconds, nb_sales, (SQL.count - statements) / nb_sales, left),
        flush=True)
    return seconds


def many_cashiers(db_name, name, sell_one, points, cash_id, products,
        nb_sales):
    """CASHIERS processes, one till each, nb_sales in all: as server
    processes, each its own Python and database connections"""
    per_cashier = nb_sales // CASHIERS
    timings, stats = [], {'retries': 0, 'errors': 0, 'locks': 0}
    context = multiprocessing.get_context('fork')
    results = context.Queue()
    cashiers = [context.Process(target=cashier, args=(
                results, db_name, sell_one, point, cash_id,
                orders(products, per_cashier, '%s%d' % (name, i))))
        for i, point in enumerate(points)]
    started = time.perf_counter()
    for process in cashiers:
        process.start()
    for _ in cashiers:
        add_results(timings, stats, *results.get())
    seconds = time.perf_counter() - started
    for process in cashiers:
        process.join()
    expected = per_cashier * len(points)
    timings.sort()
    print("%d cashiers %-8s %d sales in %.1f s: %.1f sales/s, "
        "p95 %.0f ms, %d retries, %d lock retries, %d errors" % (
            len(points), name, len(timings), seconds,
            len(timings) / seconds,
            timings[int(0.95 * (len(timings) - 1))] * 1000,
            stats["retries"], stats["locks"], stats["errors"]), flush=True)
    for message in stats.get('messages', ()):
        print("    error:", message)
    for message in stats.get('retried', ()):
        print("    retried on:", message)
    return {'rate': len(timings) / seconds, 'expected': expected, **stats}


def cashier(results, db_name, sell_one, point_id, cash_id, orders):
    "Sell the orders at the till in this process; send back the figures"
    timings, stats = [], {'retries': 0, 'errors': 0, 'locks': 0}
    try:
        sell(db_name, sell_one, point_id, cash_id, orders, timings, stats)
    finally:
        results.put((timings, stats))


def add_results(timings, stats, cashier_timings, cashier_stats):
    timings.extend(cashier_timings)
    for key, value in cashier_stats.items():
        if isinstance(value, set):
            stats.setdefault(key, set()).update(value)
        else:
            stats[key] = stats.get(key, 0) + value


def check(db_name, data, prefix, expected):
    """Sales recorded once per key, the goods they sold gone from stock,
    no lot below zero in the store's storage"""
    from trytond.transaction import Transaction
    with common.transaction(db_name) as pool:
        Sale = pool.get('sale.point.sale')
        Line = pool.get('sale.point.sale.line')
        Move = pool.get('stock.move')
        Product = pool.get('product.product')
        sales = Sale.search([('client_key', 'like', prefix + '%')])
        keys = {s.client_key for s in sales}
        lines = Line.search([('sale', 'in', [s.id for s in sales])])
        sold = sum(line.quantity for line in lines)
        moved = sum(m.quantity for m in Move.search([
                    ('origin', 'in', [str(line) for line in lines]),
                    ('state', '=', 'done'),
                    ]))
        unlotted = Move.search_count([
                ('origin', 'in', [str(line) for line in lines]),
                ('lot', '=', None),
                ])
        with Transaction().set_context(stock_date_end=dt.date.max):
            quantities = Product.products_by_location(
                [data['storage']], with_childs=False,
                grouping=('product', 'lot'),
                grouping_filter=(data['lotted'],))
        negative = {k: q for k, q in quantities.items() if q < 0}
    result = {
        'sales': len(sales), 'keys': len(keys), 'expected': expected,
        'lost': expected - len(keys), 'doubled': len(sales) - len(keys),
        'sold': sold, 'moved': moved, 'unlotted': unlotted,
        'oversold_lots': len(negative),
        'oversold_units': -sum(negative.values()),
        }
    print("check: %(sales)d sales for %(keys)d keys of %(expected)d "
        "(lost %(lost)d, doubled %(doubled)d); %(sold)g units sold, "
        "%(moved)g moved out (%(unlotted)d moves without lot); "
        "lots below zero: %(oversold_lots)d (%(oversold_units)g units)"
        % result, flush=True)
    return result


@contextlib.contextmanager
def profiled(enabled, nb_sales):
    "Print where the time and the statements go, when enabled"
    if not enabled:
        yield
        return
    import cProfile
    import pstats
    from collections import Counter
    profile = cProfile.Profile()
    SQL.log = Counter()
    profile.enable()
    try:
        yield
    finally:
        profile.disable()
        if os.environ.get('PROFILE_DUMP'):
            profile.dump_stats(os.environ['PROFILE_DUMP'])
        stats = pstats.Stats(profile).strip_dirs()
        stats.sort_stats('cumulative').print_stats(45)
        stats.sort_stats('tottime').print_stats(20)
        print("statements a sale, the most sent:")
        for statement, count in SQL.log.most_common(40):
            print("%6.1f  %s" % (count / nb_sales, statement))
        for statement, _ in SQL.log.most_common(3):
            print("e.g. %s" % SQL.examples[statement][:400])
        SQL.log = None


def run(db_name, data, nb_sales, args):
    cash, points = data['cash'], data['points']
    print("\nbackend: %s, %d sales of %d lines" % (
            common.backend_name(), nb_sales, LINES), flush=True)
    # Warm the caches of both ways on a few sales, not counted
    warm = min(10, nb_sales)
    if not args.ours_only:
        one_cashier(db_name, 'warm-up', vanilla_sale, points[0], cash,
            orders(data['plain'], warm, 'warm-v'))
    one_cashier(db_name, 'warm-up', our_sale, points[0], cash,
        orders(data['lotted'], warm, 'warm-o'))
    post_vouchers(db_name, warm)
    print("\none cashier:")
    if not args.ours_only:
        vanilla = one_cashier(db_name, 'vanilla', vanilla_sale, points[0],
            cash, orders(data['plain'], nb_sales, 'vanilla'))
    with profiled(args.profile, nb_sales):
        ours = one_cashier(db_name, 'ours', our_sale, points[0], cash,
            orders(data['lotted'], nb_sales, 'ours'))
    posting = post_vouchers(db_name, nb_sales)
    if not args.ours_only:
        print("ratio ours/vanilla: p50 %.2f, p95 %.2f, mean %.2f, "
            "sales/s %.2f, SQL/sale %.2f" % (
                ours['p50'] / vanilla['p50'], ours['p95'] / vanilla['p95'],
                ours['mean'] / vanilla['mean'],
                ours['rate'] / vanilla['rate'], ours['sql'] / vanilla['sql']))
    print("ours with its voucher posting: %.1f sales/s" % (
            nb_sales / (nb_sales / ours['rate'] + posting)))
    check(db_name, data, 'ours', nb_sales)
    if common.backend_name() != 'postgresql':
        print("\n%d cashiers at once: skipped, SQLite has one writer"
            % CASHIERS)
    else:
        print("\n%d cashiers at once, same lots:" % CASHIERS)
        many = many_cashiers(db_name, 'many', our_sale, points[1:], cash,
            data['lotted'], nb_sales)
        check(db_name, data, 'many', many['expected'])
        post_vouchers(db_name, many['expected'])
        if not args.ours_only:
            many_vanilla = many_cashiers(db_name, 'vmany', vanilla_sale,
                points[1:], cash, data['plain'], nb_sales)
            print("ratio ours/vanilla sales/s with %d cashiers: %.2f" % (
                    CASHIERS, many['rate'] / many_vanilla['rate']))
    print("peak resident memory: %.0f MiB" % common.max_rss())


if __name__ == '__main__':
    main()
