# This file is part of Retail Cloud.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""Stock quantity of one store with 1,000,000 historical moves, before and
after closing its monthly stock periods.

Before closing, every query reads all moves since the beginning: that is
vanilla Tryton, which cannot close a period while a moved lot is unexpired
(stock_lot_sled), so never with two-year shelf lives.  After closing, the
quantities start from the last period's caches.
"""
import datetime as dt
import random
import time

import common

MONTHS = 24
LOTS_PER_PRODUCT = 8
LEFT_PER_LOT = 5
SHELF_LIFE = 730


def main():
    parser = common.parser(__doc__.splitlines()[0])
    parser.add_argument('--products', type=int, default=200,
        help="number of products (default 200)")
    args = parser.parse_args()
    common.run_as_server()
    moves = common.scaled(1_000_000, args.scale, 1000)
    products = common.scaled(args.products, args.scale, 2)
    with common.open_database(args.uri, 'bench_stock_quantity') as db_name:
        common.setup_company(db_name)
        started = time.perf_counter()
        today = load_history(db_name, products, moves)
        print("%d moves of %d products in %.0f s" % (
                moves, products, time.perf_counter() - started), flush=True)
        run(db_name, today)


def load_history(db_name, nb_products, nb_moves):
    """Each product gets a lot every quarter, received at once and sold
    one by one until a few are left"""
    random.seed(1)
    with common.transaction(db_name, commit=True) as pool:
        Date = pool.get('ir.date')
        Company = pool.get('company.company')
        company, = Company.search([])
        today = Date.today()
        _, storage, supplier, customer = common.warehouse_locations(pool)
        products = common.create_products(
            pool, nb_products, shelf_life=SHELF_LIFE)
        start = today - dt.timedelta(days=MONTHS * 30)
        lot_days = MONTHS * 30 // LOTS_PER_PRODUCT
        sales = max(
            1, nb_moves // (nb_products * LOTS_PER_PRODUCT) - 1)
        lots, moves = [], []
        for product in products:
            for i in range(LOTS_PER_PRODUCT):
                received = start + dt.timedelta(days=i * lot_days)
                # Some lots expire within the month: the forecast drops them
                expiry = received + dt.timedelta(
                    days=SHELF_LIFE + random.randint(-30, 60))
                lots.append(('L%d-%d' % (product.id, i), product.id, expiry))
        lot_ids = common.insert_lots(pool, lots)
        for product in products:
            for i in range(LOTS_PER_PRODUCT):
                lot = lot_ids['L%d-%d' % (product.id, i)]
                received = start + dt.timedelta(days=i * lot_days)
                moves.append((product.id, lot, supplier.id, storage.id,
                        sales + LEFT_PER_LOT, received))
                for j in range(sales):
                    sold = received + dt.timedelta(
                        days=j * lot_days // sales)
                    moves.append(
                        (product.id, lot, storage.id, customer.id, 1, sold))
        common.insert_done_moves(pool, company, moves)
    return today


def period_dates(today):
    "Month ends of the history, the last one before last month"
    date = today.replace(day=1) - dt.timedelta(days=1)
    date = date.replace(day=1) - dt.timedelta(days=1)
    dates = []
    for _ in range(MONTHS):
        dates.append(date)
        date = date.replace(day=1) - dt.timedelta(days=1)
    return sorted(dates)


def figures(db_name, today):
    "Time the quantities a store asks for; return timings and results"
    from trytond.transaction import Transaction
    results = {}
    with common.transaction(db_name) as pool:
        Product = pool.get('product.product')
        warehouse, storage, _, _ = common.warehouse_locations(pool)
        product, = Product.search([], order=[('id', 'ASC')], limit=1)
        in_30_days = today + dt.timedelta(days=30)
        cases = [
            ("one product today", {}, ('product',), [product.id]),
            ("one product today, storage only", {}, ('product',),
                [product.id]),
            ("all products today", {}, ('product',), None),
            ("one product per lot today", {}, ('product', 'lot'),
                [product.id]),
            ("one product forecast in 30 days",
                {'stock_date_end': in_30_days, 'forecast': True},
                ('product',), [product.id]),
            ("all products forecast in 30 days",
                {'stock_date_end': in_30_days, 'forecast': True},
                ('product',), None),
            ]
        for name, context, grouping, product_ids in cases:
            context.setdefault('stock_date_end', today)
            # The product form asks for the warehouse and its children
            location = storage if 'storage only' in name else warehouse

            def query():
                with Transaction().set_context(**context):
                    return Product.products_by_location(
                        [location.id], with_childs=location == warehouse,
                        grouping=grouping,
                        grouping_filter=(product_ids,) if product_ids
                        else None)
            results[name] = common.measure(query)
    return results


def vanilla_refusal(db_name, date):
    "What stock_lot_sled answers when asked to close the first period"
    from trytond.modules.stock.exceptions import PeriodCloseError
    from retail_cloud.stock_period import Period as Ours
    with common.transaction(db_name, lock_tables=['stock_move']) as pool:
        Period = pool.get('stock.period')
        period = Period(date=date)
        period.save()
        try:
            super(Ours, Period).close([period])
        except PeriodCloseError as error:
            return error.message
        return "closed"


def close_periods(db_name, dates):
    for date in dates:
        with common.transaction(
                db_name, commit=True, lock_tables=['stock_move']) as pool:
            Period = pool.get('stock.period')
            period = Period(date=date)
            period.save()
            Period.close([period])


def run(db_name, today):
    dates = period_dates(today)
    before = figures(db_name, today)
    print("vanilla closing %s: %s" % (
            dates[-1], vanilla_refusal(db_name, dates[-1])), flush=True)
    started = time.perf_counter()
    close_periods(db_name, dates)
    print("closed %d monthly periods up to %s in %.1f s" % (
            len(dates), dates[-1], time.perf_counter() - started))
    after = figures(db_name, today)
    print("\nbackend: %s" % common.backend_name())
    print("%-36s %12s %12s %7s %10s %10s  %s" % (
            "query (warehouse)", "vanilla ms", "closed ms", "ratio",
            "MiB before", "MiB after", "same figures"))
    for name in before:
        ms_before, mem_before, result_before = before[name]
        ms_after, mem_after, result_after = after[name]
        print("%-36s %12.1f %12.1f %6.1fx %10.1f %10.1f  %s" % (
                name, ms_before, ms_after, ms_before / ms_after,
                mem_before, mem_after,
                'yes' if result_before == result_after else 'NO'))
    print("peak resident memory: %.0f MiB" % common.max_rss())


if __name__ == '__main__':
    main()
