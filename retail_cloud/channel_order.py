# This file is part of Retail Cloud.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""Channel orders: the platforms' orders taken in as they are, then sold,
allocated, shipped and invoiced to the platform by rule, without a manual
step; their refunds are in channel_refund.py."""
import datetime as dt
from collections import defaultdict
from decimal import Decimal
from itertools import groupby
from operator import attrgetter

from trytond.i18n import gettext
from trytond.model import (
    Index, ModelSQL, ModelView, Unique, Workflow, fields)
from trytond.modules.currency.fields import Monetary
from trytond.pool import Pool, PoolMeta
from trytond.pyson import Eval
from trytond.tools import grouped_slice
from trytond.tools import timezone as tz
from trytond.transaction import Transaction

from .channel_import import ImportRefused, RowError
from .exceptions import ChannelOrderError

PLATFORM_STATUSES = [
    ('pending', "Awaiting Payment"),
    ('paid', "Paid"),
    ('shipped', "Shipped"),
    ('completed', "Completed"),
    ('cancelled', "Cancelled"),
    ]
# A later export never takes an order back to an earlier status
STATUS_RANK = {s: i for i, (s, _) in enumerate(PLATFORM_STATUSES)}
REFUND_KINDS = [
    (None, ""),
    ('refund_only', "Refund Only"),
    ('return', "Return and Refund"),
    ]
ZERO = Decimal(0)
# Orders taken together: trytond checks the whole group of records read
# together each time it makes one of them, so a group's cost grows with its
# square; a few dozen orders share the rest of the work well enough
TAKE_CHUNK = 50


class ChannelDocumentMixin:
    "A document of a channel, in its company's currency"
    __slots__ = ()

    channel = fields.Many2One(
        'retail.channel', "Channel", required=True, ondelete='RESTRICT',
        domain=[('type', 'in', ['tmall', 'jd', 'douyin', 'wechat',
                    'marketplace', 'online_shop'])])
    company = fields.Function(
        fields.Many2One('company.company', "Company"),
        'on_change_with_company', searcher='search_company')
    currency = fields.Function(
        fields.Many2One('currency.currency', "Currency"),
        'on_change_with_currency')

    @fields.depends('channel')
    def on_change_with_company(self, name=None):
        return self.channel.company if self.channel else None

    @fields.depends('channel')
    def on_change_with_currency(self, name=None):
        return self.channel.company.currency if self.channel else None

    @classmethod
    def search_company(cls, name, clause):
        return [('channel.' + clause[0],) + tuple(clause[1:])]


class ChannelOrder(ChannelDocumentMixin, Workflow, ModelSQL, ModelView):
    "Channel Order"
    __name__ = 'retail.channel.order'
    _rec_name = 'number'

    number = fields.Char(
        "Order Number", required=True, readonly=True,
        help="The platform's order number (订单编号).")
    shop = fields.Char("Shop", readonly=True)
    buyer = fields.Char("Buyer", readonly=True)
    order_time = fields.DateTime("Ordered", readonly=True)
    pay_time = fields.DateTime("Paid", readonly=True)
    ship_time = fields.DateTime("Shipped", readonly=True)
    platform_status = fields.Selection(
        PLATFORM_STATUSES, "Platform Status", readonly=True, sort=False)
    freight = Monetary(
        "Freight", currency='currency', digits='currency', readonly=True)
    lines = fields.One2Many(
        'retail.channel.order.line', 'order', "Lines", readonly=True)
    source = fields.Char(
        "Source", readonly=True,
        help="The file or request the order last came from.")
    warehouse = fields.Many2One(
        'stock.location', "Warehouse", readonly=True,
        domain=[('type', '=', 'warehouse')],
        help="The warehouse the order is fulfilled from.")
    sale = fields.Many2One('sale.sale', "Sale", readonly=True)
    commission_move = fields.Many2One(
        'account.move', "Commission Move", readonly=True)
    problem = fields.Text(
        "Problem", readonly=True,
        states={'invisible': ~Eval('problem')})
    state = fields.Selection([
            ('waiting', "Waiting"),
            ('unfulfillable', "Unfulfillable"),
            ('allocated', "Allocated"),
            ('shipped', "Shipped"),
            ('cancelled', "Cancelled"),
            ], "State", readonly=True, required=True, sort=False)
    receivable = fields.Function(Monetary(
            "Receivable", currency='currency', digits='currency',
            help="What the platform owes for the order: what the buyer "
            "paid, the platform's coupons and the freight."),
        'get_amount')
    paid = fields.Function(Monetary(
            "Paid by Buyer", currency='currency', digits='currency'),
        'get_amount')
    refund_amount = fields.Function(Monetary(
            "Refunded", currency='currency', digits='currency'),
        'get_amount')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_constraints += [
            ('channel_number_unique', Unique(t, t.channel, t.number),
                'retail_cloud.msg_channel_order_number_unique'),
            ]
        cls._sql_indexes.add(Index(
                t, (t.state, Index.Equality(cardinality='low')),
                where=t.state.in_(['waiting', 'unfulfillable', 'allocated'])))
        cls._order = [('order_time', 'DESC NULLS FIRST'), ('id', 'DESC')]
        cls._transitions |= {
            ('waiting', 'allocated'),
            ('waiting', 'unfulfillable'),
            ('unfulfillable', 'allocated'),
            ('allocated', 'shipped'),
            ('waiting', 'cancelled'),
            ('unfulfillable', 'cancelled'),
            ('allocated', 'cancelled'),
            }
        cls._buttons.update({
                'process': {
                    'invisible': Eval('state').in_(['shipped', 'cancelled']),
                    'depends': ['state'],
                    },
                })

    @classmethod
    def default_state(cls):
        return 'waiting'

    def get_amount(self, name):
        return sum((getattr(l, name) for l in self.lines),
            self.freight if name in {'receivable', 'paid'} else ZERO)

    @property
    def paid_date(self):
        "The day the buyer paid, in the company's time zone"
        return self.local_date(self.pay_time or self.order_time)

    def local_date(self, timestamp):
        "The date of the stored (UTC) timestamp where the company is"
        if not timestamp:
            return None
        company = self.channel.company
        zone = (tz.get_tzinfo(company.timezone) if company.timezone
            else tz.SERVER)
        return timestamp.replace(tzinfo=tz.UTC).astimezone(zone).date()

    @classmethod
    def take(cls, channel, orders, source=None, products=None):
        """Create or update the channel's orders from the normalised
        orders; refuse them all when a line's product is unknown.  Return
        the channel orders, processed.  products: the orders' products
        matched already, by match_products"""
        pool = Pool()
        Line = pool.get('retail.channel.order.line')
        if products is None:
            products = Line.match_products(channel.company, orders)
        records = []
        for chunk in grouped_slice(orders, TAKE_CHUNK):
            records.extend(cls._take(channel, list(chunk), source, products))
        return records

    @classmethod
    def _take(cls, channel, orders, source, products):
        pool = Pool()
        Line = pool.get('retail.channel.order.line')
        existing = {o.number: o for o in cls.search([
                    ('channel', '=', channel.id),
                    ('number', 'in', [o.number for o in orders]),
                    ])}
        records, updated_lines = [], []
        for order in orders:
            record = existing.get(order.number)
            if record:
                updated_lines.extend(record.update_from(order))
            else:
                record = cls.from_order(channel, order, products)
            record.source = source or order.file
            records.append(record)
        cls.save(records)
        Line.save(updated_lines)
        cls.advance(records)
        return records

    @classmethod
    def from_order(cls, channel, order, products):
        pool = Pool()
        Line = pool.get('retail.channel.order.line')
        record = cls(channel=channel, number=order.number,
            platform_status=order.status, pay_time=None, ship_time=None)
        record.update_from(order)
        record.lines = [Line.from_order_line(l, products) for l in order.lines]
        return record

    def update_from(self, order):
        "Take the order's later status, times and refunds; return the lines"
        if STATUS_RANK[order.status] >= STATUS_RANK[self.platform_status]:
            self.platform_status = order.status
        self.shop = order.shop
        self.buyer = order.buyer
        self.order_time = naive_utc(order.order_time)
        self.pay_time = naive_utc(order.pay_time) or self.pay_time
        self.ship_time = naive_utc(order.ship_time) or self.ship_time
        self.freight = order.freight
        lines = getattr(self, 'lines', [])
        by_number = {l.sub_number: l for l in lines}
        for line in order.lines:
            if line.sub_number in by_number:
                by_number[line.sub_number].update_refund(line)
        return lines

    @classmethod
    @ModelView.button
    def process(cls, orders):
        cls.advance(orders)

    @classmethod
    def advance(cls, orders):
        """Take each order as far as the platform's status and the stock
        allow: sold and invoiced, allocated, shipped, refunded"""
        key = attrgetter('channel.company.id')
        for company, c_orders in groupby(sorted(orders, key=key), key=key):
            # Taxes and accounts are the company's: the cron and the
            # webhook have none in their context
            with Transaction().set_context(company=company):
                cls._advance(cls.browse(list(c_orders)))

    @classmethod
    def _advance(cls, orders):
        pool = Pool()
        Sale = pool.get('sale.sale')
        to_sell = [o for o in orders
            if not o.sale and o.platform_status in {
                'paid', 'shipped', 'completed'}]
        if to_sell:
            cls.sell(to_sell)
        to_cancel = [o for o in orders
            if o.platform_status == 'cancelled' and o.state != 'cancelled'
            and o.state != 'shipped']
        if to_cancel:
            cls.cancel(to_cancel)
        orders = cls.browse(orders)
        to_allocate = [o for o in orders
            if o.sale and o.state in {'waiting', 'unfulfillable'}]
        if to_allocate:
            cls.allocate(to_allocate)
        orders = cls.browse(orders)
        to_ship = [o for o in orders
            if o.state == 'allocated'
            and o.platform_status in {'shipped', 'completed'}]
        if to_ship:
            cls.ship(to_ship)
        orders = cls.browse(orders)
        cls.refund([o for o in orders if o.sale])
        sales = [o.sale for o in cls.browse(orders) if o.sale]
        if sales:
            Sale.process(sales)

    @classmethod
    def sell(cls, orders):
        "Sell each order to its platform and post its invoice at once"
        pool = Pool()
        Sale = pool.get('sale.sale')
        SaleLine = pool.get('sale.line')
        Line = pool.get('retail.channel.order.line')
        Invoice = pool.get('account.invoice')
        sales = []
        warehouses = cls.fulfilment_warehouses(orders)
        parties = cls.invoice_parties(orders)
        for order in orders:
            order.warehouse = warehouses[order]
            order.sale = order.get_sale(parties[order])
            sales.append(order.sale)
        Sale.save(sales)
        # Each access to a One2Many gives new instances: keep these
        order_lines = [(o, o.lines) for o in orders]
        SaleLine.save([l for o, lines in order_lines
                for l in o.get_sale_lines(lines)])
        Line.save([l for _, lines in order_lines for l in lines])
        for order in orders:
            order.sale.add_rounding_line(order.receivable)
        Sale.quote(sales)
        Sale.confirm(sales)
        Sale.process(sales)
        cls.save(orders)
        # Posted together: each post costs the same whatever its size
        after = last_invoice_date(orders[0].channel.company)
        invoices = [i for o in orders
            for i in o.date_invoices(o.sale.invoices, after)]
        if invoices:
            Invoice.save(invoices)
            Invoice.post(invoices)
        cls.accrue_commission(orders)

    @classmethod
    def fulfilment_warehouses(cls, orders):
        """The warehouse of each order: its channel's, else the first with
        all the goods, else the first; the stock read once for all"""
        pool = Pool()
        Date = pool.get('ir.date')
        Location = pool.get('stock.location')
        Product = pool.get('product.product')
        warehouses = Location.search([('type', '=', 'warehouse')])
        needs = {}
        for order in orders:
            needs[order] = order_needs = defaultdict(Decimal)
            for line in order.lines:
                order_needs[line.product.id] += line.quantity
        products = {p for n in needs.values() for p in n}
        with Transaction().set_context(stock_date_end=Date.today()):
            stock = Product.products_by_location(
                [w.id for w in warehouses], with_childs=True,
                grouping_filter=(list(products),))

        def with_all_goods(order):
            for warehouse in warehouses:
                if all(stock.get((warehouse.id, p), 0) >= q
                        for p, q in needs[order].items()):
                    return warehouse
            return warehouses[0] if warehouses else None
        return {o: o.channel.warehouse or with_all_goods(o) for o in orders}

    @classmethod
    def invoice_parties(cls, orders):
        """The party each order is sold and invoiced to: the platform, or
        the party of its buyer when its channel invoices the buyers"""
        pool = Pool()
        Buyer = pool.get('retail.channel.buyer')
        buyers = Buyer.parties({(o.channel, o.buyer) for o in orders
                if o.channel.invoice_to == 'buyer' and o.buyer})
        return {o: buyers.get((o.channel, o.buyer))
            or o.channel.get_account('party') for o in orders}

    @property
    def invoice_party(self):
        """The party of the order's invoices, whose receivable lines its
        commission and payouts clear: the platform still owes the money"""
        if self.sale:
            return self.sale.party
        return self.channel.get_account('party')

    def get_sale(self, party):
        pool = Pool()
        Sale = pool.get('sale.sale')
        channel = self.channel
        sale = Sale(
            company=channel.company, party=party, channel=channel,
            warehouse=self.warehouse, sale_date=self.paid_date,
            reference=self.number, origin=self,
            invoice_method='order', shipment_method='order')
        sale.on_change_party()
        sale.invoice_address = party.address_get(type='invoice')
        sale.shipment_address = party.address_get(type='delivery')
        sale.warehouse = self.warehouse
        return sale

    def get_sale_lines(self, lines):
        "The sale lines of the order's lines, the freight last"
        lines = [l.get_sale_line(self.sale) for l in lines]
        if self.freight:
            lines.append(gross_sale_line(
                    self.sale, self.channel.get_account('freight_product'),
                    1, self.freight))
        return lines

    def post_invoices(self, invoices):
        "Post the draft invoices on the day the buyer paid"
        pool = Pool()
        Invoice = pool.get('account.invoice')
        invoices = self.date_invoices(invoices)
        if invoices:
            Invoice.save(invoices)
            Invoice.post(invoices)

    def date_invoices(self, invoices, after=None):
        """Date the draft invoices on the day the buyer paid, not before
        after, the last numbered invoice's date; return them"""
        invoices = [i for i in invoices if i.state == 'draft']
        if after is None:
            after = last_invoice_date(self.channel.company)
        for invoice in invoices:
            invoice.accounting_date = self.paid_date
            invoice.invoice_date = max(self.paid_date, after)
            invoice.reference = self.number
        return invoices

    @classmethod
    def accrue_commission(cls, orders):
        "Book the platform's commission at the channel's rate"
        pool = Pool()
        Move = pool.get('account.move')
        moves = []
        for order in orders:
            move = order.get_commission_move()
            if move:
                order.commission_move = move
                moves.append(move)
        Move.save(moves)
        Move.post(moves)
        cls.save(orders)

    def get_commission_move(self):
        channel = self.channel
        if not channel.commission_rate:
            return
        amount = channel.company.currency.round(
            self.receivable * channel.commission_rate)
        if not amount:
            return
        return self.channel_move(self.paid_date, [
                (channel.get_account('commission_account'), amount, None),
                (channel.get_account('receivable_account'), -amount,
                    self.invoice_party),
                ], description=gettext(
                'retail_cloud.msg_channel_order_commission',
                order=self.number))

    def channel_move(self, date, postings, description=None):
        """A move of the channel's company on the date from postings
        [(account, debit positive / credit negative, party)]"""
        pool = Pool()
        Move = pool.get('account.move')
        Line = pool.get('account.move.line')
        Period = pool.get('account.period')
        company = self.channel.company
        move = Move(
            company=company, journal=channel_journal(),
            period=Period.find(company, date=date), date=date,
            origin=self, description=description)
        move.lines = [Line(
                account=account,
                debit=amount if amount > 0 else ZERO,
                credit=-amount if amount < 0 else ZERO,
                party=party if account.party_required else None)
            for account, amount, party in postings if amount]
        for line in move.lines:
            line.analytic_lines = self.channel_analytic_lines(line, date)
        return move

    def channel_analytic_lines(self, line, date):
        "The channel's share of an expense or revenue: its profit by channel"
        pool = Pool()
        AnalyticLine = pool.get('analytic_account.line')
        analytic = self.channel.analytic_account
        kind = line.account.type
        if not analytic or not (kind and (kind.expense or kind.revenue)):
            return []
        return [AnalyticLine(
                account=analytic, date=date,
                debit=line.debit, credit=line.credit)]

    @classmethod
    @Workflow.transition('allocated')
    def allocated(cls, orders):
        cls.write(orders, {'problem': None})

    @classmethod
    @Workflow.transition('unfulfillable')
    def unfulfillable(cls, orders):
        pass

    @classmethod
    def allocate(cls, orders):
        """Reserve each order's goods, first expiry first; flag the
        orders short of stock with what they miss"""
        pool = Pool()
        Shipment = pool.get('stock.shipment.out')
        Shipment.assign_try([s for o in orders for s in o.sale.shipments
                if s.state == 'waiting'])
        orders = cls.browse(orders)
        short = [o for o in orders if any(
                s.state == 'waiting' for s in o.sale.shipments)]
        cls.allocated([o for o in orders if o not in short])
        for order in short:
            order.problem = order.shortage()
        cls.save(short)
        cls.unfulfillable([o for o in short if o.state == 'waiting'])

    def shortage(self):
        "What the order's shipments miss, one line per product"
        missing = []
        for shipment in self.sale.shipments:
            for move in shipment.assign_moves:
                if move.state in {'draft', 'staging'}:
                    missing.append(gettext(
                            'retail_cloud.msg_channel_order_short',
                            product=move.product.rec_name,
                            quantity='%g' % move.quantity,
                            unit=move.unit.symbol,
                            warehouse=shipment.warehouse.rec_name))
        return '\n'.join(missing)

    @classmethod
    @Workflow.transition('shipped')
    def ship(cls, orders):
        "Ship the goods on the day the platform says they left"
        pool = Pool()
        Shipment = pool.get('stock.shipment.out')
        shipments = []
        for order in orders:
            for shipment in order.sale.shipments:
                if shipment.state == 'assigned':
                    shipment.effective_date = order.local_date(
                        order.ship_time) or dt.date.today()
                    shipments.append(shipment)
        Shipment.save(shipments)
        Shipment.pick(shipments)
        Shipment.pack(shipments)
        Shipment.do(shipments)

    @classmethod
    @Workflow.transition('cancelled')
    def cancel(cls, orders):
        "Cancel what was not shipped; the refunds credit the invoices"
        pool = Pool()
        Shipment = pool.get('stock.shipment.out')
        SaleLine = pool.get('sale.line')
        shipments = [s for o in orders if o.sale for s in o.sale.shipments
            if s.state not in {'done', 'cancelled'}]
        Shipment.cancel(shipments)
        lines = []
        for shipment in shipments:
            for move in shipment.outgoing_moves:
                if isinstance(move.origin, SaleLine):
                    move.origin.moves_ignored += (move,)
                    lines.append(move.origin)
        SaleLine.save(lines)

    @classmethod
    def process_waiting(cls):
        "Retry the orders waiting for payment or stock (scheduled)"
        cls.advance(cls.search([
                    ('state', 'in', ['waiting', 'unfulfillable', 'allocated']),
                    ]))


