# This file is part of Retail Cloud.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""Channel orders: 10,000 paid orders of 2-3 lines imported end to end.

A 旺店通 generic-template CSV export (UTF-8, one row a line, the columns of
retail_cloud/channel_import/aliases.py GENERIC_ORDERS) of N paid orders over
20 products with shelf life, in stock in lots with expiry dates.

- ours: read_orders() on the whole file, then ChannelOrder.take() on
  batches of --batch orders, one committed transaction a batch: each order
  is sold to the platform, quoted, confirmed, processed, its invoice posted,
  its commission move posted and its shipment assigned first-expiry-first.
- vanilla: the same parsed orders as sale.sale records through the standard
  API (sale and lines, quote, confirm, process, the invoices dated and
  posted, ShipmentOut.assign_try), the same batches.

Orders per second end to end, SQL statements per order, peak Python memory
(tracemalloc) of one batch, of parsing files of 1x and 4x the size and of
importing them whole through import_files (rolled back), and peak resident
memory of each phase.
"""
import cProfile
import csv
import datetime as dt
import io
import pstats
import random
import time
import tracemalloc
from decimal import ROUND_HALF_UP, Decimal

import common
from pos import SQLCounter, create_category

NB_PRODUCTS = 20
LOTS_PER_PRODUCT = 8
VAT = Decimal('1.13')
COMMISSION = Decimal('0.05')
WARM = 20
TRACED = 50
# Orders of the smaller file imported whole (one chunk of the import)
IMPORTED = 100
PROFILE = '/tmp/channel_orders.prof'
HEADER = [
    '店铺名称', '原始单号', '原始子单号', '应收合计', '邮费', '优惠金额',
    '平台优惠', '已收金额', '下单时间', '付款时间', '商家编码', '条码',
    '货品名称', '货品数量', '货品价格', '货品总价', '货品优惠', '状态',
    '退款金额', '退款类型']
CENT = Decimal('0.01')

SQL = SQLCounter()


def main():
    parser = common.parser(__doc__.splitlines()[0])
    parser.add_argument('--orders', type=int, default=10000,
        help="orders of each way (default 10000, times --scale)")
    parser.add_argument('--batch', type=int, default=200,
        help="orders a transaction (default 200)")
    parser.add_argument('--profile', action='store_true',
        help="profile ours and print the top cumulative functions")
    parser.add_argument('--skip-vanilla', action='store_true',
        help="time ours only")
    parser.add_argument('--skip-memory', action='store_true',
        help="skip the traced memory figures (batch, parse, import_files)")
    parser.add_argument('--whole', action='store_true',
        help="ours imports the whole file in one transaction through "
        "import_files, as the wizard and the command line do")
    args = parser.parse_args()
    common.run_as_server()
    if args.whole and args.profile:
        parser.error("--profile profiles the batches: not with --whole")
    nb_orders = common.scaled(args.orders, args.scale, 10)
    with common.open_database(args.uri, 'bench_channel') as db_name:
        SQL.install()
        common.setup_company(db_name)
        started = time.perf_counter()
        # Both ways, the warm-ups and the traced batches take from stock
        data = load(db_name, 2 * (nb_orders + WARM + args.batch))
        print("data loaded in %.0f s" % (time.perf_counter() - started),
            flush=True)
        run(db_name, data, nb_orders, args)


# Data ----------------------------------------------------------------

def load(db_name, nb_orders):
    from trytond.transaction import _TransactionLockError
    tables = []
    while True:
        try:
            return _load(db_name, nb_orders, tables)
        except _TransactionLockError as error:
            tables.append(error._table)


def _load(db_name, nb_orders, lock_tables):
    """Chart, fiscal year, the platform and its channel, products in
    lots; return what the runs need"""
    with common.transaction(
            db_name, commit=True, lock_tables=lock_tables) as pool:
        Configuration = pool.get('account.configuration')
        company, today, accounts = common.create_books(pool, [
                '1405', '5001', '5401', '112201', '101204', '560101',
                '560102'], invoice_sequences=True)
        configuration = Configuration(1)
        configuration.default_category_account_revenue = accounts['5001']
        configuration.save()
        category = create_category(pool, company, accounts)
        products = create_products(pool, category)
        freight = create_products(
            pool, category, [('YF', "运费", 0)], type='service')[0]
        _, storage, supplier, _ = common.warehouse_locations(pool)
        # About 2.5 lines of 1.5 units an order
        needed = (nb_orders + 4 * IMPORTED) * 2.5 * 1.5 / NB_PRODUCTS
        lot_size = int(needed * 1.5 / LOTS_PER_PRODUCT) + 10
        lots = [('%s-L%02d' % (code, i), pid,
                today + dt.timedelta(days=200 + 30 * i))
            for code, pid, _ in products for i in range(LOTS_PER_PRODUCT)]
        lot_ids = common.insert_lots(pool, lots)
        received = today - dt.timedelta(days=30)
        common.insert_done_moves(pool, company, [
                (p, lot_ids[n], supplier.id, storage.id, lot_size, received)
                for n, p, _ in lots])
        channel, party = create_channel(pool, accounts, freight)
        return {
            'products': [(code, gross) for code, _, gross in products],
            'channel': channel, 'party': party,
            'freight': freight[1], 'lot_size': lot_size,
            }


def create_products(pool, category, items=None, type='goods'):
    """Goods with a shelf life sold at their gross price; return (code, id,
    gross price)"""
    Template = pool.get('product.template')
    Uom = pool.get('product.uom')
    unit, = Uom.search([('name', '=', "Unit")])
    if items is None:
        rng = random.Random('products')
        items = [('SKU-%02d' % i, "精华 %d" % i, rng.choice(
                    [59, 89, 113, 129, 159, 199, 226, 299]))
            for i in range(NB_PRODUCTS)]
    goods = type == 'goods'
    templates = Template.create([{
                'name': name,
                'type': type,
                'default_uom': unit.id,
                'salable': True,
                'sale_uom': unit.id,
                'list_price': (Decimal(gross) / VAT).quantize(CENT),
                'account_category': category.id,
                'cost_price_method': 'fixed',
                'shelf_life_state': 'optional' if goods else 'none',
                'shelf_life_time': 730 if goods else None,
                'products': [('create', [{
                                'suffix_code': code,
                                'cost_price': Decimal(gross) * 2 / 5,
                                }])],
                } for code, name, gross in items])
    return [(code, t.products[0].id, Decimal(gross))
        for (code, _, gross), t in zip(items, templates)]


def create_channel(pool, accounts, freight):
    Party = pool.get('party.party')
    Channel = pool.get('retail.channel')
    party, = Party.create([{'name': "浙江天猫网络有限公司",
                'addresses': [('create', [{'city': "杭州"}])]}])
    channel, = Channel.create([{
                'code': 'TMALL', 'name': "美颜汇天猫旗舰店", 'type': 'tmall',
                'party': party.id, 'freight_product': freight[1],
                'receivable_account': accounts['112201'].id,
                'commission_rate': COMMISSION,
                'commission_account': accounts['560101'].id,
                'settlement_account': accounts['101204'].id,
                'fee_account': accounts['560102'].id,
                }])
    return channel.id, party.id


def export(products, number, prefix):
    """The bytes of a 旺店通 template of number paid orders of 2-3 lines,
    1-2 units each; a line in 4 with a shop discount, an order in 3 with a
    platform coupon, an order in 5 paying freight"""
    rng = random.Random(prefix)
    paid_at = dt.datetime.combine(
        dt.datetime.now(dt.timezone.utc).date(), dt.time(4),
        dt.timezone.utc).astimezone(dt.timezone(dt.timedelta(hours=8)))
    stream = io.StringIO()
    writer = csv.writer(stream)
    writer.writerow(HEADER)
    for i in range(number):
        order = '%s%07d' % (prefix, i)
        lines = []
        for j, (code, gross) in enumerate(
                rng.sample(products, rng.choice([2, 3]))):
            quantity = rng.choice([1, 1, 2])
            discount = Decimal(5) if rng.random() < 0.25 else Decimal(0)
            lines.append((j + 1, code, gross, quantity, discount))
        goods = sum(gross * q for _, _, gross, q, _ in lines)
        merchant = sum(d for *_, d in lines)
        coupon = Decimal(10) if i % 3 == 0 else Decimal(0)
        freight = Decimal(8) if i % 5 == 0 else Decimal(0)
        received = goods - merchant - coupon + freight
        receivable = goods - merchant + freight
        ordered = (paid_at - dt.timedelta(minutes=1)).strftime(
            '%Y-%m-%d %H:%M:%S')
        paid = paid_at.strftime('%Y-%m-%d %H:%M:%S')
        for j, code, gross, quantity, discount in lines:
            writer.writerow([
                    "美颜汇天猫旗舰店", order, '%s-%d' % (order, j),
                    receivable, freight, merchant + coupon, coupon,
                    received, ordered, paid, code, '', "货品 %s" % code,
                    quantity, gross, gross * quantity, discount, '已付款',
                    '0.00', ''])
    return stream.getvalue().encode('utf-8')


# Runs ----------------------------------------------------------------

class Runner:
    "Committed transactions as the admin, retried for the locks they ask"

    def __init__(self, db_name):
        self.db_name = db_name
        self.extras = {}
        with common.transaction(db_name) as pool:
            User = pool.get('res.user')
            user, = User.search([('login', '=', 'admin')])
            self.user = user.id
            self.context = dict(User.get_preferences(context_only=True),
                _skip_warnings=True)

    def __call__(self, function, *args, commit=True):
        from trytond.pool import Pool
        from trytond.transaction import Transaction, TransactionError
        from trytond.worker import run_task
        while True:
            try:
                with Transaction().start(self.db_name, self.user,
                        context=self.context, **self.extras) as transaction:
                    result = function(Pool(), *args)
                    if commit:
                        transaction.commit()
                    else:
                        transaction.rollback()
                        transaction.tasks.clear()
                break
            except TransactionError as error:
                error.fix(self.extras)
        # As the server does after a request's commit: the sales whose
        # invoices were posted processed again, the invoices' copies
        # rendered
        while transaction.tasks:
            run_task(Pool(self.db_name), transaction.tasks.pop())
        return result


def ours(pool, channel_id, orders, source):
    Channel = pool.get('retail.channel')
    ChannelOrder = pool.get('retail.channel.order')
    records = ChannelOrder.take(Channel(channel_id), orders, source)
    return len(records)


def read_generic(blob):
    "The orders of a generic-template export"
    from retail_cloud.channel_import import read_orders
    return read_orders('generic', [('export.csv', blob)])


def imported(pool, channel_id, blob):
    "The whole file through import_files, as the wizard and the CLI take it"
    ChannelOrder = pool.get('retail.channel.order')
    return len(ChannelOrder.import_files(
            channel_id, 'generic', [('export.csv', blob)]))


def import_memory(runner, channel_id, blob):
    """Peak Python memory of importing the file in one transaction, rolled
    back, in MiB, and its orders"""
    tracemalloc.start()
    try:
        count = runner(imported, channel_id, blob, commit=False)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak / 2 ** 20, count


def vanilla(pool, party_id, orders, source):
    """The standard sale workflow: the sale of each order and its lines
    priced net of VAT, the freight a line; quote, confirm, process, post
    the invoices, assign the shipments"""
    Sale = pool.get('sale.sale')
    Product = pool.get('product.product')
    Party = pool.get('party.party')
    Invoice = pool.get('account.invoice')
    Shipment = pool.get('stock.shipment.out')
    Date = pool.get('ir.date')
    party = Party(party_id)
    codes = {l.sku for o in orders for l in o.lines} | {FREIGHT_CODE}
    products = {p.code: p for p in Product.search([('code', 'in', codes)])}
    sales = []
    for order in orders:
        sale = Sale(party=party, reference=order.number,
            sale_date=Date.today())
        sale.on_change_party()
        lines = [(products[l.sku], l.quantity, l.paid + l.platform_discount)
            for l in order.lines]
        if order.freight:
            lines.append((products[FREIGHT_CODE], 1, order.freight))
        sale.lines = [vanilla_line(sale, *l) for l in lines]
        sales.append(sale)
    Sale.save(sales)
    Sale.quote(sales)
    Sale.confirm(sales)
    Sale.process(sales)
    invoices = [i for s in Sale.browse(sales) for i in s.invoices]
    for invoice in invoices:
        invoice.invoice_date = Date.today()
    Invoice.save(invoices)
    Invoice.post(invoices)
    Shipment.assign_try([s for s in Sale.browse(sales) for s in s.shipments
            if s.state == 'waiting'])
    return len(sales)


FREIGHT_CODE = 'YF'


def vanilla_line(sale, product, quantity, gross):
    from trytond.pool import Pool
    pool = Pool()
    Line = pool.get('sale.line')
    line = Line(sale=sale, type='line', product=product,
        quantity=float(quantity))
    line.on_change_product()
    line.unit_price = (gross / quantity / VAT).quantize(
        Decimal('0.0001'), rounding=ROUND_HALF_UP)
    line.amount = line.on_change_with_amount()
    return line


class PeakRSS:
    """Peak resident memory of a phase: Linux's high-water mark, reset
    through /proc/self/clear_refs, else the process's peak so far"""

    def reset(self):
        try:
            with open('/proc/self/clear_refs', 'w') as f:
                f.write('5')
        except OSError:
            pass

    def peak(self):
        try:
            with open('/proc/self/status') as f:
                for line in f:
                    if line.startswith('VmHWM:'):
                        return int(line.split()[1]) / 1024
        except OSError:
            pass
        return common.max_rss()


