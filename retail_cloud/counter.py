# This file is part of Retail Cloud.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""The counter: a sale or a refund recorded, paid and its goods moved in one
call, its voucher following within a minute; cash sessions that close on
the cash counted, booking the variance."""
import datetime as dt
from collections import defaultdict
from decimal import Decimal
from itertools import groupby

from trytond.exceptions import RateLimitException
from trytond.i18n import gettext
from trytond.model import ModelView, Unique, Workflow, fields
from trytond.modules.currency.fields import Monetary
from trytond.pool import Pool, PoolMeta
from trytond.rpc import RPC
from trytond.transaction import Transaction, without_check_access

from .exceptions import CheckoutError, DiscountError
from .sale_point import set_signed


class POSSale(metaclass=PoolMeta):
    __name__ = 'sale.point.sale'

    client_key = fields.Char(
        "Client Key", readonly=True, strip=False,
        help="The key the counter gave the sale: the same key submitted "
        "again returns this sale instead of recording another.")
    cash_change = Monetary(
        "Change", currency='currency', digits='currency', readonly=True,
        help="The cash given back to the customer.")
    discount_approved_by = fields.Many2One(
        'res.user', "Discount Approved By", readonly=True,
        ondelete='RESTRICT',
        help="The user of the store who approved on the spot a discount "
        "above the cashier's limit.")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_constraints += [
            ('point_client_key_unique', Unique(t, t.point, t.client_key),
                'retail_cloud.msg_pos_sale_client_key_unique'),
            ]
        cls.__rpc__['checkout'] = RPC(readonly=False)
        cls.__rpc__['refund'] = RPC(readonly=False)
        cls.__rpc__['returnable'] = RPC()

    @classmethod
    def checkout(cls, point_id, order):
        """Record, pay and complete the order at the point; return its
        summary.  order: {'key', 'member', 'lines': [{'product', 'quantity',
        'lot', 'discount'}], 'payments': [{'method', 'amount'}],
        'approval': {'login', 'password'}}; cash may exceed what is due, the
        rest is change; the approval, of a user of the store, covers the
        discounts above the cashier's limit."""
        point = cls.counter_point(point_id)
        # The sale, its lines and payments checked on the records made here
        with without_check_access(), \
                Transaction().set_context(_counter_checkout=True):
            sale = cls.keyed_sale(point, order.get('key'))
            if not sale:
                cls.lock_numbering(point)
                approver = cls.discount_approver(
                    point, order['lines'], order.get('approval'))
                sale = cls.new_counter_sale(
                    point, order.get('key'), order.get('member'))
                sale.discount_approved_by = approver
                sale.lines = sale.counter_lines(order['lines'])
                sale.cash_change = sale.counter_pay(
                    order.get('payments', []))
                paid = not sale.on_change_with_amount_to_pay()
                # The sale, its lines and payments in one create
                sale.save_lines()
                sale.complete(paid=paid)
            return sale.checkout_summary()

    @classmethod
    def refund(cls, point_id, refund):
        """Take back goods of a sale of the store by its number, into the
        lots they left, and pay back to the sale's methods; return the
        summary.  refund: {'key', 'sale': number, 'lines': [{'line',
        'quantity', 'lot'}]}, the lot when the goods show it"""
        point = cls.counter_point(point_id)
        # As the checkout's: the return checked on the records made here
        with without_check_access(), \
                Transaction().set_context(_counter_checkout=True):
            sale = cls.keyed_sale(point, refund.get('key'))
            if not sale:
                cls.lock_numbering(point)
                original = cls.refunded_sale(point, refund['sale'])
                sale = cls.new_counter_sale(
                    point, refund.get('key'), original.member)
                sale.lines = [line
                    for values in refund['lines']
                    for line in original.return_lines(
                        values['line'], values['quantity'], sale,
                        values.get('lot'))]
                sale.save_lines()
                original.pay_back(sale)
                sale.complete()
            return dict(sale.checkout_summary(),
                payments=sale.payment_summary())

    @classmethod
    def returnable(cls, point_id, number):
        """Return the sale of the store by its number with what is still
        returnable of each line, for the counter's return"""
        pool = Pool()
        Lang = pool.get('ir.lang')
        lang = Lang.get()
        point = cls.counter_point(point_id)
        with without_check_access():
            sale = cls.refunded_sale(point, number)
            lines = []
            for line in sale.lines:
                if line.quantity <= 0:
                    continue
                by_lot = line.returnable_by_lot()
                lines.append({
                        'id': line.id,
                        'product': line.product.rec_name,
                        'quantity': line.quantity,
                        'unit_price': line.unit_gross_price,
                        'returnable': sum(by_lot.values()),
                        'lots': [{
                                'id': lot.id, 'number': lot.number,
                                'quantity': quantity}
                            for lot, quantity in by_lot.items()
                            if lot and quantity > 0],
                        })
            return {
                'id': sale.id,
                'number': sale.number,
                'date': lang.strftime(sale.date),
                'total': sale.currency.round(sale.total),
                'member': sale.member.rec_name if sale.member else None,
                'payments': sale.payment_summary(),
                'lines': lines,
                }

    @classmethod
    def discount_approver(cls, point, lines, approval):
        """Return the user approving the discounts above the cashier's
        limit; None when the cashier's limit covers them"""
        pool = Pool()
        User = pool.get('res.user')
        Product = pool.get('product.product')
        cashier = User(Transaction().user)
        discounts = [(Decimal(str(values.get('discount') or 0)),
                values['product']) for values in lines]
        discount, product = max(discounts, default=(Decimal(0), None),
            key=lambda d: d[0])
        # Most sales have no discount: no need to read the cashier's limit
        if discount <= 0 or cashier.pos_discount_allowed(discount):
            return
        product = Product(product).rec_name
        if not approval:
            raise DiscountError(gettext(
                    'retail_cloud.msg_checkout_discount_limit',
                    product=product, discount=format_rate(discount),
                    limit=format_rate(cashier.pos_discount_limit)))
        approver = cls.discount_login(approval)
        if approver.store != point.store:
            raise DiscountError(gettext(
                    'retail_cloud.msg_checkout_discount_store',
                    user=approver.rec_name, store=point.store.rec_name))
        if not approver.pos_discount_allowed(discount):
            raise DiscountError(gettext(
                    'retail_cloud.msg_checkout_discount_approver_limit',
                    user=approver.rec_name, product=product,
                    discount=format_rate(discount),
                    limit=format_rate(approver.pos_discount_limit)))
        return approver

    @classmethod
    def discount_login(cls, approval):
        "Return the user whose login and password approve"
        pool = Pool()
        User = pool.get('res.user')
        login = approval.get('login') or ''
        try:
            user_id = User.get_login(
                login, {'password': approval.get('password') or ''})
        except RateLimitException:
            raise DiscountError(gettext(
                    'retail_cloud.msg_checkout_discount_rate_limit',
                    login=login))
        if not user_id:
            # The refusal rolls back the transaction, not the failed attempt:
            # it counts against the login as a failed sign-in does
            Transaction().atexit(record_failed_login,
                Transaction().database.name, login)
            raise DiscountError(gettext(
                    'retail_cloud.msg_checkout_discount_login',
                    login=login))
        return User(user_id)

    @classmethod
    def counter_point(cls, point_id):
        "Return the point if the user may sell there"
        pool = Pool()
        Point = pool.get('sale.point')
        # The user's rules decide which tills they may sell at
        points = Point.search([('id', '=', point_id)])
        if not points:
            raise CheckoutError(gettext(
                    'retail_cloud.msg_checkout_point', point=point_id))
        return points[0]

    @classmethod
    def keyed_sale(cls, point, key):
        "Return the sale the counter already sent under the key"
        if key:
            sales = cls.search([
                    ('point', '=', point.id),
                    ('client_key', '=', key),
                    ], limit=1)
            if sales:
                return sales[0]

    @classmethod
    def lock_numbering(cls, point):
        "Lock the till's numbering before the sale does any work"
        pool = Pool()
        Sequence = pool.get('ir.sequence.strict')
        # trytond takes the lock by running the transaction again: the sooner
        # it asks, the less work is thrown away
        Sequence.lock([point.sequence])

    @classmethod
    def new_counter_sale(cls, point, key, member):
        # on_change_point sets the store and channel: given, their defaults
        # (the user's store) are not read
        sale = cls(point=point, client_key=key, company=point.company,
            date=cls.default_date(), member=member, store=None, channel=None)
        sale.on_change_point()
        return sale

    def save_lines(self):
        if not self.lines:
            raise CheckoutError(gettext('retail_cloud.msg_checkout_empty'))
        self.save()

    def complete(self, paid=False):
        """Complete the paid sale and deliver its goods; paid when the caller
        found it paid on the sale it built"""
        self.save()
        if paid:
            # process() would read the lines and payments back to find it
            # paid; the done sale's validation reads them all the same
            self.do([self])
        else:
            self.process([self])
        if self.state != 'done':
            raise CheckoutError(gettext(
                    'retail_cloud.msg_checkout_unpaid',
                    amount=self.format_amount(self.amount_to_pay),
                    sale=self.rec_name))
        self.deliver([self])

    @classmethod
    def refunded_sale(cls, point, number):
        sales = cls.search([
                ('number', '=', number),
                ('store', '=', point.store.id),
                ('state', 'in', ['done', 'posted']),
                ], limit=1)
        if not sales:
            raise CheckoutError(gettext(
                    'retail_cloud.msg_refund_no_sale',
                    number=number, store=point.store.rec_name))
        return sales[0]

    def return_lines(self, line_id, quantity, refund, lot_id=None):
        """Return the lines taking back quantity of the line, lot by lot or
        from the lot given"""
        pool = Pool()
        Line = pool.get('sale.point.sale.line')
        line = Line(line_id)
        returnable = line.returnable_by_lot()
        if lot_id is not None:
            returnable = {
                lot: quantity for lot, quantity in returnable.items()
                if lot and lot.id == lot_id}
        if line.sale != self or quantity > sum(returnable.values()):
            raise CheckoutError(gettext(
                    'retail_cloud.msg_refund_quantity',
                    product=line.product.rec_name, sale=self.rec_name,
                    quantity=quantity,
                    returnable=sum(returnable.values())
                    if line.sale == self else 0))
        lines = []
        for lot, available in returnable.items():
            taken = min(quantity, available)
            if taken > 0:
                lines.append(Line(
                        sale=refund, product=line.product, lot=lot,
                        quantity=-taken, returned_line=line,
                        unit_list_price=line.unit_list_price,
                        unit_gross_price=line.unit_gross_price))
                quantity -= taken
        return lines

    def pay_back(self, refund):
        "Pay the refund back to this sale's methods, cards first"
        pool = Pool()
        Payment = pool.get('sale.point.payment')
        Line = pool.get('sale.point.sale.line')
        paid = defaultdict(Decimal)
        for payment in self.payments:
            paid[payment.method] += payment.amount
        refunds = {line.sale for line in Line.search([
                    ('returned_line.sale', '=', self.id),
                    ('sale', '!=', refund.id),
                    ])}
        for sale in refunds:
            for payment in sale.payments:
                paid[payment.method] += payment.amount
        due = -refund.total
        to_create = []
        for method in sorted(paid, key=lambda m: m.cash):
            amount = min(due, paid[method])
            if amount > 0:
                to_create.append({
                        'sale': refund.id, 'method': method.id,
                        'amount': -amount})
                due -= amount
        Payment.create(to_create)

    def counter_lines(self, lines):
        "Return the lines priced as the point prices them, less discounts"
        pool = Pool()
        Product = pool.get('product.product')
        # Browsed together, the products' prices and taxes are read at once,
        # in the till's company whatever the cashier's current one
        with Transaction().set_context(company=self.company.id):
            products = Product.browse(
                [values['product'] for values in lines])
        return [self.counter_line(values, product)
            for values, product in zip(lines, products)]

    def counter_line(self, values, product):
        "Return a line priced as the point prices it, less its discount"
        pool = Pool()
        Line = pool.get('sale.point.sale.line')
        line = Line(sale=self)
        line.product = product
        line.on_change_product()
        line.quantity = values['quantity']
        line.lot = values.get('lot')
        discount = Decimal(str(values.get('discount') or 0))
        if discount:
            line.apply_discount(discount)
        return line

    def counter_pay(self, payments):
        "Give the sale its payments; return the change due on cash"
        pool = Pool()
        Payment = pool.get('sale.point.payment')
        Method = pool.get('sale.point.payment.method')
        total = due = self.on_change_with_total()
        change = Decimal(0)
        to_create = []
        # Cash last: only cash gives change
        methods = [(Method(p['method']),
                self.currency.round(Decimal(str(p['amount']))))
            for p in payments]
        for method, amount in sorted(methods, key=lambda m: m[0].cash):
            if amount > due and method.cash:
                change += amount - due
                amount = due
            to_create.append(Payment(method=method, amount=amount))
            due -= amount
        if due < 0:
            raise CheckoutError(gettext(
                    'retail_cloud.msg_checkout_overpaid',
                    amount=self.format_amount(-due),
                    total=self.format_amount(total)))
        self.payments = to_create
        return change

    def format_amount(self, amount):
        pool = Pool()
        Lang = pool.get('ir.lang')
        return Lang.get().currency(amount, self.currency)

    def payment_summary(self):
        return [{'method': p.method.rec_name, 'amount': p.amount}
            for p in self.payments]

    def checkout_summary(self):
        return {
            'id': self.id,
            'number': self.number,
            'state': self.state,
            'total': self.currency.round(self.total),
            'change': self.currency.round(self.cash_change or Decimal(0)),
            }

    @classmethod
    def deliver(cls, sales):
        """Do the goods' moves of the sales now; their cost follows with the
        voucher"""
        pool = Pool()
        Move = pool.get('stock.move')
        # Made in the context: saving a record restores the context it was
        # made in
        with Transaction().set_context(_counter_deliver=True):
            moves = [m for s in sales for line in s.lines
                for m in [line.get_stock_move()] if m]
            for move in moves:
                move.state = 'draft'
            Move.lock_counter_stock(moves)
            # Their lots picked before they exist: one create for them all
            moves = Move.pick_first_expiry_lots(moves)
            Move.do_at_counter(moves)
        # Outside the deliver's context, as the sale's log: records made in
        # one context are saved together, the logs in one insert
        Move.log(moves, 'transition', 'state:done')

    @classmethod
    @ModelView.button
    @Workflow.transition('posted')
    def post(cls, sales):
        """Post the sales in one voucher a till and date, their lines summed
        by account, and the cost of their goods in one stock journal move.
        Replaces sale_point's voucher a sale: a till's receipts are read as
        summaries (汇总凭证), and posting them one by one cannot keep up with
        an evening peak.  The job posting every minute, a till's day is a
        voucher for each minute it sold in."""
        pool = Pool()
        Move = pool.get('stock.move')
        AccountMove = pool.get('account.move')
        delivered, stock_moves = [], []
        for line in (l for s in sales for l in s.lines):
            # The goods the counter delivered, their cost not posted yet
            delivered.extend(m for m in line.moves
                if m.state == 'done' and not m.account_moves)
            # Sales recorded in the back office have no goods moved yet
            move = line.get_stock_move()
            if move:
                stock_moves.append(move)
        Move.save(stock_moves)
        Move.do(stock_moves)
        vouchers = []
        for key, grouped in groupby(
                sorted(sales, key=cls._voucher_key), key=cls._voucher_key):
            grouped = list(grouped)
            voucher = cls.get_summary_move(grouped)
            vouchers.append(voucher)
            for sale in grouped:
                sale.move = voucher
        AccountMove.save(vouchers)
        AccountMove.post(vouchers)
        cls.save(sales)
        Move.post_counter_cost(delivered)

    def _voucher_key(self):
        return (self.company.id, self.point.id, self.date)

    @classmethod
    def get_summary_move(cls, sales):
        "Return the voucher of the sales of a till on a date"
        moves = [sale.get_account_move() for sale in sales]
        numbers = sorted(s.number for s in sales)
        voucher = moves[0]
        voucher.origin = None
        voucher.description = gettext(
            'retail_cloud.msg_pos_sales_voucher',
            point=sales[0].point.rec_name, count=len(sales),
            first=numbers[0], last=numbers[-1])
        voucher.lines = summed_lines(
            [line for move in moves for line in move.lines])
        return voucher

    @classmethod
    def post_delivered(cls):
        "Post the vouchers of the completed sales (a scheduled job)"
        sales = cls.search([('state', '=', 'done')],
            order=[('company', 'ASC'), ('id', 'ASC')])
        for company, sales in groupby(sales, key=lambda s: s.company):
            # Read in their company, the lines' products give their taxes
            # at once (see POSSaleLine.taxes) instead of reading them again
            # for each line and each use
            with Transaction().set_context(company=company.id):
                cls.post(cls.browse(sales))