class Move(metaclass=PoolMeta):
    __name__ = 'stock.move'

    @property
    def channel_order(self):
        "The channel order whose sale or return sale moves the goods"
        pool = Pool()
        SaleLine = pool.get('sale.line')
        Order = pool.get('retail.channel.order')
        if isinstance(self.origin, SaleLine):
            origin = self.origin.sale.origin
            if isinstance(origin, Order):
                return origin

    def _get_account_stock_move(self):
        """The cost of the goods a channel order ships or takes back on the
        channel's analytic account: its profit after the cost of goods"""
        move = super()._get_account_stock_move()
        order = self.channel_order if move else None
        if order:
            for line in move.lines:
                line.analytic_lines = order.channel_analytic_lines(
                    line, move.date)
        return move


class OrderCurrencyMixin:
    "A line in the currency of its channel order"
    __slots__ = ()

    currency = fields.Function(
        fields.Many2One('currency.currency', "Currency"),
        'on_change_with_currency')

    @fields.depends('order', '_parent_order.currency')
    def on_change_with_currency(self, name=None):
        return self.order.currency if self.order else None


class ChannelOrderLine(OrderCurrencyMixin, ModelSQL, ModelView):
    "Channel Order Line"
    __name__ = 'retail.channel.order.line'

    order = fields.Many2One(
        'retail.channel.order', "Order", required=True, ondelete='CASCADE')
    sub_number = fields.Char("Sub-order Number", readonly=True)
    product = fields.Many2One(
        'product.product', "Product", required=True, readonly=True)
    sku = fields.Char("Merchant SKU", readonly=True)
    title = fields.Char("Title", readonly=True)
    quantity = fields.Numeric("Quantity", digits=(16, 0), readonly=True)
    unit_price = Monetary(
        "List Price", currency='currency', digits='currency', readonly=True)
    merchant_discount = Monetary(
        "Merchant Discount", currency='currency', digits='currency',
        readonly=True, help="The discount the chain funds.")
    platform_discount = Monetary(
        "Platform Coupon", currency='currency', digits='currency',
        readonly=True,
        help="The coupon the platform funds and pays the chain for.")
    paid = Monetary(
        "Paid by Buyer", currency='currency', digits='currency',
        readonly=True)
    receivable = fields.Function(Monetary(
            "Receivable", currency='currency', digits='currency'),
        'get_receivable')
    refund_amount = Monetary(
        "Refunded", currency='currency', digits='currency', readonly=True)
    refund_kind = fields.Selection(REFUND_KINDS, "Refund", readonly=True)
    credited = Monetary(
        "Credited", currency='currency', digits='currency', readonly=True,
        help="The part of the refund already credited to the platform.")
    sale_line = fields.Many2One('sale.line', "Sale Line", readonly=True)

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.__access__.add('order')

    @classmethod
    def default_credited(cls):
        return ZERO

    def get_receivable(self, name):
        return self.paid + self.platform_discount

    @classmethod
    def from_order_line(cls, line, products):
        record = cls(
            sub_number=line.sub_number, sku=line.sku, title=line.title,
            product=products[line_key(line)], quantity=line.quantity,
            unit_price=line.unit_price, paid=line.paid,
            merchant_discount=line.merchant_discount,
            platform_discount=line.platform_discount, credited=ZERO)
        record.update_refund(line)
        return record

    def update_refund(self, line):
        "A refund only grows: the platform never takes one back"
        if line.refund_amount >= (getattr(self, 'refund_amount', 0) or 0):
            self.refund_amount = line.refund_amount
            self.refund_kind = line.refund_kind

    @classmethod
    def match_products(cls, company, orders):
        """Return {(sku, barcode): product} for the orders' lines, by
        merchant SKU code, else by barcode; raise ImportRefused listing the
        lines of unknown products"""
        pool = Pool()
        Product = pool.get('product.product')
        Identifier = pool.get('product.identifier')
        lines = [(o, l) for o in orders for l in o.lines]
        codes = {l.sku for _, l in lines if l.sku}
        barcodes = {l.barcode for _, l in lines if l.barcode}
        by_code = {p.code: p for p in Product.search([
                    ('code', 'in', list(codes)),
                    ])} if codes else {}
        by_barcode = {i.code: i.product for i in Identifier.search([
                    ('code', 'in', list(barcodes)),
                    ])} if barcodes else {}
        products, errors = {}, []
        for order, line in lines:
            product = by_code.get(line.sku) or by_barcode.get(line.barcode)
            if product:
                products[line_key(line)] = product
            else:
                errors.append(RowError(
                        order.file, line.row, '商家编码', 'unknown_sku',
                        {'value': line.sku or line.barcode or ''}))
        if errors:
            raise ImportRefused(errors)
        return products

    def get_sale_line(self, sale):
        line = gross_sale_line(
            sale, self.product, self.quantity, self.receivable)
        line.description = self.title or None
        self.sale_line = line
        return line