RSS = PeakRSS()


def batches(orders, size):
    for i in range(0, len(orders), size):
        yield orders[i:i + size]


def timed(name, runner, work, target, data, parse, orders, batch, source,
        profile=False):
    """Run work on the batches; print and return the figures.  parse
    reads the file first when given (ours)"""
    RSS.reset()
    statements = SQL.count
    profiler = cProfile.Profile() if profile else None
    started = time.perf_counter()
    if profiler:
        profiler.enable()
    parse_seconds = 0
    if parse:
        orders = parse(data)
        parse_seconds = time.perf_counter() - started
    rates, done = [], 0
    for chunk in batches(orders, batch):
        begun = time.perf_counter()
        done += runner(work, target, chunk, source)
        rates.append(len(chunk) / (time.perf_counter() - begun))
    if profiler:
        profiler.disable()
    seconds = time.perf_counter() - started
    result = {
        'name': name, 'orders': done, 'seconds': seconds,
        'rate': done / seconds, 'parse': parse_seconds,
        'sql': (SQL.count - statements) / done,
        'first': rates[0], 'last': rates[-1],
        'rss': RSS.peak(),
        }
    print("%(name)-8s %(orders)d orders in %(seconds).1f s "
        "(parse %(parse).1f s): %(rate).1f orders/s, "
        "%(sql).0f SQL/order, batches first %(first).1f last %(last).1f "
        "orders/s, peak RSS %(rss).0f MiB" % result, flush=True)
    if profiler:
        stats = pstats.Stats(profiler)
        stats.sort_stats('cumulative').print_stats(40)
        stats.dump_stats(PROFILE)
        print("profile saved in %s (python -m pstats)" % PROFILE)
    return result


