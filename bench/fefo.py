# This file is part of Retail Cloud.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""FEFO assignment of 1,000 customer shipments of 3 lines each.

Each shipment's picking moves are assigned one shipment at a time, as a
clerk does: first by vanilla Tryton's assign_try (no lot chosen), then by
Retail Cloud's, which splits them over the lots first expiring that are
still sellable; both on the same data, each in a transaction rolled back.
"""
import datetime as dt
import random
import time

import common

LOTS = [
    # Days to expiry of each product's lots: one expired, one inside the
    # 30-day sell-by margin, then the sellable ones
    -10, 15, 60, 200, 400, 700]
PER_LOT = 100


def main():
    parser = common.parser(__doc__.splitlines()[0])
    parser.add_argument('--products', type=int, default=100,
        help="number of products (default 100)")
    args = parser.parse_args()
    common.run_as_server()
    nb_shipments = common.scaled(1000, args.scale, 5)
    nb_products = common.scaled(args.products, args.scale, 3)
    with common.open_database(args.uri, 'bench_fefo') as db_name:
        common.setup_company(db_name)
        started = time.perf_counter()
        load(db_name, nb_products, nb_shipments)
        print("%d shipments of %d products in %.0f s" % (
                nb_shipments, nb_products, time.perf_counter() - started),
            flush=True)
        run(db_name, nb_shipments)


def load(db_name, nb_products, nb_shipments):
    "Stock of every lot received a year ago, shipments waiting"
    random.seed(1)
    with common.transaction(db_name, commit=True) as pool:
        Date = pool.get('ir.date')
        Company = pool.get('company.company')
        Party = pool.get('party.party')
        Shipment = pool.get('stock.shipment.out')
        company, = Company.search([])
        today = Date.today()
        warehouse, storage, supplier, customer = (
            common.warehouse_locations(pool))
        products = common.create_products(pool, nb_products, shelf_life=730)
        lots = [('F%d-%d' % (p.id, days), p.id,
                today + dt.timedelta(days=days))
            for p in products for days in LOTS]
        lot_ids = common.insert_lots(pool, lots)
        received = today - dt.timedelta(days=365)
        common.insert_done_moves(pool, company, [
                (product, lot_ids[number], supplier.id, storage.id,
                    PER_LOT, received)
                for number, product, _ in lots])
        party, = Party.create([{
                    'name': "Customer",
                    'addresses': [('create', [{}])],
                    }])
        shipments = []
        for _ in range(nb_shipments):
            lines = random.sample(products, 3)
            shipments.append({
                    'customer': party.id,
                    'delivery_address': party.addresses[0].id,
                    'warehouse': warehouse.id,
                    'warehouse_output': warehouse.output_location.id,
                    'warehouse_storage': storage.id,
                    'outgoing_moves': [('create', [{
                                    'product': p.id,
                                    'unit': p.default_uom.id,
                                    'quantity': random.randint(1, 15),
                                    'from_location': (
                                        warehouse.output_location.id),
                                    'to_location': (
                                        party.customer_location.id),
                                    'unit_price': 100,
                                    'currency': company.currency.id,
                                    'company': company.id,
                                    } for p in lines])],
                    })
        for i in range(0, len(shipments), common.BATCH):
            Shipment.wait(Shipment.create(
                    shipments[i:i + common.BATCH]))


def assign_all(db_name, assign_try, limit=None):
    """Assign each waiting shipment's picking moves, rolled back; return
    seconds, moves assigned and how many of them have an unsellable lot"""
    with common.transaction(db_name, lock_tables=['stock_move']) as pool:
        Date = pool.get('ir.date')
        Shipment = pool.get('stock.shipment.out')
        today = Date.today()
        shipments = Shipment.search(
            [('state', '=', 'waiting')], order=[('id', 'ASC')], limit=limit)
        started = time.perf_counter()
        for shipment in shipments:
            assign_try(shipment.inventory_moves)
        seconds = time.perf_counter() - started
        moves = [m for s in Shipment.browse(shipments)
            for m in s.inventory_moves if m.state == 'assigned']
        unsellable = sum(
            1 for m in moves if m.lot and not m.lot.sellable_on(today))
        return seconds, len(moves), unsellable


def run(db_name, nb_shipments):
    from retail_cloud.stock import Move as FefoMove

    with common.transaction(db_name) as pool:
        Move = pool.get('stock.move')

    def vanilla(moves):
        return super(FefoMove, Move).assign_try(moves)

    def fefo(moves):
        return Move.assign_try(moves)

    # Warm the caches
    assign_all(db_name, fefo, limit=10)
    results = {}
    for name, assign_try in [('vanilla', vanilla), ('fefo', fefo)]:
        results[name] = assign_all(db_name, assign_try)
    print("\nbackend: %s" % common.backend_name())
    print("%-8s %10s %14s %16s %20s" % (
            "assign", "seconds", "shipments/s", "moves assigned",
            "with unsellable lot"))
    for name, (seconds, moves, unsellable) in results.items():
        print("%-8s %10.1f %14.1f %16d %20d" % (
                name, seconds, nb_shipments / seconds, moves, unsellable))
    print("ratio fefo/vanilla time: %.2f" % (
            results['fefo'][0] / results['vanilla'][0]))
    print("peak resident memory: %.0f MiB" % common.max_rss())


if __name__ == '__main__':
    main()