def format_rate(rate):
    "The rate as a percentage: 0.15 is 15%"
    return '{:f}%'.format((rate * 100).normalize())


def record_failed_login(database_name, login):
    "Count a failed login in a transaction of its own"
    with Transaction(new=True).start(database_name, 0):
        pool = Pool()
        LoginAttempt = pool.get('res.user.login.attempt')
        LoginAttempt.add(login)


class POSSaleLine(metaclass=PoolMeta):
    __name__ = 'sale.point.sale.line'

    returned_line = fields.Many2One(
        'sale.point.sale.line', "Returned Line", readonly=True,
        ondelete='RESTRICT',
        help="The line of the earlier sale whose goods this line takes back.")

    def returnable_by_lot(self):
        "Return the quantity per lot still returnable of the line"
        pool = Pool()
        Line = pool.get('sale.point.sale.line')
        returnable = defaultdict(float)
        # Unless told, the goods come back to the lots in the order they left
        moves = sorted(self.moves, key=lambda m: (
                m.lot.shelf_life_expiration_date or dt.date.max
                if m.lot else dt.date.max, m.id))
        for move in moves:
            if move.state == 'done':
                returnable[move.lot] += move.quantity
        for line in Line.search([('returned_line', '=', self.id)]):
            returnable[line.lot] += line.quantity
        return returnable

    def apply_discount(self, discount):
        "Lower the prices by the discount rate"
        pool = Pool()
        Line = pool.get('sale.point.sale.line')
        rate = 1 - discount
        for name in ['unit_list_price', 'unit_gross_price']:
            price = getattr(self, name)
            if price is not None:
                digits = getattr(Line, name).digits[1]
                setattr(self, name, (price * rate).quantize(
                        Decimal(1) / 10 ** digits))
        self.unit_price = self.on_change_with_unit_price()
        self.amount = self.on_change_with_amount()

    def get_stock_move(self):
        # A sale delivered at the counter has its moves already
        if self.moves:
            return
        return super().get_stock_move()