def line_key(line):
    return (line.sku, line.barcode)


def naive_utc(timestamp):
    "The aware time as Tryton stores it: naive, in UTC"
    if timestamp is None or timestamp.tzinfo is None:
        return timestamp
    return timestamp.astimezone(dt.timezone.utc).replace(tzinfo=None)


def gross_sale_line(sale, product, quantity, gross):
    """A sale line of the product whose amount with VAT is gross: platforms
    price with VAT included"""
    pool = Pool()
    Line = pool.get('sale.line')
    line = Line(sale=sale, type='line', product=product,
        quantity=float(quantity))
    line.on_change_product()
    line.unit_price = net_unit_price(
        line.taxes, gross, quantity, sale.sale_date)
    line.analytic_accounts = channel_analytic_entries(sale.channel)
    return line


def channel_analytic_entries(channel):
    """The analytic entry of the channel's account, for the revenue its
    invoices post: profit read per channel"""
    pool = Pool()
    Entry = pool.get('analytic.account.entry')
    account = channel.analytic_account if channel else None
    if not account:
        return []
    return [Entry(root=account.root, account=account)]


def net_unit_price(taxes, gross, quantity, date):
    pool = Pool()
    Tax = pool.get('account.tax')
    Line = pool.get('sale.line')
    digits = Line.unit_price.digits[1]
    price = Tax.reverse_compute(gross / Decimal(quantity), taxes, date)
    return price.quantize(Decimal(1).scaleb(-digits))


def last_invoice_date(company):
    "The date of the company's last numbered customer invoice"
    pool = Pool()
    Invoice = pool.get('account.invoice')
    invoices = Invoice.search([
            ('company', '=', company.id),
            ('type', '=', 'out'),
            ('number', '!=', None),
            ('invoice_date', '!=', None),
            ], order=[('invoice_date', 'DESC')], limit=1)
    return invoices[0].invoice_date if invoices else dt.date.min


def channel_journal():
    "The journal of the channels' own moves: commissions, settlements"
    pool = Pool()
    Journal = pool.get('account.journal')
    # The miscellaneous journal rather than the stock one, both general
    journals = (Journal.search([('code', '=', 'MISC')], limit=1)
        or Journal.search([('type', '=', 'general')], limit=1))
    if not journals:
        raise ChannelOrderError(gettext(
                'retail_cloud.msg_channel_no_general_journal'))
    return journals[0]


class Cron(metaclass=PoolMeta):
    __name__ = 'ir.cron'

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.method.selection.append(
            ('retail.channel.order|process_waiting',
                "Process Waiting Channel Orders"))