def timed_whole(runner, channel_id, blob):
    "Import the whole file in one transaction; print and return the figures"
    RSS.reset()
    statements = SQL.count
    started = time.perf_counter()
    done = runner(imported, channel_id, blob)
    seconds = time.perf_counter() - started
    result = {
        'name': 'ours', 'orders': done, 'seconds': seconds,
        'rate': done / seconds, 'sql': (SQL.count - statements) / done,
        'rss': RSS.peak(),
        }
    print("%(name)-8s %(orders)d orders in %(seconds).1f s, the whole file "
        "in one transaction: %(rate).1f orders/s, %(sql).0f SQL/order, "
        "peak RSS %(rss).0f MiB" % result, flush=True)
    return result


def traced(runner, work, target, orders, source):
    "Peak Python memory of one batch, in MiB"
    tracemalloc.start()
    runner(work, target, orders, source)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2 ** 20


def parse_memory(data):
    "Peak Python memory of parsing data, in MiB, and its orders"
    tracemalloc.start()
    orders = read_generic(data)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2 ** 20, len(orders)


def check(runner, data, prefix, vanilla_prefix):
    def count(pool):
        ChannelOrder = pool.get('retail.channel.order')
        Sale = pool.get('sale.sale')
        result = {}
        for name, like in [('ours', prefix), ('vanilla', vanilla_prefix)]:
            sales = Sale.search([('reference', 'like', like + '%')])
            result[name] = {
                'sales': len(sales),
                'processing': sum(s.state == 'processing' for s in sales),
                'posted': sum(i.state == 'posted'
                    for s in sales for i in s.invoices),
                'assigned': sum(h.state == 'assigned'
                    for s in sales for h in s.shipments),
                }
        orders = ChannelOrder.search([('number', 'like', prefix + '%')])
        result['ours']['allocated'] = sum(
            o.state == 'allocated' for o in orders)
        result['ours']['commission'] = sum(
            bool(o.commission_move and o.commission_move.state == 'posted')
            for o in orders)
        return result
    result = runner(count)
    for name, figures in result.items():
        print("check %s: %s" % (name, ', '.join(
                    '%s %d' % i for i in figures.items())), flush=True)
    return result