def summed_lines(lines):
    """Sum the move lines by account, party and side, with their taxes:
    sales apart from returns, as the VAT return declares them"""
    pool = Pool()
    Line = pool.get('account.move.line')
    TaxLine = pool.get('account.tax.line')
    balances = defaultdict(Decimal)
    tax_amounts = defaultdict(lambda: defaultdict(Decimal))
    for line in lines:
        balance = line.debit - line.credit
        key = (line.account, getattr(line, 'party', None), debit_side(line))
        balances[key] += balance
        for tax_line in getattr(line, 'tax_lines', None) or []:
            tax_amounts[key][(tax_line.type, tax_line.tax)] += tax_line.amount
    summed = []
    for key, balance in balances.items():
        account, party, _ = key
        taxes = {k: a for k, a in tax_amounts[key].items() if a}
        if not balance and not taxes:
            continue
        line = Line(account=account, party=party)
        set_signed(line, balance)
        line.tax_lines = [TaxLine(type=type_, tax=tax, amount=amount)
            for (type_, tax), amount in taxes.items()]
        summed.append(line)
    return summed


def debit_side(line):
    """The side a line sums on: its balance's, except a sale line's, which
    is its quantity's (a line of negative price stays with the sales)"""
    pool = Pool()
    SaleLine = pool.get('sale.point.sale.line')
    origin = getattr(line, 'origin', None)
    if isinstance(origin, SaleLine):
        return origin.quantity < 0
    return line.debit > line.credit


class POSCashSession(metaclass=PoolMeta):
    __name__ = 'sale.point.cash.session'

    variance = fields.Function(Monetary(
            "Variance", currency='currency', digits='currency',
            help="The cash counted less the cash expected, "
            "booked when the session closed."),
        'get_variance')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.__rpc__.update({
                'counter_session': RPC(),
                'counter_open': RPC(readonly=False),
                'counter_close': RPC(readonly=False),
                })

    @classmethod
    def counter_session(cls, point_id):
        """Return the open session of the till, or the float the next one
        opens with"""
        point = cls.counter_point(point_id)
        session = cls.open_session(point)
        if session:
            return session.counter_summary()
        last = cls.search([
                ('point', '=', point.id),
                ('next_session', '=', None),
                ], limit=1)
        return {
            'id': None,
            'state': None,
            'start_amount': last[0].end_amount if last else Decimal(0),
            }

    @classmethod
    def counter_open(cls, point_id):
        """Open the session of the till, on the cash its last session left
        in the drawer; return it"""
        point = cls.counter_point(point_id)
        return cls.get_current(point).counter_summary()

    @classmethod
    def counter_close(cls, point_id, counted):
        """Close the open session of the till on the cash counted, booking
        the variance; return it"""
        point = cls.counter_point(point_id)
        session = cls.open_session(point)
        if not session:
            raise CheckoutError(gettext(
                    'retail_cloud.msg_cash_session_not_open',
                    point=point.rec_name))
        summary = session.counter_summary()
        session.end_amount = session.currency.round(Decimal(str(counted)))
        session.save()
        cls.close([session])
        session = cls(session.id)
        summary.update(
            state=session.state,
            end_amount=session.end_amount,
            variance=session.variance)
        return summary

    @classmethod
    def counter_point(cls, point_id):
        pool = Pool()
        Sale = pool.get('sale.point.sale')
        return Sale.counter_point(point_id)

    @classmethod
    def get_current(cls, point):
        with Transaction().set_context(_cash_session_point=point.id):
            return super().get_current(point)

    @classmethod
    def lock(cls, records=None):
        pool = Pool()
        Point = pool.get('sale.point')
        point = Transaction().context.get('_cash_session_point')
        if records is None and point is not None:
            # Opening a till's session locks the till, not every till's
            # sessions: four tills opening at once wait for none
            Point.lock([Point(point)])
        else:
            super().lock(records)

    @classmethod
    def open_session(cls, point):
        sessions = cls.search([
                ('point', '=', point.id),
                ('state', '=', 'open'),
                ], limit=1)
        if sessions:
            return sessions[0]

    def counter_summary(self):
        "The session as the counter shows it"
        return {
            'id': self.id,
            'opened': self.create_date,
            'state': self.state,
            'start_amount': self.start_amount,
            'balance': self.balance,
            'expected': self.start_amount + self.balance,
            'takings': self.counter_takings(),
            }

    def counter_takings(self):
        """Return the amount taken by method at the till since the session
        opened, the cash of the session's own payments"""
        pool = Pool()
        Payment = pool.get('sale.point.payment')
        takings = defaultdict(Decimal)
        payments = Payment.search([
                ('sale.point', '=', self.point.id),
                ['OR',
                    ('session', '=', self.id),
                    [
                        ('method.cash', '=', False),
                        ('create_date', '>=', self.create_date),
                        ]],
                ])
        for payment in payments:
            takings[payment.method] += payment.amount
        return [{'method': m.rec_name, 'cash': bool(m.cash), 'amount': a}
            for m, a in sorted(takings.items(),
                key=lambda t: (not t[0].cash, t[0].rec_name))]

    def get_variance(self, name):
        store = self.point.store
        return sum((t.amount for t in self.transfers
                if t.type == store.cash_variance_type), Decimal(0))

    @classmethod
    def close(cls, sessions):
        # The difference of the count is booked, not refused
        pool = Pool()
        Transfer = pool.get('sale.point.cash.transfer')
        Transfer.save([t for s in sessions for t in [s.variance_transfer()]
                if t])
        super().close(cls.browse(sessions))

    def variance_transfer(self):
        "Return the transfer booking the difference of the count"
        pool = Pool()
        Transfer = pool.get('sale.point.cash.transfer')
        difference = self.end_amount - self.start_amount - self.balance
        variance_type = self.point.store.cash_variance_type
        if self.state == 'open' and difference and variance_type:
            return Transfer(
                point=self.point, session=self, type=variance_type,
                amount=difference)


class POSCashTransfer(metaclass=PoolMeta):
    __name__ = 'sale.point.cash.transfer'

    def get_move(self, account):
        # The till's cash is its store's
        return super().get_move(self.point.store.cash_account or account)


class Cron(metaclass=PoolMeta):
    __name__ = 'ir.cron'

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.method.selection.append(
            ('sale.point.sale|post_delivered', "Post Counter Sales"))