def run(db_name, data, nb_orders, args):
    runner = Runner(db_name)
    channel, party = data['channel'], data['party']
    print("\nbackend: %s, %d paid orders of 2-3 lines, %d a transaction, "
        "%d lots of %d units a product" % (
            common.backend_name(), nb_orders, args.batch,
            LOTS_PER_PRODUCT, data['lot_size']), flush=True)
    # Warm the caches of both ways, not counted
    runner(ours, channel,
        read_generic(export(data['products'], WARM, 'W')), 'warm')
    runner(vanilla, party,
        read_generic(export(data['products'], WARM, 'V')), 'warm')
    blob = export(data['products'], nb_orders, 'CO')
    print("file: %.1f MiB, %d rows" % (
            len(blob) / 2 ** 20, blob.count(b'\n') - 1), flush=True)
    results = {}
    if args.whole:
        results['ours'] = timed_whole(runner, channel, blob)
    else:
        results['ours'] = timed('ours', runner, ours, channel, blob,
            read_generic, None, args.batch, 'export.csv',
            profile=args.profile)
    if not args.skip_vanilla:
        # The same orders, renumbered so that both ways can be told apart
        orders = read_generic(blob.replace(b',CO', b',VA'))
        results['vanilla'] = timed('vanilla', runner, vanilla, party, None,
            None, orders, args.batch, None)
        o, v = results['ours'], results['vanilla']
        print("ratio ours/vanilla: orders/s %.2f, SQL/order %.2f" % (
                o['rate'] / v['rate'], o['sql'] / v['sql']), flush=True)
    check(runner, data, 'CO', 'VA')
    if not args.skip_memory:
        traced_memory(runner, data, nb_orders, args)
    print("peak resident memory of the process: %.0f MiB"
        % common.max_rss())


def traced_memory(runner, data, nb_orders, args):
    channel, party = data['channel'], data['party']
    # Memory of one batch each way, and of parsing 1x and 4x the file
    # tracemalloc slows Tryton down threefold: a smaller batch is enough
    # to show what a batch holds
    small = export(data['products'], min(args.batch, TRACED), 'MO')
    print("peak Python memory of one batch of %d: ours %.1f MiB" % (
            min(args.batch, TRACED),
            traced(runner, ours, channel, read_generic(small), 'mem')),
        end='', flush=True)
    if not args.skip_vanilla:
        print(", vanilla %.1f MiB" % traced(runner, vanilla, party,
                read_generic(small.replace(b',MO', b',MV')), None), end='')
    print()
    for factor in (1, 4):
        big = export(data['products'], nb_orders * factor, 'P')
        peak, count = parse_memory(big)
        print("parse only %dx: %d orders, file %.1f MiB, peak Python "
            "memory %.1f MiB" % (factor, count, len(big) / 2 ** 20, peak),
            flush=True)
        del big
    # The import of a whole file in one transaction, at 1x and 4x: the
    # ORM's records are a chunk's (100 orders) at a time
    for factor in (1, 4):
        blob = export(data['products'], IMPORTED * factor, 'I%d' % factor)
        peak, count = import_memory(runner, channel, blob)
        print("import_files %dx: %d orders, file %.2f MiB, peak Python "
            "memory %.1f MiB" % (factor, count, len(blob) / 2 ** 20, peak),
            flush=True)


if __name__ == '__main__':
    main()
